import type pg from 'pg';
import type { RightsWriteKind } from './storage.js';

/**
 * The notice of an append (`samplan_appends`, payload the writer's origin) as a subquery of the
 * append's own statement, so it is sent only if that commits; none when the parameter (`$n`,
 * replaced by its number) is null. A LEFT JOIN to it keeps the statement's rows either way, and its
 * volatile call keeps the planner from dropping it.
 */
export const APPEND_NOTICE = "SELECT pg_notify('samplan_appends', $n::text) WHERE $n::text IS NOT NULL";

/**
 * The bump of `rights_version` by a write of `kind` (an SQL expression of a `RightsWriteKind`):
 * `kind_v`, the version this bump moves to, says that `kind` is this write's (a bump of a writer
 * that sets no kind leaves it behind), so the notice the trigger sends says what was written
 * (`postgres-notices.ts`, schema version 13).
 */
const bump = (kind: string, when = 'true'): string => `UPDATE rights_version SET v = v + 1, kind = ${kind}, kind_v = v + 1 WHERE id = 1 AND ${when}`;

/**
 * The condition of a bump in a statement whose write is the CTE `w`: that it changed a row. A write
 * that changed nothing (a missing member or token) moves no version: every open socket would read
 * its rights again for nothing.
 */
const W_CHANGED = 'EXISTS (SELECT 1 FROM w)';

/**
 * `write` (of `kind`, a `RightsWriteKind`) and the bump of `rights_version` as one statement (one
 * transaction), answering `n`, the rows `write` changed: the version moves exactly when the write
 * becomes visible, never before, and only when it changed a row.
 */
function bumpRights(write: string, kind: RightsWriteKind): string {
  return `WITH w AS (${write.trim()} RETURNING 1), bump AS (${bump(`'${kind}'`, W_CHANGED)}) SELECT count(*)::int AS n FROM w`;
}

/**
 * The number an append counts a document's new updates from when it writes the document's head
 * (SQL of the workspace and id expressions `ws` and `doc`): the head's own last sequence number, or
 * with no head, the greatest one stored of the document (its newest update, snapshot or checkpoint;
 * 0 for none). A head removed by a hand while a process held the document loaded, or rows restored
 * without their heads, were numbered from 1 again by that process's next append: into stored rows
 * (refused as duplicates) or under its snapshot, where no load reads them. Read lazily: with a head
 * (every append but a document's first), `coalesce` stops at it and the rest is not run.
 */
export const headBase = (ws: string, doc: string): string => `coalesce((SELECT last_seq FROM doc_heads WHERE workspace = ${ws} AND doc = ${doc}),
      greatest((SELECT max(seq) FROM update_log WHERE workspace = ${ws} AND doc = ${doc}), (SELECT upto_seq FROM snapshots WHERE workspace = ${ws} AND doc = ${doc}),
        (SELECT max(seq) FROM checkpoints WHERE workspace = ${ws} AND doc = ${doc}), 0))`;

/**
 * The audit line (`head-rebuilt`, `postgres-head.ts`) of a head an append wrote over stored rows
 * (`headBase`), as a statement of the CTE `head` (its rows' `workspace`, `doc`, `last_seq` and
 * `made`, true for a head inserted), `n` the expression of the updates appended, `at` the time.
 */
export const headMadeAudit = (at: string, n: string, from = 'head'): string => `INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail)
      SELECT ${at}, head.workspace, head.doc, NULL, 'head-rebuilt', 0, 'head ' || (head.last_seq - ${n}) || ' rebuilt from the stored rows by an append, which numbered its updates after them'
      FROM ${from} WHERE head.made AND head.last_seq > ${n}`;

