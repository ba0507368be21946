import type Database from 'better-sqlite3';

/**
 * How many sequence numbers one document's updates may use: `update_rows.id` is
 * `doc_keys.id * UPDATE_KEY_SPAN + seq` (schema version 8, sqlite-schema.ts), so a sequence
 * number lies in 0 … UPDATE_KEY_SPAN − 1 and a document key in 1 … 2^31 − 1 (ids stay below
 * 2^63). Statements below spell it out as 4294967296 and take the document key, not the id:
 * SQLite multiplies in 64-bit integers, where a JS number would lose the low bits past 2^53.
 */
export const UPDATE_KEY_SPAN = 2 ** 32;

/**
 * The key of a document with no row of `doc_keys` yet: statements of `update_rows` given it find
 * nothing (SQL's NULL times 2^32 is NULL, which no id compares to). Not 0 or any other number:
 * rows under a key no document has (`listKeylessUpdates`, left by a hand or a crash) would be
 * read as the history of every document without a key.
 */
export const NO_DOC_KEY = null;

/**
 * A document's last sequence number, as an SQL expression of six parameters (document key,
 * document key, workspace, doc, workspace, doc): the newest of what is stored, the newest update,
 * the snapshot's when compaction pruned the log, or the newest checkpoint's when the snapshot and
 * the updates after it are gone (a hand, a partial restore: numbered from 1 again, an edit would
 * stand under the checkpoint the load reads, `openSqliteStorage`).
 */
const LAST_SEQ = `max(coalesce((SELECT max(id) FROM update_rows WHERE id >= ? * 4294967296 AND id < (? + 1) * 4294967296) & 4294967295, 0),
  coalesce((SELECT upto_seq FROM snapshots WHERE workspace = ? AND doc = ?), 0),
  coalesce((SELECT max(seq) FROM checkpoints WHERE workspace = ? AND doc = ?), 0))`;

/** The document's record is stored: (workspace, doc), a lookup by the primary key of `docs`. */
const RECORD_STORED = 'EXISTS (SELECT 1 FROM docs WHERE workspace = ? AND doc = ?)';

/**
 * The key is still the document's: (key, workspace, doc), a lookup by the primary key of
 * `doc_keys`. A process remembers its documents' keys (`sqlite-doc-keys.ts`); another may remove
 * the row under it (a hand, a tool), and a row stored under a key no row names is read by no load.
 */
const KEY_HELD = 'EXISTS (SELECT 1 FROM doc_keys WHERE id = ? AND workspace = ? AND doc = ?)';

/** `insertNext`'s statement, with `also` added to its condition. */
const insertNextSql = (also: string): string => `INSERT INTO update_rows (id, at, member_id, data)
  SELECT ? * 4294967296 + next, ?, ?, ? FROM (SELECT ${LAST_SEQ} + 1 AS next) WHERE next <= 4294967295${also}
  RETURNING id & 4294967295`;

/** `insertAfter`'s statement, with `also` added to the condition its `data` is given on. */
const insertAfterSql = (also: string): string => `INSERT OR IGNORE INTO update_rows (id, at, member_id, data)
  VALUES (? * 4294967296 + ?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM update_rows WHERE id = ? * 4294967296 + ? - 1)${also} THEN ? END)`;

/**
 * The SQLite store's statements, prepared once per connection (`openSqliteStorage`). Parameters
 * are positional where a statement runs per commit or per socket (binding an object by names
 * costs about twice as much per row). Statements of `update_rows` take the document's key
 * (`docKey`, or {@link NO_DOC_KEY}) where other tables take (workspace, doc).
 */
