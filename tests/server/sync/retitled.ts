/** The update of a rename as an edit of `meta.title` makes it, for the sync tests. */
import * as Y from 'yjs';
import { setMeta } from '../../../shared/doc/index.js';

/** The update that titles `live` (a copy of it) `title`: what an edit of `meta.title` adds to it, as update V1. */
export function retitled(live: Y.Doc, title: string): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(copy);
  setMeta(copy, { title });
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}
