import type Database from 'better-sqlite3';

/**
 * A document's last sequence number, as an SQL expression of four parameters (workspace, doc,
 * workspace, doc): the newest stored update, or the snapshot's when compaction pruned the log.
 */
const LAST_SEQ = `max(coalesce((SELECT max(seq) FROM update_log WHERE workspace = ? AND doc = ?), 0),
  coalesce((SELECT upto_seq FROM snapshots WHERE workspace = ? AND doc = ?), 0))`;

/**
 * The SQLite store's statements, prepared once per connection (`openSqliteStorage`). Parameters
 * are positional where a statement runs per commit or per socket (binding an object by names
 * costs about twice as much per row).
 */
export function prepareStatements(db: Database.Database) {
  return {
    // Prepared once: `db.pragma()` prepares its statement on every call, and admission reads this per socket.
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    snapshot: db.prepare('SELECT upto_seq, data FROM snapshots WHERE workspace = ? AND doc = ?'),
    tail: db.prepare('SELECT data FROM update_log WHERE workspace = ? AND doc = ? AND seq > ? ORDER BY seq'),
    lastSeq: db.prepare(`SELECT ${LAST_SEQ} AS last`).pluck(),
    insertUpdate: db.prepare(
      'INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    // The first update of a batch: numbered after the last one stored, in the same statement
    // (one call into SQLite per commit fewer than reading the last sequence first).
    insertNext: db
      .prepare(`INSERT INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ${LAST_SEQ} + 1, ?, ?, ?) RETURNING seq`)
      .pluck(),
    // The common commit's row, numbered by the caller (`append` in sqlite.ts); a row already
    // holding that number is left alone (no change), and the caller falls back to `insertNext`.
    insertAfter: db.prepare('INSERT OR IGNORE INTO update_log (workspace, doc, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?, ?)'),
    // Only a record older than UPDATED_AT_GRAIN_MS is rewritten: see `appendBody` in sqlite.ts.
    touchDoc: db.prepare('UPDATE docs SET updated_at = ? WHERE workspace = ? AND doc = ? AND updated_at < ?'),
    putSnapshot: db.prepare(
      `INSERT INTO snapshots (workspace, doc, upto_seq, at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workspace, doc) DO UPDATE SET upto_seq = excluded.upto_seq, at = excluded.at, data = excluded.data`,
    ),
    updateAt: db.prepare('SELECT at FROM update_log WHERE workspace = ? AND doc = ? AND seq = ?'),
    listCheckpoints: db.prepare('SELECT seq, at FROM checkpoints WHERE workspace = ? AND doc = ? ORDER BY seq'),
    getCheckpoint: db.prepare('SELECT data FROM checkpoints WHERE workspace = ? AND doc = ? AND seq = ?'),
    putCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (workspace, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)'),
    dropCheckpoint: db.prepare('DELETE FROM checkpoints WHERE workspace = ? AND doc = ? AND seq = ?'),
    pruneUpdates: db.prepare('DELETE FROM update_log WHERE workspace = ? AND doc = ? AND seq <= ?'),
    deleteCheckpoints: db.prepare('DELETE FROM checkpoints WHERE workspace = ? AND doc = ?'),
    takeBacks: db.prepare('SELECT data FROM take_backs WHERE workspace = ? AND doc = ? ORDER BY id').pluck(),
    insertTakeBack: db.prepare('INSERT INTO take_backs (workspace, doc, at, data) VALUES (?, ?, ?, ?)'),
    // (workspace, doc, cutoff ms, workspace, doc, how many to keep): the older and those past the newest kept.
    pruneTakeBacks: db.prepare(
      `DELETE FROM take_backs WHERE workspace = ? AND doc = ? AND (at < ? OR id <= coalesce(
         (SELECT id FROM take_backs WHERE workspace = ? AND doc = ? ORDER BY id DESC LIMIT 1 OFFSET ?), 0))`,
    ),
    deleteTakeBacks: db.prepare('DELETE FROM take_backs WHERE workspace = ? AND doc = ?'),
    writeCheck: db.prepare('INSERT OR REPLACE INTO write_check (id, at) VALUES (1, ?)'),
    history: db.prepare(
      'SELECT seq, at, member_id, data FROM update_log WHERE workspace = ? AND doc = ? AND seq > ? ORDER BY seq LIMIT ?',
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
    putDoc: db.prepare(
      `INSERT OR REPLACE INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at, archived_at, archived_by)
       VALUES ($workspace, $doc, $kind, $title, $ownerUnit, $createdAt, $updatedAt, $archivedAt, $archivedBy)`,
    ),
    getDoc: db.prepare('SELECT * FROM docs WHERE workspace = ? AND doc = ?'),
    listDocs: db.prepare('SELECT * FROM docs WHERE workspace = ? ORDER BY doc'),
    deleteDocRecord: db.prepare('DELETE FROM docs WHERE workspace = ? AND doc = ?'),
    deleteUpdates: db.prepare('DELETE FROM update_log WHERE workspace = ? AND doc = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE workspace = ? AND doc = ?'),
    putMember: db.prepare(
      'INSERT OR REPLACE INTO members (workspace, id, name, role, units) VALUES (?, ?, ?, ?, ?)',
    ),
    getMember: db.prepare('SELECT * FROM members WHERE workspace = ? AND id = ?'),
    listMembers: db.prepare('SELECT * FROM members WHERE workspace = ? ORDER BY id'),
    deleteMember: db.prepare('DELETE FROM members WHERE workspace = ? AND id = ?'),
    putToken: db.prepare(
      `INSERT OR REPLACE INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at)
       VALUES ($id, $hash, $workspace, $memberId, $label, $createdAt, $expiresAt, $revokedAt)`,
    ),
    tokenByHash: db.prepare('SELECT * FROM tokens WHERE hash = ?'),
    listTokens: db.prepare('SELECT * FROM tokens WHERE workspace = ? ORDER BY created_at, id'),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertAudit: db.prepare(
      // Positional: binding an object by names costs twice as much per row, and a connect storm writes a row per socket.
      'INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    listAudit: db.prepare('SELECT * FROM audit WHERE workspace = ? ORDER BY id DESC LIMIT ?'),
  };
}
