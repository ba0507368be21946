/**
 * Documents made as the server makes them, for tests that append: every store stores an update
 * only while its document's record is stored (`kept-without-record.ts`), so a test makes the
 * record of each document it appends to first.
 */
import type { DocRecord, DocRef } from '../../../server/storage/storage.js';
import type { RecordStore } from '../../../server/storage/record-store.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';

/** The record {@link made} stores for `ref`: an activity plan titled by its id, of unit `unit`, made at `at`. */
export function madeRecord(ref: DocRef, at = '2026-01-01T00:00:00.000Z', unit = 'unit'): DocRecord {
  return { ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: unit, createdAt: at, updatedAt: at };
}

/** Stores the record ({@link madeRecord}) of each of `refs`, one after the other; resolves once all are stored. */
export async function made(storage: Pick<RecordStore, 'putDocRecord'>, ...refs: DocRef[]): Promise<void> {
  for (const ref of refs) await storage.putDocRecord(madeRecord(ref));
}

/**
 * Stores the records of `refs` in the SQLite file `file` through a connection of its own, closed
 * before this resolves: for a test that measures what its own store writes (the WAL) from its first write.
 */
export async function madeInFile(file: string, ...refs: DocRef[]): Promise<void> {
  const maker = openSqliteStorage(file);
  try {
    await made(maker, ...refs);
  } finally {
    await maker.close();
  }
}
