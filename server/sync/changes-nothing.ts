/**
 * Whether a Yjs update (V1) would change nothing in `doc`: every struct it carries is already
 * there and every range it deletes is already deleted. A y-websocket client answers the server's
 * sync step 1 with such an update even when it has no edits, because Yjs always encodes the whole
 * delete set; someone who may only read must not be refused for it.
 *
 * Cost: one pass over the doc's struct store (its delete set), so it is used only on the path of
 * a principal who may not write, never on every frame. Throws what Yjs throws on bytes that are
 * not an update (callers have already checked the update).
 */
import * as Y from 'yjs';

/** The V1 encoding of an update with no structs and no deletes, `[0, 0]`: the cheap first test. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  if (structs.length > 0) return false;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    const deleted = known.clients.get(client) ?? [];
    for (const { clock, len } of ranges) if (!covered(deleted, clock, clock + len)) return false;
  }
  return true;
}

/** Whether [from, to) lies within the union of `ranges` (sorted by clock, as Yjs builds them). */
function covered(ranges: ReadonlyArray<{ clock: number; len: number }>, from: number, to: number): boolean {
  let at = from;
  for (const r of ranges) {
    if (r.clock > at) return false;
    if (r.clock + r.len > at) at = r.clock + r.len;
    if (at >= to) return true;
  }
  return at >= to;
}
