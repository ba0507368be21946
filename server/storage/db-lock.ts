/**
 * One server per database. Two servers on one file would each keep their own rooms, so each one's
 * clients would see the other's edits late. `samplan serve` therefore holds `<db>.lock`, created
 * with O_EXCL and holding the owner's pid, host and start time; a second server refuses to start
 * with a sentence naming the file and the other process. A lock left by a process that died
 * (kill -9, a power cut) on this host is taken over, and so is one that names no owner a minute
 * after it was made (its maker stopped between making and writing it). `samplan migrate` holds it too, as edits
 * made after its copy would be lost. The CLI's other commands (token, import, export, backup)
 * take no lock: SQLite lets them work beside the running server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageOf, createExclusive, leftBehind, parseOwner, readOwner, readText, UNWRITTEN_MS, type Owner } from './db-lock-files.js';
import { DatabaseLockUnreadableError, readError } from './db-lock-unreadable.js';
import type { Localized } from '../../shared/schema/types.js';
import { digits, numberText } from '../../shared/i18n/number-words.js';

export { processAlive } from './db-lock-files.js';
export { DatabaseLockUnreadableError } from './db-lock-unreadable.js';

/** Thrown when another server holds the database. */
export class DatabaseInUseError extends Error {
  readonly code = 'database-in-use';
  /** The sentence in Swedish, when it was given in both languages (`message` is the English). */
  readonly sv: string | undefined;

  constructor(message: string | Localized) {
    super(typeof message === 'string' ? message : message.en);
    this.sv = typeof message === 'string' ? undefined : message.sv;
  }
}

/**
 * Thrown by {@link lockDatabase} for a database file with more than one name (hard links, `ln`
 * without `-s`): a server through another name would take another lock, and SQLite names the
 * write-ahead log after the name opened (`<name>-wal`), so two servers would each write their own
 * log into one file and corrupt it.
 */
export class HardLinkedDatabaseError extends Error {
  readonly code = 'database-hard-linked';
  /** The sentence in Swedish (`message` is the English). */
  readonly sv: string;

  constructor(words: Localized) {
    super(words.en);
    this.sv = words.sv;
  }
}

/**
 * Refuses the database file `db` (resolved) when it has more than one name (its link count, from
 * `stat`, above 1). A file that does not exist yet has none. Throws {@link HardLinkedDatabaseError}.
 */
function refuseHardLinks(db: string): void {
  let links: number;
  try {
    links = fs.statSync(db).nlink;
  } catch {
    return;
  }
  if (links <= 1) return;
  throw new HardLinkedDatabaseError({
    sv: `Databasen ${db} har ${numberText(links, 'sv')} namn (hårda länkar): en Samplan-server som startas genom ett annat av dem skulle inte se det här namnets lås, och SQLite skulle föra en andra skrivlogg (write-ahead log) för samma fil och skada den. Ta bort de andra namnen (hitta dem med: find / -xdev -samefile ${db}), eller kör servern på en kopia gjord med samplan backup. En symbolisk länk (ln -s) är säker.`,
    en: `The database ${db} has ${numberText(links, 'en')} names (hard links): a Samplan server started through another of them would not see this one's lock, and SQLite would keep a second write-ahead log for the same file and damage it. Remove the other names (find them with: find / -xdev -samefile ${db}), or serve a copy made with samplan backup. A symbolic link (ln -s) is safe.`,
  });
}

/** A held lock. */
export interface DatabaseLock {
  /** The lock file. */
  file: string;
  /**
   * The owner of a lock left behind that this one took over: a process of this host that no longer
   * runs (a server killed, SIGKILL, or crashed before its shutdown), or null for a lock file that
   * named no owner; left out when the file was free.
   */
  leftBy?: Owner | null;
  /** Remove the lock file if it is still ours; idempotent. */
  release(): void;
}

/**
 * The file the database at `dbPath` is, as its lock and pid file are named after: absolute, with
 * every symbolic link followed (a link to the file, or a folder reached through one), so that two
 * spellings of one file (`./data/samplan.db` and a link `current.db` to it) share one lock and a
 * second server through the other spelling is refused. A file not made yet: its folder's real
 * path and its name; a folder that does not exist either: `path.resolve(dbPath)`. Hard links (two
 * names of one file) have no one real path: {@link lockDatabase} refuses a file that has several
 * ({@link HardLinkedDatabaseError}).
 *
 * @example realDatabasePath('current.db') // '/srv/samplan/data/samplan.db' when current.db links there
 */
export function realDatabasePath(dbPath: string): string {
  const db = path.resolve(dbPath);
  try {
    return fs.realpathSync(db);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(db)), path.basename(db));
    } catch {
      return db;
    }
  }
}

