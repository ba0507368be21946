/**
 * Checks of the CLI's options that load no package: an id (a slug) and a name, by the same
 * pattern, lengths and characters as the API's zod schemas (`slugSchema`, `nameText`) and in the
 * same words, so that `samplan workspace`, `unit` and `rounds` say a mistake before zod is loaded
 * (`cli-check.ts`). The commands parse the values with those schemas after (`cli-workspace.ts`).
 */
import { CliError } from './cli-args.js';
import { SLUG_PATTERN, SLUG_WORDS } from './storage/slug.js';
import type { Localized } from '../shared/schema/types.js';
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { findTextFault, NAME_MAX, textFaultWords, trimName } from '../shared/validate/text-fault.js';
import { numberText } from '../shared/i18n/number-words.js';

/** The {@link CliError} class a command's argument mistakes are thrown as (`WorkspaceUsageError`). */
export type Mistake = new (message: Localized, argument: boolean) => CliError;

/** A `mistake` (an argument mistake) `<flag> <words>.` in both languages. */
function flagMistake(flag: string, words: Localized, mistake: Mistake): CliError {
  return new mistake({ sv: `${flag} ${words.sv}.`, en: `${flag} ${words.en}.` }, true);
}

/** `Missing <flag>.` when `value` is left out; `value` otherwise. */
function given(flag: string, value: string | undefined, mistake: Mistake): string {
  if (value === undefined) throw new mistake({ sv: `${flag} saknas.`, en: `Missing ${flag}.` }, true);
  return value;
}

/** `value` of `flag` when it is a slug (`slug.ts`); else a `mistake` saying it is missing or what it must be. */
export function slugFlag(flag: string, value: string | undefined, mistake: Mistake = CliError): string {
  const slug = given(flag, value, mistake);
  if (!SLUG_PATTERN.test(slug)) throw flagMistake(flag, SLUG_WORDS, mistake);
  return slug;
}

/**
 * `value` of `flag` trimmed when it is a name `nameText` takes (1–`NAME_MAX` characters,
 * none `findTextFault` refuses); else a `mistake` saying it is missing or what is wrong. A
 * name holding a personnummer passes here, as there: the identity guard refuses it next, in its words.
 */
export function nameFlag(flag: string, value: string | undefined, mistake: Mistake = CliError): string {
  const name = trimName(given(flag, value, mistake));
  if (name.length === 0) throw flagMistake(flag, { sv: 'får inte vara tom', en: 'must not be empty' }, mistake);
  if (name.length > NAME_MAX) throw flagMistake(flag, { sv: `får ha högst ${numberText(NAME_MAX, 'sv')} tecken`, en: `must have at most ${numberText(NAME_MAX, 'en')} characters` }, mistake);
  const fault = findTextFault(name);
  if (fault && findPersonnummer(name) === null) throw flagMistake(flag, textFaultWords(fault), mistake);
  return name;
}
