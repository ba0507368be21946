/**
 * The refusal of `samplan unit rename` for a unit code the workspace does not have, with the codes
 * close to it (a typo, another case) or, when none is, the command that lists them.
 */
import { quoted } from './cli-args.js';
import type { Localized } from '../shared/schema/types.js';

/** Edits (insert, delete, change a character) between `a` and `b`, Levenshtein's distance. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The codes of `known` close to `code`, closest first, at most 3: one that holds it or is held in
 * it, or one at most a third of its length of edits away (at least 1, at most 3), case aside.
 *
 * @example
 * closeCodes('vc-huby', ['vc-husby', 'vc-tensta']); // ['vc-husby']
 */
export function closeCodes(code: string, known: readonly string[]): string[] {
  const c = code.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(c.length / 3)));
  return known
    .map((k) => ({ k, d: editDistance(c, k.toLowerCase()), holds: c !== '' && (k.toLowerCase().includes(c) || c.includes(k.toLowerCase())) }))
    .filter(({ d, holds }) => d <= limit || holds)
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : 1))
    .slice(0, 3)
    .map(({ k }) => k);
}

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