/** Test seams of {@link lockDatabase}. */
export interface LockHooks {
  /**
   * Called when a lock left by a dead process on this host has been read and is about to be taken
   * over, before anything is claimed or removed: a test runs a second server's take-over here to
   * interleave the two at the critical step.
   */
  beforeTakeOver?: (file: string) => void;
}

/** How long to wait between looks while another live process takes over a stale lock, in ms, and how many looks. */
const CLAIMED_WAIT_MS = 20;
const CLAIMED_LOOKS = 100;

/** Block this thread for `ms` milliseconds (the lock is taken synchronously, at start-up). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Take the lock of the database at `dbPath` (`<real path>.lock`, {@link realDatabasePath}). Throws a {@link DatabaseInUseError} whose message
 * names the database, the other process and the lock file when another live server holds it, and a
 * {@link DatabaseLockUnreadableError} (the file, what is wrong, what to do; `sv` in Swedish) when
 * the lock file or a claim of it is there but cannot be read: another user's, or a folder.
 *
 * A lock left by a dead process on this host is taken over so that however many servers start at
 * once after a crash, exactly one holds the lock and its file stays in place while it does:
 * - a lock file is made only by an exclusive create (`wx`), which never replaces a file;
 * - it is removed only by its owner (on release), or, once its owner is dead, by the one process
 *   that holds its claim: `<lock>.<SHA-256 of its text>.claim`, also made by an exclusive create,
 *   so one process at a time holds the claim of one stale text;
 * - the claim's holder removes the lock file only while it still holds that stale text, and no
 *   other process can have replaced the text meanwhile (that takes removing it, which takes the
 *   claim), so a live server's lock is never moved or removed by another server's take-over.
 * A process that finds the claim held by a live process waits for it (at most
 * {@link CLAIMED_WAIT_MS} × {@link CLAIMED_LOOKS} ms) and looks again: the lock is then that
 * process's, or free; still claimed, it is refused, saying how long the claim has existed (its
 * modification time) and, for one naming no owner, when it will be taken over. A claim whose holder died is a stale lock in its turn and is taken over the
 * same way; one whose holder died after removing the stale lock is left behind, harmless (no lock
 * has that text again), and removed by the next process that takes the lock ({@link removeDeadClaims}).
 * A lock or claim file that names no owner (empty, or text that is no owner) is one being written
 * (made, not written yet) or left so by a process that stopped in between (kill -9, a power cut):
 * once older than {@link UNWRITTEN_MS} it is taken over the same way, the claim named after its
 * text; its claim's holder removes it only while it still names no owner and is still that old, so
 * a file made again since (by a server starting in that moment) is left to its maker. A younger
 * one is looked at again as a claim is waited for, and then refused.
 *
 * Throws a {@link HardLinkedDatabaseError} when the file has more than one name: each name would
 * have its own lock. A server through a name linked while another server runs sees both names
 * (the link exists before that server opens it), so two servers never share a file this way.
 *
 * @example
 * const lock = lockDatabase('./data/samplan.db');
 * process.once('exit', () => lock.release());
 */
export function lockDatabase(dbPath: string, now: () => Date = () => new Date(), hooks: LockHooks = {}): DatabaseLock {
  const db = path.resolve(dbPath);
  const file = `${realDatabasePath(dbPath)}.lock`;
  const me: Owner = { pid: process.pid, host: os.hostname(), since: now().toISOString() };
  refuseHardLinks(db);
  let looks = 0;
  let took: { leftBy: Owner | null } | null = null;
  for (let attempt = 0; attempt < 8; ) {
    if (createExclusive(file, me)) {
      removeDeadClaims(file, me);
      return { file, ...(took ?? {}), release: () => releaseIfMine(file, me) };
    }
    const text = readText(file);
    const owner = text === null ? null : parseOwner(text);
    const age = ageOf(file);
    if (text === null || age === null) {
      refuseUnreadable(db, file);
      // Removed since the create failed: look again.
      attempt++;
      continue;
    }
    if (leftBehind(owner, age, me.host)) {
      // Left by a server that died on this machine, or never written (its maker stopped in between).
      hooks.beforeTakeOver?.(file);
      const claimed = removeStale(db, file, text, me, 0);
      if (claimed === null) {
        took = { leftBy: owner };
        attempt++;
        continue;
      }
      // Another live process is taking this stale lock over: wait for it, then look again.
      if (++looks > CLAIMED_LOOKS) throw takingOver(db, file, owner, claimed);
      pause(CLAIMED_WAIT_MS);
      continue;
    }
    if (!owner && ++looks <= CLAIMED_LOOKS) {
      // Named no owner yet: most likely a server starting this moment, about to write itself in.
      pause(CLAIMED_WAIT_MS);
      continue;
    }
    throw inUse(db, file, owner, age);
  }
  throw new DatabaseInUseError({ sv: `Låset ${file} för databasen ${db} gick inte att ta; försök igen.`, en: `Could not take the lock ${file} of the database ${db}; try again.` });
}

