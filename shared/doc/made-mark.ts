/**
 * The mark of a document made before the server marked its makings (`markMade`), written when the
 * server loads it. Every process, and every load after a write that was lost, writes the same
 * mark: one item, at clock 0 of a client id drawn from the document's making (the id of its first
 * write of `meta.kind`), so two processes loading the document at once write one item, not two
 * marks of which each would be another making's to the other. A copy of the document holding that
 * mark is of its making (`shared/validate/other-making.ts`); a copy of an earlier making under the
 * same id holds another first write of `meta.kind`, or a mark drawn from it, and is told apart.
 */
import * as Y from 'yjs';
import { MADE_FIELD, META_ROOT } from './create.js';

/**
 * The id of `doc`'s first write of `meta.kind` (the item at the start of the key's list: its
 * making), or null when the doc holds no kind.
 */
export function makingOf(doc: Y.Doc): Y.ID | null {
  let item = doc.getMap<unknown>(META_ROOT)._map.get('kind') ?? null;
  while (item?.left) item = item.left;
  return item ? item.id : null;
}

/**
 * The client id of the load mark of the making whose first `meta.kind` write is `making`: a
 * 32-bit mix (murmur3's finaliser) of its client and clock, never the making's own client. Stored
 * documents hold it: it must not change.
 */
export function loadMarkClient(making: Y.ID): number {
  let h = (making.client ^ Math.imul(making.clock + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h === making.client ? (h + 1) >>> 0 : h;
}

/**
 * Whether `s` is the load mark of `doc`'s making: a write of `meta.made` at clock 0 of
 * {@link loadMarkClient} of the doc's making.
 */
export function isLoadMarkOf(doc: Y.Doc, s: Y.Item): boolean {
  if (s.id.clock !== 0 || s.parentSub !== MADE_FIELD) return false;
  const making = makingOf(doc);
  return making !== null && s.id.client === loadMarkClient(making);
}

/**
 * Marks `doc`, made before marks, in place, and returns the update that did it (V1), the same
 * bytes wherever and whenever it is written for this making. Null when there is nothing to mark:
 * no kind (nothing made), already marked, or the mark's client id is already taken in the doc
 * (a clash of 32-bit ids, about one in four billion per client; the doc then stays unmarked).
 */
export function markOnLoad(doc: Y.Doc): Uint8Array | null {
  const meta = doc.getMap<unknown>(META_ROOT)._map;
  if (meta.has(MADE_FIELD)) return null;
  const making = makingOf(doc);
  if (!making) return null;
  const client = loadMarkClient(making);
  if (Y.getState(doc.store, client) > 0) return null;
  const marker = new Y.Doc({ guid: 'made-mark', gc: false });
  marker.clientID = client;
  marker.getMap<unknown>(META_ROOT).set(MADE_FIELD, 1);
  const update = Y.encodeStateAsUpdate(marker);
  marker.destroy();
  Y.applyUpdate(doc, update);
  return update;
}
