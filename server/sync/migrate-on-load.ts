/**
 * Documents written by an older version of Samplan are brought to the current schema when their
 * room loads, so every client and every check sees one column set. The migration is one update,
 * which the room persists and relays like any server-side write.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { metaOf } from '../../shared/doc/create.js';
import { kindDef } from '../../shared/schema/index.js';
import { migrateDoc } from '../../shared/doc/migrations.js';
import type { DocRef } from '../storage/storage.js';

/**
 * Migrate `doc` in place when its `meta.schemaVersion` is older than its kind's, and return the
 * update that did it; null when the doc is current, has no kind, or cannot be migrated (logged:
 * the doc is then served as it is, never half migrated).
 */
export function migrateOnLoad(doc: Y.Doc, ref: DocRef, logger: Logger): Uint8Array | null {
  const meta = metaOf(doc);
  if (!meta || meta.schemaVersion >= kindDef(meta.kind).schemaVersion) return null;
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array): void => void updates.push(update);
  doc.on('update', collect);
  let result;
  try {
    result = migrateDoc(doc);
  } finally {
    doc.off('update', collect);
  }
  if (!result.ok) {
    logger.warn({ ref, code: result.code, from: result.from, to: result.to }, 'document not migrated');
    return null;
  }
  logger.info({ ref, kind: result.kind, from: result.from, to: result.to, applied: result.applied }, 'document migrated on load');
  if (updates.length === 0) return null;
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}
