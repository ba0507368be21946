/**
 * Turning a set of dirty cells into as few rectangular writes as possible, and splitting the
 * writes so that no request exceeds Excel's payload limit. Pure: no Excel, no Yjs.
 */

/** Excel rejects requests over ~5 MB; stay well below it (JSON size of the values). */
export const PAYLOAD_BUDGET_BYTES = 4 * 1024 * 1024;

/** A rectangular write in data-body coordinates (row 0 = first data row, col 0 = id column). */
export interface Block {
  row: number;
  col: number;
  values: (string | number | boolean)[][];
}

/** Estimated JSON size of a value matrix, plus the command's own overhead. */
export function estimateBytes(values: readonly (readonly unknown[])[]): number {
  let bytes = 128;
  for (const row of values) {
    bytes += 2;
    for (const v of row) bytes += typeof v === 'string' ? v.length + 3 : typeof v === 'number' ? 12 : 6;
  }
  return bytes;
}

/**
 * Groups dirty cells (row → sorted column indexes) into blocks: first each row's columns into
 * contiguous spans, then spans with the same columns on consecutive rows into one rectangle.
 */
export function planBlocks(
  dirty: ReadonlyMap<number, readonly number[]>,
  valueAt: (row: number, col: number) => string | number | boolean,
): Block[] {
  const spans = new Map<string, number[]>();
  for (const [row, cols] of dirty) {
    const sorted = [...new Set(cols)].sort((a, b) => a - b);
    let start = sorted[0];
    for (let i = 0; i < sorted.length && start !== undefined; i++) {
      const col = sorted[i] as number;
      const next = sorted[i + 1];
      if (next !== col + 1) {
        const key = `${start}:${col}`;
        let rows = spans.get(key);
        if (!rows) spans.set(key, (rows = []));
        rows.push(row);
        start = next;
      }
    }
  }
  const blocks: Block[] = [];
  for (const [key, rows] of spans) {
    const [c0, c1] = key.split(':').map(Number) as [number, number];
    rows.sort((a, b) => a - b);
    let first = rows[0] as number;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (rows[i + 1] === row + 1) continue;
      const values: (string | number | boolean)[][] = [];
      for (let r = first; r <= row; r++) {
        const line: (string | number | boolean)[] = [];
        for (let c = c0; c <= c1; c++) line.push(valueAt(r, c));
        values.push(line);
      }
      blocks.push({ row: first, col: c0, values });
      first = rows[i + 1] as number;
    }
  }
  return blocks.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Splits a block by rows so that each part fits into `budget` bytes. */
export function splitBlock(block: Block, budget = PAYLOAD_BUDGET_BYTES): Block[] {
  const parts: Block[] = [];
  let start = 0;
  let bytes = 128;
  for (let i = 0; i < block.values.length; i++) {
    const rowBytes = estimateBytes([block.values[i] as unknown[]]) - 128;
    if (i > start && bytes + rowBytes > budget) {
      parts.push({ row: block.row + start, col: block.col, values: block.values.slice(start, i) });
      start = i;
      bytes = 128;
    }
    bytes += rowBytes;
  }
  parts.push({ row: block.row + start, col: block.col, values: block.values.slice(start) });
  return parts;
}

/** Packs items with known sizes into consecutive requests of at most `budget` bytes each. */
export function packRequests<T>(items: readonly T[], sizeOf: (item: T) => number, budget = PAYLOAD_BUDGET_BYTES): T[][] {
  const requests: T[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    const current = requests[requests.length - 1] as T[];
    if (current.length > 0 && bytes + size > budget) {
      requests.push([item]);
      bytes = size;
    } else {
      current.push(item);
      bytes += size;
    }
  }
  return requests;
}

/** A body row a write went into that held another row than the one it meant. */
export interface Missed {
  /** Data-body row, counted as the table stands after the write. */
  row: number;
  /** The row id the write meant to find there (null: a row read without an id). */
  meant: string | null;
  /** The row id found there. */
  hit: string;
  /** Sheet column → the value the write replaced there (see `writeBatch`). */
  replaced: ReadonlyMap<number, unknown>;
  /** The id the write put into the id cell, when it wrote that cell. */
  wroteId?: string;
  /** Columns of `meant` to write again from the doc (null: the whole row); the whole row when absent. */
  columns?: readonly (string | null)[];
}
