/**
 * Sharing an SQLite file whose server keeps an append journal (`<db>.journal`, `sqlite-journal.ts`).
 * While the journal is live, rows the server has numbered are not in SQLite yet: another store on
 * the file (a `samplan` command, a second store in a test) would not see them, and would number
 * its own rows over them. So every other writable store first makes the journal's owner flush
 * and pause (append straight to SQLite) for as long as it is open; the owner journals again once
 * no such store remains.
 *
 * The stores meet in a folder beside the database, `<db>.journal-share/` (named after the file's
 * real path, as `<db>.lock` is), holding empty files whose names say who made them:
 * - `owner.<pid>.<start>.<id>`: the journal's owner, while it journals or is paused;
 * - `guest.<pid>.<start>.<id>`: a store that needs the owner paused, for as long as it is open;
 * - `guest.<…>.ack`: written by the owner once it has flushed and paused for that guest, holding
 *   the owner's id.
 * `<start>` is the process's start time (`/proc/<pid>/stat`, `pid-file.ts`), so a file whose
 * process died, even if its pid was reused since, counts as dead; a dead process's files are
 * removed by whoever sees them (every name is unique, so removing one never touches a live
 * store's). WAL mode needs every process on one host (shared memory), so a pid is always ours to
 * check.
 *
 * The order of the steps makes a guest and a starting owner always meet (as in Dekker's mutual
 * exclusion): the owner makes its file before it looks for guests, a guest makes its request
 * before it looks for an owner, so whichever looks second sees the other. A guest that finds no
 * live owner goes on at once; an owner that starts after it pauses before it journals anything.
 */
import fs, { type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Localized } from '../../shared/schema/types.js';
import { secondsWords } from '../../shared/i18n/number-words.js';
import { realDatabasePath } from './db-lock.js';
import { announce, liveOwnerIn, look, nameOf, readText, remove, tidy } from './sqlite-journal-share-files.js';
import { formerJournalPathOf, journalPathOf } from './sqlite-journal-file.js';

/** What the owner's store gives the sharing module. */
export interface JournalOwnerHooks {
  /** Flush every pending batch into SQLite now (synchronously) and append directly from now on. Throws if the flush fails. */
  pause(): void;
  /** No other store remains on the file: journal appends again (re-reading last seqs from SQLite). */
  resume(): void;
}

/** The owner's side, from {@link ownJournal}. */
export interface JournalOwnership {
  /** True while paused for other stores. */
  readonly paused: boolean;
  /**
   * Look for other stores that came or went (the owner's flush timer calls it; a watch may too):
   * may call the hooks' `pause()` or `resume()`, so not from inside them nor during a flush. The
   * owner also looks on its own every `tickMs` and when the folder changes. Never throws: a
   * failure is logged once and tried again at the next look.
   */
  poll(): void;
  /** At the owner's close (after its last flush): no longer the owner. */
  close(): void;
}

/** A store's registration as a guest on a journaled file, from {@link joinJournal}. */
export interface JournalGuest {
  /** The store closes: the owner may journal again once no guest remains. Idempotent. */
  release(): void;
}

/** Options of {@link ownJournal}. */
export interface OwnJournalOptions {
  /** How often the owner looks for guests that came or went, in ms (default 250: the journal's flush tick). */
  tickMs?: number;
  /** Also watch the folder (`fs.watch`) so a guest is answered within milliseconds, not a tick (default true). */
  watch?: boolean;
  /** Told when a pause or resume fails (first of a streak only): the owner tries again at each look. */
  logger?: Logger;
  /** Test seam: runs after the owner's file is made and before its first look for guests. */
  beforeLook?: () => void;
}

/** Options of {@link joinJournal}. */
export interface JoinJournalOptions {
  /** Replay a journal left by an owner that died into SQLite (the journal store's recovery). */
  recover: () => void;
  /** How long to wait for a live owner in another process to pause, in ms (default 10 s). */
  waitMs?: number;
  /** The journal file looked at for entries a dead owner left; by default `journalPathOf(dbPath)` and the former name, `formerJournalPathOf(dbPath)`. */
  journalFile?: string;
  /** Test seam: runs after the guest's request is made and before it looks for an owner. */
  beforeLook?: () => void;
}

/** Thrown by {@link joinJournal} when the owner did not pause in time, and by {@link ownJournal} for a second owner. */
export class JournalShareError extends Error {
  readonly code = 'journal-busy';
  /** The sentence in both languages (a command's failure line says it in its language); `message` is its English. */
  readonly localized: Localized;

  constructor(words: Localized, options?: ErrorOptions) {
    super(words.en, options);
    this.name = 'JournalShareError';
    this.localized = words;
  }
}

/** The folder where the stores on the database at `dbPath` meet (see the module's comment). */
export const journalSharePath = (dbPath: string): string => `${realDatabasePath(dbPath)}.journal-share`;

/** A journal's header (`SPJ1`, or `SPJ2` holding held-back entries): a longer file holds entries. */
const JOURNAL_HEADER_BYTES = 4;

