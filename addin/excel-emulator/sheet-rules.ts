/**
 * A sheet's rules on rectangles of cells, kept apart from its cells: list data validation and
 * custom-formula conditional formats, and how their rectangles move when rows or columns are
 * inserted or deleted (Excel moves them with the cells).
 */
import { shiftRect, type Rect } from './address.js';

/** A list data-validation rule on a rectangle. */
export interface ValidationModel {
  rect: Rect;
  rule: { list: { inCellDropDown: boolean; source: string } };
  /**
   * What Excel does with a typed value outside the list: `Stop` refuses it (Excel's default),
   * `Warning` asks and keeps it on "Yes", `Information` tells and keeps it.
   */
  errorAlert: ErrorAlertModel;
}

/** `Excel.DataValidationErrorAlert`: title ≤ 32 and message ≤ 255 characters, as Excel enforces. */
export interface ErrorAlertModel {
  showAlert: boolean;
  style: 'Stop' | 'Warning' | 'Information';
  title: string;
  message: string;
}

/** Excel's error alert for a new validation rule. */
export const DEFAULT_ERROR_ALERT: ErrorAlertModel = { showAlert: true, style: 'Stop', title: '', message: '' };

/** A custom-formula conditional format on a rectangle. */
export interface ConditionalFormatModel {
  id: string;
  rect: Rect;
  type: string;
  formula: string;
  fill?: string;
  fontColor?: string;
}

/** What holds the rules: a sheet (`SheetModel`). */
export interface RuleHolder {
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
}

/** Applies `move` to every rule's rectangle; a rule whose rectangle goes (undefined) goes. */
function moveRules(sheet: RuleHolder, move: (rect: Rect) => Rect | undefined): void {
  sheet.validations = sheet.validations.flatMap((v) => {
    const rect = move(v.rect);
    return rect ? [{ ...v, rect }] : [];
  });
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((f) => {
    const rect = move(f.rect);
    return rect ? [{ ...f, rect }] : [];
  });
}

/** Moves the rules with whole sheet rows inserted (`count` > 0) or deleted (`count` < 0) at `at`. */
export function shiftRuleRows(sheet: RuleHolder, at: number, count: number): void {
  moveRules(sheet, (rect) => shiftRect(rect, at, count));
}

/**
 * Moves the rules with cells that shift right (`count` > 0, columns inserted at `at`) or left
 * (`count` < 0, columns deleted from `at`) inside `rows`, as a table column insert or delete
 * does. A rectangle across `at` grows or shrinks; one inside deleted columns goes. Rectangles
 * reaching outside `rows` stay (Excel would split them).
 */
export function shiftRuleColumns(sheet: RuleHolder, at: number, count: number, rows: { row: number; rows: number }): void {
  moveRules(sheet, (rect) => {
    if (rect.row < rows.row || rect.row + rect.rows > rows.row + rows.rows || rect.col + rect.cols <= at) return rect;
    if (count > 0) return rect.col >= at ? { ...rect, col: rect.col + count } : { ...rect, cols: rect.cols + count };
    const gone = { from: at, to: at - count };
    const keepLeft = Math.max(0, Math.min(rect.col + rect.cols, gone.from) - rect.col);
    const keepRight = Math.max(0, rect.col + rect.cols - Math.max(rect.col, gone.to));
    if (keepLeft + keepRight === 0) return undefined;
    return { ...rect, col: rect.col < gone.from ? rect.col : gone.from, cols: keepLeft + keepRight };
  });
}