export function prepareStatements(db: Database.Database) {
  return {
    // Prepared once: `db.pragma()` prepares its statement on every call, and admission reads this per socket.
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    rightsVersion: db.prepare('SELECT v FROM rights_version WHERE id = 1').pluck(),
    bumpRights: db.prepare('UPDATE rights_version SET v = v + 1 WHERE id = 1'),
    snapshot: db.prepare('SELECT upto_seq, data, fresh FROM snapshots WHERE workspace = ? AND doc = ?'),
    // (workspace, doc, seq): the newest checkpoint after a sequence number (the snapshot's), when there is one.
    checkpointAfter: db.prepare('SELECT seq, data FROM checkpoints WHERE workspace = ? AND doc = ? AND seq > ? ORDER BY seq DESC LIMIT 1'),
    docKey: db.prepare('SELECT id FROM doc_keys WHERE workspace = ? AND doc = ?').pluck(),
    // (workspace, doc). The key is past every key rows of `update_rows` are under too, not only past
    // `doc_keys`' own: rows under a key no document has (a hand, a crash, `listKeylessUpdates`)
    // would be the new document's history, a personnummer in them served to its peers; and past
    // every key ever given (`doc_key_owners`), which would name its first document as its owner.
    // Past the last key (2^31 − 1) SQLite's own choice.
    addDocKey: db.prepare(`INSERT OR IGNORE INTO doc_keys (id, workspace, doc) VALUES ((SELECT CASE WHEN k <= 2147483647 THEN k END
      FROM (SELECT max(coalesce((SELECT max(id) FROM doc_keys), 0), coalesce((SELECT max(id) FROM update_rows) >> 32, 0), coalesce((SELECT max(id) FROM doc_key_owners), 0)) + 1 AS k)), ?, ?)`),
    // (key, after seq, key): the rows after a sequence number, one rowid range.
    tail: db.prepare('SELECT data FROM update_rows WHERE id > ? * 4294967296 + ? AND id < (? + 1) * 4294967296 ORDER BY id').pluck(),
    // (key, key, workspace, doc, workspace, doc).
    lastSeq: db.prepare(`SELECT ${LAST_SEQ} AS last`).pluck(),
    // (key, seq, at, member, data).
    insertUpdate: db.prepare('INSERT INTO update_rows (id, at, member_id, data) VALUES (? * 4294967296 + ?, ?, ?, ?)'),
    // The first update of a batch: numbered after the last one stored, in the same statement
    // (one call into SQLite per commit fewer than reading the last sequence first). (key, at,
    // member, data, key, key, workspace, doc, workspace, doc, key, workspace, doc); returns the number, or nothing when it would not
    // fit in 32 bits or the key is no longer the document's (`KEY_HELD`; nothing is stored then). For a document the server keeps without a record
    // (`~rounds`, `kept-without-record.ts`); every other document's goes through `insertNextRecorded`.
    insertNext: db.prepare(insertNextSql(` AND ${KEY_HELD}`)).pluck(),
    // `insertNext` stored only while the document's record is (…, workspace, doc, key, workspace, doc): the check is the
    // INSERT's own, so no deletion falls between it and the row (`DocRecordGoneError`, sqlite-append.ts).
    insertNextRecorded: db.prepare(insertNextSql(` AND ${RECORD_STORED} AND ${KEY_HELD}`)).pluck(),
    // The common commit's row, numbered by the caller (`append` in sqlite-append.ts) as the one
    // after a row it stored: stored only when that row is still there and none holds the number.
    // Otherwise nothing is stored (no change) and the caller falls back to `insertNext`: a row
    // holding the number is left alone (OR IGNORE), and with the row before it gone `data` is NULL,
    // which the NOT NULL column makes OR IGNORE skip; so too with the key no longer the
    // document's (`KEY_HELD`). (key, seq, at, member, key, seq, key, workspace, doc, data).
    insertAfter: db.prepare(insertAfterSql(` AND ${KEY_HELD}`)),
    // `insertAfter` stored only while the document's record is, in the same statement (key, seq,
    // at, member, key, seq, workspace, doc, key, workspace, doc, data): with it gone `data` is NULL as above.
    insertAfterRecorded: db.prepare(insertAfterSql(` AND ${RECORD_STORED} AND ${KEY_HELD}`)),
    // Only a record older than UPDATED_AT_GRAIN_MS is rewritten: see `appendBody` in sqlite.ts.
    touchDoc: db.prepare('UPDATE docs SET updated_at = ? WHERE workspace = ? AND doc = ? AND updated_at < ?'),
    // The fresh clients' answer for a snapshot stored without one, or in place of damaged ones
    // still stored as the caller read them (the last parameter; NULL for none): \`compact\` at its sequence.
    putFresh: db.prepare('UPDATE snapshots SET fresh = ? WHERE workspace = ? AND doc = ? AND upto_seq = ? AND (fresh IS NULL OR fresh = ?)'),
    putSnapshot: db.prepare(
      `INSERT INTO snapshots (workspace, doc, upto_seq, at, data, fresh) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace, doc) DO UPDATE SET upto_seq = excluded.upto_seq, at = excluded.at, data = excluded.data, fresh = excluded.fresh`,
    ),
    // (key, seq).
    updateAt: db.prepare('SELECT at FROM update_rows WHERE id = ? * 4294967296 + ?').pluck(),
    listCheckpoints: db.prepare('SELECT seq, at FROM checkpoints WHERE workspace = ? AND doc = ? ORDER BY seq'),
    getCheckpoint: db.prepare('SELECT data FROM checkpoints WHERE workspace = ? AND doc = ? AND seq = ?'),
    putCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (workspace, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)'),
    dropCheckpoint: db.prepare('DELETE FROM checkpoints WHERE workspace = ? AND doc = ? AND seq = ?'),
    // (key, key, up to seq).
    pruneUpdates: db.prepare('DELETE FROM update_rows WHERE id >= ? * 4294967296 AND id <= ? * 4294967296 + ?'),
    deleteCheckpoints: db.prepare('DELETE FROM checkpoints WHERE workspace = ? AND doc = ?'),
    takeBacks: db.prepare('SELECT data FROM take_backs WHERE workspace = ? AND doc = ? ORDER BY id').pluck(),
    insertTakeBack: db.prepare('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)'),
    // (workspace, doc, workspace, doc, count): those past the newest `count`, whatever their age (an index walk).
    pruneTakeBacksByCount: db.prepare(
      `DELETE FROM take_backs WHERE workspace = ? AND doc = ? AND id <= coalesce(
         (SELECT id FROM take_backs WHERE workspace = ? AND doc = ? ORDER BY id DESC LIMIT 1 OFFSET ?), 0)`,
    ),
    // (workspace, doc, workspace, doc, bytes, count): those past the newest `count` of at most `bytes` together, whatever their age
    // (reads every take-back of the document: see `storeTakeBacks` in sqlite-append.ts for when).
    pruneTakeBacks: db.prepare(
      `DELETE FROM take_backs WHERE workspace = ? AND doc = ? AND id <= coalesce(
         (SELECT id FROM (SELECT id, sum(length(data)) OVER w AS bytes, row_number() OVER w AS n
            FROM take_backs WHERE workspace = ? AND doc = ? WINDOW w AS (ORDER BY id DESC))
          WHERE bytes > ? OR n > ? ORDER BY id DESC LIMIT 1), 0)`,
    ),
    deleteTakeBacks: db.prepare('DELETE FROM take_backs WHERE workspace = ? AND doc = ?'),
    // (workspace, doc, data): the take-backs of exactly these bytes (`replaceHistory`).
    deleteTakeBack: db.prepare('DELETE FROM take_backs WHERE workspace = ? AND doc = ? AND data = ?'),
    writeCheck: db.prepare('INSERT OR REPLACE INTO write_check (id, at) VALUES (1, ?)'),
    // (key, after seq, key, limit).
    history: db.prepare(
      'SELECT id & 4294967295 AS seq, at, member_id, data FROM update_rows WHERE id > ? * 4294967296 + ? AND id < (? + 1) * 4294967296 ORDER BY id LIMIT ?',
    ),
    putWorkspace: db.prepare(
      'INSERT OR REPLACE INTO workspaces (id, name, created_at) VALUES ($id, $name, $createdAt)',
    ),
    getWorkspace: db.prepare('SELECT id, name, created_at FROM workspaces WHERE id = ?'),
    listWorkspaces: db.prepare('SELECT id, name, created_at FROM workspaces ORDER BY id'),
    putUnit: db.prepare(
      'INSERT OR REPLACE INTO units (workspace, code, name, parent) VALUES ($workspace, $code, $name, $parent)',
    ),
    listUnits: db.prepare('SELECT * FROM units WHERE workspace = ? ORDER BY code'),
    getUnit: db.prepare('SELECT code FROM units WHERE workspace = ? AND code = ?'),
    putDoc: db.prepare(
      `INSERT OR REPLACE INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at, archived_at, archived_by)
       VALUES ($workspace, $doc, $kind, $title, $ownerUnit, $createdAt, $updatedAt, $archivedAt, $archivedBy)`,
    ),
    getDoc: db.prepare('SELECT * FROM docs WHERE workspace = ? AND doc = ?'),
    listDocs: db.prepare('SELECT * FROM docs WHERE workspace = ? ORDER BY doc'),
    deleteDocRecord: db.prepare('DELETE FROM docs WHERE workspace = ? AND doc = ?'),
    // (key, key).
    deleteUpdates: db.prepare('DELETE FROM update_rows WHERE id >= ? * 4294967296 AND id < (? + 1) * 4294967296'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE workspace = ? AND doc = ?'),
    putMember: db.prepare(
      'INSERT OR REPLACE INTO members (workspace, id, name, role, units) VALUES (?, ?, ?, ?, ?)',
    ),
    // (name, role, units, workspace, id): changes only a member still stored.
    updateMember: db.prepare('UPDATE members SET name = ?, role = ?, units = ? WHERE workspace = ? AND id = ?'),
    getMember: db.prepare('SELECT * FROM members WHERE workspace = ? AND id = ?'),
    getMembers: db.prepare('SELECT * FROM members WHERE workspace = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id'),
    listMembers: db.prepare('SELECT * FROM members WHERE workspace = ? ORDER BY id'),
    listAdminIds: db.prepare("SELECT id FROM members WHERE workspace = ? AND role = 'admin'").pluck(),
    deleteMember: db.prepare('DELETE FROM members WHERE workspace = ? AND id = ?'),
    // (workspace, id, name, by, at).
    putRemoval: db.prepare('INSERT OR REPLACE INTO member_removals (workspace, member_id, name, removed_by, removed_at) VALUES (?, ?, ?, ?, ?)'),
    getRemoval: db.prepare('SELECT * FROM member_removals WHERE workspace = ? AND member_id = ?'),
    listRemovals: db.prepare('SELECT * FROM member_removals WHERE workspace = ? ORDER BY member_id'),
    deleteRemoval: db.prepare('DELETE FROM member_removals WHERE workspace = ? AND member_id = ?'),
    // A revocation is never undone: a copy of the token read before it (a session refresh racing
    // a sign-out or an admin's revoke) keeps the stored revocation time when written back.
    putToken: db.prepare(
      `INSERT INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at)
       VALUES ($id, $hash, $workspace, $memberId, $label, $createdAt, $expiresAt, $revokedAt)
       ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, workspace = excluded.workspace, member_id = excluded.member_id,
         label = excluded.label, created_at = excluded.created_at, expires_at = excluded.expires_at,
         revoked_at = COALESCE(tokens.revoked_at, excluded.revoked_at)`,
    ),
    /** The token of an id as stored, in any workspace: a `putToken` of a new id is told as 'token-added' (`RightsWriteKind`), one as stored as nothing. */
    tokenById: db.prepare('SELECT * FROM tokens WHERE id = ?'),
    tokenByHash: db.prepare('SELECT * FROM tokens WHERE hash = ?'),
    getToken: db.prepare('SELECT * FROM tokens WHERE id = ? AND workspace = ?'),
    // The ids as one JSON array (no statement per count of ids), each looked up by primary key: the
    // unary + keeps the planner off tokens_by_workspace, which would walk every token of the workspace.
    getTokens: db.prepare('SELECT * FROM tokens WHERE id IN (SELECT value FROM json_each(?)) AND +workspace = ? ORDER BY created_at, id'),
    listTokens: db.prepare('SELECT * FROM tokens WHERE workspace = ? ORDER BY created_at, id'),
    listMemberTokens: db.prepare('SELECT * FROM tokens WHERE workspace = ? AND member_id = ? ORDER BY created_at, id'),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeMemberTokens: db.prepare('UPDATE tokens SET revoked_at = ? WHERE workspace = ? AND member_id = ? AND revoked_at IS NULL'),
    insertAudit: db.prepare(
      // Positional: binding an object by names costs twice as much per row, and a connect storm writes a row per socket.
      'INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    listAudit: db.prepare('SELECT * FROM audit WHERE workspace = ? ORDER BY id DESC LIMIT ?'),
    listUnitAudit: db.prepare("SELECT * FROM audit WHERE workspace = ? AND action = 'unit' ORDER BY id"),
  };
}
