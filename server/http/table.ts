/**
 * Documents as tables: the header row from the schema (Swedish or English), an `id` column first
 * so that a re-import updates rows instead of duplicating them, and each cell as text the way
 * Excel shows it (an `x` for a ticked goal, a decimal comma for Swedish Excel).
 */
import { formatCell } from '../../shared/normalize/format-cell.js';
import { proposeMapping } from '../../shared/normalize/header-map.js';
import { shownName, type RefLookup } from '../../shared/normalize/ref-lookup.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { CellColumn, CellValue, DocKind, RowValues } from '../../shared/schema/types.js';
import type { Lang } from '../../shared/i18n/t.js';

/** Header of the row-id column in every export; import looks for it to match rows. */
export const ID_HEADER = 'id';

/** UI languages of headers (defined in `shared/i18n`). */
export type { Lang } from '../../shared/i18n/t.js';

/** A row ready for a table: its id and its cells. */
export interface TableRow {
  id: string;
  values: RowValues;
}

/** How cells become text. */
export interface TextOptions {
  lang: Lang;
  /** Write 1,5 instead of 1.5 (Swedish Excel). */
  decimalComma: boolean;
  /**
   * The workspace's partner list: a partner cell (`Samverkanspart`, which stores the partner's row
   * id) is written as the partner's name, which an import reads back to the id (`import-refs.ts`).
   * Without it, the stored text.
   */
  partners?: RefLookup | undefined;
}

/**
 * One cell as text, as the add-in shows it (`formatCell`): `x` for a ticked choice, the option's
 * label for an enum, a partner's name for its id (given {@link TextOptions.partners}); numbers
 * with a decimal comma when asked. Import reads all of it back.
 */
export function cellText(col: CellColumn, value: CellValue | undefined, opts: TextOptions): string {
  if (col.column.ref === 'partner' && typeof value === 'string' && opts.partners) return shownName(opts.partners, value);
  const shown = formatCell(col, value ?? null, opts.lang);
  if (typeof shown === 'number') {
    const text = String(shown);
    return opts.decimalComma ? text.replace('.', ',') : text;
  }
  return shown;
}

/** The header row of a kind: `id`, then every cell column's header in `lang`. */
export function headerCells(kind: DocKind, lang: Lang): string[] {
  return [ID_HEADER, ...cellColumns(kind).map((c) => c.header[lang])];
}

/** A document's rows as a table of text, header first. */
export function rowsToTable(kind: DocKind, rows: readonly TableRow[], opts: TextOptions): string[][] {
  const columns = cellColumns(kind);
  const body = rows.map((row) => [row.id, ...columns.map((col) => cellText(col, row.values[col.key], opts))]);
  return [headerCells(kind, opts.lang), ...body];
}

const ID_NAMES = new Set([ID_HEADER, 'rad-id', 'row id']);

/**
 * Map the headers of an imported table to cell keys, as the pane's adoption proposes them
 * (`proposeMapping` in shared/normalize/header-map.ts): a column's key, its Swedish or English
 * header or a common synonym ("Datum", "Antal deltagare"), case, spacing and punctuation
 * ignored (`Start datum`, `START-DATUM`), a hint in brackets after it too; each key taken by the first header that names it. `id` (or "Rad-id", "Row id") maps
 * to `'id'`; unknown and repeated headers to null. `groups` are the labels of a group row above
 * (`carriedRight`): "Mål" over "Motivationshöjning" reads as `Mål: Motivationshöjning`.
 *
 * @example mapHeaders('activity-plan', ['id', 'Datum', 'Aktivitet', 'Egen']) // ['id', 'startDate', 'title', null]
 */
export function mapHeaders(kind: DocKind, headers: readonly string[], groups: readonly string[] = []): (string | null)[] {
  const isId = headers.map((h) => ID_NAMES.has(h.trim().toLowerCase().replace(/\s+/g, ' ')));
  const proposed = proposeMapping(kind, headers.map((h, i) => (isId[i] ? '' : h)), groups);
  return headers.map((_, i) => (isId[i] ? ID_HEADER : (proposed[i] ?? null)));
}
