/**
 * The refusal of `samplan unit rename` for a unit code the workspace does not have, with the codes
 * close to it (a typo, another case: `close-codes.ts`) or, when none is, the command that lists them.
 */
import { quoted } from './cli-args.js';
import { closeCodes } from './close-codes.js';
import type { Localized } from '../shared/schema/types.js';

/**
 * The sentence of a unit `code` that `workspace` does not have, its units' codes `known`:
 * `The workspace has no unit "vc-huby"; did you mean vc-husby?`, or, with none close, how to list them.
 */
export function unitNotFoundWords(workspace: string, code: string, known: readonly string[]): Localized {
  const close = closeCodes(code, known);
  const list = `samplan unit list --workspace ${workspace}`;
  if (close.length > 0) {
    return {
      sv: `Arbetsytan ${workspace} har ingen enhet med koden ${quoted(code)}; menade du ${close.join(' eller ')}? ${list} listar enheterna.`,
      en: `Workspace ${workspace} has no unit with code ${quoted(code)}; did you mean ${close.join(' or ')}? ${list} lists its units.`,
    };
  }
  const none = known.length === 0 ? { sv: ' Den har inga enheter än (samplan unit add).', en: ' It has no units yet (samplan unit add).' } : { sv: ` ${list} listar dem.`, en: ` ${list} lists them.` };
  return { sv: `Arbetsytan ${workspace} har ingen enhet med koden ${quoted(code)}.${none.sv}`, en: `Workspace ${workspace} has no unit with code ${quoted(code)}.${none.en}` };
}
