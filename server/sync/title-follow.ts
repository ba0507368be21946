/**
 * A document's title is kept twice: in the catalogue record (`docs.title`, what the Explorer list
 * and the REST document record show) and in the document (`meta.title`, what open panes show).
 * A rename over REST writes both; one over a socket (the pane's rename, an editor's own plan)
 * wrote only `meta.title`, so the list and the record kept the old name. The record follows the
 * document: once an update taken by this process that wrote `meta.title` is durable, the record is
 * written with the title the document holds then (a later rename's, if one came meanwhile), and
 * the room gets the new record. Another process that relays the update writes nothing: the one
 * that took it does. A document whose record drifted before the record followed (renamed over a
 * socket by an older server) is repaired when a room of it loads ({@link repairDriftedTitle}).
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
 * when the two differ (`updatedAt` from `clock`), and hand it to the room. Resolves with whether
 * the record was written (false when there was nothing to do); never rejects: a failed write (or
 * a failed update) is logged, and the next rename (or load) tries again.
 */
export async function followTitle(room: TitledRoom, records: Pick<RecordStore, 'getDocRecord' | 'putDocRecord'>, persisted: Promise<void>, clock: () => Date, logger: Logger): Promise<boolean> {
  try {
    await persisted;
    if (!drifted(room)) return false;
    const title = metaOf(room.doc)?.title as string;
    // Read afresh: another process may have archived it since the room's copy was read.
    const stored = await records.getDocRecord(room.record);
    if (!stored || stored.title === title) return false;
    const next: DocRecord = { ...stored, title, updatedAt: clock().toISOString() };
    await records.putDocRecord(next);
    room.recordChanged(next);
    return true;
  } catch (err) {
    logger.warn({ err, workspace: room.record.workspace, doc: room.record.doc }, 'writing a renamed document’s title to its record failed');
    return false;
  }
}

/** Whether the document holds a title (non-empty) other than its record's. */
function drifted(room: TitledRoom): boolean {
  const title = metaOf(room.doc)?.title;
  return typeof title === 'string' && title !== '' && title !== room.record.title;
}

/**
 * A room just loaded: when its record's title differs from the document's `meta.title` (renamed
 * over a socket before the record followed the document), write the record with the document's
 * title as {@link followTitle} does, and log that once, with the document's id and not the title
 * text (an info line; a failed write is a warning, and the next load or rename tries again). A
 * record that agrees costs one read of the loaded document's meta, and nothing from storage.
 */
export async function repairDriftedTitle(room: TitledRoom, records: Pick<RecordStore, 'getDocRecord' | 'putDocRecord'>, clock: () => Date, logger: Logger): Promise<void> {
  if (!drifted(room)) return;
  if (await followTitle(room, records, Promise.resolve(), clock, logger)) {
    logger.info({ workspace: room.record.workspace, doc: room.record.doc }, 'document record’s title repaired from the document’s own title, which a rename over a socket had left apart');
  }
}
