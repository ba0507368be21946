/**
 * Reads that grow with the table, split into requests whose response stays under Excel's
 * payload limit (Excel on the web refuses a request or a response over 5 MB with
 * `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`; every host refuses a
 * range read over 5,000,000 cells). Each page is sized from an estimate of its rows' bytes —
 * the caller's (measured from what the doc holds for the row) or the schema's widest cells —
 * scaled by what the pages read so far measured; a page Excel still refuses is halved and read
 * again. A small table is read in one request, as before.
 */
import { estimateRowBytes, schemaRowBytes } from './cell-bytes.js';
import type { SyncCounter } from './types.js';
import { isFreeText, type TableLayout } from './layout.js';
import type { ExcelRun } from './types.js';
import { PAYLOAD_BUDGET_BYTES } from './write-plan.js';
import { queuePercentCells, type PercentCells } from './percent-cells.js';
import { nameBack } from './table-name.js';

/** Estimated response bytes of body row `index` (0 = first data row); see `cell-bytes.ts`. */
export type RowEstimate = (index: number) => number;

/** The table's header row as read with its body: the texts and where the table's top left is. */
export interface TableShape {
  header: unknown[];
  top: { row: number; col: number };
}

/** Bytes of one id cell in a response (an id is 21 characters). */
const ID_CELL_BYTES = 40;
/** Bytes of one range command in a request (its object path, address and load). */
const RANGE_COMMAND_BYTES = 160;
/** Sheet columns Excel has; a band this wide meets every column of a table. */
const ALL_COLUMNS = 16_384;
/** Bytes of one cell's number format in a response (`["@"],`; longer formats are rare in a text column). */
const FORMAT_CELL_BYTES = 12;
/** Whole-table reads started again because the table changed between their requests. */
const MAX_ATTEMPTS = 3;

/** Whether Excel refused a request or its response as too large. */
export function isPayloadLimitError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** The error a whole-table read gives up with when the table kept changing under it. */
export class TableChangedError extends Error {
  readonly code = 'TableChangedWhileReading';
  constructor() {
    super('The table changed while it was being read, several times in a row.');
  }
}

async function sync(context: Excel.RequestContext, counter: SyncCounter): Promise<void> {
  counter.syncs++;
  await context.sync();
}

/** How the pages of one read are sized; `factor` learns from the pages read so far. */
class Pager {
  private factor = 1;
  constructor(
    private readonly estimate: RowEstimate,
    private readonly budget: number,
    /** Bytes each row adds besides its values (e.g. the number formats read with them), not learned. */
    private readonly extra = 0,
  ) {}

  /** Rows from `start` (at most `limit`) whose estimate fits the budget; at least one. */
  rows(start: number, limit: number): number {
    let bytes = 0;
    let n = 0;
    while (n < limit) {
      bytes += this.estimate(start + n) * this.factor + this.extra;
      if (n > 0 && bytes > this.budget) break;
      n++;
    }
    return n;
  }

  /** A page of `rows` came back: learn how far off the estimate was. */
  measured(start: number, rows: readonly (readonly unknown[])[]): void {
    if (rows.length === 0) return;
    let estimated = 0;
    let actual = 0;
    rows.forEach((row, i) => {
      estimated += this.estimate(start + i);
      actual += estimateRowBytes(row);
    });
    // A margin over what was measured: the next rows may be longer than these.
    this.factor = Math.max(0.05, (actual / Math.max(1, estimated)) * 1.25);
  }

  /** Excel refused a page of `rows`: the next try takes half, and the estimate doubles. */
  refused(rows: number): number {
    this.factor *= 2;
    return Math.floor(rows / 2);
  }
}

/**
 * Runs one page: `queue` loads it (and anything else) in a fresh request and returns how to
 * read it back after the sync. On a payload error the page is halved and tried again.
 */
