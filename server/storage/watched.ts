/**
 * Knowing when storage fails. {@link watchStorage} wraps any {@link Storage}: an I/O fault of
 * any call (a full disk, an I/O error, a read-only or vanished file) is turned into a
 * {@link StorageUnavailableError} with a sentence, and remembered until a write succeeds again, so
 * `/healthz` can answer 503 with its kind and the HTTP routes 503 instead of 500 (the sentences
 * name the kind only; the store's own wording, which may name a file or an address, is kept in
 * `reason` for the log). Faults of the caller (a compaction beyond the last sequence, a bad argument) pass through unchanged.
 */
import { writeNow, type Storage } from './storage.js';
import { storeRefusal } from './store-refusals.js';
import { diskCodeOf } from './disk-probe.js';

/**
 * Thrown by a watched storage when the store cannot read or write, or refused a write
 * (`store-refusals.ts`). `code` and `status` say which: `storage-unavailable` (503) for a failing
 * medium, `storage-refused` (503) for the database's own rule refusing the write, `storage-conflict`
 * (409) for a write that clashed with what another request stored first.
 */
export class StorageUnavailableError extends Error {
  readonly code: 'storage-unavailable' | 'storage-refused' | 'storage-conflict';
  /** The HTTP status the answer carries: 409 for a conflict, else 503. */
  readonly status: 409 | 503;
  constructor(
    /** The store's own wording, e.g. `database or disk is full`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const words = faultWords(reason, options?.cause);
    const refusal = storeRefusal(options?.cause);
    super(
      refusal?.kind === 'conflict'
        ? `The change could not be stored: ${words.en}. Nothing was changed; reload and try again.`
        : `The server cannot store changes right now (${words.en}). Nothing was changed; try again in a while.`,
      options,
    );
    this.code = refusal === null ? 'storage-unavailable' : refusal.kind === 'conflict' ? 'storage-conflict' : 'storage-refused';
    this.status = refusal?.kind === 'conflict' ? 409 : 503;
    this.sv =
      refusal?.kind === 'conflict'
        ? `Ändringen kunde inte sparas: ${words.sv}. Inget ändrades; läs in på nytt och försök igen.`
        : `Servern kan inte spara ändringar just nu (${words.sv}). Inget ändrades; försök igen om en stund.`;
  }

  /**
   * The same sentence in Swedish, for the pane (`details.message.sv` of the 503): the fault in
   * Swedish words by its kind ({@link faultWordsSv}), not the store's English wording.
   */
  readonly sv: string;
}

/**
 * The 503 error of a document whose room refuses writes while it recovers from `fault` (what
 * broke its write log or its apply, or its reload: `Refusal.fault`): worded by the fault's kind
 * when it is one of storage's ({@link faultWords}: the disk is full, the database server cannot be
 * reached…), else as a document being reloaded after a fault (an apply that threw, or no fault
 * known). The fault's own wording stays in `reason`, for the log.
 */
export function roomUnavailable(fault: unknown): StorageUnavailableError {
  if (fault instanceof StorageUnavailableError) return new StorageUnavailableError(fault.reason, { cause: fault });
  if (isStorageFault(fault)) return new StorageUnavailableError((fault as Error).message, { cause: fault });
  return new StorageUnavailableError(RELOADING.en, { cause: fault });
}

/** A fault's kind in words, in Swedish and English. */
export interface FaultWords {
  sv: string;
  en: string;
}

const FULL: FaultWords = { sv: 'disken är full', en: 'the disk is full' };
// EDQUOT: the disk may have room, but not for the user (or group) the server or command runs as:
// the quota is raised, or that user's files made smaller, so it is not told as a full disk.
const QUOTA: FaultWords = { sv: 'diskkvoten är slut', en: 'the disk quota is used up' };
// Said by the server (a 503, /healthz) and by a command (`cli-failure.ts`) alike: the words name
// the fault, never who met it.
// EFBIG: the write would take the file past the largest size allowed: the file-size limit of the
// process (`ulimit -f`, systemd's LimitFSIZE) or its file system's largest file (FAT's 4 GiB). Neither
// a full disk nor an I/O error: space freed elsewhere does not help, the limit or another disk does.
const TOO_LARGE: FaultWords = {
  sv: 'filen får inte bli större: den nådde gränsen för filstorlek, ulimit -f, eller den största fil filsystemet rymmer',
  en: 'the file may grow no larger: it reached the file-size limit, ulimit -f, or the largest file its file system holds',
};
const NOT_ALLOWED: FaultWords = { sv: 'skrivbehörighet till databasen saknas', en: 'no permission to write to the database' };
const IO: FaultWords = { sv: 'ett läs- eller skrivfel på disken', en: 'a read or write error on the disk' };
const CORRUPT: FaultWords = { sv: 'databasen är skadad', en: 'the database is damaged' };
const CANT_OPEN: FaultWords = { sv: 'databasen kan inte öppnas', en: 'the database cannot be opened' };
const BUSY: FaultWords = { sv: 'databasen är upptagen', en: 'the database is busy' };
const UNREACHABLE: FaultWords = { sv: 'databasservern går inte att nå', en: 'the database server cannot be reached' };
// Reached, then ended: `pg_terminate_backend`, the server shutting down or crashing, a reset.
const LOST: FaultWords = { sv: 'anslutningen till databasservern bröts', en: 'the connection to the database server was lost' };
// 57014: PostgreSQL stopped a statement that ran past `statement_timeout`, or one cancelled
// (`pg_cancel_backend`, an operator's Ctrl+C in psql): the server was reached and answered.
const CANCELLED: FaultWords = {
  sv: 'databasservern avbröt satsen: den tog för lång tid eller avbröts (händer det igen kan databasens statement_timeout vara för kort)',
  en: 'the database server stopped the statement: it took too long or was cancelled (if it happens again, the database\'s statement_timeout may be too short)',
};
const NO_RESOURCES: FaultWords = { sv: 'databasservern har inte resurser över', en: 'the database server is out of resources' };
const NOT_RELOADED: FaultWords = { sv: 'dokumentet kunde inte läsas in igen efter en misslyckad skrivning', en: 'the document could not be reloaded after a failed write' };
const RELOADING: FaultWords = { sv: 'dokumentet läses in på nytt efter ett fel', en: 'the document is being reloaded after a fault' };
// The PostgreSQL serving lock lost to another kind of server, or its connection down (`serve-gate.ts`).
const NOT_SERVING: FaultWords = {
  sv: 'servern har inte databasens serveringslås (en annan Samplan-server kan ha tagit det, eller anslutningen som håller det bröts); den tar emot ändringar igen när den har låset',
  en: "the server does not hold the database's serving lock (another Samplan server may have taken it, or the connection holding it was lost); it takes changes again once it holds the lock",
};
const UNKNOWN: FaultWords = { sv: 'ett fel av okänt slag', en: 'a fault of unknown kind' };

/** A fault's kind, by the codes of SQLite (`SQLITE_FULL`…), Node (`ENOSPC`…) and PostgreSQL (SQLSTATE). */
const FAULT_CODE_WORDS: ReadonlyArray<[RegExp, FaultWords]> = [
  [/^SAMPLAN_NOT_SERVING$/, NOT_SERVING],
  [/^EDQUOT$/, QUOTA],
  [/^EFBIG$/, TOO_LARGE],
  [/^(SQLITE_FULL|ENOSPC|53100)/, FULL],
  [/^(SQLITE_READONLY|EROFS|EACCES|EPERM|42501|25006)/, NOT_ALLOWED],
  [/^(SQLITE_IOERR|EIO|58030)/, IO],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB|XX001|XX002)/, CORRUPT],
  [/^(SQLITE_CANTOPEN|ENOENT)/, CANT_OPEN],
  [/^(SQLITE_BUSY|SQLITE_LOCKED|SQLITE_PROTOCOL|55P03|40P01|40001)/, BUSY],
  [/^(57P01|57P02|08003|08006|ECONNRESET|EPIPE)$/, LOST],
  [/^57014$/, CANCELLED],
  [/^(08|57|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)/, UNREACHABLE],
  [/^53/, NO_RESOURCES],
];

