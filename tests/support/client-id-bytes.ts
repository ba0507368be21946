/**
 * A client id's bytes as a Yjs update holds them, for tests that put chosen bytes after a text
 * (the raw-byte net's sweeps over client ids).
 */

/** The unsigned varint of `n`, as Yjs writes a client id: seven bits a byte, low first, 0x80 on all but the last. */
export function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 0x7f; n = Math.floor(n / 128)) out.push(0x80 | (n & 0x7f));
  out.push(n);
  return out;
}

/** The client whose varint marks where a client id stands in a template: five bytes, found nowhere else. */
export const MARK = 0xdeadbeef;
