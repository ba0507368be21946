/**
 * `Storage.findStoredTexts` of the SQLite store (`stored-texts.ts`): every table of the file and
 * its TEXT columns as `sqlite_master` and `PRAGMA table_info` list them, the updates as the view
 * `update_log` (by workspace, document and sequence number; `update_rows` keys them by a number).
 */
import type Database from 'better-sqlite3';
import { hitCollector, inScanOrder, textQueries, type StoredTextHit, type TextTable } from './stored-texts.js';

/** The file's tables as read, the view `update_log` in place of `update_rows`. */
function tablesOf(db: Database.Database): TextTable[] {
  const names = (db.prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as { name: string; type: string }[])
    .filter((t) => t.type === 'table' || t.name === 'update_log')
    .filter((t) => t.name !== 'update_rows');
  return names.map(({ name, type }) => {
    const cols = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(name) as { name: string; type: string; pk: number }[];
    const key = type === 'view' ? ['workspace', 'doc', 'seq'] : cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    // A view's computed columns have no type: its text columns are those its tables declare TEXT.
    const texts = type === 'view' ? ['workspace', 'doc', 'at', 'member_id'] : cols.filter((c) => /TEXT/i.test(c.type)).map((c) => c.name);
    return { name, key, texts };
  });
}

/** The hits of `holds` among the texts of `db`'s rows, of `workspace` alone when given; reads only. */
export function sqliteStoredTexts(db: Database.Database): (holds: (text: string) => boolean, workspace?: string) => Promise<StoredTextHit[]> {
  return async (holds, workspace) => {
    const hits: StoredTextHit[] = [];
    // One read transaction: one state of the file, whatever a server commits meanwhile.
    db.transaction(() => {
      for (const table of inScanOrder(tablesOf(db))) {
        const queries = textQueries(table, workspace !== undefined);
        if (queries === null) continue;
        const args = workspace === undefined ? [] : [workspace];
        const collect = hitCollector(table, holds, workspace ?? null, hits);
        if (queries.ids) for (const row of db.prepare(queries.ids).iterate(...args)) collect.ids(row as Record<string, unknown>, queries.idColumns);
        if (queries.rows) for (const row of db.prepare(queries.rows).iterate(...args)) collect.row(row as Record<string, unknown>, queries.rowColumns);
      }
    })();
    return hits;
  };
}
