import * as Y from 'yjs';

/**
 * An upper bound on a doc's encoded size (V1, as `Y.encodeStateAsUpdate` gives it, in bytes)
 * that costs nothing per check: the exact size is measured once, or taken from a full-state
 * encoding made anyway ({@link knownSize}), then every applied update adds its own length
 * (updates never shrink a doc by more than they weigh, so the sum over-estimates). Near the limit
 * it is measured again, so the limit itself stays exact.
 */
interface SizeTracker {
  bytes: number;
}

const trackers = new WeakMap<Y.Doc, SizeTracker>();

function measure(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}

function track(doc: Y.Doc, bytes: number): SizeTracker {
  const created: SizeTracker = { bytes };
  doc.on('update', (update: Uint8Array) => {
    created.bytes += update.byteLength;
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
