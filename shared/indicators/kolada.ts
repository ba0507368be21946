import { z } from 'zod';
import type { RowValues } from '../schema/types.js';
import { isPeriod } from '../catalog/period.js';
import { checkWords } from '../i18n/check-words.js';
import type { IndicatorTableRow } from './table.js';
import { numberText } from '../i18n/number-words.js';

/**
 * Kolada-shaped JSON (the open Swedish municipal statistics API's `data` format), so indicator
 * values can be exchanged with tools that read Kolada: one entry per indicator, unit and period,
 * with one value per kön. `kpi` holds our indicator id and `municipality` our unit code; neither is
 * an official Kolada code unless the workspace uses official codes itself.
 */
export const koladaValueSchema = z.object({
  gender: z.enum(['T', 'K', 'M']),
  count: z.number().int().nonnegative().default(1),
  status: z.string().default(''),
  value: z.number().nullable(),
});

/** The longest period text taken: the cell reader's longest words (`halvår 2 2024`, `september 2024`) with room to spare. */
const MAX_PERIOD_TEXT = 32;

const YEAR_WORDS = { sv: 'ska som tal vara ett år, t.ex. 2024', en: 'must as a number be a year, e.g. 2024' };
const DIGITS_WORDS = {
  sv: 'ska med bara siffror vara ett år (2024) eller en månad (202406)',
  en: 'must in digits alone be a year (2024) or a month (202406)',
};

/** What a period in text looks like, for a text too short or too long to be one (zod's own words were English only: "Too big: expected string to have <=7 characters"). */
const TEXT_WORDS = {
  sv: `ska vara en period som text, t.ex. 2024Q3, 202406, 2024 kv 3, jun-24 eller mars 2024 (4–${numberText(MAX_PERIOD_TEXT, 'sv')} tecken)`,
  en: `must be a period as text, e.g. 2024Q3, 202406, 2024 Q3, Jun-24 or March 2024 (4–${numberText(MAX_PERIOD_TEXT, 'en')} characters)`,
};

/**
 * A Kolada period: a year as a number, as Kolada writes it (`2024`), or text (`2024Q3`, as
 * `toKolada` writes a shorter period; words such as `jun-24` or `2024 kv 3` are read as a file's
 * cell is, and a row whose period the cell reader does not take is refused with its reason).
 * Digits alone are a period code or refused: the cell reader takes a number of another length for
 * an Excel date serial, which JSON never holds (`45658` was imported as January 2025, `20245` refused
 * as the day 1955-06-05).
 */
const koladaPeriod = z.union([
  z.number().int().min(1900, checkWords(YEAR_WORDS)).max(9999, checkWords(YEAR_WORDS)),
  z
    .string()
    .min(4, checkWords(TEXT_WORDS))
    .max(MAX_PERIOD_TEXT, checkWords(TEXT_WORDS))
    .refine((text) => !/^\d+$/.test(text) || isPeriod(text), checkWords(DIGITS_WORDS)),
]);

/** One Kolada entry. */
export const koladaEntrySchema = z.object({
  kpi: z.string().min(1).max(64),
  municipality: z.string().min(1).max(64),
  period: koladaPeriod,
  values: z.array(koladaValueSchema),
});

/** A page of Kolada data. */
export const koladaPageSchema = z.object({
  count: z.number().int().nonnegative().optional(),
  values: z.array(koladaEntrySchema),
  next_page: z.string().nullable().optional(),
});

/** A Kolada entry. */
export type KoladaEntry = z.infer<typeof koladaEntrySchema>;
/** A Kolada page. */
export type KoladaPage = z.infer<typeof koladaPageSchema>;

/** Groups table rows into Kolada entries (yearly periods become numbers, as Kolada writes them). */
export function toKolada(rows: readonly IndicatorTableRow[]): KoladaEntry[] {
  const byKey = new Map<string, KoladaEntry>();
  for (const r of rows) {
    const key = `${r.indicator}\u0000${r.unit}\u0000${r.period}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { kpi: r.indicator, municipality: r.unit, period: /^\d{4}$/.test(r.period) ? Number(r.period) : r.period, values: [] };
      byKey.set(key, entry);
    }
    entry.values.push({ gender: r.kon, count: 1, status: r.value === null ? 'Missing' : '', value: r.value });
  }
  return [...byKey.values()];
}

/** One page of entries plus the link to the next, as Kolada pages its answers. */
export function koladaPage(entries: readonly KoladaEntry[], page: number, perPage: number, pageUrl: (page: number) => string): KoladaPage {
  const start = (page - 1) * perPage;
  const values = entries.slice(start, start + perPage);
  const hasNext = start + perPage < entries.length;
  return { count: values.length, values, next_page: hasNext ? pageUrl(page + 1) : null };
}

/**
 * Turns Kolada entries into `indicator-values` rows (one per kön). A Kolada value of null stays
 * null: missing is never written as 0. Preliminary/final status is not part of Kolada's shape.
 */
export function rowsFromKolada(entries: readonly KoladaEntry[], source = 'Kolada-import'): RowValues[] {
  const rows: RowValues[] = [];
  for (const e of entries) {
    for (const v of e.values) {
      rows.push({
        indicator: e.kpi,
        unit: e.municipality,
        period: String(e.period),
        kon: v.gender,
        value: v.value,
        source,
      });
    }
  }
  return rows;
}
