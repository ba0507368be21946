/**
 * Checks every add-in write goes through before it touches the workbook.
 */
import { apiError, ErrorCode } from './errors.js';
import type { SheetModel } from './sheet-model.js';

/** Fails like Excel when writing to a protected sheet. */
export function guardWrite(sheet: SheetModel, location: string): void {
  if (sheet.protected) {
    throw apiError(
      ErrorCode.accessDenied,
      location,
      'The cell or chart you’re trying to change is on a protected sheet. To make a change, unprotect the sheet.',
    );
  }
}

/** Validates a 2-D array against a range's size; a single non-array value fills the range. */
export function shapeValues(input: unknown, rows: number, cols: number, location: string): unknown[][] {
  if (input === null || input === undefined) throw apiError(ErrorCode.invalidArgument, location);
  if (!Array.isArray(input)) {
    return Array.from({ length: rows }, () => new Array<unknown>(cols).fill(input));
  }
  if (input.length !== rows || input.some((line) => !Array.isArray(line) || line.length !== cols)) {
    throw apiError(
      ErrorCode.invalidArgument,
      location,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
    );
  }
  return input as unknown[][];
}