/** Owners of this process by folder: a guest here pauses its owner at once (the owner could not answer a waiting guest). */
const owners = new Map<string, Owner>();

/** Block this thread for `ms` (a guest waits at open, which is synchronous). */
const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Become the journal owner of `dbPath` (called by the journal store at open, after recovery). Its
 * first look for guests runs before it returns: a guest already there makes it call
 * `hooks.pause()` then, so the store must be ready for it. Throws a {@link JournalShareError} when
 * a live owner already journals the file (two servers are kept apart by `<db>.lock`).
 */
export function ownJournal(dbPath: string, hooks: JournalOwnerHooks, opts: OwnJournalOptions = {}): JournalOwnership {
  const folder = journalSharePath(dbPath);
  if (owners.has(folder)) throw secondOwner(dbPath, null);
  const name = nameOf('owner');
  const file = announce(folder, name);
  const other = look(folder).owners.find((o) => o !== name);
  if (other) {
    remove(file);
    throw secondOwner(dbPath, other);
  }
  const owner = new Owner(folder, name, file, hooks, opts.logger);
  owners.set(folder, owner);
  opts.beforeLook?.();
  owner.poll();
  owner.start(opts.tickMs ?? 250, opts.watch ?? true);
  return owner;
}

/** The refusal of a second owner of `dbPath`'s journal: in this process (`other` null) or in the process that made the owner file `other`. */
function secondOwner(dbPath: string, other: string | null): JournalShareError {
  const db = realDatabasePath(dbPath);
  const pid = other?.split('.')[1];
  return new JournalShareError(
    other === null
      ? { sv: `Databasen ${db} har redan en journal i den här processen: stäng dess lagring först.`, en: `The database ${db} already has a journal in this process: close its store first.` }
      : { sv: `Databasen ${db} journalförs redan av process ${pid}: bara en server får betjäna den.`, en: `The database ${db} is already journaled by process ${pid}: only one server may serve it.` },
  );
}

/**
 * Throws the {@link JournalShareError} {@link ownJournal} would when a live process, this one
 * too, owns the journal of `dbPath`. Asked before a journal left behind is taken in: taking in
 * a live owner's journal would store its rows under it, so that each of its flushes failed.
 */
export function refuseLiveOwner(dbPath: string): void {
  const folder = journalSharePath(dbPath);
  if (owners.has(folder)) throw secondOwner(dbPath, null);
  const other = liveOwner(dbPath);
  if (other !== undefined) throw secondOwner(dbPath, other);
}

/** The owner's state (see {@link JournalOwnership}). */
class Owner implements JournalOwnership {
  paused = false;
  /** Guests of this process that have joined and not released. */
  private local = 0;
  private closed = false;
  private failing = false;
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private soon = false;

  constructor(
    private readonly folder: string,
    private readonly name: string,
    private readonly file: string,
    private readonly hooks: JournalOwnerHooks,
    private readonly logger: Logger | undefined,
  ) {}

  start(tickMs: number, watch: boolean): void {
    this.timer = setInterval(() => this.poll(), tickMs);
    this.timer.unref();
    if (!watch) return;
    try {
      this.watcher = fs.watch(this.folder, { persistent: false }, () => this.pollSoon());
      this.watcher.on('error', () => this.unwatch());
    } catch {
      // The tick alone finds guests then.
    }
  }

  /** A guest of this process: paused now, synchronously. */
  join(dbPath: string): void {
    if (!this.paused) {
      try {
        this.pauseOrThrow();
      } catch (err) {
        const db = realDatabasePath(dbPath);
        const said = (err as Error).message;
        const words = {
          sv: `Journalen för ${db} kunde inte skrivas in i databasen, så den här lagringen kan inte öppna filen säkert bredvid den: ${said}`,
          en: `The journal of ${db} could not be written into the database, so this store cannot open the file safely beside it: ${said}`,
        };
        throw new JournalShareError(words, { cause: err });
      }
    }
    this.local++;
  }

  leave(): void {
    this.local--;
    this.poll();
  }

  poll(): void {
    if (this.closed) return;
    try {
      this.answer();
    } catch (err) {
      // The folder could not be read or written (removed, the disk full): the next look tries again.
      this.tell(err, 'looking for other stores on the journaled file failed; trying again');
    }
  }

