/**
 * Fill changes as few range formats as possible: cells of one colour that touch along a row make
 * one span, and equal spans (same columns, same colour) on consecutive rows make one rectangle.
 * A locked row is grey in every column, so a run of locked rows is one `format.fill` command,
 * not one per cell. Pure: no Excel.
 */

/** One cell's fill change (the binding's `FillOp`); `color` null clears the fill. */
export interface CellFill {
  row: number;
  col: number;
  color: string | null;
}

/** One rectangle of one fill change, in data-body coordinates; `color` null clears the fill. */
export interface FillRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
  color: string | null;
}

/**
 * The rectangles that make the same fill changes as `fills`. When the same cell is given twice
 * the last change wins, as it would applied in order.
 *
 * @example
 * fillRects([{ row: 0, col: 1, color: '#E7E6E6' }, { row: 0, col: 2, color: '#E7E6E6' }, { row: 1, col: 1, color: '#E7E6E6' }, { row: 1, col: 2, color: '#E7E6E6' }])
 * // [{ row: 0, col: 1, rows: 2, cols: 2, color: '#E7E6E6' }]
 */
export function fillRects(fills: readonly CellFill[]): FillRect[] {
  const byRow = new Map<number, Map<number, string | null>>();
  for (const f of fills) {
    let row = byRow.get(f.row);
    if (!row) byRow.set(f.row, (row = new Map()));
    row.set(f.col, f.color);
  }
  const rects: FillRect[] = [];
  /** Rectangles still growing downwards, by `col:cols:color`. */
  let open = new Map<string, FillRect>();
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = byRow.get(r) as Map<number, string | null>;
    const next = new Map<string, FillRect>();
    const cols = [...cells.keys()].sort((a, b) => a - b);
    for (let i = 0; i < cols.length; ) {
      const start = cols[i] as number;
      const color = cells.get(start) ?? null;
      let end = start;
      while (i + 1 < cols.length && cols[i + 1] === end + 1 && (cells.get(end + 1) ?? null) === color) {
        end++;
        i++;
      }
      i++;
      const key = `${start}:${end - start + 1}:${color ?? ''}`;
      const above = open.get(key);
      if (above && above.row + above.rows === r) {
        above.rows++;
        next.set(key, above);
      } else {
        const rect = { row: r, col: start, rows: 1, cols: end - start + 1, color };
        rects.push(rect);
        next.set(key, rect);
      }
    }
    open = next;
  }
  return rects;
}