/** The same kinds told by a store's words, for a fault whose code is not at hand. */
const FAULT_TEXT_WORDS: ReadonlyArray<[RegExp, FaultWords]> = [
  [/disk quota exceeded/i, QUOTA],
  [/file too large/i, TOO_LARGE],
  [/disk is full|no space left/i, FULL],
  [/readonly database|read-only file system|permission denied/i, NOT_ALLOWED],
  [/disk i\/o error|input\/output error/i, IO],
  [/malformed|not a database/i, CORRUPT],
  [/unable to open database/i, CANT_OPEN],
  [/database is locked|database table is locked/i, BUSY],
  [/could not be reloaded/i, NOT_RELOADED],
  [/being reloaded after a fault/i, RELOADING],
  [/connection terminated|terminating connection|ECONNRESET/i, LOST],
  [/canceling statement due to (statement timeout|user request)/i, CANCELLED],
  [/^PostgreSQL: |ECONNREFUSED|timeout/i, UNREACHABLE],
];

/**
 * What went wrong with the store, as its kind in words (Swedish and English): by the code of
 * `cause` (or of the error it wraps) when there is one — the system's code found behind an SQLite
 * error first (`diskCode`, `disk-probe.ts`: SQLite says `SQLITE_FULL` for a used-up quota too) —
 * else by the store's English `reason`;
 * `a fault of unknown kind` for a fault of no known kind (not "storage does not answer": it may be any). Never the store's own wording, which
 * may name files, or with PostgreSQL an address (host, port, user, database): that stays in
 * `reason`, for the log.
 *
 * @example
 * faultWords('connect ECONNREFUSED 10.0.0.5:5432', Object.assign(new Error('…'), { code: 'ECONNREFUSED' })).en; // 'the database server cannot be reached'
 */
