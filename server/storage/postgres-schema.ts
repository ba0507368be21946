/**
 * The PostgreSQL schema, one entry per version, in the same shape as the SQLite one
 * (`sqlite-schema.ts`): the same tables and columns, `bytea` for bytes, ISO text for times (so
 * records round-trip exactly and a migration between the two copies rows as they are), plus
 * `doc_heads`, each document's last sequence number. Appending bumps it in the same statement
 * that inserts the rows: that row lock orders concurrent appends from several processes, and the
 * number it returns is the order every process applies the updates in.
 *
 * `samplan_schema` records the applied versions. {@link migratePostgres} runs under an advisory
 * lock, so several processes starting at once apply each migration exactly once; running it again
 * changes nothing. Never edit an entry once released: append a new one.
 */
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { Localized } from '../../shared/schema/types.js';
import { digits } from '../../shared/i18n/number-words.js';

export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE workspaces (
    id text PRIMARY KEY,
    name text NOT NULL,
    created_at text NOT NULL
  );
  CREATE TABLE units (
    workspace text NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    parent text,
    PRIMARY KEY (workspace, code)
  );
  CREATE TABLE docs (
    workspace text NOT NULL,
    doc text NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    owner_unit text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (workspace, doc)
  );
  CREATE TABLE members (
    workspace text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'editor', 'viewer')),
    units text NOT NULL, -- JSON array of unit codes
    PRIMARY KEY (workspace, id)
  );
  CREATE TABLE tokens (
    id text PRIMARY KEY,
    hash text NOT NULL UNIQUE, -- SHA-256 hex of the secret; the secret itself is never stored
    workspace text NOT NULL,
    member_id text NOT NULL,
    label text NOT NULL,
    created_at text NOT NULL,
    expires_at text,
    revoked_at text
  );
  CREATE INDEX tokens_by_workspace ON tokens (workspace, created_at, id);
  CREATE TABLE doc_heads (
    workspace text NOT NULL,
    doc text NOT NULL,
    last_seq bigint NOT NULL,
    PRIMARY KEY (workspace, doc)
  );
  CREATE TABLE update_log (
    workspace text NOT NULL,
    doc text NOT NULL,
    seq bigint NOT NULL,
    at text NOT NULL,
    member_id text,
    data bytea NOT NULL,
    PRIMARY KEY (workspace, doc, seq)
  );
  CREATE TABLE snapshots (
    workspace text NOT NULL,
    doc text NOT NULL,
    upto_seq bigint NOT NULL,
    at text NOT NULL,
    data bytea NOT NULL, -- Yjs update V2 of the state up to upto_seq
    PRIMARY KEY (workspace, doc)
  );
  CREATE TABLE checkpoints (
    workspace text NOT NULL,
    doc text NOT NULL,
    seq bigint NOT NULL,
    at text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (workspace, doc, seq)
  );
  CREATE TABLE audit (
    id bigserial PRIMARY KEY,
    at text NOT NULL,
    workspace text NOT NULL,
    doc text,
    member_id text,
    action text NOT NULL,
    bytes integer NOT NULL,
    detail text -- server-composed text only, never frame content (see audit-detail.ts)
  );
  CREATE INDEX audit_by_workspace ON audit (workspace, id);
  CREATE TABLE write_check (
    id integer PRIMARY KEY CHECK (id = 1),
    at text NOT NULL
  );
  -- Bumped after every committed append: what dataVersion() reads.
  CREATE SEQUENCE appends_committed;
  `,
  `
  ALTER TABLE docs ADD COLUMN archived_at text;
  `,
  `
  ALTER TABLE docs ADD COLUMN archived_by text;
  `,
  `
  -- Bumped in the statement of every write of tokens, members and document records, so it moves
  -- exactly when such a write commits: what rightsVersion() reads (admission's cache checks it).
  CREATE TABLE rights_version (
    id integer PRIMARY KEY CHECK (id = 1),
    v bigint NOT NULL
  );
  INSERT INTO rights_version (id, v) VALUES (1, 0);
  `,
  `
  -- Take-backs of refused changes (server/sync/take-backs.ts), stored in the transaction of the
  -- update that wrote them, so every process that loads the document knows them: ids, a map key
  -- and a state vector (take-back-wire.ts), never a value. At most TAKE_BACK_LIMIT per document.
  CREATE TABLE take_backs (
    id bigserial PRIMARY KEY,
    workspace text NOT NULL,
    doc text NOT NULL,
    at bigint NOT NULL, -- ms since 1970, when the change was taken back
    data bytea NOT NULL -- one take-back as take-back-wire.ts encodes it
  );
  CREATE INDEX take_backs_by_doc ON take_backs (workspace, doc, id);
  `,
  `
  -- An admin's removal of a member (RemovalRecord), kept until a member of that id is added again,
  -- so that sign-in by group rules does not add the person back: the member id, who removed them
  -- and when; nothing else about the person.
  CREATE TABLE member_removals (
    workspace text NOT NULL,
    member_id text NOT NULL,
    removed_by text,
    removed_at text NOT NULL,
    PRIMARY KEY (workspace, member_id)
  );
  `,
  `
  -- Every write of tokens, members, removals and document records bumps rights_version in its own
  -- statement: notify then, so that each process re-reads rights when told instead of polling
  -- (postgres-notices.ts). PostgreSQL delivers it after the commit, once per transaction.
  CREATE FUNCTION samplan_notify_rights() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('samplan_rights', '');
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER rights_version_notify AFTER UPDATE ON rights_version
    FOR EACH ROW EXECUTE FUNCTION samplan_notify_rights();
  `,
  `
  -- Beside each snapshot, the bytes the sync layer answers a client that holds nothing with
  -- (StoredDoc.fresh, server/sync/fresh-state.ts); NULL for snapshots written before, until the next compaction.
  ALTER TABLE snapshots ADD COLUMN fresh bytea;
  `,
  `
  -- A member's tokens found by the member (RecordStore.listMemberTokens: a removal or role
  -- change), not by reading every sign-in session of the workspace.
  CREATE INDEX tokens_by_member ON tokens (workspace, member_id, created_at, id);
  `,
  `
  -- What the last write of rights wrote (a RightsWriteKind) and the version its bump moved to:
  -- each write of this version sets both in its bump (postgres-queries.ts), so the notice says
  -- "<version> <kind>" and a process skips the rights round of a write that lowers no right (a
  -- sign-in). A writer that sets no kind (a Samplan of before this version) leaves kind_v behind
  -- the version: its notice is empty, and every process reads rights again, as before.
  ALTER TABLE rights_version ADD COLUMN kind text, ADD COLUMN kind_v bigint;
  CREATE OR REPLACE FUNCTION samplan_notify_rights() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('samplan_rights', CASE WHEN NEW.kind_v = NEW.v THEN NEW.v::text || ' ' || NEW.kind ELSE '' END);
    RETURN NULL;
  END
  $$;
  `,
  `
  -- The sessions started from a provider's access token (AccessTokenStore, access-token-store.ts):
  -- the token's key (a SHA-256 of its signed part, never the token), the session's token id and
  -- until when the token is valid. A token whose session was revoked is refused at sign-in until
  -- then; rows past it are dropped at the next sign-in.
  CREATE TABLE access_token_sessions (
    token_key text NOT NULL,
    token_id text NOT NULL,
    until text COLLATE "C" NOT NULL, -- ISO times, compared as text: byte order, whatever the database's locale
    PRIMARY KEY (token_key, token_id)
  );
  CREATE INDEX access_token_sessions_by_until ON access_token_sessions (until);
  `,
  `
  -- The removed member's display name (RemovalRecord.name), so that the list of removed people
  -- says who they were. NULL for removals kept before: their names are gone.
  ALTER TABLE member_removals ADD COLUMN name text;
  `,
  `
  -- How a session made from an access token ended (KeptAccessTokenSession): true for its person's
  -- own sign-out, which refuses the token in every workspace, false for a revocation, which refuses
  -- it in the session's workspace only. Sessions ended before were refused everywhere, and keep
  -- that (true). The index finds a session's own row at a sign-out (revokeSameSignIn), which read
  -- the table through.
  ALTER TABLE access_token_sessions ADD COLUMN ended_everywhere boolean NOT NULL DEFAULT false;
  UPDATE access_token_sessions SET ended_everywhere = true WHERE token_id IN (SELECT id FROM tokens WHERE revoked_at IS NOT NULL);
  CREATE INDEX access_token_sessions_by_token ON access_token_sessions (token_id);
  `,
  `
  -- A workspace's unit lines of the audit trail, every one (listUnitAudit: the names a unit had
  -- before a rename, which an import reads a file by), found without reading its other lines:
  -- 7-10 ms among 200,000 lines (180 unit lines), 133 ms without it, 101 ms for the newest 20,000 read before.
  CREATE INDEX audit_unit_lines ON audit (workspace, id) WHERE action = 'unit';
  `,
];

/** The advisory lock key migrations hold (any constant unlikely to clash: "sampl" in ASCII). */
const MIGRATION_LOCK = 0x73616d706c;

/**
 * Bring the schema up to date in one transaction; refuses a database written by a newer Samplan.
 * Resolves with the version now in place.
 */
export async function migratePostgres(pool: Pool, logger?: Logger): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS samplan_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const current = await currentVersion(client);
    if (current > PG_MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this Samplan supports (${PG_MIGRATIONS.length}); upgrade Samplan`,
      );
    }
    for (let v = current; v < PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v] ?? '');
      await client.query('INSERT INTO samplan_schema (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
    if (current < PG_MIGRATIONS.length) logger?.info({ from: current, to: PG_MIGRATIONS.length }, 'storage schema migrated');
    return PG_MIGRATIONS.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Check, writing nothing, that `pool`'s database holds this Samplan's schema version: what a store
 * that only reads opens with (`PostgresStorageOptions.readonly`), where `migratePostgres` would
 * write (its `CREATE TABLE IF NOT EXISTS` alone fails on a read-only standby or for a role that
 * may only read). Resolves with the version; rejects with a sentence for another version (the
 * database is not upgraded; English `message`, Swedish `sv`), else with the driver's error.
 */
export async function checkPostgresSchema(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('samplan_schema')::text AS t");
    const found = rows[0]?.t ? await currentVersion(client) : 0;
    const ours = PG_MIGRATIONS.length;
    if (found > ours) {
      throw withSwedish({ sv: `databasens schemaversion ${digits(found)} är nyare än den här Samplan klarar (${digits(ours)}); uppgradera Samplan`, en: `database schema version ${digits(found)} is newer than this Samplan supports (${digits(ours)}); upgrade Samplan` });
    }
    if (found < ours) {
      throw withSwedish({
        sv: `databasens schemaversion ${digits(found)} är äldre än den här Samplans (${digits(ours)}), och kommandot läser bara, så den uppgraderades inte: starta samplan serve av den här versionen på den en gång`,
        en: `database schema version ${digits(found)} is older than this Samplan's (${digits(ours)}), and this command only reads, so it was not upgraded: start samplan serve of this version on it once`,
      });
    }
    return found;
  } finally {
    client.release();
  }
}

async function currentVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM samplan_schema');
  return Number(rows[0]?.v ?? 0);
}

/** An `Error` whose `message` is `words.en` and whose `sv` is `words.sv` (`cli-lang.ts`'s `sentenceOf` says the CLI's language). */
function withSwedish(words: Localized): Error & { sv: string } {
  return Object.assign(new Error(words.en), { sv: words.sv });
}
