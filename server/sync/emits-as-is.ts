/**
 * Whether Yjs, applying an update to a doc, would emit exactly the update's own bytes. Yjs encodes
 * a transaction's update (`cleanupTransactions`) only while the doc has an `update` listener, and
 * the room listens (what is emitted is what is stored and relayed): for the commonest update, one
 * cell written, that encoding repeats the bytes that came. When this says so, the room applies
 * the update with its listeners hidden and hands them the incoming bytes (`room-apply.ts`), and
 * integrates the one item from what was read here ({@link integrateAsIs}) instead of having Yjs
 * decode the bytes again.
 *
 * It says so only for a one-cell write `readCellWrite` (`cell-write.ts`) reads against the doc
 * whose integration is fully known: nothing pending in the doc's store (a new struct could let
 * pending ones in, and they would be emitted too), the clock the next expected of its client (so
 * nothing is dropped or kept pending), the row a live `Y.Map`, and the cell's current entry exactly
 * the value the update replaces and deletes (live), or no entry when the update has no origin: so
 * the new item lands rightmost, stays live, merges with nothing, and the transaction deletes
 * exactly what the update's delete set names. And the bytes are Yjs' own encoding of that item and
 * delete set (`writeItem`, `ContentAny.write`, `writeDeleteSet` of Yjs 13), compared byte for byte
 * in place, field by field as lib0's encoder would write each (nothing is encoded or copied):
 * a client's non-canonical encoding (a long varuint, a float for an integer, a key's bytes that do
 * not survive UTF-8) is answered false, and the room lets Yjs encode. Checked against what Yjs
 * emits over generated streams in `tests/server/sync/emits-as-is.test.ts`.
 */
import * as Y from 'yjs';
import { readCellWrite, type CellWriteBytes } from '../../shared/validate/cell-write.js';
import { ANY_FALSE, ANY_FLOAT32, ANY_FLOAT64, ANY_INTEGER, ANY_NULL, ANY_STRING, ANY_TRUE, CONTENT_ANY, HAS_ORIGIN, HAS_PARENT_SUB } from '../../shared/validate/v1-bytes.js';


/** A cell write {@link asIsWrite} accepted: what `readCellWrite` read (the new item's id included). */
export type AsIsWrite = CellWriteBytes;

/** True when applying `update` (V1) to `doc` now emits `update` itself, byte for byte. Never throws. */
export function emitsAsIs(doc: Y.Doc, update: Uint8Array): boolean {
  return asIsWrite(doc, update) !== null;
}

/**
 * The cell write `update` (V1) is when applying it to `doc` now emits `update` itself, byte for
 * byte ({@link emitsAsIs}), or null. What it returns holds for `doc` as it is: it is to be
 * integrated ({@link integrateAsIs}) before anything else changes `doc`. `read`: what
 * `readCellWrite` read of `update` when it was checked (`cellWriteRead` of its verdict), taken
 * instead of reading it again while it holds for `doc` (its clock still the next of its client,
 * its row of `doc`; the row and the cell's entry are checked here in any case). Never throws.
 */
export function asIsWrite(doc: Y.Doc, update: Uint8Array, read?: CellWriteBytes): AsIsWrite | null {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return null;
  let write = read !== undefined && read.clock === Y.getState(store, read.client) && read.row.parent instanceof Y.AbstractType && read.row.parent.doc === doc ? read : null;
  if (write === null) {
    try {
      write = readCellWrite(doc, update);
    } catch {
      return null;
    }
  }
  if (write === null) return null;
  const { row, column, value, replaced, client, clock } = write;
  if (row.deleted || !(row.content instanceof Y.ContentType)) return null;
  const current = row.content.type._map.get(column);
  if (replaced === null ? current !== undefined : current !== replaced || replaced.deleted) return null;
  // The bytes are compared with the item read: `read` is of these bytes, or was read from them here.
  if (!canonical(update, client, clock, row, column, value, replaced)) return null;
  return write;
}

/**
 * Whether `write` ({@link asIsWrite} of `doc`) still holds for `doc`: nothing pending, its clock
 * still the next of its client, its row live and the cell's entry still the value it replaces.
 * A few lookups, for a write read earlier and integrated later (`room-apply.ts`).
 */
export function stillAsIs(doc: Y.Doc, write: AsIsWrite): boolean {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null || Y.getState(store, write.client) !== write.clock) return false;
  const { row, column, replaced } = write;
  if (row.deleted || !(row.content instanceof Y.ContentType)) return false;
  const current = row.content.type._map.get(column);
  return replaced === null ? current === undefined : current === replaced && !replaced.deleted;
}

/**
 * Integrate `write` ({@link asIsWrite} of the same doc, unchanged since) in `tr`, as Yjs' own apply
 * of its bytes does (`readUpdateV2` of Yjs 13.6: the transaction marked remote, the item built as
 * `readClientsStructRefs` builds it with its left, origin and parent resolved as `Item.getMissing`
 * resolves them, then `Item.integrate` at offset 0, which also deletes the replaced value, so the
 * update's delete set has nothing left to do), without decoding the bytes again or Yjs'
 * per-update struct tables. Held against Yjs' apply in `emits-as-is.test.ts` and
 * `emits-as-is-canonical.test.ts` (the same docs, the same emitted updates after later writes).
 */
export function integrateAsIs(tr: Y.Transaction, write: AsIsWrite): void {
  tr.local = false;
  const { row, column, value, replaced } = write;
  const parent = (row.content as Y.ContentType).type;
  const item = new Y.Item(Y.createID(write.client, write.clock), replaced, replaced === null ? null : replaced.lastId, null, null, parent, column, new Y.ContentAny([value]));
  item.integrate(tr, 0);
}

