import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { SchemaVersionError } from './sqlite-schema-errors.js';

export { SchemaVersionError, UpgradeUnderServerError } from './sqlite-schema-errors.js';

/**
 * The SQLite schema, one entry per version. `PRAGMA user_version` records how many have been
 * applied; opening a file applies the rest in one transaction. Never edit an entry once released:
 * append a new one.
 *
 * `update_log` is both the tail a room loads (rows after the snapshot's `upto_seq`) and the
 * history `listUpdates` reads; compaction deletes only rows older than the retention window that
 * a kept row of `checkpoints` covers (`retention.ts`), so history and "a past version as JSON"
 * keep working after compaction, while a cold load reads one snapshot and a short tail through
 * the `(workspace, doc, seq)` key.
 *
 * Up to version 7 `update_log` is a rowid table with a unique index on `(workspace, doc, seq)`. Version 5 made it
 * a WITHOUT ROWID table keyed so (one B-tree per append instead of two: ~0.4 WAL pages per commit
 * fewer with 60-byte updates, more with 300-byte ones, which split its leaves more often); version
 * 6 went back, because a search of that tree that passes a row whose update spills out of its page
 * (a plan's first update, a paste: over ~1 KB) reads the row's whole payload from the file, past
 * the page cache (measured in the region bench: ~9 `pread`s per edit, on the main thread). The
 * index holds only the key, so its searches never touch an update. WITHOUT ROWID suits small rows
 * only. A file version 4 wrote skips both (`SKIPS`).
 *
 * Version 8 keys every update by one integer: `update_rows.id` is `doc_keys.id * 2^32 + seq`,
 * where `doc_keys` numbers each (workspace, doc) once (`UPDATE_KEY_SPAN` in sqlite-statements.ts).
 * An append then writes one B-tree, a rowid table, whose searches compare integers and never read
 * an update (a row too large for its page overflows as before), and a document's tail is one
 * rowid range. Measured in a loop of 20,000 appends over 100 documents (70-byte updates, a 2.8 KB
 * plan per document): 1.62 WAL pages per commit against 2.32 with the index. `update_log` stays,
 * as a view of the same columns (with triggers for INSERT and DELETE), for `samplan migrate`, the
 * benches, the dump writer (`sqlite-dump.ts`) and anyone reading the file by hand; the store's
 * statements never go through it. A key is never deleted or reused, so a connection may remember
 * it. The log of a file of any earlier version is copied once (`SKIPS`).
 *
 * `take_backs` (version 7) holds each document's recent take-backs of refused changes, written in
 * the transaction of the update that wrote them and read with the snapshot and tail.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE units (
    workspace TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    parent TEXT,
    PRIMARY KEY (workspace, code)
  ) WITHOUT ROWID;
  CREATE TABLE docs (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_unit TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (workspace, doc)
  ) WITHOUT ROWID;
  CREATE TABLE members (
    workspace TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'editor', 'viewer')),
    units TEXT NOT NULL, -- JSON array of unit codes
    PRIMARY KEY (workspace, id)
  ) WITHOUT ROWID;
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE, -- SHA-256 hex of the secret; the secret itself is never stored
    workspace TEXT NOT NULL,
    member_id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX tokens_by_workspace ON tokens (workspace, created_at, id);
  CREATE TABLE update_log (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    member_id TEXT,
    data BLOB NOT NULL
  );
  CREATE UNIQUE INDEX update_log_by_doc ON update_log (workspace, doc, seq);
  CREATE TABLE snapshots (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    upto_seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    data BLOB NOT NULL, -- Yjs update V2 of the state up to upto_seq
    PRIMARY KEY (workspace, doc)
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    workspace TEXT NOT NULL,
    doc TEXT,
    member_id TEXT,
    action TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    detail TEXT -- server-composed text only, never frame content (see audit-detail.ts)
  );
  CREATE INDEX audit_by_workspace ON audit (workspace, id);
  `,
  `
  CREATE TABLE checkpoints (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL, -- time of update seq
    data BLOB NOT NULL, -- Yjs update V2 of the state after update seq
    PRIMARY KEY (workspace, doc, seq)
  );
  CREATE TABLE write_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at TEXT NOT NULL
  );
  `,
  `
  ALTER TABLE docs ADD COLUMN archived_at TEXT;
  `,
  `
  ALTER TABLE docs ADD COLUMN archived_by TEXT;
  `,
  // The rows are copied in key order (one pass; the file needs room for a second copy of the log
  // while it runs), then the rowid table and its index are dropped.
  `
  CREATE TABLE update_log_v5 (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    member_id TEXT,
    data BLOB NOT NULL,
    PRIMARY KEY (workspace, doc, seq)
  ) WITHOUT ROWID;
  INSERT INTO update_log_v5 (workspace, doc, seq, at, member_id, data)
    SELECT workspace, doc, seq, at, member_id, data FROM update_log ORDER BY workspace, doc, seq;
  DROP TABLE update_log;
  ALTER TABLE update_log_v5 RENAME TO update_log;
  `,
  // Back to a rowid table and its index (see above); rows copied in key order.
  `
  CREATE TABLE update_log_v6 (
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    member_id TEXT,
    data BLOB NOT NULL
  );
  INSERT INTO update_log_v6 (workspace, doc, seq, at, member_id, data)
    SELECT workspace, doc, seq, at, member_id, data FROM update_log ORDER BY workspace, doc, seq;
  DROP TABLE update_log;
  ALTER TABLE update_log_v6 RENAME TO update_log;
  CREATE UNIQUE INDEX update_log_by_doc ON update_log (workspace, doc, seq);
  `,
  // Take-backs of refused changes (`server/sync/take-backs.ts`), stored in the transaction of the
  // update that wrote them, so a room that loads the document knows them: ids, a map key and a
  // state vector (`take-back-wire.ts`), never a value. At most TAKE_BACK_LIMIT per document.
  `
  CREATE TABLE take_backs (
    id INTEGER PRIMARY KEY,
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    at INTEGER NOT NULL, -- ms since 1970, when the change was taken back
    data BLOB NOT NULL -- one take-back as take-back-wire.ts encodes it
  );
  CREATE INDEX take_backs_by_doc ON take_backs (workspace, doc, id);
  `,
  // One integer key per update (see above). A sequence number that does not fit in 32 bits stops
  // the upgrade (CHECK constraint failed: seq_between_0_and_4294967295; Samplan never wrote one).
  // Keys are given in (workspace, doc) order and the rows copied in key order (one pass over the
  // old key; the file needs room for a second copy of the log while it runs), then the old table
  // and its index are dropped. 2^32 = 4294967296.
  `
  CREATE TABLE doc_keys (
    id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 2147483647),
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (workspace, doc)
  );
  CREATE TABLE update_rows (
    id INTEGER PRIMARY KEY, -- doc_keys.id * 2^32 + seq
    at TEXT NOT NULL,
    member_id TEXT,
    data BLOB NOT NULL
  );
  CREATE TEMP TABLE update_log_check (seq_between_0_and_4294967295 INTEGER CHECK (seq_between_0_and_4294967295));
  INSERT INTO update_log_check SELECT 0 WHERE EXISTS (SELECT 1 FROM update_log WHERE seq NOT BETWEEN 0 AND 4294967295);
  DROP TABLE temp.update_log_check;
  INSERT INTO doc_keys (workspace, doc) SELECT DISTINCT workspace, doc FROM update_log ORDER BY workspace, doc;
  INSERT INTO update_rows (id, at, member_id, data)
    SELECT k.id * 4294967296 + u.seq, u.at, u.member_id, u.data
    FROM doc_keys k CROSS JOIN update_log u
    WHERE u.workspace = k.workspace AND u.doc = k.doc
    ORDER BY k.id, u.seq;
  DROP TABLE update_log;
  CREATE VIEW update_log (workspace, doc, seq, at, member_id, data) AS
    SELECT k.workspace, k.doc, u.id - k.id * 4294967296, u.at, u.member_id, u.data
    FROM doc_keys k JOIN update_rows u ON u.id >= k.id * 4294967296 AND u.id < (k.id + 1) * 4294967296;
  CREATE TRIGGER update_log_insert INSTEAD OF INSERT ON update_log BEGIN
    SELECT RAISE(ABORT, 'update_log: seq must be between 0 and 4294967295') WHERE NEW.seq NOT BETWEEN 0 AND 4294967295;
    INSERT OR IGNORE INTO doc_keys (workspace, doc) VALUES (NEW.workspace, NEW.doc);
    INSERT INTO update_rows (id, at, member_id, data)
      SELECT id * 4294967296 + NEW.seq, NEW.at, NEW.member_id, NEW.data FROM doc_keys WHERE workspace = NEW.workspace AND doc = NEW.doc;
  END;
  CREATE TRIGGER update_log_delete INSTEAD OF DELETE ON update_log BEGIN
    DELETE FROM update_rows WHERE id = (SELECT id FROM doc_keys WHERE workspace = OLD.workspace AND doc = OLD.doc) * 4294967296 + OLD.seq;
  END;
  `,
  // Version 9: an admin's removal of a member (`RemovalRecord`), kept until a member of that id is
  // added again, so that sign-in by group rules does not add the person back. The member id, who
  // removed them and when; nothing else about the person.
  `
  CREATE TABLE member_removals (
    workspace TEXT NOT NULL,
    member_id TEXT NOT NULL,
    removed_by TEXT,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (workspace, member_id)
  );
  `,
  // Version 10: the rights version (`RecordStore.rightsVersion`), bumped in the transaction of
  // every write of tokens, members, removals and document records by any connection, as
  // PostgreSQL's `rights_version`. It replaced `PRAGMA data_version`, which moves on every commit
  // of another connection: the checkpoint worker's, and any document write of another process.
  `
  CREATE TABLE rights_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v INTEGER NOT NULL
  );
  INSERT INTO rights_version (id, v) VALUES (1, 0);
  `,
  // Version 11: beside each snapshot, the bytes the sync layer answers a client that holds nothing
  // with (`StoredDoc.fresh`, `server/sync/fresh-state.ts`), so that a fresh process serves a connect
  // storm without building the document. NULL for snapshots written before, until the next compaction.
  `
  ALTER TABLE snapshots ADD COLUMN fresh BLOB;
  `,
  // Version 12: a member's tokens found by the member (`RecordStore.listMemberTokens`: a removal
  // or role change), not by reading every sign-in session of the workspace.
  `
  CREATE INDEX tokens_by_member ON tokens (workspace, member_id, created_at, id);
  `,
  // Version 13: the sessions started from a provider's access token (`AccessTokenStore`,
  // `access-token-store.ts`): the token's key (a SHA-256 of its signed part, never the token), the
  // session's token id and until when the token is valid. A token whose session was revoked is
  // refused at sign-in until then; rows past it are dropped at the next sign-in.
  `
  CREATE TABLE access_token_sessions (
    token_key TEXT NOT NULL,
    token_id TEXT NOT NULL,
    until TEXT NOT NULL,
    PRIMARY KEY (token_key, token_id)
  ) WITHOUT ROWID;
  CREATE INDEX access_token_sessions_by_until ON access_token_sessions (until);
  `,
  // Version 14: the removed member's display name (`RemovalRecord.name`), so that the list of
  // removed people says who they were. NULL for removals kept before: their names are gone.
  `
  ALTER TABLE member_removals ADD COLUMN name TEXT;
  `,
  // Version 15: how a session made from an access token ended (`KeptAccessTokenSession`): 1 for
  // its person's own sign-out, which refuses the token in every workspace, 0 for a revocation,
  // which refuses it in the session's workspace only. Sessions ended before were refused everywhere,
  // and keep that (1). The index finds a session's own row at a sign-out (`revokeSameSignIn`),
  // which read the table through: 5 ms at 10,000 kept rows, the writer held meanwhile.
  `
  ALTER TABLE access_token_sessions ADD COLUMN ended_everywhere INTEGER NOT NULL DEFAULT 0 CHECK (ended_everywhere IN (0, 1));
  UPDATE access_token_sessions SET ended_everywhere = 1 WHERE token_id IN (SELECT id FROM tokens WHERE revoked_at IS NOT NULL);
  CREATE INDEX access_token_sessions_by_token ON access_token_sessions (token_id);
  `,
  // Version 16: a workspace's unit lines of the audit trail, every one (`listUnitAudit`: the names
  // a unit had before a rename, which an import reads a file by). The look-back of the newest 20,000
  // lines missed older renames (and took 413 ms at 200,000 lines); read through `audit_by_workspace`
  // the unit lines took 58 ms, through this partial index 2 ms (180 of them), and only unit lines are written to it.
  `
  CREATE INDEX audit_unit_lines ON audit (workspace, id) WHERE action = 'unit';
  `,
  // Version 17: the document each key of `doc_keys` was given to, written once when the key is
  // given (the trigger; a key given again to its own document, or one a hand gives that was
  // another's, keeps its first), never by an edit. Rows carry only their key, so two keys swapped
  // by a hand in `doc_keys` read each document through the other's rows where no checkpoint showed
  // whose they were (a document never compacted): a key whose owner here is another document is
  // refused at its first read (`sqlite-doc-keys.ts`). Keys given before are their documents' as
  // `doc_keys` names them now. New keys are given past every key here too (`addDocKey`).
  `
  CREATE TABLE doc_key_owners (
    id INTEGER PRIMARY KEY,
    workspace TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  INSERT INTO doc_key_owners (id, workspace, doc) SELECT id, workspace, doc FROM doc_keys;
  CREATE TRIGGER doc_key_owner AFTER INSERT ON doc_keys BEGIN
    INSERT OR IGNORE INTO doc_key_owners (id, workspace, doc) VALUES (NEW.id, NEW.workspace, NEW.doc);
  END;
  `,
];

/**
 * Entries that cancel out, as `[from, to]`: a file at version `from` (or one brought there) goes
 * straight to `to`. Versions 5 and 6 rebuild `update_log` one way and back, and version 8 copies
 * it into `update_rows` from either layout; so a file of version 4 or 5 skips to version 7's
 * entry, and every file's log is copied once (a copy needs the log's size again in free disk and
 * takes time on a large file).
 */
