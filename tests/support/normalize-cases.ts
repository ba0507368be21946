/**
 * The normaliser table: inputs as people type them (or Excel and CSV files hold them), each with
 * the stored value or the problem code every path must give. Run through `normalizeCell`, CSV,
 * XLSX and JSON import (tests/server/http/normalize-table.test.ts) and through the sheet binding
 * (tests/addin/excel/normalize-table.test.ts). Dates without a year take the plan's year.
 */
import type { CellValue, DocKind } from '../../shared/schema/types.js';

export type Expect = { value: CellValue } | { code: string };
export type Case = [kind: DocKind, key: string, raw: string | number, expected: Expect];

/** A stored value. */
const v = (value: CellValue): Expect => ({ value });
/** A problem code. */
const no = (code: string): Expect => ({ code });

// prettier-ignore
export const CASES: Case[] = [
  // Dates: ISO, unpadded, slashes, day-first, month names, compact, with a time, impossible ones.
  ['activity-plan', 'startDate', '2025-03-12', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025-3-12', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025/03/12', v('2025-03-12')],
  ['activity-plan', 'startDate', '20250312', v('2025-03-12')],
  ['activity-plan', 'startDate', 20250312, v('2025-03-12')],
  ['activity-plan', 'startDate', 12.3, v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3/2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3 2026', v('2026-03-12')],
  ['activity-plan', 'startDate', '12.3.2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12.3.25', v('2025-03-12')],
  ['activity-plan', 'startDate', '12.3', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mars 2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mars', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mar', v('2025-03-12')],
  ['activity-plan', 'startDate', '12 mar. 2025', v('2025-03-12')],
  ['activity-plan', 'startDate', '1 December 2025', v('2025-12-01')],
  ['activity-plan', 'startDate', '3 okt 2025', v('2025-10-03')],
  ['activity-plan', 'startDate', '29/2 2024', v('2024-02-29')],
  ['activity-plan', 'startDate', '2025-03-12 10:00', v('2025-03-12')],
  ['activity-plan', 'startDate', '2025-03-12T10:00:00Z', v('2025-03-12')],
  ['activity-plan', 'startDate', '12/3 kl. 14.30', v('2025-03-12')],
  ['activity-plan', 'startDate', '31/2', no('not-date')],
  ['activity-plan', 'startDate', '2025-02-30', no('not-date')],
  ['activity-plan', 'startDate', '3/15/2025', no('not-date')],
  ['activity-plan', 'startDate', '12 marsch 2025', no('not-date')],
  ['activity-plan', 'startDate', 'igår', no('not-date')],
  ['activity-plan', 'startDate', '2025-13-01', no('not-date')],
  ['activity-plan', 'startDate', '29/2 2025', no('not-date')],
  // Integers and numbers: decimal comma, (no-break) space thousands, percent, minus signs.
  ['activity-plan', 'participantsPlanned', '40', v(40)],
  ['activity-plan', 'participantsPlanned', 40, v(40)],
  ['activity-plan', 'participantsPlanned', '1 200', v(1200)],
  ['activity-plan', 'participantsPlanned', '1\u00a0200', v(1200)],
  ['activity-plan', 'participantsPlanned', '1\u202f200', v(1200)],
  ['activity-plan', 'participantsPlanned', '12,5', no('not-integer')],
  ['activity-plan', 'participantsPlanned', 'tolv', no('not-number')],
  ['activity-plan', 'participantsPlanned', '12 st', no('not-number')],
  ['indicator-values', 'value', '12,5', v(12.5)],
  ['indicator-values', 'value', '12.5', v(12.5)],
  ['indicator-values', 'value', 12.5, v(12.5)],
  ['indicator-values', 'value', '1 234,5', v(1234.5)],
  ['indicator-values', 'value', '1\u00a0234,5', v(1234.5)],
  ['indicator-values', 'value', '23,8 %', v(23.8)],
  ['indicator-values', 'value', '23,8%', v(23.8)],
  ['indicator-values', 'value', '\u22125', v(-5)],
  ['indicator-values', 'value', '-5', v(-5)],
  ['indicator-values', 'value', ',5', v(0.5)],
  ['indicator-values', 'value', '0', v(0)],
  ['indicator-values', 'value', '1.234,5', no('not-number')],
  ['indicator-values', 'value', '1,234.5', no('not-number')],
  ['indicator-values', 'value', '12 34', no('not-number')],
  ['indicator-values', 'value', '12 procent', no('not-number')],
  ['indicator-values', 'value', 'n/a', no('not-number')],
  // Periods in every written form.
  ['indicator-values', 'period', '2025', v('2025')],
  ['indicator-values', 'period', 2025, v('2025')],
  ['indicator-values', 'period', 202406, v('202406')],
  ['indicator-values', 'period', '2025Q4', v('2025Q4')],
  ['indicator-values', 'period', '2025q4', v('2025Q4')],
  ['indicator-values', 'period', '2025 Q4', v('2025Q4')],
  ['indicator-values', 'period', '2025-Q4', v('2025Q4')],
  ['indicator-values', 'period', 'Q4 2025', v('2025Q4')],
  ['indicator-values', 'period', '2025 kv 4', v('2025Q4')],
  ['indicator-values', 'period', '2025 kv4', v('2025Q4')],
  ['indicator-values', 'period', 'kv 4 2025', v('2025Q4')],
  ['indicator-values', 'period', '4:e kvartalet 2025', v('2025Q4')],
  ['indicator-values', 'period', '2025S1', v('2025S1')],
  ['indicator-values', 'period', '2025 H1', v('2025S1')],
  ['indicator-values', 'period', 'H2 2025', v('2025S2')],
  ['indicator-values', 'period', '2025 halvår 1', v('2025S1')],
  ['indicator-values', 'period', '2025-12', v('202512')],
  ['indicator-values', 'period', '2025-1', v('202501')],
  ['indicator-values', 'period', '12/2025', v('202512')],
  ['indicator-values', 'period', 'dec 2025', v('202512')],
  ['indicator-values', 'period', 'december 2025', v('202512')],
  ['indicator-values', 'period', '2025Q5', no('not-period')],
  ['indicator-values', 'period', '202513', no('not-period')],
  ['indicator-values', 'period', 'Q4', no('not-period')],
  ['indicator-values', 'period', '2025-12-01', no('not-period')],
  ['indicator-values', 'period', 'hösten', no('not-period')],
  // Kommun codes: padded by column type, names read, checked against the kommun list.
  ['partners', 'kommun', '0180', v('0180')],
  ['partners', 'kommun', '180', v('0180')],
  ['partners', 'kommun', 180, v('0180')],
  ['partners', 'kommun', 127, v('0127')],
  ['partners', 'kommun', '680', v('0680')],
  ['partners', 'kommun', 'Botkyrka', v('0127')],
  ['partners', 'kommun', 'botkyrka kommun', v('0127')],
  ['partners', 'kommun', '0127 Botkyrka', v('0127')],
  ['partners', 'kommun', '1280', v('1280')],
  ['partners', 'kommun', '9999', no('not-kommun')],
  ['partners', 'kommun', '12', no('not-kommun')],
  ['partners', 'kommun', '01800', no('not-kommun')],
  ['partners', 'kommun', 'Atlantis', no('not-kommun')],
  // Unit codes of the workspace stay text; enums by value or label; x-columns; text trimmed.
  ['indicator-values', 'unit', 'vc-fittja', v('vc-fittja')],
  ['indicator-values', 'unit', 127, v('0127')],
  ['indicator-values', 'kon', 'K', v('K')],
  ['indicator-values', 'kon', 'kvinnor', v('K')],
  ['indicator-values', 'kon', 'Women', v('K')],
  ['indicator-values', 'kon', 'X', no('enum')],
  ['activity-plan', 'type', 'Promenadgrupp/Gågrupp', v('promenadgrupp')],
  ['activity-plan', 'type', 'halsodag', v('halsodag')],
  ['activity-plan', 'type', 'Fotboll', no('enum')],
  ['activity-plan', 'goals.motivation', 'x', v(true)],
  ['activity-plan', 'goals.motivation', 'Ja', v(true)],
  ['activity-plan', 'goals.motivation', 'nej', v(false)],
  ['activity-plan', 'goals.motivation', 'kanske', no('not-boolean')],
  ['activity-plan', 'title', '  Hälsoföreläsning Åsa  ', v('Hälsoföreläsning Åsa')],
  ['activity-plan', 'title', 2025, v('2025')],
];

/** The plan's year of the documents the table is run in (their title names it). */
export const YEAR = 2025;
