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
import { decodeWholeUpdate } from '../../shared/validate/update-structs.js';
import { findPersonnummerInBytes } from '../../shared/validate/raw-scan.js';

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

/**
 * Whether applying `update` (V1) to `doc` would change nothing, judged from the update alone and
 * `doc`'s struct store, cheaply enough to ask of every frame: what a joining client sends back
 * (its answer to the server's step 1 carries its whole delete set; a pane that keeps its copy
 * offline sends the plan it just loaded as an update) is then acknowledged without the walk,
 * the Yjs apply, a commit or a relay. True only when all of these hold:
 *
 * - `doc` has no pending structs or deletions (applying any update retries them);
 * - the bytes are exactly one update (`decodeWholeUpdate`: nothing after it);
 * - they hold no personnummer as raw text (`findPersonnummerInBytes`), so a frame that names one
 *   is refused by the full check as before, even when Yjs would drop its structs;
 * - every struct (Skips aside) ends within `doc`'s state vector for its client, so Yjs skips it,
 *   and every id it names (left and right origin, parent) is one `doc` has, so Yjs neither puts
 *   it aside as pending nor throws looking it up;
 * - every deleted range lies within `doc`'s state vector and each struct of `doc` in it is deleted.
 *
 * False sends the update down the full path (the check, the apply), which judges it as before.
 * The content of a struct the doc already has is not read: Yjs drops it, so nothing of it is
 * stored, logged or relayed. Cost: one decode of the update, a state lookup per client and a
 * binary search per deleted range, never a pass over the doc. A room asks through
 * `DocFrames.addsNothing` (`frames.ts`), which judges the same bytes once per state of the doc
 * for all the clients that send them. Never throws.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return false;
  let decoded: ReturnType<typeof decodeWholeUpdate>;
  try {
    decoded = decodeWholeUpdate(update);
  } catch {
    return false;
  }
  if (decoded === null || findPersonnummerInBytes(update) !== null) return false;
  const states = new Map<number, number>();
  const state = (client: number): number => {
    let s = states.get(client);
    if (s === undefined) states.set(client, (s = Y.getState(store, client)));
    return s;
  };
  const known = (id: Y.ID | null): boolean => id === null || id.clock < state(id.client);
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > state(s.id.client)) return false;
    if (s instanceof Y.Item && !(known(s.origin) && known(s.rightOrigin) && (!(s.parent instanceof Y.ID) || known(s.parent)))) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const end = state(client);
    const structs = store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (clock >= end || clock + len > end || structs === undefined) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i] as Y.Item | Y.GC;
        if (s.id.clock >= clock + len) break;
        if (!s.deleted) return false;
      }
    }
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
