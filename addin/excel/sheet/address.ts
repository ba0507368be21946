/**
 * A1 addresses as change and selection events give them (`B3:D7`, `'Min plan'!C10`, `5:6`),
 * turned into zero-based sheet rows and columns.
 */

/** The rows (and, when the address names them, the columns) an address covers. */
export interface AddressRect {
  /** First sheet row, zero-based. */
  first: number;
  /** Number of rows. */
  count: number;
  /** Zero-based sheet columns; absent for whole rows (`3:5`). */
  columns?: Set<number>;
}

/**
 * Zero-based sheet rows and columns an A1 address covers (`B3:D7` → rows 2..6, columns 1..3;
 * `3:5` → rows, every column); undefined for whole columns or what is not an address.
 */
export function rectOfAddress(address: string): AddressRect | undefined {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = local.replace(/\$/g, '').split(':');
  const cornerOf = (part: string | undefined): { row?: number; col?: number } | undefined => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(part ?? '');
    if (!m || (!m[1] && !m[2])) return undefined;
    let col = 0;
    for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: m[2] ? Number(m[2]) - 1 : undefined, col: m[1] ? col - 1 : undefined };
  };
  const a = cornerOf(parts[0]);
  const b = parts.length > 1 ? cornerOf(parts[1]) : a;
  if (a?.row === undefined || b?.row === undefined) return undefined;
  const rect: AddressRect = { first: Math.min(a.row, b.row), count: Math.abs(b.row - a.row) + 1 };
  if (a.col !== undefined && b.col !== undefined) {
    rect.columns = new Set();
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) rect.columns.add(c);
  }
  return rect;
}

