/**
 * The edit keys a received update carries, read from its bytes without Yjs. The benches write
 * each edit's key (`<marker><decimal digits>`, e.g. `r1-42`) as a whole cell value; a reader finds
 * every key in the V1 update it receives (a string is written as its UTF-8 bytes after its length,
 * so an ASCII key stands in the bytes as written) and times the edit from it.
 */

/** Longest string whose V1 length is one byte (a varuint below 128). */
const ONE_BYTE_LENGTH = 127;

/**
 * Calls `found(key)` for each `<marker><digits>` in `update` that is a whole string of it, in order
 * (`key` includes the marker). The string's end is read from the length written before it (one
 * byte: keys are short), not from where the digits stop: the byte after a string belongs to what
 * follows it, and can be an ASCII digit. In an update merged from many (a server relaying a group
 * commit as one frame) a string is followed by the next writer's struct count or, last, by the
 * delete set's client count: `'0'`–`'9'` when that is 48–57; read up to the first non-digit, such a
 * key became another number (`r1-1028` + `'0'`) and its delivery was lost to every reader.
 * A marker inside a longer text is not a key.
 */
export function forEachMarkedKey(update: Uint8Array, marker: Buffer, found: (key: string) => void): void {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + marker.length)) {
    const length = at > 0 ? (bytes[at - 1] as number) : 0;
    const end = at + length;
    if (length <= marker.length || length > ONE_BYTE_LENGTH || end > bytes.length) continue;
    let digit = at + marker.length;
    while (digit < end && (bytes[digit] as number) >= 48 && (bytes[digit] as number) <= 57) digit++;
    if (digit === end) found(bytes.toString('latin1', at, end));
  }
}

/** A client whose received updates go to `onRemote` unapplied (`sync-client.ts`). */
export interface MarkedReader {
  onRemote: ((update: Uint8Array) => void) | null;
}

/**
 * Has each of `readers` call `got(key, now)` for the edit keys `<tag>-<digits>` in the updates it
 * receives (`now`: when the update came, ms of `performance.now`), each key once per reader: once
 * `got` has counted it (returned true). A key `got` does not count (one not sent yet, or not
 * recorded) is not remembered, so it is offered again. A server may send several edits in one
 * frame (Samplan sends a group commit as one), so every key in a frame is offered.
 */
export function onFirstKeys(readers: readonly MarkedReader[], tag: string, got: (key: string, now: number) => boolean): void {
  const marker = Buffer.from(`${tag}-`);
  for (const reader of readers) {
    const seen = new Set<string>();
    reader.onRemote = (update) => {
      const now = performance.now();
      forEachMarkedKey(update, marker, (key) => {
        if (!seen.has(key) && got(key, now)) seen.add(key);
      });
    };
  }
}