const SKIPS: ReadonlyMap<number, number> = new Map([
  [4, 6],
  [5, 6],
]);

/** The schema version (`PRAGMA user_version`) of the open database `db`; reads only. */
export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws a {@link SchemaVersionError} unless `db` (opened from `file`) has this build's schema
 * version; reads only.
 */
export function requireCurrentSchema(db: Database.Database, file: string): void {
  const found = schemaVersionOf(db);
  if (found !== MIGRATIONS.length) throw new SchemaVersionError(file, found, MIGRATIONS.length);
}

/**
 * Bring the schema of `db` up to date, in one transaction; a failure rolls the whole upgrade back
 * and throws (the file keeps its version). Throws on a file written by a newer Samplan: a
 * {@link SchemaVersionError} naming `file` when it is given (the operator's file, as the sentence
 * of a read-only open names it), else a plain error.
 */
export function migrate(db: Database.Database, logger?: Logger, file?: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    if (file !== undefined) throw new SchemaVersionError(file, current, MIGRATIONS.length);
    throw new Error(
      `database schema version ${current} is newer than this Samplan supports (${MIGRATIONS.length}); upgrade Samplan`,
    );
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) {
      const skipTo = SKIPS.get(v);
      if (skipTo !== undefined && skipTo <= MIGRATIONS.length) {
        v = skipTo - 1;
        continue;
      }
      db.exec(MIGRATIONS[v] ?? '');
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  logger?.info({ from: current, to: MIGRATIONS.length }, 'storage schema migrated');
}
