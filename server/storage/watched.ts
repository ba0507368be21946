/**
 * Knowing when storage fails. {@link watchStorage} wraps any {@link Storage}: an I/O fault of
 * any call (a full disk, an I/O error, a read-only or vanished file) is turned into a
 * {@link StorageUnavailableError} with a sentence, and remembered until a write succeeds again, so
 * `/healthz` can answer 503 with the reason and the HTTP routes 503 instead of 500. Faults of the
 * caller (a compaction beyond the last sequence, a bad argument) pass through unchanged.
 */
import { writeNow, type Storage } from './storage.js';

/** Thrown by a watched storage when the store cannot read or write. */
export class StorageUnavailableError extends Error {
  readonly code = 'storage-unavailable';
  constructor(
    /** The store's own wording, e.g. `database or disk is full`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The server cannot store changes right now (${reason}). Nothing was changed; try again in a while.`, options);
    this.sv = `Servern kan inte spara ändringar just nu (${faultWordsSv(reason, options?.cause)}). Inget ändrades; försök igen om en stund.`;
  }

  /**
   * The same sentence in Swedish, for the pane (`details.message.sv` of the 503): the fault in
   * Swedish words by its kind ({@link faultWordsSv}), not the store's English wording.
   */
  readonly sv: string;
}

/** A fault's kind, by the codes of SQLite (`SQLITE_FULL`…), Node (`ENOSPC`…) and PostgreSQL (SQLSTATE), in Swedish. */
const FAULT_WORDS_SV: ReadonlyArray<[RegExp, string]> = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT|53100)/, 'disken är full'],
  [/^(SQLITE_READONLY|EROFS|EACCES|EPERM|42501)/, 'servern får inte skriva i databasen'],
  [/^(SQLITE_IOERR|EIO|58030)/, 'ett läs- eller skrivfel på disken'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB|XX001|XX002)/, 'databasen är skadad'],
  [/^(SQLITE_CANTOPEN|ENOENT)/, 'databasen kan inte öppnas'],
  [/^(SQLITE_BUSY|SQLITE_LOCKED|SQLITE_PROTOCOL|55P03|40P01)/, 'databasen är upptagen'],
  [/^(08|57|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)/, 'databasservern går inte att nå'],
  [/^53/, 'databasservern har inte resurser över'],
];

/** The same kinds told by a store's words, for a fault whose code is not at hand. */
const FAULT_TEXT_SV: ReadonlyArray<[RegExp, string]> = [
  [/disk is full|no space left/i, 'disken är full'],
  [/readonly database|read-only file system|permission denied/i, 'servern får inte skriva i databasen'],
  [/disk i\/o error|input\/output error/i, 'ett läs- eller skrivfel på disken'],
  [/malformed|not a database/i, 'databasen är skadad'],
  [/unable to open database/i, 'databasen kan inte öppnas'],
  [/database is locked|database table is locked/i, 'databasen är upptagen'],
  [/could not be reloaded/i, 'dokumentet kunde inte läsas in igen efter en misslyckad skrivning'],
  [/^PostgreSQL: |connection terminated|terminating connection|ECONNREFUSED|timeout/i, 'databasservern går inte att nå'],
];

/**
 * What went wrong with the store, in Swedish words for the pane: by the code of `cause` (or of
 * the error it wraps) when there is one, else by the store's English `reason`; `lagringen svarar
 * inte` for a fault of no known kind. Never the store's own wording, which is English and may
 * name files or addresses.
 *
 * @example
 * faultWordsSv('database or disk is full', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })); // 'disken är full'
 */
export function faultWordsSv(reason: string, cause?: unknown): string {
  for (let err = cause, depth = 0; err && depth < 4; err = (err as { cause?: unknown }).cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const found = FAULT_WORDS_SV.find(([pattern]) => pattern.test(code));
    if (found) return found[1];
  }
  return FAULT_TEXT_SV.find(([pattern]) => pattern.test(reason))?.[1] ?? 'lagringen svarar inte';
}

/** The current storage fault, if any. */
export interface StorageFault {
  reason: string;
  /** ISO time of the first failure of this fault. */
  since: string;
}

/** What {@link watchStorage} gives back. */
export interface WatchedStorage {
  storage: Storage;
  /** The fault seen by the last write, or null while writes succeed. */
  fault(): StorageFault | null;
  /**
   * While a fault is remembered, try one small real write; clears the fault when it succeeds.
   * Resolves with the fault that remains (null when storage takes writes again).
   */
  recheck(): Promise<StorageFault | null>;
}

const FAULT_CODES = /^(SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|BUSY|LOCKED|PROTOCOL)|ENOSPC|EIO|EROFS|EDQUOT|EACCES|ENOENT)/;

