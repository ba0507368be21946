/**
 * Changes in this workbook that the server will not take (a role made read-only while offline,
 * an archived document, another unit's rows): which rows they are, compared with the server's
 * version, and the table a person keeps them in ("Spara mina ändringar i ett nytt blad").
 */
import { cellColumns } from '../../shared/schema/index.js';
import type { CellColumn, CellValue, DocKind, RowValues } from '../../shared/schema/types.js';
import { isXColumn, toExcel } from '../excel/sheet/cell-values.js';
import type { Lang } from './strings.js';
import { refusedWord } from './refused-changes-strings.js';

/** What a row in this workbook is, compared with the server's version. */
export type ChangeKind = 'changed' | 'new' | 'deleted';

/** One row of the document as a list of cells by column key. */
export interface RowOf {
  id: string;
  values: RowValues;
}

/** One row that differs from the server's version. */
export interface LocalChange {
  kind: ChangeKind;
  rowId: string;
  /** The row as it is here; for a deleted row, as the server has it. */
  values: RowValues;
  /** Column keys whose values differ from the server's (every column for a new or deleted row). */
  columns: string[];
}

/** Empty, unset and an unmarked `x` column are one value, as the sheet shows them. */
function same(column: CellColumn, a: CellValue | undefined, b: CellValue | undefined): boolean {
  const norm = (v: CellValue | undefined): CellValue => (v === undefined || v === '' || (v === false && isXColumn(column)) ? null : v);
  return norm(a) === norm(b);
}

/**
 * The rows of `local` (the document here) that differ from `shared` (the server's version of the
 * same document): rows changed here in some column of `kind`, rows only here (`new`), then rows
 * only on the server (`deleted` here), each list in its document's order.
 *
 * @example listLocalChanges('activity-plan', [{ id: 'r1', values: { activity: 'Hälsodag' } }], [{ id: 'r1', values: { activity: 'Stavgång' } }])
 * // → [{ kind: 'changed', rowId: 'r1', values: { activity: 'Stavgång' }, columns: ['activity'] }]
 */
export function listLocalChanges(kind: DocKind, shared: readonly RowOf[], local: readonly RowOf[]): LocalChange[] {
  const columns = cellColumns(kind);
  const theirs = new Map(shared.map((r) => [r.id, r.values]));
  const mine = new Set(local.map((r) => r.id));
  const out: LocalChange[] = [];
  for (const row of local) {
    const server = theirs.get(row.id);
    if (!server) {
      out.push({ kind: 'new', rowId: row.id, values: row.values, columns: columns.filter((c) => !same(c, row.values[c.key], null)).map((c) => c.key) });
      continue;
    }
    const changed = columns.filter((c) => !same(c, row.values[c.key], server[c.key])).map((c) => c.key);
    if (changed.length > 0) out.push({ kind: 'changed', rowId: row.id, values: row.values, columns: changed });
  }
  for (const row of shared) {
    if (!mine.has(row.id)) out.push({ kind: 'deleted', rowId: row.id, values: row.values, columns: columns.filter((c) => !same(c, row.values[c.key], null)).map((c) => c.key) });
  }
  return out;
}

/**
 * The kept changes as a sheet: a header row (what the row was, which columns changed, then the
 * document's columns in `lang`) and one row per change. Dates stay `YYYY-MM-DD` text, choices
 * show their label, `x` columns `x`; the row id comes last so a coordinator can find the row.
 */
export function changesTable(kind: DocKind, changes: readonly LocalChange[], lang: Lang): { header: string[]; rows: (string | number | boolean)[][] } {
  const columns = cellColumns(kind);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const header = [refusedWord('what', lang), refusedWord('columns', lang), ...columns.map((c) => c.header[lang]), refusedWord('rowId', lang)];
  const rows = changes.map((change) => [
    refusedWord(change.kind, lang),
    change.kind === 'changed' ? change.columns.map((k) => byKey.get(k)?.header[lang] ?? k).join(', ') : '',
    ...columns.map((c) => cellText(c, change.values[c.key], lang)),
    change.rowId,
  ]);
  return { header, rows };
}

function cellText(column: CellColumn, value: CellValue | undefined, lang: Lang): string | number | boolean {
  if (column.column.type === 'date' && typeof value === 'string') return value;
  return toExcel(column, value, lang);
}
