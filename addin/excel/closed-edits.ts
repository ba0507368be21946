/**
 * Edits made in bound tables while the pane was closed (or in Excel without the add-in), found
 * before their documents are opened. A bound document keeps its last-synced state in the
 * workbook (setting `samplan:<docId>`, cell hashes: `sheet/snapshot.ts`); its table's rows are
 * read and hashed the same way, so no document is fetched. A row counts as changed when a cell
 * differs from the last-synced state, when it has no id yet and holds anything (a new row), and
 * a last-synced row the table no longer holds counts as deleted. A cell showing a stored value as
 * the sheet shows it (a status `planned` no choice names, read back as `planerad`) is not a
 * change. Cells of dropdown columns that show names from the workspace's lists (unit, indicator,
 * partner, kommun) are read to ids with those lists (`lists`), as the binding reads them, so a
 * stored id shown as its name is no change and another name is; a column whose list is not known
 * (yet) cannot be read and is not compared. Cells that do not read are not compared either (those
 * are not sent on opening, Problems says why), nor are formulas (`sheet/formula-cells.ts`); a
 * boolean outside an x-column is read as the word it shows, as the binding reads it; spaces around a
 * text an older binding agreed on without them are no change (`agreedTrimmed`). What is found is sent when the document is opened
 * (`bind-table.ts` reconciles three ways); nothing is written here.
 */
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import { planDates } from '../../shared/normalize/plan-year.js';
import type { CellColumn, CellValue } from '../../shared/schema/types.js';
import { fromExcel, shownValue, toExcel } from './sheet/cell-values.js';
import { areaRects } from './sheet/formula-cells.js';
import { tableNameFor } from './sheet/layout.js';
import { agreedTrimmed, cellHash, decodeSnapshot, snapshotKey } from './sheet/snapshot.js';
import { formulaRemoved } from './sheet/kept-formulas.js';
import type { RefLists } from './sheet/ref-lists.js';
import type { ExcelRun } from './sheet/types.js';

/** A bound document whose table holds edits not yet sent: how many rows, and where. */
export interface ClosedEdits {
  docId: string;
  /** Rows changed, added or deleted in the table since it was last synced. */
  rows: number;
  /** The worksheet holding the table. */
  sheet: string;
}

/** A document of the workspace, as the pane lists it. */
export interface BoundCandidate {
  id: string;
  kind: string;
  title: string;
}

/**
 * Reads, in two requests, the bound tables of `docs` that this workbook holds with their
 * last-synced state, and returns those whose rows differ from it (see the module comment), in
 * the order of `docs`. A table without a stored state (never bound here, or over 2,000 rows) is
 * not judged. Reference cells are read with `lists` (the workspace's lists as the sheets show
 * them); without a list a column is not compared. Rejects as `run` does (Excel's errors).
 */
export async function findClosedEdits(run: ExcelRun, docs: readonly BoundCandidate[], lists?: RefLists): Promise<ClosedEdits[]> {
  const candidates = docs.filter((d) => isDocKind(d.kind));
  if (candidates.length === 0) return [];
  return run(async (context) => {
    const found = candidates.map((doc) => {
      const setting = context.workbook.settings.getItemOrNullObject(snapshotKey(doc.id));
      const table = context.workbook.tables.getItemOrNullObject(tableNameFor(doc.id));
      setting.load('value');
      table.load('name');
      return { doc, setting, table };
    });
    await context.sync();
    const bound = found
      .filter((f) => !f.setting.isNullObject && !f.table.isNullObject)
      .map((f) => {
        const body = f.table.getDataBodyRange().load('values, address, rowIndex, columnIndex');
        return { ...f, body, formulas: body.getSpecialCellsOrNullObject('Formulas').load('address') };
      });
    if (bound.length === 0) return [];
    await context.sync();
    const out: ClosedEdits[] = [];
    for (const { doc, setting, body, formulas } of bound) {
      // Body-relative `row,column` of each formula cell: never sent, so no edit to name.
      const skip = new Set<string>();
      if (!formulas.isNullObject) {
        for (const r of areaRects(formulas.address)) {
          for (let row = r.row; row < r.row + r.rows; row++) for (let c = r.col; c < r.col + r.cols; c++) skip.add(`${row - body.rowIndex},${c - body.columnIndex}`);
        }
      }
      const rows = changedRows(doc, setting.value, body.values, lists, skip);
      if (rows > 0) out.push({ docId: doc.id, rows, sheet: sheetOf(body.address) });
    }
    return out;
  });
}

/** The sheet name of an A1 address `Sheet!A1:B2` or `'My sheet'!A1` (quotes undone). */
function sheetOf(address: string): string {
  const name = address.slice(0, address.lastIndexOf('!'));
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** How many rows of `values` (the table body: id, then the kind's columns) differ from the snapshot `stored`; 0 when it is not one. */
function changedRows(doc: BoundCandidate, stored: unknown, values: readonly (readonly unknown[])[], lists: RefLists | undefined, formulas: ReadonlySet<string>): number {
  const base = decodeSnapshot(stored);
  if (!base || !isDocKind(doc.kind)) return 0;
  const columns = cellColumns(doc.kind);
  const ctx = planDates(doc.title);
  const at = new Map(base.columns.map((key, i) => [key, i] as const));
  const seen = new Set<string>();
  let changed = 0;
  values.forEach((raw, r) => {
    const id = typeof raw[0] === 'string' ? raw[0].trim() : '';
    const hashes = id ? base.rows.get(id) : undefined;
    if (id) seen.add(id);
    let differs = false;
    columns.forEach((column, i) => {
      const ref = column.column.ref;
      // A name is read to its id only with its list: without it, no reading is the binding's.
      if (differs || (ref && !lists?.lookup(ref)) || formulas.has(`${r},${i + 1}`)) return;
      // A formula removed from a cell over a value in the plan is no edit: the cell shows the value again (`kept-formulas.ts`).
      if (formulaRemoved(base, id, column.key, raw[i + 1], undefined)) return;
      const n = fromExcel(column, shownValue(column, raw[i + 1], 'sv'), ctx, lists);
      // A cell that does not read is not sent on opening either (Problems says why there).
      if (!n.ok) return;
      const value: CellValue = n.value;
      const index = at.get(column.key);
      const known = hashes !== undefined && index !== undefined ? hashes.slice(2 * index, 2 * index + 2) : undefined;
      const before = known ?? cellHash(column, null);
      // Spaces around a text an older binding agreed on without them are no edit (`agreedTrimmed`).
      const agreed = agreedTrimmed(base, column, raw[i + 1], known, (text) => {
        const t = fromExcel(column, text, ctx, lists);
        return t.ok ? t.value : undefined;
      });
      differs = cellHash(column, value) !== before && !showsStored(column, raw[i + 1], before, lists) && !agreed;
    });
    if (differs) changed++;
  });
  for (const id of base.rows.keys()) if (!seen.has(id)) changed++;
  return changed;
}

/**
 * Whether a cell shows, unchanged, a stored value the sheet reads differently: the sheet shows a
 * stored value through `toExcel`, which gives a value no choice of the column names (a status
 * `planned` stored by an older import) as it is, and the cell then reads as another value (the
 * choice `planerad`); no one typed that. The cell's own value stands for such a stored value.
 */
function showsStored(column: CellColumn, raw: unknown, before: string, lists: RefLists | undefined): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return false;
  return toExcel(column, raw, 'sv', lists) === raw && cellHash(column, raw) === before;
}
