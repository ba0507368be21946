/**
 * A document's title is kept twice: in the catalogue record (`docs.title`, what the Explorer list
 * and the REST document record show) and in the document (`meta.title`, what open panes show).
 * A rename over REST writes both; one over a socket (the pane's rename, an editor's own plan)
 * wrote only `meta.title`, so the list and the record kept the old name. The record follows the
 * document: once an update taken by this process that wrote `meta.title` is durable, the record is
 * written with the title the document holds then (a later rename's, if one came meanwhile), and
 * the room gets the new record. Another process that relays the update writes nothing: the one
 * that took it does. A document whose record drifted before the record followed (renamed over a
 * socket by an older server) is repaired when a room of it loads ({@link TitleRepairs}).
 *
 * Every title the record takes this way is audited as a REST rename is: a `rename` line (who, the
 * old and the new title: {@link renameDetail}) stored with the record in one transaction.
 */
import type { Logger } from 'pino';
import { IdentityInTextError, TextCharacterError } from '../storage/record-text.js';
import type { AuditRecord, DocRecord, RecordStore } from '../storage/storage.js';

/**
 * The `detail` of a `rename` audit line: the old and the new title, quoted (`"Plan 2025" → "Plan
 * 2026"`). Titles pass the record guard (no personnummer) before they are stored; the line is cut
 * to the audit's detail length by the store.
 */
export function renameDetail(before: string, after: string): string {
  return `"${before}" → "${after}"`;
}

/** The `rename` audit line of `before` taking `title`, by `memberId` (null: no member, a repair at load), at `at`. */
export function renameLine(before: DocRecord, title: string, memberId: string | null, at: string): AuditRecord {
  return { at, workspace: before.workspace, doc: before.doc, memberId, action: 'rename', bytes: 0, detail: renameDetail(before.title, title) };
}

/** The room as {@link followTitle} reads and tells it. */
export interface TitledRoom {
  /** The document's `meta.title` (read without building a room's doc that is not built). */
  readonly title: unknown;
  readonly record: DocRecord;
  recordChanged(record: DocRecord): void;
}

/**
 * Once `persisted` resolves, write `room`'s record (as stored now) with the document's `meta.title`
 * when the two differ (`updatedAt` from `clock`), with its `rename` audit line by `memberId` (the
 * update's author), and hand it to the room. `wrote` is the title the document held right after the
 * room took the update (read then, by the caller): when a later change has retitled the document
 * since, this follow writes nothing, as that change's own follow writes its title with a line by
 * its own author (a socket rename taken between a REST rename's offer and its follow was written
 * with a line naming the REST member). Resolves with whether the record was written (false when
 * there was nothing to do); never rejects: a failed write (or a failed update) is logged, and the
 * next rename (or load) tries again.
 */
export async function followTitle(
  room: TitledRoom,
  records: Pick<RecordStore, 'updateDocRecord'>,
  persisted: Promise<void>,
  clock: () => Date,
  logger: Logger,
  memberId: string | null,
  wrote: unknown,
): Promise<boolean> {
  try {
    await persisted;
    // Retitled since by a later change: not this update's title, nor this member's rename.
    if (room.title !== wrote) return false;
    return await oneAtATime(room, () => writeTitle(room, records, clock, memberId, wrote));
  } catch (err) {
    logger.warn({ err, workspace: room.record.workspace, doc: room.record.doc }, FAILED);
    return false;
  }
}

const FAILED = 'writing a renamed document’s title to its record failed';

/** The last title write of each room, settled (never rejects). */
const writing = new WeakMap<TitledRoom, Promise<unknown>>();

/**
 * Run `write` once every earlier title write of `room` has settled. Two follows of renames taken
 * close together (two REST renames, a repair at load) each read the stored record and wrote when
 * it differed: both read it before either wrote, so the same change was written and audited twice.
 * One at a time, the second reads what the first wrote and writes nothing when nothing is left.
 */
function oneAtATime<T>(room: TitledRoom, write: () => Promise<T>): Promise<T> {
  const run = (writing.get(room) ?? Promise.resolve()).then(write);
  writing.set(room, run.catch(() => undefined));
  return run;
}

/**
 * Write the record with the document's title when they differ, and its audit line by `memberId`;
 * with `wrote` (a follow's title), only while the document still holds it. Throws what storage throws.
 */
async function writeTitle(room: TitledRoom, records: Pick<RecordStore, 'updateDocRecord'>, clock: () => Date, memberId: string | null, wrote?: unknown): Promise<boolean> {
  // Checked again in turn: a later change may have retitled it while earlier writes ran.
  if (!drifted(room) || (wrote !== undefined && room.title !== wrote)) return false;
  const title = room.title as string;
  // Read and written in one transaction: an archive another process stores meanwhile is kept, and
  // a record deleted meanwhile is not written back (none stored: null, nothing written).
  const at = clock().toISOString();
  let changed = false;
  const after = await records.updateDocRecord(room.record, (stored) => {
    changed = stored.title !== title;
    return changed ? { record: { ...stored, title, updatedAt: at }, audit: [renameLine(stored, title, memberId, at)] } : null;
  });
  // Also when nothing was written: the title stored with the update itself (a REST rename's `AppendItem.record`).
  if (after) room.recordChanged(after);
  return after !== null && changed;
}

/** Whether the document holds a title (non-empty) other than its record's. */
function drifted(room: TitledRoom): boolean {
  const title = room.title;
  return typeof title === 'string' && title !== '' && title !== room.record.title;
}

/** How many refused titles {@link TitleRepairs} remembers before it starts over. */
const REMEMBERED = 10_000;

/**
 * The repair of drifted titles at load, one per process (the registry's). A room just loaded:
 * when its record's title differs from the document's `meta.title` (renamed over a socket before
 * the record followed the document), the record is written with the document's title as
 * {@link followTitle} does, and that is logged once, with the document's id and not the title
 * text (an info line). The title is read without building a doc that is not built (`Room.title`),
 * so a document only read is repaired too. A record that agrees costs one read of the title and
 * nothing from storage.
 *
 * A failed write is a warning and the next load tries again; a title the record guard refuses
 * (`checkRecordText`: a personnummer, a control character) is refused the same way at every load,
 * so it is warned of once per process, document and title (up to {@link REMEMBERED}), and later
 * loads of it neither try again nor log.
 */
export class TitleRepairs {
  private refused = new Set<string>();

  constructor(
    private readonly records: Pick<RecordStore, 'updateDocRecord'>,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Repair `room`'s record when it drifted; never rejects. */
  async repair(room: TitledRoom): Promise<void> {
    if (!drifted(room)) return;
    const where = { workspace: room.record.workspace, doc: room.record.doc };
    const key = JSON.stringify([where.workspace, where.doc, room.title]);
    if (this.refused.has(key)) return;
    try {
      // By no member: the author of the rename is not known at load.
      if (await oneAtATime(room, () => writeTitle(room, this.records, this.clock, null))) {
        this.logger.info(where, 'document record’s title repaired from the document’s own title, which a rename over a socket had left apart');
      }
    } catch (err) {
      if (err instanceof IdentityInTextError || err instanceof TextCharacterError) {
        if (this.refused.size >= REMEMBERED) this.refused = new Set();
        this.refused.add(key);
      }
      this.logger.warn({ err, ...where }, FAILED);
    }
  }
}
