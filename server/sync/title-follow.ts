/**
 * A document's title is kept twice: in the catalogue record (`docs.title`, what the Explorer list
 * and the REST document record show) and in the document (`meta.title`, what open panes show).
 * A rename over REST writes both; one over a socket (the pane's rename, an editor's own plan)
 * wrote only `meta.title`, so the list and the record kept the old name. The record follows the
 * document: once an update taken by this process that wrote `meta.title` is durable, the record is
 * written with the title the document holds then (a later rename's, if one came meanwhile), and
 * the room gets the new record. Another process that relays the update writes nothing: the one
 * that took it does.
 */
import type { Logger } from 'pino';
import { metaOf } from '../../shared/doc/index.js';
import type { DocRecord, RecordStore } from '../storage/storage.js';
import type * as Y from 'yjs';

/** The room as {@link followTitle} reads and tells it. */
export interface TitledRoom {
  readonly doc: Y.Doc;
  readonly record: DocRecord;
  recordChanged(record: DocRecord): void;
}

/**
 * Once `persisted` resolves, write `room`'s record (as stored now) with the document's `meta.title`
 * when the two differ (`updatedAt` from `clock`), and hand it to the room. Resolves when done or when there was nothing to do; never
 * rejects: a failed write (or a failed update) is logged, and the next rename tries again.
 */
export async function followTitle(room: TitledRoom, records: Pick<RecordStore, 'getDocRecord' | 'putDocRecord'>, persisted: Promise<void>, clock: () => Date, logger: Logger): Promise<void> {
  try {
    await persisted;
    const title = metaOf(room.doc)?.title;
    if (typeof title !== 'string' || title === '' || title === room.record.title) return;
    // Read afresh: another process may have archived it since the room's copy was read.
    const stored = await records.getDocRecord(room.record);
    if (!stored || stored.title === title) return;
    const next: DocRecord = { ...stored, title, updatedAt: clock().toISOString() };
    await records.putDocRecord(next);
    room.recordChanged(next);
  } catch (err) {
    logger.warn({ err, workspace: room.record.workspace, doc: room.record.doc }, 'writing a renamed document’s title to its record failed');
  }
}
