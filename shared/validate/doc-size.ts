import * as Y from 'yjs';

/**
 * An upper bound on a doc's encoded size (V1, as `Y.encodeStateAsUpdate` gives it, in bytes)
 * that costs nothing per check: the exact size is measured once, or taken from a full-state
 * encoding made anyway ({@link knownSize}), then every applied update adds its own length plus
 * {@link SPLIT_BYTES} for each struct the transaction split. An update can grow the doc by more
 * than it weighs: a few bytes of delete set, or an item whose origin is inside another item, cut
 * an existing item in two, and the right part is written with a header of its own (deleting
 * every other character of a long text, one update each, grows its encoding by more than the
 * updates weigh; in a plan, a concurrent write whose origin lies inside a merged run of
 * overwritten cell values splits that run). The sum is therefore an upper bound; near the limit
 * the doc is measured again, so the limit itself stays exact.
 */
interface SizeTracker {
  bytes: number;
}

const trackers = new WeakMap<Y.Doc, SizeTracker>();

/**
 * The most a split adds to a doc's V1 encoding, in bytes: the right part's info byte (1), its
 * origin and right origin (client and clock, varuints of at most 8 bytes each: 32), its content's
 * length (a varuint, at most 8), and 2 for a string cut inside a surrogate pair (each half becomes
 * U+FFFD). From Yjs' `writeItem` and `splitItem`; a split is counted through the transaction's
 * `_mergeStructs`, to which `splitItem` adds every right part.
 */
export const SPLIT_BYTES = 48;

function measure(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}

function track(doc: Y.Doc, bytes: number): SizeTracker {
  const created: SizeTracker = { bytes };
  doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    created.bytes += update.byteLength + SPLIT_BYTES * tr._mergeStructs.length;
  });
  trackers.set(doc, created);
  return created;
}

/**
 * `doc`'s exact encoded size now is `bytes` (the length of a `Y.encodeStateAsUpdate(doc)` just
 * made, e.g. the sync answer to an empty state vector): the running size starts from it instead
 * of encoding the whole doc again at the first check. Ignored once the size is followed already.
 */
export function knownSize(doc: Y.Doc, bytes: number): void {
  if (!trackers.has(doc)) track(doc, bytes);
}

/** Whether `doc`'s running size is followed (measured, or learned through {@link knownSize}). */
export function sizeFollowed(doc: Y.Doc): boolean {
  return trackers.has(doc);
}

/**
 * True when `doc` plus `extra` more bytes would stay within `limit`. Cheap while the running
 * estimate is under the limit; measures the doc exactly only when the estimate says no.
 */
export function fitsWithin(doc: Y.Doc, extra: number, limit: number): boolean {
  const t = trackers.get(doc) ?? track(doc, measure(doc));
  if (t.bytes + extra <= limit) return true;
  t.bytes = measure(doc);
  return t.bytes + extra <= limit;
}
