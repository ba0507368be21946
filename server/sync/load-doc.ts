/**
 * Reading a room's document from storage: the compacted snapshot (V2) and the updates after it
 * (V1) applied in one transaction, then brought to the current schema (`migrateOnLoad`).
 * Errors: whatever the store throws (`StorageUnavailableError` when it cannot be read).
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocRef, DocumentStore } from '../storage/storage.js';
import { migrateOnLoad } from './migrate-on-load.js';

/** A document as read from storage, ready for a room. */
export interface Loaded {
  doc: Y.Doc;
  /** How many stored updates follow the snapshot. */
  tail: number;
  lastSeq: number;
  /** An update bringing an older document to the current schema, to be stored; null when current. */
  migration: Uint8Array | null;
}

/**
 * Read `ref`'s document from storage into a new Y.Doc whose guid is `workspace/doc` (a guid of our
 * own: Yjs would otherwise draw a random UUID, 31 WebCrypto calls, about a third of a small plan's
 * load, and nothing on the server reads it). Rejects with what the store throws.
 */
export async function loadDoc(ref: DocRef, storage: DocumentStore, logger: Logger): Promise<Loaded> {
  const stored = await storage.loadDoc(ref);
  const doc = new Y.Doc({ guid: `${ref.workspace}/${ref.doc}` });
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  if (stored.updates.length > 0) {
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
  }
  const migration = migrateOnLoad(doc, ref, logger) ?? null;
  return { doc, tail: stored.updates.length, lastSeq: stored.lastSeq, migration };
}
