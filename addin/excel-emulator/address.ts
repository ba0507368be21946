/**
 * A1-style addresses: parsing into zero-based rectangles and formatting back the way Excel
 * prints them (`Sheet1!A1:C3`, `'My sheet'!B2`, `Sheet1!A:A`, `Sheet1!3:4`).
 */

/** Number of rows in an Excel worksheet. */
export const MAX_ROWS = 1_048_576;
/** Number of columns in an Excel worksheet (A..XFD). */
export const MAX_COLUMNS = 16_384;

/** A zero-based rectangle of cells. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** An address split into its optional sheet name and its rectangle. */
export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

/** `0 → A`, `25 → Z`, `26 → AA`. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const cellPattern = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/;

interface Corner {
  col?: number;
  row?: number;
}

function parseCorner(text: string): Corner | undefined {
  const m = cellPattern.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const corner: Corner = {};
  if (m[1] !== undefined) corner.col = columnIndex(m[1]);
  if (m[2] !== undefined) corner.row = Number(m[2]) - 1;
  return corner;
}

/** Splits `Sheet!A1` into sheet and local part; quotes around the sheet name are removed. */
function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses an A1 address; returns undefined when it is not one. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const { sheet, local } = splitSheet(address.trim());
  const [a, b, extra] = local.split(':');
  if (a === undefined || extra !== undefined) return undefined;
  const start = parseCorner(a);
  const end = b === undefined ? start : parseCorner(b);
  if (!start || !end) return undefined;
  const wholeRows = start.col === undefined && end.col === undefined;
  const wholeCols = start.row === undefined && end.row === undefined;
  if ((start.col === undefined) !== (end.col === undefined)) return undefined;
  if ((start.row === undefined) !== (end.row === undefined)) return undefined;
  if (!wholeRows && !wholeCols && b === undefined && (start.col === undefined || start.row === undefined)) return undefined;
  const c0 = wholeRows ? 0 : Math.min(start.col ?? 0, end.col ?? 0);
  const c1 = wholeRows ? MAX_COLUMNS - 1 : Math.max(start.col ?? 0, end.col ?? 0);
  const r0 = wholeCols ? 0 : Math.min(start.row ?? 0, end.row ?? 0);
  const r1 = wholeCols ? MAX_ROWS - 1 : Math.max(start.row ?? 0, end.row ?? 0);
  if (c1 >= MAX_COLUMNS || r1 >= MAX_ROWS) return undefined;
  const rect = { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  return sheet === undefined ? { rect } : { sheet, rect };
}

/** Quotes a sheet name when Excel would (`'My sheet'`). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** Formats a rectangle without sheet name: `A1`, `A1:C3`, `A:B`, `2:5`. */
export function formatLocal(rect: Rect): string {
  const lastRow = rect.row + rect.rows - 1;
  const lastCol = rect.col + rect.cols - 1;
  if (rect.rows === MAX_ROWS) return `${columnLetters(rect.col)}:${columnLetters(lastCol)}`;
  if (rect.cols === MAX_COLUMNS) return `${rect.row + 1}:${lastRow + 1}`;
  const first = `${columnLetters(rect.col)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${columnLetters(lastCol)}${lastRow + 1}`;
}

/** Formats a rectangle with its sheet, as `Range.address` does. */
export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatLocal(rect)}`;
}

/** The overlap of two rectangles, or undefined. */
export function intersect(a: Rect, b: Rect): Rect | undefined {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  if (rowEnd <= row || colEnd <= col) return undefined;
  return { row, col, rows: rowEnd - row, cols: colEnd - col };
}

/** Whether `outer` fully contains `inner`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

/**
 * Where a rectangle ends up after `count` whole rows are inserted (`count > 0`) or deleted
 * (`count < 0`) at row `at`; undefined when deletion removes it entirely.
 */
export function shiftRect(rect: Rect, at: number, count: number): Rect | undefined {
  const end = rect.row + rect.rows;
  if (count > 0) {
    if (rect.row >= at) return { ...rect, row: rect.row + count };
    if (end > at) return { ...rect, rows: rect.rows + count };
    return rect;
  }
  const delEnd = at - count;
  const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(rect.row, at));
  const rows = rect.rows - overlap;
  if (rows <= 0) return undefined;
  const row = rect.row >= delEnd ? rect.row + count : rect.row >= at ? at : rect.row;
  return { ...rect, row, rows };
}
