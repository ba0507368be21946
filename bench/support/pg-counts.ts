/**
 * What PostgreSQL did for a bench's edits, from its statistics views: transactions committed in the
 * database (`pg_stat_database.xact_commit`, every backend's, the bench's own reads included: one
 * per call) and rows inserted into the update log (`pg_stat_user_tables.n_tup_ins` of
 * `update_log` in the schema of `url`'s search path: one per stored edit). Their ratio over a
 * window is how many edits a commit carries (the group commit's merge). PostgreSQL 15+ backends
 * send their counts to the views at most once a second while they commit (an idle backend's last
 * ones up to 10 s later, or when it ends), so a window's figures are shifted by about a second:
 * use windows of tens of seconds. The count includes every transaction of the database: each
 * server process's polls (rights, about two a second) and each reading here.
 */
import pg from 'pg';

/** Counts so far. */
export interface PgCounts {
  commits: number;
  rows: number;
}

/** Read the counts of the database and schema of `url` (one short connection). */
export async function pgCounts(url: string): Promise<PgCounts> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ commits: string; rows: string | null }>(
      `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
              (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'update_log' AND schemaname = current_schema()) AS rows`,
    );
    return { commits: Number(rows[0]?.commits), rows: Number(rows[0]?.rows ?? NaN) };
  } finally {
    await c.end();
  }
}

/** `commits per delivery / stored edits per commit` between two readings, two decimals. */
export function pgCountsCell(before: PgCounts, after: PgCounts, deliveries: number): string {
  const commits = after.commits - before.commits;
  const rows = after.rows - before.rows;
  return `${(commits / Math.max(1, deliveries)).toFixed(2)} / ${(rows / Math.max(1, commits)).toFixed(2)}`;
}
