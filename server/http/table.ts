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

/**
 * The key of the row id in a JSON export of a kind with a column keyed `id` (the indicator
 * catalog's indicator id), where `id` is that column: `{ rowId, id: <indicator id>, … }`. Read
 * back as the row id by {@link mapHeaders}, so an exported catalog imported again updates its rows.
 */
export const JSON_ROW_ID_KEY = 'rowId';

/** Whether `kind` has a cell column keyed `id`, so its row id cannot be written as `id`. */
export function hasIdColumn(kind: DocKind): boolean {
  return cellColumns(kind).some((c) => c.key === ID_HEADER);
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

const ROW_ID_NAMES = new Set(['rad-id', 'row id', JSON_ROW_ID_KEY.toLowerCase()]);

/** The key {@link mapHeaders} gives the header that holds the row id: no column's key. */
export const ROW_ID_KEY = '\u0000row-id';

/** Which headers hold the row id (see {@link mapHeaders}). */
function rowIdHeaders(kind: DocKind, headers: readonly string[]): boolean[] {
  const names = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  const named = names.map((n) => ROW_ID_NAMES.has(n));
  const plainId = names.map((n) => n === ID_HEADER);
  if (!hasIdColumn(kind)) return names.map((_, i) => named[i] || plainId[i]) as boolean[];
  if (named.some(Boolean)) return named;
  const first = plainId.indexOf(true);
  const twoIds = first >= 0 && plainId.indexOf(true, first + 1) >= 0;
  return names.map((_, i) => twoIds && i === first);
}

/**
 * Map the headers of an imported table to cell keys, as the pane's adoption proposes them
 * (`proposeMapping` in shared/normalize/header-map.ts): a column's key, its Swedish or English
 * header or a common synonym ("Datum", "Antal deltagare"), case, spacing and punctuation
 * ignored (`Start datum`, `START-DATUM`), a hint in brackets after it too; each key taken by the first header that names it. `id` (or "Rad-id", "Row id") maps
 * to {@link ROW_ID_KEY}; unknown and repeated headers to null. `groups` are the labels of a group row above
 * (`carriedRight`): "Mål" over "Motivationshöjning" reads as `Mål: Motivationshöjning`.
 *
 * A kind with a column keyed `id` (the indicator catalog's indicator id) reads `id` as that
 * column, as the JSON export writes it (`{ id: <indicator id>, … }`); its row id comes only from
 * "Rad-id"/"Row id" (or the JSON export's `rowId`), or, where no such header is, from the first of two `id` headers (the table
 * export's `id`, `Id` order). Without this the indicator id was taken as the row id and no
 * `id` cell was written, so the indicator and its range were lost.
 *
 * @example mapHeaders('activity-plan', ['id', 'Datum', 'Aktivitet', 'Egen']) // [ROW_ID_KEY, 'startDate', 'title', null]
 * @example mapHeaders('indicator-catalog', ['Id', 'Namn']) // ['id', 'name']
 */
export function mapHeaders(kind: DocKind, headers: readonly string[], groups: readonly string[] = []): (string | null)[] {
  const isId = rowIdHeaders(kind, headers);
  const proposed = proposeMapping(kind, headers.map((h, i) => (isId[i] ? '' : h)), groups);
  return headers.map((_, i) => (isId[i] ? ROW_ID_KEY : (proposed[i] ?? null)));
}
