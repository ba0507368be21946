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
 * stored, logged or relayed. Cost: for a new edit ({@link startsPastState}) a few bytes read;
 * else one decode of the update, a state lookup per client, a binary search per deleted range and
 * the raw scan last, never a pass over the doc. A room asks through
 * `DocFrames.addsNothing` (`frames.ts`), which judges the same bytes once per state of the doc
 * for all the clients that send them. Never throws.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return false;
  if (startsPastState(store, update)) return false;
  let decoded: ReturnType<typeof decodeWholeUpdate>;
  try {
    decoded = decodeWholeUpdate(update);
  } catch {
    return false;
  }
  if (decoded === null) return false;
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
  return findPersonnummerInBytes(update) === null;
}

/** The content ref of a `Skip` in the low five bits of a struct's info byte (Yjs' V1 encoding); 0 is a `GC`. */
const SKIP_REF = 10;

/**
 * Whether the first struct group of `update` (V1: the group count, then the group's struct count,
 * client and first clock as lib0 varuints, then the first struct's info byte) begins with a struct
 * that is not a `Skip` at a clock `store` does not hold yet: then {@link addsNothing} is false
 * (that struct ends past the doc's state), and this says so from the first few bytes, before the
 * update is decoded or scanned. It is what every new edit sends (its clock is the next the doc
 * expects), so the check runs once per edit, not the decode and the raw scan twice. False when it
 * cannot tell (no group, a varuint past 7 bytes, the bytes end): the full test decides. Never throws.
 */
export function startsPastState(store: Y.Doc['store'], update: Uint8Array): boolean {
  cursor = 0;
  if (varUintAt(update) < 1) return false;
  const structs = varUintAt(update);
  const client = varUintAt(update);
  const clock = varUintAt(update);
  if (structs < 1 || client < 0 || clock < 0 || cursor >= update.byteLength) return false;
  return ((update[cursor] as number) & 0x1f) !== SKIP_REF && clock >= Y.getState(store, client);
}

/** Where {@link varUintAt} reads next (module state: no reader object or closure per frame). */
let cursor = 0;

/** The lib0 varuint (7 bits a byte, low bits first) of `bytes` at {@link cursor}, moving past it; -1 when the bytes end or it runs past 7 bytes (49 bits). */
function varUintAt(bytes: Uint8Array): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7 && cursor < bytes.byteLength; i++) {
    const byte = bytes[cursor++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
  return -1;
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
