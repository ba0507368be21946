/**
 * The binding's table found by its rows: when neither its name nor its tab is found on opening,
 * the person renamed the table, or converted it to a range, while the pane was closed, and its
 * tab no longer has the name the binding looks for (the tab renamed too, or the document's title
 * changed meanwhile). The binding's cells are then the one place, among
 * - the tables not under a Samplan name (those are other documents'), and
 * - the sheets holding no table (a table converted to a range),
 * whose header starts with the hidden id column (`ID_HEADER`) and whose id column holds a row id
 * of this document. Before, a second table was made on a new tab and what was typed in the first
 * never reached the document, with nothing said. When several places hold this document's ids
 * (a copy of the sheet, two documents imported from one file), none is taken and nothing new is
 * made: the binding says so, naming the tabs (`binding-context.ts`, `table-ambiguous`).
 */
import { ID_HEADER } from './layout.js';
import type { SyncCounter } from './types.js';

/** How every table name Samplan gives begins (`tableNameFor`). */
export const TABLE_PREFIX = 'Samplan_';

/**
 * Most rows of a sheet's id column read to tell whether it holds this document's rows: a row id
 * is at most 64 characters (`ROW_ID_PATTERN`), so one read stays far under Excel on the web's
 * 5 MB response limit; a sheet of this document holds its ids from the first rows on.
 */
export const ID_ROWS_READ = 5_000;

/** Where this document's rows were found: a table (its id), a sheet holding no table, or several places (their tabs). */
export type ByIds =
  | { kind: 'table'; id: string; sheetName: string }
  | { kind: 'range'; sheetName: string }
  | { kind: 'several'; sheetNames: string[] };

/**
 * Looks for the place holding a row id for which `ours` is true, among `tables` and the sheets
 * `sheetNames` (both loaded by the caller, with their names); the header row is sheet row
 * `headerRow` (0-based). One sync, and one more when a sheet holding no table has Samplan's
 * header; none when the workbook has neither. Undefined when no place holds such a row.
 */
export async function findByIds(
  context: Excel.RequestContext,
  tables: Excel.TableCollection,
  sheetNames: readonly string[],
  headerRow: number,
  ours: (id: string) => boolean,
  counter: SyncCounter,
): Promise<ByIds | undefined> {
  const candidates = tables.items
    .filter((t) => !t.name.startsWith(TABLE_PREFIX))
    .map((t) => {
      const header = t.getHeaderRowRange().load('values');
      return { table: t, header, ids: t.columns.getItemAt(0).getDataBodyRange().load('values'), sheet: header.worksheet.load('name') };
    });
  const sheets = sheetNames.map((name) => {
    const sheet = context.workbook.worksheets.getItem(name);
    return {
      name,
      tables: sheet.tables.load('items/id'),
      first: sheet.getRangeByIndexes(headerRow, 0, 1, 1).load('values'),
      used: sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount'),
    };
  });
  if (candidates.length === 0 && sheets.length === 0) return undefined;
  counter.syncs++;
  await context.sync();
  const found: ({ kind: 'table'; id: string; sheetName: string } | { kind: 'range'; sheetName: string })[] = candidates
    .filter((c) => isIdHeader(c.header.values[0]?.[0]) && holds(c.ids.values, ours))
    .map((c) => ({ kind: 'table' as const, id: c.table.id, sheetName: c.sheet.name }));
  const ranges = sheets
    .filter((s) => s.tables.items.length === 0 && isIdHeader(s.first.values[0]?.[0]) && !s.used.isNullObject && s.used.rowIndex + s.used.rowCount - 1 > headerRow)
    .map((s) => {
      const rows = Math.min(ID_ROWS_READ, s.used.rowIndex + s.used.rowCount - 1 - headerRow);
      return { name: s.name, ids: context.workbook.worksheets.getItem(s.name).getRangeByIndexes(headerRow + 1, 0, rows, 1).load('values') };
    });
  if (ranges.length > 0) {
    counter.syncs++;
    await context.sync();
    for (const r of ranges) if (holds(r.ids.values, ours)) found.push({ kind: 'range', sheetName: r.name });
  }
  if (found.length > 1) return { kind: 'several', sheetNames: found.map((f) => f.sheetName) };
  return found[0];
}

function isIdHeader(cell: unknown): boolean {
  return typeof cell === 'string' && cell.trim().toLowerCase() === ID_HEADER;
}

function holds(values: readonly (readonly unknown[])[], ours: (id: string) => boolean): boolean {
  return values.some((row) => typeof row[0] === 'string' && ours(row[0].trim()));
}
