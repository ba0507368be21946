/**
 * Documents for the benches, made as the server makes them (`POST …/documents`,
 * `server/http/documents.ts`): `createDoc`, then `markMade`. A seeded document without the mark is
 * marked by the server at its first load (`shared/doc/made-mark.ts`): one write of `meta.made`
 * per document that a real document never costs, inside the very load a cold bench measures.
 */
import type * as Y from 'yjs';
import { createDoc, type DocMetaInit } from '../../shared/doc/index.js';
import { markMade } from '../../shared/doc/create.js';
import type { DocKind } from '../../shared/schema/types.js';

/** A new document of `kind` with `init`'s meta, marked as made by the server (`meta.made` = 1). */
export function madeDoc(kind: DocKind, init: DocMetaInit): Y.Doc {
  const doc = createDoc(kind, init);
  markMade(doc);
  return doc;
}
