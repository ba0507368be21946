/**
 * Samplan's own English for a zod issue, for the CLI and the server's settings, which speak
 * English to IT: the words after the flag or setting (`--name must not be empty`). zod's default
 * messages ("Too small: expected string to have >=1 characters", "Invalid option: expected one of
 * …", "Invalid input: expected string, received number") are a programmer's words; a check that
 * says what it wants in words of its own (`{ error: 'must be …' }`) keeps them.
 *
 * The REST refusals (`validationHook`) give these words in `details.issues[].message` and
 * `details.message.en`, beside the Swedish of the same issues (`issue-words.ts`, `issueWordsSv`).
 */
import { z } from 'zod';
import { isMissing, type IssueLike } from './issue-words.js';
import { valueAsTyped } from './number-words.js';

/** zod's `expected` type names as a person reads them (`must be …`). */
const TYPE_EN: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  date: 'a date',
};

/** zod's string formats as a person reads them (`must be …`). */
const FORMAT_EN: Readonly<Record<string, string>> = {
  date: 'a date YYYY-MM-DD that exists',
  datetime: 'a time per ISO 8601 (YYYY-MM-DDThh:mm:ssZ)',
  email: 'an e-mail address',
  url: 'a web address (URL)',
  uuid: 'a UUID',
  lowercase: 'in lower-case letters',
  uppercase: 'in upper-case letters',
};

const zodEnglish = z.locales.en().localeError;

/**
 * Whether `issue.message` is zod's own default English rather than words a check gave. zod 4
 * keeps no received value on a finished issue, so an `invalid_type` default is known by its form.
 */
export function isZodDefaultMessage(issue: IssueLike): boolean {
  if (issue.code === 'invalid_type' && /^Invalid input: expected \S+, received \S+$/.test(issue.message)) return true;
  const made = zodEnglish({ ...issue, input: undefined } as never);
  const text = typeof made === 'string' ? made : made?.message;
  return text === issue.message;
}

/** A bound or a choice as English writes it: `12,000`, `0.5` (`valueAsTyped`). */
const en = (v: unknown): string => valueAsTyped(v, 'en');

const plural = (n: unknown, one: string, many: string) => `${en(n)} ${n === 1 ? one : many}`;

function sizeWords(issue: IssueLike, big: boolean): string {
  const n = big ? issue.maximum : issue.minimum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (!big && n === 1) return 'must not be empty';
    return issue.exact === true ? `must have exactly ${plural(n, 'character', 'characters')}` : big ? `must have at most ${plural(n, 'character', 'characters')}` : `must have at least ${plural(n, 'character', 'characters')}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') return big ? `must have at most ${plural(n, 'value', 'values')}` : `must have at least ${plural(n, 'value', 'values')}`;
  if (big) return inclusive ? `must be at most ${en(n)}` : `must be less than ${en(n)}`;
  return inclusive ? `must be at least ${en(n)}` : `must be more than ${en(n)}`;
}

/** `"a", "b" or "c"`. */
function choices(values: unknown): string {
  const shown = (Array.isArray(values) ? values : []).map((v) => (typeof v === 'string' ? `"${v}"` : en(v)));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1] ?? ''}`;
}

/**
 * The English words after the flag or setting for `issue`, for every zod 4 issue code, without
 * a full stop: a check's own words when it gave some, else Samplan's (never zod's default).
 * `input.value` is what was validated: an `invalid_type` issue whose path finds no value there is
 * "is missing" (as `issueWordsSv` reads it); without `input` zod's English message decides.
 *
 * @example
 * issueWordsEn({ code: 'too_small', origin: 'string', minimum: 1, message: 'Too small: expected string to have >=1 characters' }); // 'must not be empty'
 */
export function issueWordsEn(issue: IssueLike, input?: { readonly value: unknown }): string {
  if (!isZodDefaultMessage(issue)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      if (isMissing(issue, input)) return 'is missing';
      const expected = typeof issue.expected === 'string' ? TYPE_EN[issue.expected] : undefined;
      return expected ? `must be ${expected}` : 'has the wrong kind of value';
    }
    case 'too_small':
      return sizeWords(issue, false);
    case 'too_big':
      return sizeWords(issue, true);
    case 'invalid_format': {
      const format = typeof issue.format === 'string' ? FORMAT_EN[issue.format] : undefined;
      return format ? `must be ${format}` : 'does not have the form it needs';
    }
    case 'not_multiple_of':
      return `must be a multiple of ${en(issue.divisor)}`;
    case 'invalid_value':
      return `must be ${choices(issue.values)}`;
    case 'unrecognized_keys':
      return `has ${Array.isArray(issue.keys) && issue.keys.length === 1 ? 'a field' : 'fields'} it does not take: ${choices(issue.keys).replace(' or ', ', ')}`;
    case 'invalid_union':
      return 'fits none of the kinds of value taken';
    case 'invalid_key':
      return 'has a key that cannot be used';
    default:
      return 'has a value that cannot be used';
  }
}
