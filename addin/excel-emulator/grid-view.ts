/**
 * A plain, render-ready view of a sheet's cells for the browser playground's grid: shown text,
 * colours, hidden rows and columns, dropdown lists, table headers and the selection.
 */
import { formatLocal, parseAddress, type Rect } from './address.js';
import type { Scalar } from './cell-values.js';
import { DEFAULT_COLUMN_WIDTH } from './sheet-model.js';
import type { WorkbookModel } from './workbook-model.js';

/** One cell as the grid draws it. */
export interface CellView {
  value: Scalar;
  text: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold: boolean;
  /** The dropdown's choices when the cell has list validation with a literal list. */
  dropdown?: string[];
  /** Whether the cell is a table header. */
  header: boolean;
}

/** A rectangle of a sheet, ready to draw. */
export interface GridView {
  sheet: string;
  rect: Rect;
  cells: CellView[][];
  rowHidden: boolean[];
  columnHidden: boolean[];
  columnWidths: number[];
  tables: { name: string; address: string }[];
  /** Selected address on this sheet, if the selection is here. */
  selection?: string;
  protected: boolean;
}

/**
 * Builds the view of `address` on a sheet; by default the used range from A1 plus a margin of
 * `margin` empty rows and columns.
 */
export function viewGrid(model: WorkbookModel, sheetName: string, address?: string, margin = 5): GridView | undefined {
  const sheet = model.sheet(sheetName);
  if (!sheet) return undefined;
  const used = sheet.usedRect(false);
  const rect = address !== undefined
    ? parseAddress(address)?.rect
    : { row: 0, col: 0, rows: (used ? used.row + used.rows : 0) + margin, cols: (used ? used.col + used.cols : 0) + margin };
  if (!rect) return undefined;
  const tables = model.tablesOn(sheet);
  const cells = sheet.map(rect, (r, c): CellView => {
    const cell = sheet.cell(r, c);
    const value = sheet.value(r, c);
    const source = sheet.validationAt(r, c)?.rule.list.source;
    const view: CellView = {
      value,
      text: sheet.text(r, c),
      bold: cell?.bold === true,
      header: tables.some((t) => t.rect.row === r && c >= t.rect.col && c < t.rect.col + t.rect.cols),
    };
    if (cell?.formula !== undefined) view.formula = cell.formula;
    if (cell?.fill !== undefined) view.fill = cell.fill;
    if (cell?.fontColor !== undefined) view.fontColor = cell.fontColor;
    if (source !== undefined && !source.startsWith('=')) view.dropdown = source.split(',').map((s) => s.trim());
    return view;
  });
  const view: GridView = {
    sheet: sheet.name,
    rect,
    cells,
    rowHidden: Array.from({ length: rect.rows }, (_, i) => sheet.rowHidden(rect.row + i)),
    columnHidden: Array.from({ length: rect.cols }, (_, i) => sheet.columns[rect.col + i]?.hidden === true),
    columnWidths: Array.from({ length: rect.cols }, (_, i) => sheet.columns[rect.col + i]?.width ?? DEFAULT_COLUMN_WIDTH),
    tables: tables.map((t) => ({ name: t.name, address: formatLocal(t.rect) })),
    protected: sheet.protected,
  };
  if (model.selection?.sheetId === sheet.id) view.selection = formatLocal(model.selection.rect);
  return view;
}