export function faultWords(reason: string, cause?: unknown): FaultWords {
  for (let err = cause, depth = 0; err && depth < 4; err = (err as { cause?: unknown }).cause, depth++) {
    const code = diskCodeOf(err) ?? (err as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const found = FAULT_CODE_WORDS.find(([pattern]) => pattern.test(code));
    if (found) return found[1];
  }
  return storeRefusal(cause)?.words ?? FAULT_TEXT_WORDS.find(([pattern]) => pattern.test(reason))?.[1] ?? UNKNOWN;
}

/**
 * {@link faultWords} in Swedish, for the pane.
 *
 * @example
 * faultWordsSv('database or disk is full', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })); // 'disken är full'
 */
export function faultWordsSv(reason: string, cause?: unknown): string {
  return faultWords(reason, cause).sv;
}

/** The current storage fault, if any. */
export interface StorageFault {
  /** The store's own wording: for the log only, it may name a file or an address. */
  reason: string;
  /** The fault's kind in words ({@link faultWords}), safe to show to anyone. */
  words: FaultWords;
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

// Every system and SQLite code `FAULT_CODE_WORDS` names a kind for: one given words there but not
// counted here (EPERM was) passed through as the caller's error, unremembered and answered 500, not 503.
const FAULT_CODES = /^(SAMPLAN_NOT_SERVING$|SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|BUSY|LOCKED|PROTOCOL)|ENOSPC|EIO|EROFS|EDQUOT|EFBIG|EACCES|EPERM|ENOENT)/;

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
  listStoredDocs: false,
  listKeylessUpdates: false,
  dropUnnumberedUpdates: true,
  findStoredTexts: false,
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
  updateDocRecord: true,
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
  noteAccessTokenSession: true,
  accessTokenEnded: false,
  signOutSession: true,
  revokeSameSignIn: true,
  rightsVersion: false,
  // A turn writes nothing itself; what runs in it is remembered by its own calls.
  inDocTurn: false,
  inScopeTurn: false,
  appendAudit: true,
  listAudit: false,
  listUnitAudit: false,
  backup: false,
  close: false,
} satisfies Record<keyof Storage, boolean>;

/** Whether a call of `method` of a store writes (a method {@link Storage} does not have counts as one). */
export function writesData(method: string): boolean {
  return (WRITES as Partial<Record<string, boolean>>)[method] ?? true;
}

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
    const write = writesData(name);
    /** A fault of the medium as a {@link StorageUnavailableError}, remembered for a write; a refusal (`storeRefusal`) as one not remembered; any other error as it is. */
    const fault = (err: unknown): unknown => {
      // The database refused this one write (a trigger, a constraint): answered in words, not
      // remembered, as the medium is well and the next write may be taken.
      if (!isStorageFault(err)) return storeRefusal(err) ? new StorageUnavailableError((err as Error).message, { cause: err }) : err;
      const reason = err instanceof StorageUnavailableError ? err.reason : (err as Error).message;
      const cause = err instanceof StorageUnavailableError ? err.cause : err;
      if (write) current ??= { reason, words: faultWords(reason, cause), since: clock().toISOString() };
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
