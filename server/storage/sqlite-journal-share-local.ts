/**
 * The journal's sharing with other stores on the same file, within this process only: a store
 * opened on a file whose journal this process owns pauses that journal (flushed, appends direct)
 * until it closes; a store that finds a journal with entries and no live server on the file takes
 * them in (`recover`). Same interface as the full protocol across processes (`ownJournal`, `joinJournal`).
 */
import { realDatabasePath, databaseInUse } from './db-lock.js';
import { journalPathOf } from './sqlite-journal-file.js';
import { journalHasEntries } from './sqlite-journal-recover.js';

/** What the owner's store gives the sharing module. */
export interface JournalOwnerHooks {
  /** Flush every pending batch into SQLite now and append directly from now on. Throws if the flush fails. */
  pause(): void;
  /** No other store remains on the file: journal appends again. */
  resume(): void;
}

/** The owner's side: released at its close. */
export interface JournalOwnership {
  readonly paused: boolean;
  poll(): void;
  close(): void;
}

/** A guest's side: released at its close. */
export interface JournalGuest {
  release(): void;
}

interface Owner {
  hooks: JournalOwnerHooks;
  guests: number;
}

const owners = new Map<string, Owner>();

/** Become the journal owner of `dbPath` in this process. */
export function ownJournal(dbPath: string, hooks: JournalOwnerHooks): JournalOwnership {
  const key = realDatabasePath(dbPath);
  const owner: Owner = { hooks, guests: 0 };
  owners.set(key, owner);
  return {
    get paused() {
      return owner.guests > 0;
    },
    poll() {},
    close() {
      if (owners.get(key) === owner) owners.delete(key);
    },
  };
}

/** Called at open by every writable store that does not own the journal of `dbPath`; see the module's comment. */
export function joinJournal(dbPath: string, opts: { recover: () => void }): JournalGuest {
  const owner = owners.get(realDatabasePath(dbPath));
  if (owner === undefined) {
    if (journalHasEntries(journalPathOf(dbPath)) && databaseInUse(dbPath) === null) opts.recover();
    return { release() {} };
  }
  if (owner.guests === 0) owner.hooks.pause();
  owner.guests++;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (--owner.guests === 0) owner.hooks.resume();
    },
  };
}
