/**
 * The counts of "Importera fil" said the way each language says them: "1 ny rad", "3 nya rader",
 * "1 rad (1 ny, 0 ändrade)", chosen by `Intl.PluralRules` as the History view's counts are
 * (`history-strings.ts`), and every number grouped as the language writes it ("50 000" in
 * Swedish, with a no-break space; "50,000" in English), since an import shows up to a document's
 * most rows.
 */
import type { Lang } from './strings.js';
import { groupedNumber, isSingular, sayCount, type Forms } from './plural-forms.js';

const COUNTS = {
  sv: {
    newRows: { one: '{n} ny rad', other: '{n} nya rader' },
    changedRows: { one: '{n} ändrad rad', other: '{n} ändrade rader' },
    rows: { one: '{n} rad', other: '{n} rader' },
    new: { one: '{n} ny', other: '{n} nya' },
    changed: { one: '{n} ändrad', other: '{n} ändrade' },
  },
  en: {
    newRows: { one: '{n} new row', other: '{n} new rows' },
    changedRows: { one: '{n} changed row', other: '{n} changed rows' },
    rows: { one: '{n} row', other: '{n} rows' },
    new: { one: '{n} new', other: '{n} new' },
    changed: { one: '{n} changed', other: '{n} changed' },
  },
} satisfies Record<Lang, Record<string, Forms>>;

/** What an import's count is of. */
export type ImportCounted = keyof (typeof COUNTS)['sv'];

/** `n` as `lang` writes a count: `importNumber(49990, 'sv')` → "49 990" (a no-break space). */
export function importNumber(n: number, lang: Lang): string {
  return groupedNumber(n, lang);
}

/** Whether `lang` says `n` of a thing in the singular ("1 värde") or the plural, for sentences whose other words agree too. */
export function importSingular(n: number, lang: Lang): boolean {
  return isSingular(n, lang);
}

/** `n` of `what` in `lang`: `importCount('newRows', 1, 'sv')` → "1 ny rad", `importCount('newRows', 3, 'sv')` → "3 nya rader". */
export function importCount(what: ImportCounted, n: number, lang: Lang): string {
  return sayCount(COUNTS[lang][what], n, lang);
}