/**
 * Whether `u` is, byte for byte, Yjs' V1 encoding of the one-item update `readCellWrite` read
 * (the new item `client`/`clock` in `row`'s `column`, `value`, deleting `replaced`): each field
 * compared in place with what lib0's encoder would write for it (no encoder, no copy).
 */
function canonical(u: Uint8Array, client: number, clock: number, row: Y.Item, column: string, value: string | number | boolean | null, replaced: Y.Item | null): boolean {
  // One struct group of one struct; its client and clock, in their shortest encoding.
  let p = varUint(u, varUint(u, 0, 1), 1);
  p = varUint(u, varUint(u, p, client), clock);
  if (replaced !== null) {
    if (u[p] !== (CONTENT_ANY | HAS_ORIGIN | HAS_PARENT_SUB)) return false;
    p = varUint(u, varUint(u, p + 1, replaced.id.client), replaced.id.clock);
  } else {
    if (u[p] !== (CONTENT_ANY | HAS_PARENT_SUB)) return false;
    p = varUint(u, p + 1, 0);
    p = varString(u, varUint(u, varUint(u, p, row.id.client), row.id.clock), column);
  }
  p = primitive(u, varUint(u, p, 1), value);
  if (replaced === null) p = varUint(u, p, 0);
  else {
    p = varUint(u, varUint(u, varUint(u, p, 1), replaced.id.client), 1);
    p = varUint(u, varUint(u, p, replaced.id.clock), 1);
  }
  return p === u.byteLength;
}

// Each matcher below compares the bytes of `u` from `p` with what lib0's namesake writer
// (`lib0/encoding`) writes, and returns the position after them, or -1 when they differ (a
// position of -1 matches nothing, so a chain of matchers carries a mismatch to its end).

/** `writeVarUint(n)`: seven bits a byte, lowest first, the top bit set on all but the last. */
function varUint(u: Uint8Array, p: number, n: number): number {
  if (p < 0) return -1;
  while (n > 0x7f) {
    if (u[p++] !== (0x80 | (n & 0x7f))) return -1;
    n = Math.floor(n / 128);
  }
  return u[p] === n ? p + 1 : -1;
}

/** `writeVarInt(n)`: six bits and the sign (set for -0 too) in the first byte, then seven a byte. */
function varInt(u: Uint8Array, p: number, n: number): number {
  if (p < 0) return -1;
  const negative = n !== 0 ? n < 0 : 1 / n < 0;
  if (negative) n = -n;
  if (u[p++] !== ((n > 0x3f ? 0x80 : 0) | (negative ? 0x40 : 0) | (n & 0x3f))) return -1;
  n = Math.floor(n / 64);
  while (n > 0) {
    if (u[p++] !== ((n > 0x7f ? 0x80 : 0) | (n & 0x7f))) return -1;
    n = Math.floor(n / 128);
  }
  return p;
}

/**
 * `writeVarString(s)`: its UTF-8 length, then its UTF-8 bytes as `TextEncoder` makes them (a lone
 * surrogate as U+FFFD), compared code point by code point.
 */
function varString(u: Uint8Array, p: number, s: string): number {
  if (p < 0) return -1;
  // The length is checked against the bytes the string takes, once they are matched.
  const head = p;
  while (p < u.length && (u[p] as number) >= 0x80) p++;
  if (p >= u.length) return -1;
  let length = 0;
  for (let i = p; i >= head; i--) length = length * 128 + ((u[i] as number) & 0x7f);
  if (varUint(u, head, length) !== p + 1) return -1;
  const end = ++p + length;
  if (end > u.length) return -1;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (p >= end || u[p++] !== c) return -1;
      continue;
    }
    if (c < 0x800) {
      if (p + 2 > end || u[p] !== (0xc0 | (c >> 6)) || u[p + 1] !== (0x80 | (c & 0x3f))) return -1;
      p += 2;
      continue;
    }
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
      if (p + 4 > end || u[p] !== (0xf0 | (c >> 18)) || u[p + 1] !== (0x80 | ((c >> 12) & 0x3f))) return -1;
      if (u[p + 2] !== (0x80 | ((c >> 6) & 0x3f)) || u[p + 3] !== (0x80 | (c & 0x3f))) return -1;
      p += 4;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (p + 3 > end || u[p] !== (0xe0 | (c >> 12)) || u[p + 1] !== (0x80 | ((c >> 6) & 0x3f)) || u[p + 2] !== (0x80 | (c & 0x3f))) return -1;
    p += 3;
  }
  return p === end ? end : -1;
}

/** Scratch for a float's big-endian bytes, as lib0's `writeFloat32`/`writeFloat64` set them. */
const floatBytes = new Uint8Array(8);
const floatView = new DataView(floatBytes.buffer);

/**
 * `writeAny(value)` of a primitive: its type byte, then an integer within 31 bits as `writeVarInt`,
 * another number as a float32 when that holds it exactly (lib0's `isFloat32`), else a float64.
 */
function primitive(u: Uint8Array, p: number, value: string | number | boolean | null): number {
  if (p < 0) return -1;
  if (typeof value === 'string') return u[p] === ANY_STRING ? varString(u, p + 1, value) : -1;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= 0x7fffffff) return u[p] === ANY_INTEGER ? varInt(u, p + 1, value) : -1;
    floatView.setFloat32(0, value);
    const size = floatView.getFloat32(0) === value ? 4 : 8;
    if (u[p++] !== (size === 4 ? ANY_FLOAT32 : ANY_FLOAT64)) return -1;
    if (size === 8) floatView.setFloat64(0, value);
    for (let i = 0; i < size; i++) if (u[p + i] !== floatBytes[i]) return -1;
    return p + size;
  }
  return u[p] === (value === true ? ANY_TRUE : value === false ? ANY_FALSE : ANY_NULL) ? p + 1 : -1;
}
