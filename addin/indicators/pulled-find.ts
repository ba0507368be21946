/**
 * Where a pulled table goes (`findPulled`): its sheet, whether that sheet is protected, and the
 * table of that name and where it stands, read before `createPulled` (`pulled-writer.ts`) writes.
 * A sheet of the manager's own is never taken, and a table once placed stays where it stands:
 * moved only when the caller asks (`move`).
 */
import { SaidError } from '../../shared/i18n/said-error.js';
import type { ExcelRun, SyncCounter } from '../excel/sheet/types.js';
import type { Lang } from './pulled-layout.js';

/** Where the table lives. */
export interface PulledTarget {
  /** The sheet the table stands on; kept up to date by the requests here (the manager may rename it). */
  sheetName: string;
  /** The name the pull gives its table (and remembers it by); the manager may rename the table since. */
  tableName: string;
  /**
   * The Excel table's id once known (`findPulled`, `createPulled`, or a workbook setting): the
   * table is addressed by it, so one the manager renamed is still this pull's.
   */
  tableId?: string;
  /**
   * Whether the sheet is protected now: what the last request left (protected) or, when the
   * manager lifted it since, what a refused lift showed. Absent: protected, as Samplan leaves it.
   * Kept up to date by the requests here.
   */
  sheetProtected?: boolean;
  /** The language of the words a refusal gives (default `sv`). */
  lang?: Lang;
}

/**
 * The table a live pull placed is no longer in the workbook: the manager deleted it, its sheet,
 * or made it a plain range (Table Design → Convert to Range). That is the manager's doing, so the
 * pull writes no new copy elsewhere (beside a range of the old figures): it stops, and `message`
 * says so in the pull's language.
 */
export class PulledTableGone extends SaidError {
  constructor(readonly tableName: string, lang: Lang) {
    super(
      {
        sv: `Tabellen "${tableName}" finns inte längre i arbetsboken (borttagen, eller gjord till ett vanligt område), så Samplan skriver ingen ny. Hämta tabellen igen för att få en uppdaterad.`,
        en: `The table "${tableName}" is no longer in the workbook (deleted, or converted to a range), so Samplan writes no new one. Pull the table again for an up-to-date one.`,
      },
      lang,
    );
    this.name = 'PulledTableGone';
  }
}

/** What {@link findPulled} found: the sheet, the table, and where the table stands now. */
export interface FoundPulled {
  sheetExists: boolean;
  /** Whether the target sheet is protected (false when there is none). */
  sheetProtected: boolean;
  tableExists: boolean;
  /**
   * The table's place when it exists: its sheet (the target's name, '' when another sheet), the
   * header row's sheet row and first column, its width in columns, its body rows, and the sheet it
   * stands on (name; whether it is protected now). Absent when there is no table.
   */
  place?: { sheetName: string; headerRow: number; column: number; columns: number; bodyRows: number; on: { name: string; protected: boolean } };
}

/**
 * Looks for the sheet, its protection and the table (one sync), and where the table stands when
 * there is one (one more). The table is found by `target.tableId` first (the manager may have
 * renamed it), else by `target.tableName`; `target.tableId` is set to the id of the one found.
 *
 * A table found stays where it stands, on whatever sheet and under whatever name: that sheet
 * becomes `target.sheetName` (the pull's own sheet may have been taken by the manager's before,
 * which they have since deleted, or the manager renamed the sheet), and nothing is moved. Only
 * with `move` does the pull go to `target.sheetName` and the table from where it stands
 * (`createPulled` removes it there). With `placed` (a live pull writing its table anew) a table
 * with a known id that is found neither by it nor by name is {@link PulledTableGone}, thrown.
 *
 * For a table not placed yet (or moved): a sheet of that name that does not hold the table and
 * has anything in it is the manager's own (their "Indikatorer" sheet): it is never written over.
 * The pull goes to the first sheet named as Excel names a copy, "Indikatorer (2)",
 * "Indikatorer (3)" …, that is missing, empty or holds the table, and `target.sheetName` says
 * which (one sync more per name looked at; none when the sheet is missing or holds the table).
 */
export async function findPulled(run: ExcelRun, target: PulledTarget, counter: SyncCounter, { move = false, placed = false } = {}): Promise<FoundPulled> {
  const preferred = target.sheetName;
  const known = target.tableId !== undefined;
  const first = await findAt(run, target, counter);
  if (placed && known && !first.tableExists) throw new PulledTableGone(target.tableName, target.lang ?? 'sv');
  if (first.place && !move) {
    const { on } = first.place;
    target.sheetName = on.name;
    return { sheetExists: true, sheetProtected: on.protected, tableExists: true, place: { ...first.place, sheetName: on.name } };
  }
  for (let n = 2; ; n++) {
    const found = n === 2 ? first : await findAt(run, target, counter);
    if (!found.sheetExists || found.place?.sheetName === target.sheetName) return found;
    if (!(await hasContent(run, target.sheetName, counter))) return found;
    // Excel allows at most a few thousand sheets; a name past that many is never reached in use.
    if (n > 10_000) throw new Error(`No free sheet name after "${preferred}"`);
    target.sheetName = numberedSheet(preferred, n);
  }
}

/** `Indikatorer (2)`: the name Excel gives a copy, cut to Excel's 31 characters with the number kept. */
export function numberedSheet(base: string, n: number): string {
  const suffix = ` (${n})`;
  return `${base.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
}

/** Whether the sheet holds any value or formula (one sync). */
async function hasContent(run: ExcelRun, sheetName: string, counter: SyncCounter): Promise<boolean> {
  return run(async (context) => {
    const used = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
    used.load('address');
    counter.syncs++;
    await context.sync();
    return !used.isNullObject;
  });
}

/** {@link findPulled} at `target.sheetName` as it stands. */
async function findAt(run: ExcelRun, target: PulledTarget, counter: SyncCounter): Promise<FoundPulled> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(target.sheetName);
    const byId = target.tableId ? context.workbook.tables.getItemOrNullObject(target.tableId).load('id') : null;
    const byName = context.workbook.tables.getItemOrNullObject(target.tableName).load('id');
    sheet.load('name, protection/protected');
    counter.syncs++;
    await context.sync();
    const table = byId && !byId.isNullObject ? byId : byName;
    const sheetExists = !sheet.isNullObject;
    const found = { sheetExists, sheetProtected: sheetExists && sheet.protection.protected, tableExists: !table.isNullObject };
    if (!found.tableExists) return found;
    target.tableId = table.id;
    const header = table.getHeaderRowRange().load(['rowIndex', 'columnIndex', 'columnCount']);
    const body = table.getDataBodyRange().load('rowCount');
    const where = table.getRange().worksheet.load('name');
    const protection = where.protection.load('protected');
    counter.syncs++;
    await context.sync();
    // Sheet names are unique in a workbook whatever their case, as Excel compares them.
    const sheetName = where.name.toLowerCase() === target.sheetName.toLowerCase() ? target.sheetName : '';
    const on = { name: where.name, protected: protection.protected };
    return { ...found, place: { sheetName, headerRow: header.rowIndex, column: header.columnIndex, columns: header.columnCount, bodyRows: body.rowCount, on } };
  });
}

