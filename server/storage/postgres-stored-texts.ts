/**
 * `Storage.findStoredTexts` of the PostgreSQL store (`stored-texts.ts`): every base table of the
 * store's schema and its `text` columns as `information_schema` lists them, read in one REPEATABLE
 * READ transaction through a cursor, {@link FETCH_ROWS} rows at a time (the audit trail and the
 * update log grow without bound).
 */
import type pg from 'pg';
import { hitCollector, inScanOrder, textQueries, type StoredTextHit, type TextTable } from './stored-texts.js';

/** Rows fetched per round trip. */
export const FETCH_ROWS = 2000;

async function tablesOf(c: pg.PoolClient): Promise<TextTable[]> {
  const cols = (
    await c.query(`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`)
  ).rows as { table_name: string; column_name: string; data_type: string }[];
  const keys = (
    await c.query(`SELECT k.table_name, k.column_name FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`)
  ).rows as { table_name: string; column_name: string }[];
  const names = [...new Set(cols.map((r) => r.table_name))];
  return names.map((name) => ({
    name,
    key: keys.filter((k) => k.table_name === name).map((k) => k.column_name),
    texts: cols.filter((r) => r.table_name === name && r.data_type === 'text').map((r) => r.column_name),
  }));
}

/** `sql` with `?` placeholders numbered as PostgreSQL takes them. */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Each row of `sql` (its parameters `args`), read through a cursor in the open transaction of `c`. */
async function eachRow(c: pg.PoolClient, sql: string, args: unknown[], fn: (row: Record<string, unknown>) => void): Promise<void> {
  await c.query(`DECLARE stored_texts NO SCROLL CURSOR FOR ${numbered(sql)}`, args);
  try {
    for (;;) {
      const { rows } = await c.query(`FETCH ${FETCH_ROWS} FROM stored_texts`);
      for (const row of rows as Record<string, unknown>[]) fn(row);
      if (rows.length < FETCH_ROWS) return;
    }
  } finally {
    await c.query('CLOSE stored_texts');
  }
}

/** The hits of `holds` among the texts of the store's rows, of `workspace` alone when given; reads only. */
export function postgresStoredTexts(inTx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>): (holds: (text: string) => boolean, workspace?: string) => Promise<StoredTextHit[]> {
  return async (holds, workspace) =>
    inTx(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const hits: StoredTextHit[] = [];
      for (const table of inScanOrder(await tablesOf(c))) {
        const queries = textQueries(table, workspace !== undefined);
        if (queries === null) continue;
        const args = workspace === undefined ? [] : [workspace];
        const collect = hitCollector(table, holds, workspace ?? null, hits);
        if (queries.ids) await eachRow(c, queries.ids, args, (row) => collect.ids(row, queries.idColumns));
        if (queries.rows) await eachRow(c, queries.rows, args, (row) => collect.row(row, queries.rowColumns));
      }
      return hits;
    });
}
