/**
 * An SQLite online backup copied in one step. better-sqlite3's `backup()` copies 100 pages a step
 * and lets the event loop run between steps, and SQLite starts the copy again from the first page
 * whenever another connection writes between two steps: beside a server committing edits, a
 * backup of a store larger than a few steps never ended (8 MB with a write every 5 ms: 1,751
 * restarts in 20 s, not done). One step holds one read transaction over the whole copy, so it is
 * one consistent state and cannot be restarted; in WAL mode the server's writes go on meanwhile.
 * It blocks the calling thread while it copies: it is for the commands (`samplan backup`,
 * `samplan migrate`), never for a serving process's event loop.
 */
import type Database from 'better-sqlite3';

/** Pages for the next step: every page left (`backup_step(N)` with N past the page count copies all). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copy `db` to the SQLite file `to` in one step.
 *
 * @example
 * await backupAtOnce(new Database('samplan.db', { readonly: true }), '/backups/samplan.db');
 */
export async function backupAtOnce(db: Database.Database, to: string): Promise<void> {
  await db.backup(to, { progress: () => ALL_PAGES });
}
