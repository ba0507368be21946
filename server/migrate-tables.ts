/**
 * What `samplan migrate` (`migrate.ts`) copies from an SQLite file to PostgreSQL, table by table,
 * and what it leaves on purpose, each with why. Every table of either schema
 * (`storage/sqlite-schema.ts`, `storage/postgres-schema.ts`) is in one of the two lists
 * (`tests/server/migrate-tables.test.ts` fails otherwise), so a table a later version adds is
 * decided on, not forgotten.
 */

/**
 * The tables copied, in an order that keeps every reference valid. The columns are not listed
 * here: each table's are read from the SQLite file itself (`PRAGMA table_info`) and their types
 * from the PostgreSQL schema, so a column a later schema version adds is copied without anyone
 * remembering to add it, and a source column PostgreSQL has no place for stops the migration
 * before anything is written.
 */
export const MIGRATED_TABLES: readonly { name: string; order: string }[] = [
  { name: 'workspaces', order: 'id' },
  { name: 'units', order: 'workspace, code' },
  { name: 'docs', order: 'workspace, doc' },
  { name: 'members', order: 'workspace, id' },
  { name: 'tokens', order: 'id' },
  { name: 'audit', order: 'id' },
  { name: 'update_log', order: 'workspace, doc, seq' },
  { name: 'snapshots', order: 'workspace, doc' },
  { name: 'checkpoints', order: 'workspace, doc, seq' },
  // Copied, not skipped: a take-back is kept however old (the newest 256 of a document), and an
  // owner's offline edit that comes back to the new deployment must still win over a refused
  // change taken back.
  { name: 'take_backs', order: 'workspace, doc, id' },
  // An admin's removal holds on the new deployment too: sign-in by group rules must not add the person back.
  { name: 'member_removals', order: 'workspace, member_id' },
  // The sessions (copied in `tokens`, live ones go on serving) keep what ties them to their access
  // token: a token signed out before the move stays refused at sign-in, and a sign-out after it
  // still ends every session started from the same token.
  { name: 'access_token_sessions', order: 'token_key, token_id' },
];

/**
 * Tables of the SQLite file or of the PostgreSQL schema that are not copied row for row, each
 * with why (SQLite's own `sqlite_*` tables aside).
 */
export const NOT_MIGRATED_TABLES: Readonly<Record<string, string>> = {
  doc_keys: 'SQLite numbers each document for the keys of update_rows; copied as update_log, the view over both',
  update_rows: 'SQLite keeps the update log here; copied as update_log, the view over it and doc_keys',
  doc_key_owners: 'the document SQLite gave each key of doc_keys to, which shows a key changed by a hand; PostgreSQL keys updates by document',
  doc_heads: "PostgreSQL's last sequence number of each document, computed by the copy from update_log and snapshots",
  rights_version: 'a counter each store moves for itself on every write of rights; the new servers compare it only with itself',
  write_check: 'the time of the last probe that the store takes writes (checkWritable); nothing of the deployment',
  samplan_schema: "the PostgreSQL schema's applied versions, written by its own migrations",
};

/**
 * Source columns not copied: the row ids of `audit` and `take_backs` (PostgreSQL numbers the rows
 * again, in the same order, which is all the ids say).
 */
export const NOT_MIGRATED_COLUMNS: Readonly<Record<string, readonly string[]>> = { audit: ['id'], take_backs: ['id'] };