async function readPage<T>(
  run: ExcelRun,
  counter: SyncCounter,
  pager: Pager,
  rows: number,
  queue: (context: Excel.RequestContext, rows: number) => () => T,
): Promise<{ result: T; rows: number }> {
  for (let n = rows; ; ) {
    try {
      const result = await run(async (context) => {
        const take = queue(context, n);
        await sync(context, counter);
        return take();
      });
      return { result, rows: n };
    } catch (error) {
      if (!isPayloadLimitError(error) || n <= 1) throw error;
      n = pager.refused(n);
    }
  }
}

function budgetOf(counter: SyncCounter): number {
  return counter.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
}

/** Whether every cell of a range read for its `numberFormat` is text-formatted; true for none (a null object). */
function allText(range: Excel.Range): boolean {
  return range.isNullObject || range.numberFormat.every((line) => line[0] === '@');
}

function shapeOf(header: Excel.Range): TableShape {
  return { header: header.values[0] ?? [], top: { row: header.rowIndex, col: header.columnIndex } };
}

/**
 * Reads the data body and the header row: rows of raw values (id column first, the person's
 * own columns at the right end included) and, per row, the number columns whose cell has a
 * percent format (`percent-cells.ts`), and whether every body cell of the free-text columns is text-formatted
 * (`text-formats.ts`), in as many requests as their size needs; one when it fits. `register` runs in the first request. `estimate` sizes the pages (default: the
 * schema's widest cells). When the id order at the end differs from the one the pages saw
 * (the person sorted or deleted meanwhile) the read starts again; after three tries it throws
 * {@link TableChangedError}. Throws Excel's error otherwise.
 */
export async function readBodyPaged(
  run: ExcelRun,
  layout: TableLayout,
  counter: SyncCounter,
  opts: { estimate?: RowEstimate; register?: (sheet: Excel.Worksheet) => void } = {},
): Promise<{ values: unknown[][]; percent: PercentCells; shape: TableShape; sheetProtected: boolean; textFormatted: boolean }> {
  const estimate = opts.estimate ?? (() => schemaRowBytes(layout, 0));
  // Handlers are registered by the first request only: one that Excel refused for its
  // response size has still run its commands.
  let register = opts.register;
  // Every body cell of each free-text column, read with its rows: `@` unless the table is older
  // or the person formatted or inserted rows otherwise (`text-formats.ts`). Excel gives each
  // cell's format (`Range.numberFormat` is per cell, never one value for a mixed range).
  const textCols = layout.columns.flatMap((c, i) => (isFreeText(c) ? [i + 1] : []));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const pager = new Pager(estimate, budgetOf(counter), textCols.length * FORMAT_CELL_BYTES);
    const first = await readPage(run, counter, pager, pager.rows(0, Number.POSITIVE_INFINITY), (context, n) => {
      // The table's own sheet, whatever its tab is called now: from here on reached by its id.
      const table = context.workbook.tables.getItem(layout.tableKey).load('id,name');
      const sheet = table.getRange().worksheet.load('id,name');
      const protection = sheet.protection.load('protected');
      register?.(sheet);
      register = undefined;
      const body = table.getDataBodyRange().load('rowIndex,columnIndex,rowCount,columnCount');
      const header = table.getHeaderRowRange().load('values,rowIndex,columnIndex');
      const top = layout.headerRow + 1;
      const page = table.getDataBodyRange().getIntersectionOrNullObject(sheet.getRangeByIndexes(top, 0, n, ALL_COLUMNS)).load('values');
      const percent = queuePercentCells(sheet, layout, top, n, table.getDataBodyRange());
      const band = sheet.getRangeByIndexes(top, 0, n, ALL_COLUMNS);
      const texts = textCols.map((col) => table.getDataBodyRange().getColumn(col).getIntersectionOrNullObject(band).load('numberFormat'));
      return () => ({ body, textFormatted: texts.every(allText), shape: shapeOf(header), values: page.isNullObject ? [] : page.values, percent: percent(), sheet: { id: sheet.id, name: sheet.name }, table: { id: table.id, name: table.name }, sheetProtected: protection.protected });
    });
    const { body, shape, sheetProtected } = first.result;
    let textFormatted = first.result.textFormatted;
    layout.tableKey = first.result.table.id;
    await nameBack(run, layout, first.result.table.name, counter);
    layout.sheetKey = first.result.sheet.id;
    layout.sheetName = first.result.sheet.name;
    // What the lifts and protects of later writes go by (`sheet-protection.ts`).
    (layout.protection ??= {}).sheet = sheetProtected;
    const values = first.result.values.slice(0, body.rowCount);
    const percent = first.result.percent.slice(0, values.length);
    percent.length = values.length;
    pager.measured(0, values);
    if (values.length >= body.rowCount) return { values, percent, shape, sheetProtected, textFormatted };
    while (values.length < body.rowCount) {
      const start = values.length;
      const page = await readPage(run, counter, pager, pager.rows(start, body.rowCount - start), (context, n) => {
        const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
        const range = sheet.getRangeByIndexes(body.rowIndex + start, body.columnIndex, n, body.columnCount).load('values');
        const cells = queuePercentCells(sheet, layout, body.rowIndex + start, n);
        const texts = textCols.map((col) => sheet.getRangeByIndexes(body.rowIndex + start, body.columnIndex + col, n, 1).load('numberFormat'));
        return () => ({ values: range.values, percent: cells(), textFormatted: texts.every(allText) });
      });
      textFormatted &&= page.result.textFormatted;
      pager.measured(start, page.result.values);
      percent.length = start;
      percent.push(...page.result.percent.slice(0, page.result.values.length));
      percent.length = start + page.result.values.length;
      values.push(...page.result.values);
    }
    const ids = await readIdColumnPaged(run, layout, counter);
    if (ids.length === values.length && ids.every((id, i) => id === values[i]?.[0])) return { values, percent, shape, sheetProtected, textFormatted };
  }
  throw new TableChangedError();
}

