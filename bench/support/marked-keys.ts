/**
 * The edit keys a received update carries, read from its bytes without Yjs. The benches write
 * each edit's key (`<marker><decimal digits>`, e.g. `r1-42`) into the cell text they send; a reader
 * finds every key in the V1 update it receives (strings are written as UTF-8, so an ASCII key
 * stands in the bytes as written) and times the edit from it.
 */

/** Calls `found(key)` for each `<marker><digits>` in `update`, in order (`key` includes the marker). */
export function forEachMarkedKey(update: Uint8Array, marker: Buffer, found: (key: string) => void): void {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + marker.length)) {
    let end = at + marker.length;
    while (end < bytes.length && (bytes[end] as number) >= 48 && (bytes[end] as number) <= 57) end++;
    found(bytes.subarray(at, end).toString());
  }
}
