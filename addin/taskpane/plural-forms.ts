/**
 * Counts said the way each language says them, shared by the pane's views (History, "Importera
 * fil"): the singular or plural form chosen by `Intl.PluralRules`, never by gluing an "s" on, and
 * the number grouped as the language writes it ("49 990" in Swedish with a no-break space,
 * "49,990" in English).
 */
import { fillPlaceholders } from '../../shared/i18n/placeholders.js';
import type { Lang } from './strings.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** The two forms of a count, `{n}` where the number goes: `{ one: '{n} rad', other: '{n} rader' }`. */
export type Forms = { one: string; other: string };

const rules: Record<Lang, Intl.PluralRules> = { sv: new Intl.PluralRules('sv-SE'), en: new Intl.PluralRules('en-GB') };

/** `n` as `lang` writes a count (`number-words.ts`): `groupedNumber(49990, 'sv')` → "49 990" (a no-break space). */
export function groupedNumber(n: number, lang: Lang): string {
  return numberText(n, lang);
}

/** Whether `lang` says `n` of a thing in the singular ("1 värde") or the plural. */
export function isSingular(n: number, lang: Lang): boolean {
  return rules[lang].select(n) === 'one';
}

/** `n` in the form of `forms` that `lang` uses for it, the number grouped: `sayCount({ one: '{n} rad', other: '{n} rader' }, 3, 'sv')` → "3 rader". */
export function sayCount(forms: Forms, n: number, lang: Lang): string {
  return fillPlaceholders(isSingular(n, lang) ? forms.one : forms.other, { n: groupedNumber(n, lang) });
}