/**
 * Remove the claims of the lock `file` (`<lock>.<hash>.claim`, and a claim's claim
 * `<lock>.<hash>.claim.<hash>.claim`) left by processes that died on this host: called by the
 * lock's new holder just after it made the lock. Every claim names the text of a lock that is
 * gone now that `me`'s text is there (its hash covers the pid and start time), so none can decide
 * anything again. A claim of a live process, or of another host, is left; so is one that names
 * no owner (empty, or text that is no owner) unless it is older than {@link UNWRITTEN_MS}, and
 * one that cannot be read. A folder that cannot be listed leaves everything as it is.
 */
function removeDeadClaims(file: string, me: Owner): void {
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.claim')) continue;
    const claim = path.join(path.dirname(file), name);
    const text = readText(claim);
    const age = ageOf(claim);
    if (text !== null && age !== null && leftBehind(parseOwner(text), age, me.host)) fs.rmSync(claim, { force: true });
  }
}

/** A claim held by another process, as {@link removeStale} found it. */
interface Claimed {
  /** The claim file. */
  claim: string;
  /** Its holder; null when it names none (yet). */
  owner: Owner | null;
  /** How long ago it was made or written (its modification time), in ms: how long its holder has been taking the lock over. */
  ageMs: number;
}

/** The claim of the stale lock `file` that holds `staleText` (see {@link lockDatabase}). */
function claimOf(file: string, staleText: string): string {
  return `${file}.${crypto.createHash('sha256').update(staleText).digest('hex').slice(0, 16)}.claim`;
}

/**
 * Remove the lock `file` if it still holds `staleText` (a dead owner's, or none and old), holding
 * its claim while doing so. Returns null when the caller should look at `file` again (removed
 * here, or already replaced or removed by another); the claim and its holder when another live
 * process holds the claim. A claim left by a dead holder, or never written and old
 * ({@link leftBehind}), is removed the same way first (`depth` deep, at most 3). A `staleText`
 * naming no owner is removed only while the file is still older than {@link UNWRITTEN_MS}: one
 * made again since is being written.
 */
function removeStale(db: string, file: string, staleText: string, me: Owner, depth: number): Claimed | null {
  const claim = claimOf(file, staleText);
  if (!createExclusive(claim, me)) {
    const text = readText(claim);
    if (text === null) return (refuseUnreadable(db, claim), null); // Let go of just now: look again.
    const owner = parseOwner(text);
    const age = ageOf(claim);
    if (age === null) return null; // Let go of just now: look again.
    if (leftBehind(owner, age, me.host) && depth < 3) return removeStale(db, claim, text, me, depth + 1);
    return { claim, owner, ageMs: age };
  }
  try {
    // Only the claim's holder removes this text, and the claim is ours: it cannot change under us.
    // A text naming no owner can be made again (an empty file by the next server's create), so
    // that one is removed only while it is still old.
    if (readText(file) === staleText && (parseOwner(staleText) !== null || (ageOf(file) ?? 0) > UNWRITTEN_MS)) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(claim, { force: true });
  }
  return null;
}

/**
 * Throws a {@link DatabaseLockUnreadableError} when the lock or claim `file` of the database `db`
 * is there but cannot be read (another user's, a folder in its place): looking again would only
 * meet it again. Returns when it is gone or reads now (the caller looks again).
 */
function refuseUnreadable(db: string, file: string): void {
  const err = readError(file);
  if (err !== null) throw new DatabaseLockUnreadableError(db, file, err);
}

function ownerWords(owner: Owner | null): Localized {
  return owner
    ? { sv: `process ${digits(owner.pid)} på ${owner.host}, igång sedan ${owner.since}`, en: `process ${digits(owner.pid)} on ${owner.host}, running since ${owner.since}` }
    : { sv: 'en process som inte lämnade någon läsbar ägare', en: 'a process that left no readable owner' };
}

/**
 * The refusal for the database `db` whose stale lock `file` (naming the dead `owner`, or none)
 * another process has held the claim of (`claimed`) all the while this one waited for it.
 */