/** The single-document append (`PG_QUERIES.append`); `recorded`: only while the record is stored (`appendRecorded`). */
const appendSql = (recorded: boolean): string => `
    WITH ${recorded ? 'rec AS (\n      SELECT 1 FROM docs WHERE workspace = $1 AND doc = $2 FOR KEY SHARE\n    ), ' : ''}head AS (
      INSERT INTO doc_heads (workspace, doc, last_seq) SELECT $1::text, $2::text, $3::bigint + ${headBase('$1', '$2')}${recorded ? ' FROM rec' : ''}
      ON CONFLICT (workspace, doc) DO UPDATE SET last_seq = doc_heads.last_seq + $3
      RETURNING workspace, doc, last_seq, xmax = 0 AS made
    ), said AS (
      ${headMadeAudit('$4', '$3')}
    ), ins AS (
      INSERT INTO update_log (workspace, doc, seq, at, member_id, data)
      SELECT $1, $2, head.last_seq - $3 + t.o, $4, t.m, t.d
      FROM head, unnest($5::text[], $6::bytea[]) WITH ORDINALITY AS t(m, d, o)
    ), touch AS (
      UPDATE docs SET updated_at = $4 WHERE workspace = $1 AND doc = $2 AND updated_at < $7
    )
    SELECT last_seq FROM head CROSS JOIN (SELECT nextval('appends_committed')) AS version
      LEFT JOIN (${APPEND_NOTICE.replace(/\$n/g, () => '$8')}) AS told ON true`;

