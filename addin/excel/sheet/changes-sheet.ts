/**
 * The workbook side of what a person does with changes the server will not take: copy them into
 * a sheet of their own ("Spara mina ändringar i ett nytt blad"), and take a document's table out
 * of the workbook so that it can be written again from the server's version ("Återställ till den
 * delade versionen"). Excel JS API only. The tab-name rules are Excel's (Microsoft, "Rename a
 * worksheet"), applied by `tabNameFor` in `sheet-tab.ts`.
 */
import { cutTabName, tabNameFor, TAB_NAME_MAX } from './sheet-tab.js';
import { isLiftRefusal, queueLift, SheetLocked } from './sheet-protection.js';
import type { ExcelRun } from './types.js';
import { estimateBytes, PAYLOAD_BUDGET_BYTES } from './write-plan.js';

/**
 * The tab name of a sheet of kept changes: the document's title as a tab name (`tabNameFor`:
 * Excel's forbidden characters replaced, Swedish letters kept) shortened so that ` <date>` fits
 * within Excel's 31 characters, with ` (2)`, ` (3)` … after the date while the name is taken
 * (ignoring case, as Excel does). `date` is `YYYY-MM-DD`. The title is shortened at a word
 * boundary when the cut word starts in the second half of the room left beside the date (a
 * trailing dash or space then goes too), else at the room's end, mid-word.
 *
 * @example changesSheetName('Aktivitetsplan 2025–2026 – Tensta vårdcentral', '2026-12-01', ['Tensta vc 2026-12-01'])
 * // → 'Tensta vc 2026-12-01 (2)' (not 'Tensta vc – Akti 2026-12-01 (2)')
 */
export function changesSheetName(title: string, date: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  const base = tabNameFor(title);
  for (let n = 1; ; n++) {
    const tag = n === 1 ? ` ${date}` : ` ${date} (${n})`;
    const room = TAB_NAME_MAX - tag.length;
    const name = `${cutTabName(base, room, Math.max(8, Math.floor(room / 2))) || 'Samplan'}${tag}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** What {@link writeChangesSheet} writes: a header row and one row per change. */
export interface ChangesSheet {
  /** The document's title, for the tab name. */
  title: string;
  /** Today as `YYYY-MM-DD`, for the tab name. */
  date: string;
  header: string[];
  rows: (string | number | boolean)[][];
}

/** Estimated request bytes of writing one row as text: its values and a `@` format per cell. */
function rowBytes(row: readonly unknown[]): number {
  return estimateBytes([row]) - 128 + row.length * 6;
}

/**
 * Adds a worksheet (named by {@link changesSheetName}) holding `sheet.header` in row 1 (bold)
 * and `sheet.rows` below, every cell formatted as text so that nothing typed is reread as a date
 * or number, and shows it. The rows go in parts under `budgetBytes` per request (Excel on the web
 * refuses a request over 5 MB), one sync each after the two that name and add the sheet.
 * Returns the tab's name. Rejects when Excel refuses (the workbook is closed or protected, the
 * name is refused); the caller says so.
 */
export async function writeChangesSheet(run: ExcelRun, sheet: ChangesSheet, budgetBytes = PAYLOAD_BUDGET_BYTES): Promise<string> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const name = changesSheetName(sheet.title, sheet.date, sheets.items.map((s) => s.name));
    const added = context.workbook.worksheets.add(name);
    const width = sheet.header.length;
    const header = added.getRangeByIndexes(0, 0, 1, width);
    header.numberFormat = [sheet.header.map(() => '@')];
    header.values = [sheet.header];
    header.format.font.bold = true;
    added.activate();
    await context.sync();
    const rows = sheet.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      let bytes = 128 + rowBytes(rows[start] ?? []);
      while (end < rows.length && bytes + rowBytes(rows[end] ?? []) <= budgetBytes) bytes += rowBytes(rows[end++] ?? []);
      const part = rows.slice(start, end);
      const range = added.getRangeByIndexes(1 + start, 0, part.length, width);
      range.numberFormat = part.map((row) => row.map(() => '@'));
      range.values = part;
      await context.sync();
      start = end;
    }
    return name;
  });
}

/**
 * Takes a bound document's table out of the workbook, with its last-synced snapshot
 * (`settingKey`), so that binding the document again writes a new table from the doc. A sheet
 * that holds nothing but the table stays where it is in the tab row and keeps its name: it is
 * emptied (protection lifted, contents, formats and dropdowns cleared) and its name is returned,
 * for the next binding to write the table on it (`bindTable`'s `sheetName`). On a sheet with
 * other content (an adopted sheet) only the table goes, after lifting the sheet's protection, and
 * null is returned. Without such a table only the snapshot goes (null). Up to four syncs;
 * rejects when Excel refuses (the table is then left in place when the refusal came before its
 * removal). A sheet protected with a password (which Samplan does not know) rejects with
 * {@link SheetLocked} (`doing: 'remove'`, words in `lang`) and nothing is changed: the lift is the
 * request's first command, and the snapshot stays.
 */
export async function removeBoundTable(run: ExcelRun, tableName: string, settingKey: string, lang: 'sv' | 'en' = 'sv'): Promise<string | null> {
  return run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(tableName);
    table.load('name');
    await context.sync();
    let kept: string | null = null;
    // The table's sheet, when it was protected a moment ago in this request: a refused lift is its password.
    let locked: string | null = null;
    if (!table.isNullObject) {
      const range = table.getRange().load('address');
      const worksheet = range.worksheet.load('name, protection/protected');
      const values = worksheet.getUsedRange(true).load('address');
      const used = worksheet.getUsedRange(false);
      await context.sync();
      // Lifted only when on: an editor's sheet is not protected (office-js #6784, `sheet-protection.ts`).
      queueLift(worksheet, { sheet: worksheet.protection.protected }, 'sheet');
      table.delete();
      if (values.address === range.address) {
        used.clear();
        worksheet.getRange().dataValidation.clear();
        kept = worksheet.name;
      }
      locked = worksheet.protection.protected ? worksheet.name : null;
    }
    const setting = context.workbook.settings.getItemOrNullObject(settingKey).load('key');
    await context.sync().catch((error: unknown) => {
      throw locked !== null && isLiftRefusal(error) ? new SheetLocked(locked, lang, 'remove') : error;
    });
    if (!setting.isNullObject) {
      setting.delete();
      await context.sync();
    }
    return kept;
  });
}
