import * as Y from 'yjs';

/**
 * An upper bound on a doc's encoded size that costs nothing per check: the exact size is
 * measured once, then every applied update adds its own length (updates never shrink a doc by
 * more than they weigh, so the sum over-estimates). Near the limit it is measured again.
 */
interface SizeTracker {
  bytes: number;
}

const trackers = new WeakMap<Y.Doc, SizeTracker>();

function measure(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}

function tracker(doc: Y.Doc): SizeTracker {
  let t = trackers.get(doc);
  if (t === undefined) {
    const created: SizeTracker = { bytes: measure(doc) };
    doc.on('update', (update: Uint8Array) => {
      created.bytes += update.byteLength;
    });
    trackers.set(doc, created);
    t = created;
  }
  return t;
}

/**
 * True when `doc` plus `extra` more bytes would stay within `limit`. Cheap while the running
 * estimate is under the limit; measures the doc exactly only when the estimate says no.
 */
export function fitsWithin(doc: Y.Doc, extra: number, limit: number): boolean {
  const t = tracker(doc);
  if (t.bytes + extra <= limit) return true;
  t.bytes = measure(doc);
  return t.bytes + extra <= limit;
}