  /** One look: pause for guests and acknowledge them, or resume once none remains. */
  private answer(): void {
    const seen = look(this.folder);
    if (!seen.owners.includes(this.name)) announce(this.folder, this.name);
    const wanted = this.local > 0 || seen.guests.length > 0;
    if (wanted && !this.paused) {
      try {
        this.pauseOrThrow();
      } catch (err) {
        // No acknowledgement: the guests keep waiting, and the next look tries again.
        this.tell(err, 'pausing the journal for another store failed; trying again');
        return;
      }
    }
    if (wanted) {
      for (const guest of seen.guests) {
        const ack = path.join(this.folder, `${guest}.ack`);
        if (readText(ack) !== this.name) fs.writeFileSync(ack, this.name);
      }
    }
    // An acknowledgement whose guest left meanwhile.
    for (const ack of seen.acks) if (!seen.guests.includes(ack.slice(0, -4))) fs.rmSync(path.join(this.folder, ack), { force: true });
    if (!wanted && this.paused) {
      try {
        this.hooks.resume();
        this.paused = false;
        this.failing = false;
      } catch (err) {
        this.tell(err, 'resuming the journal failed; appending directly to SQLite meanwhile');
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.unwatch();
    owners.delete(this.folder);
    remove(this.file);
    tidy(this.folder);
  }

  private pauseOrThrow(): void {
    this.hooks.pause();
    this.paused = true;
    this.failing = false;
  }

  private pollSoon(): void {
    if (this.soon) return;
    this.soon = true;
    setImmediate(() => {
      this.soon = false;
      this.poll();
    });
  }

  private tell(err: unknown, message: string): void {
    if (!this.failing) this.logger?.warn({ err, folder: this.folder }, message);
    this.failing = true;
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}

/**
 * Called synchronously at open by every writable store on a file that is not the journal owner.
 * Same process has an owner for the path: pauses it at once (its `pause()`), no waiting. Another live
 * process owns it: registers and waits (synchronous sleep, polling a few ms) until that owner has
 * flushed and paused, up to `waitMs` (default 10 s), else throws a {@link JournalShareError} in words.
 * No live owner but a journal with entries left (the owner died): runs `recover()` (replay into SQLite) and returns.
 * `release()` at the store's close (and process exit): the owner resumes once no guest remains.
 */
export function joinJournal(dbPath: string, opts: JoinJournalOptions): JournalGuest {
  // A database in memory has no journal, and no folder to meet in.
  if (dbPath === ':memory:' || dbPath === '') return { release() {} };
  const folder = journalSharePath(dbPath);
  const name = nameOf('guest');
  const request = announce(folder, name);
  let local: Owner | undefined;
  try {
    opts.beforeLook?.();
    local = waitForOwner(dbPath, folder, name, opts);
  } catch (err) {
    remove(request);
    throw err;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      remove(request);
      fs.rmSync(`${request}.ack`, { force: true });
      if (local && owners.get(folder) === local) local.leave();
      tidy(folder);
    },
  };
}

/**
 * Whether a live process owns the journal of `dbPath` (its owner file is in the share folder):
 * looks without removing anything, for a read-only store, which leaves the folder as it found it.
 */
export function journalOwned(dbPath: string): boolean {
  return liveOwner(dbPath) !== undefined;
}

/** The name of the file of a live owner of `dbPath`'s journal, if there is one (nothing removed). */
const liveOwner = (dbPath: string): string | undefined => (dbPath === ':memory:' || dbPath === '' ? undefined : liveOwnerIn(journalSharePath(dbPath)));

/** Wait until the live owner acknowledged the request `name` (or pause one of this process); recover a dead owner's journal. */
function waitForOwner(dbPath: string, folder: string, name: string, opts: JoinJournalOptions): Owner | undefined {
  const until = Date.now() + (opts.waitMs ?? 10_000);
  for (let wait = 1; ; wait = Math.min(wait * 2, 10)) {
    const owner = look(folder).owners[0];
    if (owner === undefined) {
      // Under its former name too: an older Samplan's, left before an upgrade (`formerJournalPathOf`).
      const files = opts.journalFile !== undefined ? [opts.journalFile] : [formerJournalPathOf(dbPath), journalPathOf(dbPath)];
      if (files.some((f) => f !== undefined && hasEntries(f))) opts.recover();
      return undefined;
    }
    const local = owners.get(folder);
    if (local) {
      local.join(dbPath);
      return local;
    }
    if (Number(owner.split('.')[1]) === process.pid) {
      const db = realDatabasePath(dbPath);
      throw new JournalShareError({ sv: `Journalen för ${db} ägs av den här processen, som inte kan vänta på sig själv.`, en: `The journal of ${db} is owned by this process, which cannot wait for itself.` });
    }
    if (readText(path.join(folder, `${name}.ack`)) === owner) return undefined;
    if (Date.now() >= until) {
      const [pid, db, within] = [owner.split('.')[1], realDatabasePath(dbPath), secondsWords((opts.waitMs ?? 10_000) / 1000, { max: 1 })];
      throw new JournalShareError({
        sv: `Samplan-servern (process ${pid}) som journalför ${db} skrev inte in sin journal i databasen inom ${within.sv}, så den här lagringen kan inte öppna filen säkert bredvid den. Se efter ett lagringsfel i serverns logg och försök igen.`,
        en: `The Samplan server (process ${pid}) that journals ${db} did not write its journal into the database within ${within.en}, so this store cannot open the file safely beside it. Look at the server's log for a storage error, and try again.`,
      });
    }
    sleep(wait);
  }
}

/** Whether the journal file holds entries (longer than its header); false when there is none. */
function hasEntries(file: string): boolean {
  try {
    return fs.statSync(file).size > JOURNAL_HEADER_BYTES;
  } catch {
    return false;
  }
}
