/**
 * The binding's table found by its rows: when neither its name nor its tab is found on opening,
 * the person renamed the table while the pane was closed and its tab no longer has the name the
 * binding looks for (the tab renamed too, or the document's title changed meanwhile). A table is
 * then the binding's when it is the only one, not under a Samplan name (those are other
 * documents'), whose header starts with the hidden id column (`ID_HEADER`) and whose id column
 * holds a row id of this document. Before, a second table was made on a new tab and what was
 * typed in the first never reached the document, with nothing said.
 */
import { ID_HEADER } from './layout.js';
import type { SyncCounter } from './types.js';

/** How every table name Samplan gives begins (`tableNameFor`). */
export const TABLE_PREFIX = 'Samplan_';

/** The one table holding a row id for which `ours` is true: its id and sheet name. One sync when a table not under a Samplan name is there, none else. */
export async function tableByIds(
  context: Excel.RequestContext,
  tables: Excel.TableCollection,
  ours: (id: string) => boolean,
  counter: SyncCounter,
): Promise<{ id: string; sheetName: string } | undefined> {
  const candidates = tables.items
    .filter((t) => !t.name.startsWith(TABLE_PREFIX))
    .map((t) => {
      const header = t.getHeaderRowRange().load('values');
      return { table: t, header, ids: t.columns.getItemAt(0).getDataBodyRange().load('values'), sheet: header.worksheet.load('name') };
    });
  if (candidates.length === 0) return undefined;
  counter.syncs++;
  await context.sync();
  const held = candidates.filter(
    (c) => c.header.values[0]?.[0] === ID_HEADER && c.ids.values.some((row) => typeof row[0] === 'string' && ours(row[0].trim())),
  );
  const only = held.length === 1 ? held[0] : undefined;
  return only ? { id: only.table.id, sheetName: only.sheet.name } : undefined;
}
