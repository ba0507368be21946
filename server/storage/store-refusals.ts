/**
 * A database refusing one statement, told apart from a failing medium (`watched.ts`) and from a
 * fault of the server's own code. SQLite's `SQLITE_CONSTRAINT_*` (a trigger's `RAISE`, a `CHECK`, a
 * `NOT NULL`, a unique key) and PostgreSQL's integrity errors (SQLSTATE class 23) and `RAISE
 * EXCEPTION` (P0001) are such refusals: the store is reachable and well, and said no to this write.
 * `watchStorage` turns them into a `StorageUnavailableError` of their {@link StoreRefusal} kind, so
 * every REST route answers them in words, SQLite and PostgreSQL alike (a conflict with 409, any other
 * refusal with 503), instead of a 500 that says nothing of what happened.
 *
 * The words name the kind only. The store's own message, which names a constraint or a trigger's
 * text but no value of the row (PostgreSQL keeps the row's values in `detail`, which is never read
 * here), stays the error's `reason`, for the log.
 */

/**
 * What a refusal means for the request: `conflict`, it clashed with what is stored (a unique key
 * taken, a row it refers to gone: another request came first; 409); `refused`, the database's
 * own rule refused it (a trigger, a check; 503, as the request itself was fine).
 */
export type RefusalKind = 'conflict' | 'refused';

/** A refusal's kind and its words, in Swedish and English. */
export interface StoreRefusal {
  kind: RefusalKind;
  words: { sv: string; en: string };
}

const TAKEN: StoreRefusal = {
  kind: 'conflict',
  words: { sv: 'en post med samma id sparades samtidigt', en: 'a record of the same id was stored at the same moment' },
};
const GONE: StoreRefusal = {
  kind: 'conflict',
  words: { sv: 'det ändringen hänvisar till finns inte längre', en: 'what the change refers to is no longer stored' },
};
const RULE: StoreRefusal = {
  kind: 'refused',
  words: { sv: 'databasen vägrade spara den enligt en av sina regler', en: 'the database refused the write by one of its rules' },
};

/**
 * The codes of each kind: SQLite's extended result codes (better-sqlite3's `code`) and PostgreSQL's
 * SQLSTATE (23505 unique, 23503 foreign key, 23xxx other integrity, P0001 raise, P0004 assert).
 */
const REFUSAL_CODES: ReadonlyArray<[RegExp, StoreRefusal]> = [
  [/^(SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY|ROWID)|23505)$/, TAKEN],
  [/^(SQLITE_CONSTRAINT_FOREIGNKEY|23503)$/, GONE],
  [/^(SQLITE_CONSTRAINT|SQLITE_TOOBIG|SQLITE_MISMATCH|23\d{3}|P0001|P0004)/, RULE],
];

/** Whether `err` is an error of a database driver: SQLite's (`SQLITE_…` code) or PostgreSQL's (a SQLSTATE with a severity). */
function driverCode(err: unknown): string | null {
  const e = err as { code?: unknown; severity?: unknown } | null;
  if (typeof e?.code !== 'string') return null;
  if (e.code.startsWith('SQLITE_')) return e.code;
  return typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null;
}

/**
 * The refusal `err` is (or wraps, up to four causes deep), or null for any other error.
 *
 * @example
 * try { db.prepare('INSERT INTO audit …').run(…); } catch (err) { storeRefusal(err)?.kind; } // 'refused' for a trigger's RAISE (SQLITE_CONSTRAINT_TRIGGER)
 */
export function storeRefusal(err: unknown): StoreRefusal | null {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = driverCode(e);
    if (code === null) continue;
    const found = REFUSAL_CODES.find(([pattern]) => pattern.test(code));
    if (found) return found[1];
  }
  return null;
}