/** True for an error of the medium (disk, file, lock), not of the caller. */
export function isStorageFault(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FAULT_CODES.test(code);
}

/**
 * Whether a call of each method writes: a write's fault is remembered and its success clears the
 * fault; a read's does neither (a read that succeeds says nothing of whether a write would). Every
 * method of {@link Storage} is named (`satisfies`), so one added to the interface cannot be left
 * out and pass for a write, whose every successful read would clear a full disk's fault. A method
 * of a store that the interface does not have counts as a write.
 */
const WRITES = {
  loadDoc: false,
  appendUpdates: true,
  appendAfter: true,
  appendMany: true,
  compact: true,
  putFresh: true,
  replaceHistory: true,
  vacuumHistory: true,
  listUpdates: false,
  loadTakeBacks: false,
  listCheckpoints: false,
  getCheckpoint: false,
  dataVersion: false,
  lastSeqs: false,
  checkWritable: true,
  watchChanges: false,
  putWorkspace: true,
  getWorkspace: false,
  listWorkspaces: false,
  putUnit: true,
  listUnits: false,
  putDocRecord: true,
  getDocRecord: false,
  getDocRecords: false,
  listDocs: false,
  deleteDoc: true,
  putMember: true,
  updateMember: true,
  getMember: false,
  getMembers: false,
  listMembers: false,
  deleteMember: true,
  getRemoval: false,
  listRemovals: false,
  putToken: true,
  getTokenByHash: false,
  getToken: false,
  getTokens: false,
  listTokens: false,
  listMemberTokens: false,
  revokeToken: true,
  rightsVersion: false,
  appendAudit: true,
  listAudit: false,
  backup: false,
  close: false,
} satisfies Record<keyof Storage, boolean>;

/**
 * Wrap `inner`. Every method keeps its meaning; only faults change shape.
 *
 * @example
 * const { storage, fault } = watchStorage(openSqliteStorage(file));
 * if (fault()) logger.warn(fault(), "storage failing");
 */
export function watchStorage(inner: Storage, clock: () => Date = () => new Date()): WatchedStorage {
  let current: StorageFault | null = null;
  const wrapped = {} as Record<string, unknown>;
  // for…in and a look-up at call time: stores built with Object.create, and methods replaced
  // later (tests make a store fail on demand), are wrapped too.
  for (const key in inner) {
    const name = key as keyof Storage;
    if (typeof inner[name] !== 'function') continue;
    // Synchronous and touching no data: handed on as it is (bound, for a method of a prototype).
    if (name === 'watchChanges') {
      wrapped[name] = (inner[name] as (...a: unknown[]) => unknown).bind(inner);
      continue;
    }
    const write = (WRITES as Partial<Record<string, boolean>>)[name] ?? true;
    /** A fault of the medium as a {@link StorageUnavailableError}, remembered for a write; any other error as it is. */
    const fault = (err: unknown): unknown => {
      if (!isStorageFault(err)) return err;
      const reason = err instanceof StorageUnavailableError ? err.reason : (err as Error).message;
      if (write) current ??= { reason, since: clock().toISOString() };
      return err instanceof StorageUnavailableError ? err : new StorageUnavailableError(reason, { cause: err });
    };
    const wrapper = async (...args: unknown[]) => {
      try {
        const method = inner[name] as unknown as (...a: unknown[]) => Promise<unknown>;
        const result = await method.apply(inner, args);
        if (write) current = null;
        return result;
      } catch (err) {
        throw fault(err);
      }
    };
    wrapped[name] = wrapper;
    // The synchronous form of an append (`writeNow`), wrapped alike, while the inner method has one.
    if (name === 'appendUpdates' || name === 'appendMany') {
      let seen: ((...a: unknown[]) => unknown) | undefined;
      let made: ((...a: unknown[]) => unknown) | undefined;
      Object.defineProperty(wrapper, 'now', {
        get: () => {
          const now = writeNow(inner[name] as unknown as (...a: unknown[]) => Promise<unknown>);
          if (now !== seen) {
            seen = now;
            made =
              now &&
              ((...args: unknown[]) => {
                try {
                  const result = now(...args);
                  current = null;
                  return result;
                } catch (err) {
                  throw fault(err);
                }
              });
          }
          return made;
        },
      });
    }
  }
  const storage = wrapped as unknown as Storage;
  return {
    storage,
    fault: () => current,
    async recheck() {
      if (!current) return null;
      try {
        await storage.checkWritable();
      } catch {
        // The wrapper has kept the fault.
      }
      return current;
    },
  };
}
