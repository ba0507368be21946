/**
 * Finding the header row of an imported table. Swedish templates often put a title and a blank
 * row above the column names, so the header is not always the first row: of the first
 * {@link HEADER_SEARCH_ROWS} rows, the one with the most cells naming a column of the document's
 * kind (key, Swedish or English header, or synonym, as `mapHeaders` reads them, read with a group
 * row of merged cells above it: {@link groupLabels}) is taken, the
 * first on a tie, when those cells are a clear majority of its filled cells. When no row is, the
 * first row is still taken if any of its cells names a column (its other headers are reported as
 * unknown columns, as before); otherwise the import is refused with a sentence in Swedish and
 * English instead of ignoring every record.
 */
import type { DocKind } from '../../shared/schema/types.js';
import { AppError } from './errors.js';
import { carriedRight } from '../../shared/normalize/header-map.js';
import { mapHeaders } from './table.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** How many rows from the top may hold the header. */
export const HEADER_SEARCH_ROWS = 10;

/** A header cell as text: numbers as written, anything else empty. */
export function headerText(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  return typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : '';
}

/**
 * The group labels over the header row `at` of `table`: the row above it, a merged cell's label
 * carried right over the cells it spans (`carriedRight`), as the pane's adoption reads them; all
 * '' for the first row. `Mål` over `Motivationshöjning` then names `Mål: Motivationshöjning`.
 */
export function groupLabels(table: readonly (readonly unknown[])[], at: number): string[] {
  const width = table[at]?.length ?? 0;
  const above = at > 0 ? table[at - 1] : undefined;
  return carriedRight(Array.from({ length: width }, (_, c) => headerText(above?.[c])));
}

/** How well row `at` reads as the header (with the group row above it): cells naming a column, and filled cells. */
function score(kind: DocKind, table: readonly (readonly unknown[])[], at: number): { known: number; filled: number } {
  const names = (table[at] ?? []).map(headerText);
  const keys = mapHeaders(kind, names, groupLabels(table, at));
  return { known: keys.filter((k) => k !== null).length, filled: names.filter((n) => n !== '').length };
}

/**
 * Where the header of `table` is and how many of its cells name a column of `kind`, or null when
 * none of the first rows is a header ({@link findHeaderRow}'s rule: the row with the most such
 * cells, the first on a tie, when they are a clear majority of its filled cells; else the first
 * row when any of its cells names a column). An import weighs a workbook's sheets by `known`.
 */
export function headerFit(kind: DocKind, table: readonly (readonly unknown[])[]): { at: number; known: number } | null {
  let best = -1;
  let bestKnown = 0;
  const top = table.slice(0, HEADER_SEARCH_ROWS);
  top.forEach((_, i) => {
    const { known, filled } = score(kind, top, i);
    if (known > bestKnown && known * 2 > filled) {
      best = i;
      bestKnown = known;
    }
  });
  if (best >= 0) return { at: best, known: bestKnown };
  const first = top.length > 0 ? score(kind, top, 0).known : 0;
  return first > 0 ? { at: 0, known: first } : null;
}

/**
 * The index (0-based, in `table`) of the header row of an imported table of `kind`.
 *
 * @param table rows of cells as read (CSV text fields or XLSX typed cells), top first
 * @returns the index of the header row; rows above it are not records
 * @throws AppError 422 `no-header-row` with `details.message { sv, en }` when none of the first
 *   rows names a column of the kind (an empty table included)
 * @example findHeaderRow('activity-plan', [['Aktivitetsplan 2026'], ['Aktivitet', 'Typ'], ['Gympa', 'halsodag']]) // 1
 */
export function findHeaderRow(kind: DocKind, table: readonly (readonly unknown[])[]): number {
  const fit = headerFit(kind, table);
  if (fit) return fit.at;
  if (table.length === 0) return 0;
  const rows = Math.min(HEADER_SEARCH_ROWS, table.length);
  throw new AppError(422, 'no-header-row', `None of the first ${rows} rows holds the column names of this document; the file was not imported.`, {
    message: {
      sv: `Ingen av de ${numberText(rows, 'sv')} första raderna innehåller dokumentets kolumnnamn, så filen importerades inte. Lägg kolumnnamnen (t.ex. från en export) i en rad ovanför uppgifterna.`,
      en: `None of the first ${numberText(rows, 'en')} rows holds the column names of this document, so the file was not imported. Put the column names (from an export, say) in a row above the data.`,
    },
  });
}
