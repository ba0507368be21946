/** Translating message keys into the reader's language. */
import type { Localized } from '../schema/types.js';
import { MESSAGES, REASON_NAMES, type MessageKey } from './messages.js';
import { numberAsTyped } from './number-words.js';
import { fillOrShowMissing, type PlaceholderValues } from './placeholders.js';

/** The UI languages. */
export type Lang = 'sv' | 'en';

/** Swedish is the default language. */
export const DEFAULT_LANG: Lang = 'sv';

/** A message parameter: plain text or a number, or a text in both languages (e.g. a header). */
export type MessageParam = string | number | Localized;

/** Parameters filled into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * The parameters of the message `K`, by its Swedish text: each of its placeholders, required, and
 * no other where an object literal is written. For a key chosen at run time (a union of keys) the
 * placeholders of every message it may be, so the compiler checks those call sites too.
 * @example MessageValues<'below-min'> // { column, value, min }, each a MessageParam
 */
export type MessageValues<K extends MessageKey> = PlaceholderValues<(typeof MESSAGES)[K]['sv'], MessageParam>;

/** The language for a BCP 47 tag such as Office's `displayLanguage`: English for `en-*`, else Swedish. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
}

/**
 * A parameter as `lang` writes it: a number with every digit it has, in the one Swedish form of
 * `number-words.ts` (`numberAsTyped`: `−1,5`, `12 000`, a year's `2026` together), a text in both
 * languages in `lang`'s.
 */
function show(p: MessageParam, lang: Lang): string {
  if (typeof p === 'number') return numberAsTyped(p, lang);
  return typeof p === 'object' ? p[lang] : p;
}

/**
 * `template` filled from `params` (typed by the caller: {@link MessageValues}, or free words in
 * {@link fillLocalized}); a value missing all the same throws under a test runner and is shown as
 * `{name}` and reported elsewhere (`fillOrShowMissing`), so it never fails a whole request.
 */
function fill(template: string, lang: Lang, params: unknown): string {
  return fillOrShowMissing(template, params as MessageParams | undefined, (p) => show(p, lang));
}

/**
 * The message `key` in `lang` with `params` filled in: one value per placeholder of the message,
 * checked by the compiler ({@link MessageValues}).
 * @throws MissingPlaceholderError under a test runner, when `params` lacks one of the message's
 *   placeholders all the same (elsewhere it is shown as `{name}` and reported)
 * @example t('required', 'en', { column: { sv: 'Aktivitet', en: 'Activity' } }) // 'Activity is required.'
 */
export function t<K extends MessageKey>(key: K, lang: Lang = DEFAULT_LANG, params: MessageValues<K>): string {
  return fill(MESSAGES[key][lang], lang, params);
}

/**
 * The message `key` in both languages, as a problem's `message`, its values checked by the
 * compiler ({@link MessageValues}).
 * @throws MissingPlaceholderError under a test runner, when `params` lacks one of the message's
 *   placeholders all the same (elsewhere it is shown as `{name}` and reported)
 */
export function localized<K extends MessageKey>(key: K, params: MessageValues<K>): Localized {
  return { sv: fill(MESSAGES[key].sv, 'sv', params), en: fill(MESSAGES[key].en, 'en', params) };
}

/**
 * Words in both languages with `params` filled in, as {@link localized} fills a message. The
 * words are any text, so the compiler cannot check the values: a caller whose words come from a
 * catalogue types them there (`PeriodRefusal`).
 * @throws MissingPlaceholderError under a test runner, when `params` lacks one of the words'
 *   placeholders (elsewhere it is shown as `{name}` and reported)
 */
export function fillLocalized(words: Localized, params?: MessageParams): Localized {
  return { sv: fill(words.sv, 'sv', params), en: fill(words.en, 'en', params) };
}

/**
 * The short name of a problem code in `lang` ("värde saknas" for `required`); a code without
 * one (from a newer server, say) is shown as it is rather than hidden.
 */
export function reasonName(code: string, lang: Lang = DEFAULT_LANG): string {
  return Object.hasOwn(REASON_NAMES, code) ? REASON_NAMES[code as keyof typeof REASON_NAMES][lang] : code;
}
