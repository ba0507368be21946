/**
 * Whether Yjs, applying an update to a doc, would emit exactly the update's own bytes. Yjs encodes
 * a transaction's update (`cleanupTransactions`) only while the doc has an `update` listener, and
 * the room listens (what is emitted is what is stored and relayed): for the commonest update, one
 * cell written, that encoding repeats the bytes that came. When this says so, the room applies
 * the update with its listeners hidden and hands them the incoming bytes (`room-apply.ts`).
 *
 * It says so only for a one-cell write `readCellWrite` (`cell-write.ts`) reads against the doc
 * whose integration is fully known: nothing pending in the doc's store (a new struct could let
 * pending ones in, and they would be emitted too), the clock the next expected of its client (so
 * nothing is dropped or kept pending), the row a live `Y.Map`, and the cell's current entry exactly
 * the value the update replaces and deletes (live), or no entry when the update has no origin: so
 * the new item lands rightmost, stays live, merges with nothing, and the transaction deletes
 * exactly what the update's delete set names. And the bytes are Yjs' own encoding of that item and
 * delete set (`writeItem`, `ContentAny.write`, `writeDeleteSet` of Yjs 13), compared byte for byte:
 * a client's non-canonical encoding (a long varuint, a float for an integer, a key's bytes that do
 * not survive UTF-8) is answered false, and the room lets Yjs encode. Checked against what Yjs
 * emits over generated streams in `tests/server/sync/emits-as-is.test.ts`.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { readCellWrite } from '../../shared/validate/cell-write.js';

/** Yjs' info bits of an item (V1) and the content ref of `ContentAny`. */
const HAS_ORIGIN = 0x80;
const HAS_PARENT_SUB = 0x20;
const CONTENT_ANY = 8;

/** True when applying `update` (V1) to `doc` now emits `update` itself, byte for byte. Never throws. */
export function emitsAsIs(doc: Y.Doc, update: Uint8Array): boolean {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return false;
  let write;
  try {
    write = readCellWrite(doc, update);
  } catch {
    return false;
  }
  if (write === null) return false;
  const { row, column, value, replaced } = write;
  if (row.deleted || !(row.content instanceof Y.ContentType)) return false;
  const current = row.content.type._map.get(column);
  if (replaced === null ? current !== undefined : current !== replaced || replaced.deleted) return false;
  return same(expected(update, row, column, value, replaced), update);
}

/** Yjs' V1 encoding of the one-item update as it would emit it. */
function expected(update: Uint8Array, row: Y.Item, column: string, value: string | number | boolean | null, replaced: Y.Item | null): Uint8Array {
  // Client and clock as the update names them (readCellWrite checked the clock is the next one).
  const head = encoding.createEncoder();
  const e = head;
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  const [client, clock] = clientClock(update);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  if (replaced !== null) {
    encoding.writeUint8(e, CONTENT_ANY | HAS_ORIGIN | HAS_PARENT_SUB);
    encoding.writeVarUint(e, replaced.id.client);
    encoding.writeVarUint(e, replaced.id.clock);
  } else {
    encoding.writeUint8(e, CONTENT_ANY | HAS_PARENT_SUB);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, row.id.client);
    encoding.writeVarUint(e, row.id.clock);
    encoding.writeVarString(e, column);
  }
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, value);
  if (replaced === null) encoding.writeVarUint(e, 0);
  else {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, replaced.id.client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, replaced.id.clock);
    encoding.writeVarUint(e, 1);
  }
  return encoding.toUint8Array(e);
}

/** The client and clock of the update's one struct group (after its two counts). */
function clientClock(update: Uint8Array): [number, number] {
  let pos = 0;
  const read = (): number => {
    let n = 0;
    let mult = 1;
    for (;;) {
      const b = update[pos++] as number;
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
    }
  };
  read();
  read();
  return [read(), read()];
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
