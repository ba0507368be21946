/**
 * Keeping each doc transaction of the binding under the sync frame limit. Every transaction
 * becomes one update, and the sync client sends each update as one frame; the server closes a
 * connection whose frame is over `Limits.maxFrameBytes`. A large local change (a 50,000-row
 * paste, a reconcile after a day offline) is therefore applied as several transactions, in
 * order, each estimated (`updateBytes`) at no more than half the frame limit.
 */
import { Limits } from '../../../shared/protocol/limits.js';
import { updateBytes } from './cell-bytes.js';
import type { TableLayout } from './layout.js';

/** Most estimated update bytes of one binding transaction: half a frame, for framing and for the estimate's error. */
export const TRANSACTION_BUDGET_BYTES = Limits.maxFrameBytes / 2;

/** Splits `items` into consecutive chunks whose sizes add up to at most `budget` (one item at least per chunk). */
export function chunksBySize<T>(items: readonly T[], sizeOf: (item: T) => number, budget = TRANSACTION_BUDGET_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > budget) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Estimated update bytes of writing a row as read from the table (raw values, id first) into the doc. */
export function rawRowUpdateBytes(layout: TableLayout, raw: readonly unknown[]): number {
  const values: Record<string, string | number | boolean | null> = {};
  layout.columns.forEach((column, i) => {
    const v = raw[i + 1];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[column.key] = v;
  });
  return updateBytes(values);
}
