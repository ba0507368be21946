/**
 * `Storage.findStoredTexts` of the SQL stores: every text a row of any table holds, read from the
 * database's own list of tables and columns (SQLite `sqlite_master` and `PRAGMA table_info`,
 * PostgreSQL `information_schema`), so a column or table a later schema adds is read without
 * anyone listing it: the record fields no store method returns (`docs.archived_by`), the audit
 * trail, the sessions of access tokens, the author of each stored update. The bytes of history
 * (columns of type BLOB or bytea) are read by the history scan (`history-scan.ts`), not here.
 *
 * A document's and workspace's ids, which every row of its history repeats (`workspace`, `doc`),
 * are read once per distinct value of each table. A column holding a hash the store writes
 * ({@link HASH_COLUMNS}) is read only when its text is not one: 64 hex digits hold ten digits in a
 * row that pass as a personnummer about once in 2,000 hashes, and no person types one.
 */

/** A text of a row that the caller's test found, named by table, row key and column; never the text. */
export interface StoredTextHit {
  /** The table as the database names it (SQLite's updates as the view `update_log`). */
  table: string;
  /** The row's workspace (a workspace's own id for `workspaces`); null for a row under none. */
  workspace: string | null;
  /** The row's primary key without its workspace, `/` between columns; the id itself for a hit on an id column. */
  key: string;
  /** The column as the database names it. */
  column: string;
}

/** Columns holding SHA-256 hex the store writes (a token's secret, an access token's signed part). */
export const HASH_COLUMNS: ReadonlySet<string> = new Set(['tokens.hash', 'access_token_sessions.token_key']);
const HASH = /^[0-9a-f]{64}$/;

/** The columns naming the workspace and document a row is kept under, read once per distinct value. */
export const ID_COLUMNS: readonly string[] = ['workspace', 'doc'];

/** The tables read first, in this order (as the scan names them); the rest follow by name. */
const FIRST = ['workspaces', 'units', 'docs', 'members', 'tokens', 'member_removals', 'audit', 'access_token_sessions'];

/** One table as read: its primary key columns and its text columns. */
export interface TextTable {
  name: string;
  key: readonly string[];
  texts: readonly string[];
}

/** `tables` in the order the scan names them. */
export function inScanOrder(tables: readonly TextTable[]): TextTable[] {
  const rank = (t: TextTable): number => (FIRST.includes(t.name) ? FIRST.indexOf(t.name) : FIRST.length);
  return [...tables].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The SQL condition keeping `table`'s rows of one workspace (`?` its one parameter), or null when its rows are under none. */
export function workspaceCondition(table: TextTable, columns: readonly string[]): string | null {
  if (table.name === 'workspaces') return 'id = ?';
  if (columns.includes('workspace')) return 'workspace = ?';
  // A session is its token's: of the workspace the token is of.
  if (table.name === 'access_token_sessions') return 'token_id IN (SELECT id FROM tokens WHERE workspace = ?)';
  return null;
}

/** The queries reading `table` (`?` placeholders, the workspace when `scoped`): its distinct ids, then its other texts with its key. */
export function textQueries(table: TextTable, scoped: boolean): { ids: string | null; rows: string | null; idColumns: string[]; rowColumns: string[] } | null {
  const q = (c: string): string => `"${c.replaceAll('"', '""')}"`;
  const all = [...new Set([...table.key, ...table.texts])];
  const cond = scoped ? workspaceCondition(table, all) : null;
  if (scoped && cond === null) return null;
  const where = cond ? ` WHERE ${cond}` : '';
  const idColumns = table.texts.filter((c) => ID_COLUMNS.includes(c));
  const rowColumns = table.texts.filter((c) => !ID_COLUMNS.includes(c));
  const keyed = [...new Set([...table.key, ...(all.includes('workspace') ? ['workspace'] : []), ...rowColumns])];
  return {
    ids: idColumns.length > 0 ? `SELECT DISTINCT ${idColumns.map(q).join(', ')} FROM ${q(table.name)}${where}` : null,
    rows: rowColumns.length > 0 ? `SELECT ${keyed.map(q).join(', ')} FROM ${q(table.name)}${where}` : null,
    idColumns,
    rowColumns,
  };
}

/** Collects the hits of one table's rows, as {@link textQueries} reads them. */
export function hitCollector(table: TextTable, holds: (text: string) => boolean, workspace: string | null, hits: StoredTextHit[]) {
  const test = (column: string, value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    if (HASH_COLUMNS.has(`${table.name}.${column}`) && HASH.test(value)) return false;
    return holds(value);
  };
  const wsOf = (row: Record<string, unknown>): string | null => {
    const ws = table.name === 'workspaces' ? row.id : row.workspace;
    return typeof ws === 'string' ? ws : workspace;
  };
  return {
    ids(row: Record<string, unknown>, columns: readonly string[]): void {
      for (const c of columns) if (test(c, row[c])) hits.push({ table: table.name, workspace: wsOf(row), key: String(row[c]), column: c });
    },
    row(row: Record<string, unknown>, columns: readonly string[]): void {
      const key = (): string => table.key.filter((k) => k !== 'workspace').map((k) => String(row[k])).join('/');
      for (const c of columns) if (test(c, row[c])) hits.push({ table: table.name, workspace: wsOf(row), key: key(), column: c });
    },
  };
}