/**
 * Reads sheet rows `first..first+count-1` across Samplan's columns (and, per row, the number
 * columns whose cell has a percent format), with the table's body position and size and its header row, in as many requests as their size needs (one when it
 * fits). Rows are not checked against each other: each carries its id. After each page `stop`
 * may end the read early (the rows so far are returned, fewer than `count`).
 */
export async function readRowsPaged(
  run: ExcelRun,
  layout: TableLayout,
  first: number,
  count: number,
  counter: SyncCounter,
  estimate: RowEstimate = () => schemaRowBytes(layout, 0),
  stop?: (values: readonly (readonly unknown[])[], bodyRow: number) => boolean,
): Promise<{ values: unknown[][]; percent: PercentCells; bodyRow: number; bodyRows: number; shape: TableShape }> {
  // Sheet row → body index, as the binding knows the table: the estimate is by body index.
  const top = layout.headerRow + 1;
  const pager = new Pager((i) => estimate(first - top + i), budgetOf(counter));
  const head = await readPage(run, counter, pager, pager.rows(0, count), (context, n) => {
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
    const table = context.workbook.tables.getItem(layout.tableKey).load('name');
    const body = table.getDataBodyRange().load('rowIndex,rowCount');
    const header = table.getHeaderRowRange().load('values,rowIndex,columnIndex');
    const range = sheet.getRangeByIndexes(first, 0, n, layout.width).load('values');
    const percent = queuePercentCells(sheet, layout, first, n);
    return () => ({ bodyRow: body.rowIndex, bodyRows: body.rowCount, shape: shapeOf(header), values: range.values, percent: percent(), tableName: table.name });
  });
  await nameBack(run, layout, head.result.tableName, counter);
  const values = head.result.values;
  const percent = head.result.percent;
  percent.length = values.length;
  pager.measured(0, values);
  while (values.length < count && !stop?.(values, head.result.bodyRow)) {
    const start = values.length;
    const page = await readPage(run, counter, pager, pager.rows(start, count - start), (context, n) => {
      const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
      const range = sheet.getRangeByIndexes(first + start, 0, n, layout.width).load('values');
      const cells = queuePercentCells(sheet, layout, first + start, n);
      return () => ({ values: range.values, percent: cells() });
    });
    pager.measured(start, page.result.values);
    percent.push(...page.result.percent);
    percent.length = start + page.result.values.length;
    values.push(...page.result.values);
  }
  return { ...head.result, values, percent };
}