function takingOver(db: string, file: string, owner: Owner | null, claimed: Claimed): DatabaseInUseError {
  const lock = owner ? { sv: 'lämnades av en process som dog', en: 'was left by a process that died' } : { sv: 'lämnades utan att namnge någon ägare', en: 'was left naming no owner' };
  const seconds = Math.floor(claimed.ageMs / 1000);
  if (!claimed.owner) {
    const wait = Math.max(1, Math.ceil((UNWRITTEN_MS - claimed.ageMs) / 1000));
    return new DatabaseInUseError({
      sv: `Låset ${file} för databasen ${db} ${lock.sv}, och en process har tagit över det i ${numberText(seconds, 'sv')} s utan att skriva in sin ägare i sitt anspråk ${claimed.claim}. Ett anspråk som inte namnger någon ägare tas över när det är ${numberText(UNWRITTEN_MS / 1000, 'sv')} s gammalt: försök igen om ${numberText(wait, 'sv')} s.`,
      en: `The lock ${file} of the database ${db} ${lock.en}, and a process has been taking it over for ${numberText(seconds, 'en')} s without writing its owner into its claim ${claimed.claim}. A claim naming no owner is taken over once it is ${numberText(UNWRITTEN_MS / 1000, 'en')} s old: try again in ${numberText(wait, 'en')} s.`,
    });
  }
  const who = ownerWords(claimed.owner);
  return new DatabaseInUseError({
    sv: `Låset ${file} för databasen ${db} ${lock.sv}, och ${who.sv} har tagit över det i ${numberText(seconds, 'sv')} s. Försök igen; om ingen Samplan-server startar, ta bort ${claimed.claim}.`,
    en: `The lock ${file} of the database ${db} ${lock.en}, and ${who.en} has been taking it over for ${numberText(seconds, 'en')} s. Try again; if no Samplan server is starting, remove ${claimed.claim}.`,
  });
}

/**
 * The refusal for the database `db` whose lock `file` names `owner`. Null: it names none, and was
 * made `ageMs` ago, younger than {@link UNWRITTEN_MS}, so it may be being written (one that cannot
 * be read at all is a {@link DatabaseLockUnreadableError}).
 */
function inUse(db: string, file: string, owner: Owner | null, ageMs: number): DatabaseInUseError {
  if (!owner) {
    const made = Math.floor(ageMs / 1000);
    const wait = Math.max(1, Math.ceil((UNWRITTEN_MS - ageMs) / 1000));
    return new DatabaseInUseError({
      sv: `Databasen ${db} är låst av ${file}, som ännu inte namnger någon ägare: en Samplan-server gjorde den för ${numberText(made, 'sv')} s sedan och skriver in sin ägare, eller stoppade innan den hann. Ett lås som inte namnger någon ägare tas över när det är ${numberText(UNWRITTEN_MS / 1000, 'sv')} s gammalt: försök igen om ${numberText(wait, 'sv')} s.`,
      en: `The database ${db} is locked by ${file}, which names no owner yet: a Samplan server made it ${numberText(made, 'en')} s ago and is writing its owner into it, or stopped before it could. A lock naming no owner is taken over once it is ${numberText(UNWRITTEN_MS / 1000, 'en')} s old: try again in ${numberText(wait, 'en')} s.`,
    });
  }
  return new DatabaseInUseError({
    sv: `Databasen ${db} används redan av en annan Samplan-server (process ${digits(owner.pid)} på ${owner.host}, igång sedan ${owner.since}). Stoppa den servern först (samplan stop --db ${db}), eller ange en annan databas. Om ingen server körs, ta bort ${file}.`,
    en: `The database ${db} is already served by another Samplan server (${ownerWords(owner).en}). Stop that server first (samplan stop --db ${db}), or name another database. If no server runs, remove ${file}.`,
  });
}

/**
 * Look, without taking it, whether another live server holds the lock of the database at
 * `dbPath`: the {@link DatabaseInUseError} {@link lockDatabase} would throw (same sentence), the
 * {@link DatabaseLockUnreadableError} when the lock file is there but cannot be read, or null when the file is free or its lock was left behind (by a dead process on this host, or never
 * written and older than {@link UNWRITTEN_MS}), as {@link lockDatabase} takes such a lock over.
 * `npm start` asks this before it rebuilds `dist/`, which a running server serves from.
 */
export function databaseInUse(dbPath: string): DatabaseInUseError | DatabaseLockUnreadableError | null {
  const db = path.resolve(dbPath);
  const file = `${realDatabasePath(dbPath)}.lock`;
  const text = readText(file);
  const age = ageOf(file);
  if (age === null) return null;
  if (text === null) {
    const err = readError(file);
    // Readable now: made between the read and the look, by a server starting this moment.
    return err === null ? inUse(db, file, null, age) : new DatabaseLockUnreadableError(db, file, err);
  }
  const owner = parseOwner(text);
  if (leftBehind(owner, age, os.hostname())) return null;
  return inUse(db, file, owner, age);
}

function releaseIfMine(file: string, me: Owner): void {
  const owner = readOwner(file);
  if (owner && owner.pid === me.pid && owner.host === me.host && owner.since === me.since) fs.rmSync(file, { force: true });
}