/** The SQL of the PostgreSQL adapter (`postgres.ts`), by name; `$n` parameters in the order the adapter passes them. */
export const PG_QUERIES = {
  head: 'SELECT last_seq FROM doc_heads WHERE workspace = $1 AND doc = $2',
  heads: 'SELECT doc, last_seq FROM doc_heads WHERE workspace = $1 AND doc = ANY($2::text[])',
  lockHead: 'SELECT last_seq FROM doc_heads WHERE workspace = $1 AND doc = $2 FOR UPDATE',
  snapshotSeq: 'SELECT upto_seq FROM snapshots WHERE workspace = $1 AND doc = $2',
  /**
   * A document as `loadDoc` reads it, in one statement and so from one snapshot of the database
   * (what a REPEATABLE READ transaction of four reads gave, in one round trip instead of seven):
   * rows of `part` 0 the snapshot (`n` its last sequence), 1 the updates after it (`n` the
   * sequence), 2 the head (`n` the last sequence, no data), 3 the take-backs (`n` the id), ordered
   * by part, then `n`; 4 the fresh clients' state kept with the snapshot (`StoredDoc.fresh`), when there is one;
   * 5, no data, the newest checkpoint's sequence number when it is newer than the snapshot (or
   * there is none): only a hand or a partial restore leaves one so, and `postgres-head.ts` then
   * stores it as the snapshot.
   */
  load: `WITH s AS (SELECT upto_seq, data, fresh FROM snapshots WHERE workspace = $1 AND doc = $2)
    SELECT 0 AS part, upto_seq AS n, data FROM s
    UNION ALL SELECT 1, seq, data FROM update_log
      WHERE workspace = $1 AND doc = $2 AND seq > coalesce((SELECT upto_seq FROM s), 0)
    UNION ALL SELECT 2, last_seq, NULL::bytea FROM doc_heads WHERE workspace = $1 AND doc = $2
    UNION ALL SELECT 3, id, data FROM take_backs WHERE workspace = $1 AND doc = $2
    UNION ALL SELECT 4, upto_seq, fresh FROM s WHERE fresh IS NOT NULL
    UNION ALL SELECT 5, seq, NULL::bytea FROM (SELECT max(seq) AS seq FROM checkpoints WHERE workspace = $1 AND doc = $2) AS c
      WHERE seq > coalesce((SELECT upto_seq FROM s), 0)
    ORDER BY part, n`,
  /**
   * One statement, so one transaction: bump the head (its row lock orders concurrent appends of
   * other processes), insert the rows numbered below the new head, touch the record, and move the
   * data version (`appends_committed`; a sequence, so it moves before the commit is visible, see
   * `dataVersion`). $3 count, $4 time, $5 member ids, $6 updates; the record is touched only when
   * its `updated_at` is before $7 (a grain earlier than $4, `UPDATED_AT_GRAIN_MS`), so that a busy
   * document's commits do not each write a new version of its row. With $8 (the writer's origin)
   * it notifies `samplan_appends` (`postgres-notices.ts`); with null it does not.
   */
  append: appendSql(false),
  /**
   * `append` stored only while the document's record is: the record's row is read with a key-share
   * lock in the statement, so a deletion committed before it leaves no row to lock (no head is
   * moved, no row stored, the statement answers no row: `DocRecordGoneError`), and one after it
   * waits for the append's commit and deletes its rows with the others. A rename or archive of the
   * record (no key change) does not wait for it. Parameters as `append`'s.
   */
  appendRecorded: appendSql(true),
  version: 'SELECT last_value AS v FROM appends_committed',
  rightsVersion: 'SELECT v FROM rights_version WHERE id = 1',
  // The fresh clients' answer for a snapshot stored without one, or in place of damaged ones still
  // stored as the caller read them ($5; NULL for none): \`compact\` at its sequence.
  putFresh: 'UPDATE snapshots SET fresh = $4 WHERE workspace = $1 AND doc = $2 AND upto_seq = $3 AND (fresh IS NULL OR fresh = $5::bytea)',
  putSnapshot: `INSERT INTO snapshots (workspace, doc, upto_seq, at, data, fresh) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (workspace, doc) DO UPDATE SET upto_seq = excluded.upto_seq, at = excluded.at, data = excluded.data, fresh = excluded.fresh`,
  updateAt: 'SELECT at FROM update_log WHERE workspace = $1 AND doc = $2 AND seq = $3',
  listCheckpoints: 'SELECT seq, at FROM checkpoints WHERE workspace = $1 AND doc = $2 ORDER BY seq',
  getCheckpoint: 'SELECT data FROM checkpoints WHERE workspace = $1 AND doc = $2 AND seq = $3',
  putCheckpoint: `INSERT INTO checkpoints (workspace, doc, seq, at, data) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (workspace, doc, seq) DO UPDATE SET at = excluded.at, data = excluded.data`,
  dropCheckpoints: 'DELETE FROM checkpoints WHERE workspace = $1 AND doc = $2 AND seq = ANY($3::bigint[])',
  pruneUpdates: 'DELETE FROM update_log WHERE workspace = $1 AND doc = $2 AND seq <= $3',
  writeCheck: 'INSERT INTO write_check (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
  history: 'SELECT seq, at, member_id, data FROM update_log WHERE workspace = $1 AND doc = $2 AND seq > $3 ORDER BY seq LIMIT $4',
  putWorkspace: `INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at`,
  getWorkspace: 'SELECT id, name, created_at FROM workspaces WHERE id = $1',
  listWorkspaces: 'SELECT id, name, created_at FROM workspaces ORDER BY id COLLATE "C"',
  putUnit: `INSERT INTO units (workspace, code, name, parent) VALUES ($1, $2, $3, $4)
    ON CONFLICT (workspace, code) DO UPDATE SET name = excluded.name, parent = excluded.parent`,
  listUnits: 'SELECT * FROM units WHERE workspace = $1 ORDER BY code COLLATE "C"',
  /** A workspace's checked unit writes, one at a time across processes: a transaction-scoped advisory lock of the class 'UNIT' on the workspace. */
  lockUnits: 'SELECT pg_advisory_xact_lock(1431193940, hashtext($1))',
  /** A create-only insert: no row comes back when the id is taken (the unique key decides, so of creators at once one stores it). */
  createWorkspace: 'INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
  createUnit: 'INSERT INTO units (workspace, code, name, parent) VALUES ($1, $2, $3, $4) ON CONFLICT (workspace, code) DO NOTHING RETURNING code',
  /**
   * A document record written, told as `doc-retitled` when the stored one differs only in its
   * title and `updatedAt` (`docWriteKind`), else `doc-changed`. The stored row is read locked
   * (`FOR UPDATE`: a write committed meanwhile is the row compared, and the one overwritten) and
   * before the insert, which takes its rows from it: a row this statement has already updated is
   * not locked again but skipped, which would tell every rename as `doc-changed`. A record written
   * again as stored (every field, `IS DISTINCT FROM`; `sameDocRecord`) is not written and moves no version.
   */
  putDoc: `WITH stored AS (SELECT 1 FROM docs WHERE workspace = $1 AND doc = $2 AND kind = $3 AND owner_unit IS NOT DISTINCT FROM $5
      AND created_at = $6 AND archived_at IS NOT DISTINCT FROM $8 AND archived_by IS NOT DISTINCT FROM $9 FOR UPDATE),
    w AS (INSERT INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at, archived_at, archived_by)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM (SELECT count(*) FROM stored) AS read_first
    ON CONFLICT (workspace, doc) DO UPDATE SET kind = excluded.kind, title = excluded.title, owner_unit = excluded.owner_unit,
      created_at = excluded.created_at, updated_at = excluded.updated_at, archived_at = excluded.archived_at, archived_by = excluded.archived_by
      WHERE (docs.kind, docs.title, docs.owner_unit, docs.created_at, docs.updated_at, docs.archived_at, docs.archived_by)
        IS DISTINCT FROM (excluded.kind, excluded.title, excluded.owner_unit, excluded.created_at, excluded.updated_at, excluded.archived_at, excluded.archived_by)
      RETURNING 1),
    bump AS (${bump("CASE WHEN EXISTS (SELECT 1 FROM stored) THEN 'doc-retitled' ELSE 'doc-changed' END", W_CHANGED)})
    SELECT count(*)::int AS n FROM w`,
  getDoc: 'SELECT * FROM docs WHERE workspace = $1 AND doc = $2',
  /** A document's record read locked, in a transaction that writes it (`AppendItem.record`). */
  getDocLocked: 'SELECT * FROM docs WHERE workspace = $1 AND doc = $2 FOR UPDATE',
  getDocs: 'SELECT * FROM docs WHERE workspace = $1 AND doc = ANY($2::text[])',
  listDocs: 'SELECT * FROM docs WHERE workspace = $1 ORDER BY doc COLLATE "C"',
  deleteDoc: [
    'DELETE FROM docs WHERE workspace = $1 AND doc = $2',
    'DELETE FROM update_log WHERE workspace = $1 AND doc = $2',
    'DELETE FROM snapshots WHERE workspace = $1 AND doc = $2',
    'DELETE FROM checkpoints WHERE workspace = $1 AND doc = $2',
    'DELETE FROM doc_heads WHERE workspace = $1 AND doc = $2',
    'DELETE FROM take_backs WHERE workspace = $1 AND doc = $2',
  ],
  takeBacks: 'SELECT data FROM take_backs WHERE workspace = $1 AND doc = $2 ORDER BY id',
  /** `replaceHistory`: every update, the snapshot and every checkpoint; then the snapshot at $3 and the take-backs of the bytes in $4. */
  replaceHistory: [
    'DELETE FROM update_log WHERE workspace = $1 AND doc = $2',
    'DELETE FROM snapshots WHERE workspace = $1 AND doc = $2',
    'DELETE FROM checkpoints WHERE workspace = $1 AND doc = $2',
  ],
  dropTakeBacks: 'DELETE FROM take_backs WHERE workspace = $1 AND doc = $2 AND data = ANY($3::bytea[])',
  /** $3 times (ms), $4 data, in order. */
  insertTakeBacks: `INSERT INTO take_backs (workspace, doc, at, data)
    SELECT $1, $2, t.at, t.data FROM unnest($3::bigint[], $4::bytea[]) WITH ORDINALITY AS t(at, data, o) ORDER BY t.o RETURNING id`,
  /** The take-backs past the newest $3, whatever their age (an index walk). */
  pruneTakeBacksByCount: `DELETE FROM take_backs WHERE workspace = $1 AND doc = $2 AND id <= coalesce(
    (SELECT id FROM take_backs WHERE workspace = $1 AND doc = $2 ORDER BY id DESC LIMIT 1 OFFSET $3), 0)`,
  /** The take-backs past the newest $4 of at most $3 bytes together, whatever their age (reads every take-back of the document). */
  pruneTakeBacks: `DELETE FROM take_backs WHERE workspace = $1 AND doc = $2 AND id <= coalesce(
    (SELECT id FROM (SELECT id, sum(octet_length(data)) OVER w AS bytes, row_number() OVER w AS n
       FROM take_backs WHERE workspace = $1 AND doc = $2 WINDOW w AS (ORDER BY id DESC)) t
     WHERE bytes > $3 OR n > $4 ORDER BY id DESC LIMIT 1), 0)`,
  /** The bump of a document's deletion (`deleteDoc`, in its transaction). */
  bumpDocDeleted: bump("'doc-deleted'"),
  /**
   * The member, and the removal of its id cleared (`RemovalRecord`), in one statement. A new id is
   * told as 'member-added' (`xmax = 0`: the row was inserted), a stored one changed as
   * 'member-changed'. One written again as stored (`IS DISTINCT FROM`; `sameMember`) is not written
   * and, with no removal cleared, moves no version; `changed` counts the rows written.
   */
  putMember: `WITH w AS (INSERT INTO members (workspace, id, name, role, units) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (workspace, id) DO UPDATE SET name = excluded.name, role = excluded.role, units = excluded.units
      WHERE (members.name, members.role, members.units) IS DISTINCT FROM (excluded.name, excluded.role, excluded.units)
      RETURNING xmax = 0 AS added),
    cleared AS (DELETE FROM member_removals WHERE workspace = $1 AND member_id = $2 RETURNING 1),
    bump AS (${bump("CASE WHEN (SELECT bool_and(added) FROM w) THEN 'member-added' ELSE 'member-changed' END", `(${W_CHANGED} OR EXISTS (SELECT 1 FROM cleared))`)})
    SELECT count(*)::int AS n, (SELECT count(*) FROM w)::int + (SELECT count(*) FROM cleared)::int AS changed FROM w`,
  /**
   * A stored member changed, only while it is stored (`Storage.updateMember`): `n` 1 while one of
   * the id is stored, `changed` 1 when it was written. One written again as stored (`IS DISTINCT
   * FROM`; `sameMember`) is not, and moves no version. The row is read locked (`FOR UPDATE`) before
   * the update, whose condition is that read, so a change committed meanwhile is the row compared.
   */
  updateMember: `WITH stored AS (SELECT (name, role, units) IS DISTINCT FROM ($3::text, $4::text, $5::text) AS differs
      FROM members WHERE workspace = $1 AND id = $2 FOR UPDATE),
    w AS (UPDATE members SET name = $3, role = $4, units = $5 WHERE workspace = $1 AND id = $2 AND (SELECT bool_or(differs) FROM stored) RETURNING 1),
    bump AS (${bump("'member-changed'", W_CHANGED)})
    SELECT (SELECT count(*) FROM stored)::int AS n, (SELECT count(*) FROM w)::int AS changed`,
  getMember: 'SELECT * FROM members WHERE workspace = $1 AND id = $2',
  /** The ids of workspace $1's admins, locked until the transaction ends (in id order: two such locks never wait on each other). */
  lockAdmins: `SELECT id FROM members WHERE workspace = $1 AND role = 'admin' ORDER BY id COLLATE "C" FOR UPDATE`,
  getMembers: 'SELECT * FROM members WHERE workspace = $1 AND id = ANY($2::text[]) ORDER BY id COLLATE "C"',
  listMembers: 'SELECT * FROM members WHERE workspace = $1 ORDER BY id COLLATE "C"',
  deleteMember: bumpRights(`DELETE FROM members WHERE workspace = $1 AND id = $2`, 'member-removed'),
  /**
   * Delete member $2 and, when there was one, keep its removal by $3 at $4 and revoke its live
   * tokens and sessions at $4, in one statement. The removal keeps the name $5 (read and checked
   * before, `keptName`) when the member deleted still has it, else none: one renamed in between
   * is not kept under a name it no longer has.
   */
  removeMember: `WITH w AS (DELETE FROM members WHERE workspace = $1 AND id = $2 RETURNING name),
    kept AS (INSERT INTO member_removals (workspace, member_id, name, removed_by, removed_at)
      SELECT $1, $2, CASE WHEN w.name = $5::text THEN $5::text END, $3::text, $4::text FROM w
      ON CONFLICT (workspace, member_id) DO UPDATE SET name = excluded.name, removed_by = excluded.removed_by, removed_at = excluded.removed_at),
    revoked AS (UPDATE tokens SET revoked_at = $4::text
      WHERE workspace = $1 AND member_id = $2 AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM w)),
    bump AS (${bump("'member-removed'", W_CHANGED)}) SELECT count(*)::int AS n FROM w`,
  getRemoval: 'SELECT * FROM member_removals WHERE workspace = $1 AND member_id = $2',
  listRemovals: 'SELECT * FROM member_removals WHERE workspace = $1 ORDER BY member_id COLLATE "C"',
  // A revocation is never undone by writing back a copy read before it (see `Storage.putToken`).
  // A new id is told as 'token-added' (`xmax = 0`: the row was inserted, not updated), a stored one
  // changed as 'token-changed'; one written again as stored (`sameToken`) is not written and moves no version.
  putToken: `WITH w AS (INSERT INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, workspace = excluded.workspace, member_id = excluded.member_id,
      label = excluded.label, created_at = excluded.created_at, expires_at = excluded.expires_at,
      revoked_at = COALESCE(tokens.revoked_at, excluded.revoked_at)
    WHERE (tokens.hash, tokens.workspace, tokens.member_id, tokens.label, tokens.created_at, tokens.expires_at, tokens.revoked_at)
      IS DISTINCT FROM (excluded.hash, excluded.workspace, excluded.member_id, excluded.label, excluded.created_at, excluded.expires_at,
        COALESCE(tokens.revoked_at, excluded.revoked_at))
    RETURNING xmax = 0 AS added),
    bump AS (${bump("CASE WHEN (SELECT bool_and(added) FROM w) THEN 'token-added' ELSE 'token-changed' END", W_CHANGED)}) SELECT count(*)::int AS n FROM w`,
  tokenByHash: 'SELECT * FROM tokens WHERE hash = $1',
  getToken: 'SELECT * FROM tokens WHERE id = $1 AND workspace = $2',
  getTokens: 'SELECT * FROM tokens WHERE workspace = $1 AND id = ANY($2::text[]) ORDER BY created_at COLLATE "C", id COLLATE "C"',
  listTokens: 'SELECT * FROM tokens WHERE workspace = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"',
  listMemberTokens: 'SELECT * FROM tokens WHERE workspace = $1 AND member_id = $2 ORDER BY created_at COLLATE "C", id COLLATE "C"',
  revokeToken: bumpRights(`UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, 'token-revoked'),
  /**
   * `revokeToken` of the session $2 at $1 as its person's sign-out (`AccessTokenStore.signOutSession`):
   * the kept rows of its sign-in (its own found by the index on token_id, the others by their key),
   * those a coordinator revoked before too, marked as ended everywhere in the same statement,
   * whether or not it was revoked before (a row may outlast its own: another server's clock skew);
   * answers `n`, 1 when this revoked it.
   */
  signOutSession: `WITH everywhere AS (UPDATE access_token_sessions SET ended_everywhere = true
      WHERE token_key IN (SELECT token_key FROM access_token_sessions WHERE token_id = $2)),
    w AS (UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING 1),
    bump AS (${bump("'token-revoked'", W_CHANGED)}) SELECT count(*)::int AS n FROM w`,
  /**
   * Revoke at $2 the live sessions started from an access token session $1 was started from
   * (`AccessTokenStore.revokeSameSignIn`), $1 itself aside, in workspace $3 only or, when $3 is
   * null, in every workspace, and bump the rights version when one was; answers their ids with
   * their workspaces and members, in id order; with $3 null (a sign-out) every kept row of the
   * sign-in is marked as ended everywhere, one revoked in its own workspace meanwhile too. The kept rows are read when the statement starts: a session noted after
   * sees this revocation when it asks `accessTokenEnded`.
   */
  revokeSameSignIn: `WITH w AS (UPDATE tokens SET revoked_at = $2
      WHERE revoked_at IS NULL AND id <> $1 AND ($3::text IS NULL OR workspace = $3::text) AND id IN (
        SELECT s.token_id FROM access_token_sessions mine JOIN access_token_sessions s ON s.token_key = mine.token_key
        WHERE mine.token_id = $1)
      RETURNING id, workspace, member_id),
    everywhere AS (UPDATE access_token_sessions SET ended_everywhere = true
      WHERE $3::text IS NULL AND token_key IN (SELECT token_key FROM access_token_sessions WHERE token_id = $1)),
    bump AS (${bump("'token-revoked'", W_CHANGED)}) SELECT id, workspace, member_id FROM w ORDER BY id COLLATE "C"`,
  insertAudit: `INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[])`,
  listAudit: 'SELECT * FROM audit WHERE workspace = $1 ORDER BY id DESC LIMIT $2',
  listUnitAudit: "SELECT * FROM audit WHERE workspace = $1 AND action = 'unit' ORDER BY id",
} as const;

/**
 * `text` with `values` as a named (prepared) statement `samplan_<name>`: each pooled connection
 * parses and plans it once, instead of on every call, which on the per-edit path (an append, a
 * group commit) was most of PostgreSQL's CPU: about 350 µs of the server process per single-row
 * append unnamed against 60–150 µs named (a local cluster of `tests/support/services.ts`).
 * Only for statements that name their columns: a prepared `SELECT *` fails with "cached plan must
 * not change result type" once a newer process migrates that table while this one runs.
 * One `name` must always come with the same `text` (`pg` refuses another text under a known name).
 */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name: `samplan_${name}`, text, values };
}
