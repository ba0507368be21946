/** Translating message keys into the reader's language. */
import type { Localized } from '../schema/types.js';
import { MESSAGES, REASON_NAMES, type MessageKey } from './messages.js';
import { fillPlaceholders } from './placeholders.js';

/** The UI languages. */
export type Lang = 'sv' | 'en';

/** Swedish is the default language. */
export const DEFAULT_LANG: Lang = 'sv';

/** A message parameter: plain text or a number, or a text in both languages (e.g. a header). */
export type MessageParam = string | number | Localized;

/** Parameters filled into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** The language for a BCP 47 tag such as Office's `displayLanguage`: English for `en-*`, else Swedish. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
}

/**
 * A number as a message in `lang` writes it: Swedish with a decimal comma (`1234,5`, as Swedish
 * Excel shows and a coordinator types it), English with a point; no thousands separator, so a
 * year or a code reads as typed (`2026`, not `2 026`).
 */
export function numberText(n: number, lang: Lang): string {
  const text = String(n);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

/** A parameter as `lang` writes it: a number by {@link numberText}, a text in both languages in `lang`'s. */
function show(p: MessageParam, lang: Lang): string {
  if (typeof p === 'number') return numberText(p, lang);
  return typeof p === 'object' ? p[lang] : p;
}

function fill(template: string, lang: Lang, params: MessageParams | undefined): string {
  return fillPlaceholders(template, params, (p) => show(p, lang));
}

/**
 * The message `key` in `lang` with `params` filled in.
 * @throws MissingPlaceholderError when `params` lacks one of the message's placeholders
 * @example t('required', 'en', { column: { sv: 'Aktivitet', en: 'Activity' } }) // 'Activity is required.'
 */
export function t(key: MessageKey, lang: Lang = DEFAULT_LANG, params?: MessageParams): string {
  return fill(MESSAGES[key][lang], lang, params);
}

/**
 * The message `key` in both languages, as a problem's `message`.
 * @throws MissingPlaceholderError when `params` lacks one of the message's placeholders
 */
export function localized(key: MessageKey, params?: MessageParams): Localized {
  return { sv: fill(MESSAGES[key].sv, 'sv', params), en: fill(MESSAGES[key].en, 'en', params) };
}

/**
 * Words in both languages with `params` filled in, as {@link localized} fills a message.
 * @throws MissingPlaceholderError when `params` lacks one of the words' placeholders
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
