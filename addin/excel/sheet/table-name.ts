/**
 * The bound table's name. The binding reaches its table by id (`layout.tableKey`), but a pane
 * opening the workbook finds it by name (`findTable`), so a table the person renamed (Table
 * Design → Table Name) is given its name back by the first read that sees another one. Excel may
 * refuse: another table in the workbook has the name by now (`ItemAlreadyExists`), or the sheet
 * is protected. The name is then tried once for each name the table shows, not again at every
 * read, syncing goes on by id, and Problems says what could not be done and what to do.
 */
import type { Problem } from '../../../shared/validate/problem.js';
import type { TableLayout } from './layout.js';
import type { ExcelRun, SyncCounter } from './types.js';

/** Key of the "table name could not be given back" problem among the local problems. */
export const TABLE_NAME_KEY = '\u0000table-name';

/** What Excel refused: giving the table, now named `shown`, Samplan's name back (Excel's `code`). */
export interface NameRefused {
  shown: string;
  code: string;
}

const refusedOf = new WeakMap<TableLayout, NameRefused>();

/** The refusal the binding of `layout` is living with, if any (see {@link nameBack}). */
export function nameRefused(layout: TableLayout): NameRefused | undefined {
  return refusedOf.get(layout);
}

/**
 * Gives the table `layout.tableKey` Samplan's name `layout.tableName` back when a read saw it
 * named `shown`, in one request. Nothing is sent when `shown` is Samplan's name (a refusal
 * recorded earlier is forgotten then) or when Excel already refused it under this same name.
 * A refusal is recorded, not thrown: the binding goes on reaching the table by its id.
 */
export async function nameBack(run: ExcelRun, layout: TableLayout, shown: string, counter: SyncCounter): Promise<void> {
  if (shown === layout.tableName) {
    refusedOf.delete(layout);
    return;
  }
  if (refusedOf.get(layout)?.shown === shown) return;
  try {
    await run(async (context) => {
      context.workbook.tables.getItem(layout.tableKey).name = layout.tableName;
      counter.syncs++;
      await context.sync();
    });
    refusedOf.delete(layout);
  } catch (error) {
    refusedOf.set(layout, { shown, code: String((error as { code?: unknown } | null)?.code ?? 'Error') });
  }
}

/**
 * The problem Problems shows while the table keeps a name Excel would not let Samplan change back:
 * `refused.shown` is the name it has, `layout.tableName` the one it needs (document-level, warning).
 */
export function tableNameProblem(docId: string, layout: TableLayout, refused: NameRefused): Problem {
  const ours = layout.tableName;
  const taken = refused.code === 'ItemAlreadyExists';
  const sv = taken ? `en annan tabell i arbetsboken heter redan ${ours}` : `Excel avvisade namnbytet (${refused.code})`;
  const en = taken ? `another table in the workbook is already named ${ours}` : `Excel refused the rename (${refused.code})`;
  return {
    doc: docId,
    rowId: null,
    column: null,
    severity: 'warning',
    code: 'table-name-refused',
    message: {
      sv: `Tabellen har bytt namn till ${refused.shown} och Samplan kunde inte ge den tillbaka namnet ${ours}: ${sv}. Synkningen fortsätter medan fönstret är öppet, men nästa gång arbetsboken öppnas hittar Samplan inte tabellen. Byt namn på tabellen till ${ours} (Tabelldesign → Tabellnamn)${taken ? ' efter att du gett den andra tabellen ett annat namn' : ''}.`,
      en: `The table was renamed to ${refused.shown} and Samplan could not give it back its name ${ours}: ${en}. Syncing goes on while the pane is open, but the next time the workbook is opened Samplan will not find the table. Rename the table to ${ours} (Table Design → Table Name)${taken ? ' after giving the other table another name' : ''}.`,
    },
  };
}