/** The whole id column of the table body, in as many requests as its size needs (one up to ~100,000 rows). */
export async function readIdColumnPaged(run: ExcelRun, layout: TableLayout, counter: SyncCounter): Promise<unknown[]> {
  const pager = new Pager(() => ID_CELL_BYTES, budgetOf(counter));
  const head = await readPage(run, counter, pager, pager.rows(0, Number.POSITIVE_INFINITY), (context, n) => {
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
    const table = context.workbook.tables.getItem(layout.tableKey);
    const body = table.getDataBodyRange().load('rowIndex,columnIndex,rowCount');
    const column = table.getDataBodyRange().getColumn(0);
    const page = column.getIntersectionOrNullObject(sheet.getRangeByIndexes(layout.headerRow + 1, 0, n, ALL_COLUMNS)).load('values');
    return () => ({ body, values: page.isNullObject ? [] : page.values });
  });
  const { body } = head.result;
  const ids = head.result.values.slice(0, body.rowCount).map((line) => line[0]);
  while (ids.length < body.rowCount) {
    const start = ids.length;
    const page = await readPage(run, counter, pager, pager.rows(start, body.rowCount - start), (context, n) => {
      const range = context.workbook.worksheets.getItem(layout.sheetKey).getRangeByIndexes(body.rowIndex + start, body.columnIndex, n, 1).load('values');
      return () => range.values;
    });
    ids.push(...page.result.map((line) => line[0]));
  }
  return ids;
}

/**
 * The id cells of the given data-body rows, to check rows before deleting them: consecutive
 * rows are read as one range, and the ranges go into as many requests as their size needs.
 * Rows a few apart share a range too: the cells between cost less than another range's command
 * (rows 1-3, 5-7, 9-11 … are one range, not one per run). The map holds the asked rows only.
 */
export async function readIdsAtPaged(run: ExcelRun, layout: TableLayout, rows: readonly number[], counter: SyncCounter): Promise<Map<number, unknown>> {
  // A range costs its command in the request and its cells in the response.
  const cost = (r: { count: number }): number => RANGE_COMMAND_BYTES + r.count * ID_CELL_BYTES;
  const budget = budgetOf(counter);
  const asked = new Set(rows);
  const runs: { row: number; count: number }[] = [];
  for (const row of [...asked].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    const joined = last && { row: last.row, count: row - last.row + 1 };
    const adjacent = last && last.row + last.count === row;
    if (last && joined && (adjacent || ((row - last.row - last.count) * ID_CELL_BYTES < RANGE_COMMAND_BYTES && cost(joined) <= budget))) last.count = joined.count;
    else runs.push({ row, count: 1 });
  }
  const found = new Map<number, unknown>();
  for (let i = 0; i < runs.length; ) {
    let n = 0;
    for (let bytes = 0; i + n < runs.length && (n === 0 || bytes + cost(runs[i + n] as { count: number }) <= budget); n++) bytes += cost(runs[i + n] as { count: number });
    const group = runs.slice(i, i + n);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(layout.sheetKey);
      const loads = group.map((r) => ({ r, range: sheet.getRangeByIndexes(layout.headerRow + 1 + r.row, 0, r.count, 1).load('values') }));
      await sync(context, counter);
      for (const { r, range } of loads) range.values.forEach((line, k) => void (asked.has(r.row + k) && found.set(r.row + k, line[0])));
    });
    i += n;
  }
  return found;
}
