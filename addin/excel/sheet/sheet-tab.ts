/**
 * A document's sheet: the binding's first look for its table (`findTable`), and its tab, named
 * from the document's title within Excel's rules, reached by its stable worksheet id once found
 * (through the document's table, however the tab was renamed since), and renamed when the
 * document is. Excel's rules for a tab name (Microsoft, "Rename a worksheet"): at most 31
 * characters, none of `\ / ? * [ ] :`, no apostrophe first or last, not `History` (Excel keeps
 * that name for itself), unique in the workbook regardless of case.
 */
import { tableAgain } from './lost-table.js';
import { quietRequest, type QuietSync } from './quiet-request.js';
import type { TableLayout } from './layout.js';
import type { ExcelRun, SyncCounter } from './types.js';
import { withoutNumber } from '../../../shared/validate/cut-text.js';
import { findByIds, TABLE_PREFIX } from './table-by-ids.js';

/** Longest tab name Excel accepts. */
export const TAB_NAME_MAX = 31;

/**
 * A tab name Excel accepts for `title`: the forbidden characters become `-`, runs of spaces
 * one space, apostrophes at either end and the name `History` are avoided. A title longer than
 * 31 characters is shortened so that the tab still says what distinguishes it: a remark in
 * brackets at the end goes ("(exempeldata)"), "vårdcentral" becomes "vc" and a span of years
 * "2025–2026" becomes "25–26"; when it is still too long and the part after a dash (the clinic
 * of "Aktivitetsplan 2025–2026 – Tensta vårdcentral") fits, that part comes first. Only then is
 * it cut at 31 characters (at a space when one is near the end), and never ends in a dash or a
 * space. A personnummer the shortening made (a title is stored only without one) is left out with
 * what follows it (`withoutNumber`). An empty result is `Samplan`.
 * @example tabNameFor('Aktivitetsplan 2025–2026 – Tensta vårdcentral (exempeldata)') // 'Tensta vc – Aktivitetsplan 25–26'
 */
export function tabNameFor(title: string): string {
  let name = title.replace(/[\\/?*[\]:]/g, '-').replace(/\s+/g, ' ').trim();
  name = cutTabName(shorten(name), TAB_NAME_MAX);
  name = withoutNumber(name.replace(/^'+|'+$/g, '').trim());
  if (name.toLowerCase() === 'history') name = `${name} 1`;
  return name || 'Samplan';
}

/** A dash between spaces: where a title's generic part ends and its particular part starts. */
const PART_SEPARATOR = / [-–—] /;

/** The shortening steps of {@link tabNameFor}, each taken only while the name is too long. */
function shorten(name: string): string {
  const steps: ((s: string) => string)[] = [
    (s) => s.replace(/\s*\([^()]*\)$/, ''),
    (s) => s.replace(/\bvårdcentral\b/gi, 'vc').replace(/\b(?:19|20)(\d\d)([-–])(?:19|20)(\d\d)\b/g, '$1$2$3'),
    (s) => {
      const at = s.search(PART_SEPARATOR);
      if (at < 0) return s;
      const head = s.slice(0, at);
      const tail = s.slice(at + 3);
      return tail.length <= TAB_NAME_MAX ? `${tail}${s.slice(at, at + 3)}${head}` : s;
    },
  ];
  for (const step of steps) {
    if (name.length <= TAB_NAME_MAX) break;
    name = step(name).trim() || name;
  }
  return name;
}

/**
 * `name` within `max` characters, cut at a space when one is within `reach` characters of the
 * end (default 8), else at `max`; never ending in a dash, a space or a comma, nor in an identity
 * number the cut made (`…85010112367` cut after its tenth digit ends before the number instead).
 */
export function cutTabName(name: string, max: number, reach = 8): string {
  if (name.length <= max) return name;
  const head = name.slice(0, max);
  const space = head.lastIndexOf(' ');
  const kept = (space > 0 && space >= max - reach ? head.slice(0, space) : head).replace(/[\s\-–—,;.]+$/, '');
  return withoutNumber(kept || head.trim());
}

/**
 * `wanted`, or `wanted (2)`, `wanted (3)` … (the name shortened to keep 31 characters) so that
 * it differs, ignoring case, from every name in `taken`.
 */
export function uniqueTabName(wanted: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${cutTabName(wanted, TAB_NAME_MAX - suffix.length).replace(/'+$/, '')}${suffix}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** From now on the binding reaches its sheet by id, whatever the tab is called. */
export function useSheet(layout: TableLayout, sheet: { id: string; name: string }): void {
  layout.sheetKey = sheet.id;
  layout.sheetName = sheet.name;
}

/**
 * Renames the document's tab after `title` (unique among the other sheets). Two syncs: the
 * sheets' names, then the rename. Returns the tab's new name.
 */
export async function renameTab(run: ExcelRun, layout: TableLayout, title: string, counter: SyncCounter): Promise<string> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name,items/id');
    counter.syncs++;
    await context.sync();
    const others = sheets.items.filter((s) => s.id !== layout.sheetKey && s.name !== layout.sheetName).map((s) => s.name);
    const name = uniqueTabName(tabNameFor(title), others);
    if (name === layout.sheetName) return name;
    context.workbook.worksheets.getItem(layout.sheetKey).name = name;
    counter.syncs++;
    await context.sync();
    layout.sheetName = name;
    return name;
  });
}

/** What the first request of `bindTable` finds. */
export interface Found {
  sheetExists: boolean;
  tableExists: boolean;
  /** The hidden sheet of dropdown lists is there (from an earlier binding of the document). */
  listSheetExists: boolean;
  setting: unknown;
  /** Every sheet's name (a new tab's name must differ from them all). */
  sheetNames: string[];
  /**
   * The tabs of the several places that hold this document's rows when the table was not found
   * by name or tab (`findByIds`): none is taken, and no new table may be made.
   */
  several?: string[];
}

/**
 * The table of a sheet that is there when no table has the binding's name: the person renamed it
 * while the pane was closed (a table the binding renamed back while open has its name). When the
 * sheet holds exactly one table, it is taken as the binding's, reached by its id from here on (and
 * given its name back by the first read, `paged-read.ts`); whether its columns are Samplan's is
 * checked as for any table (a table of other columns pauses the binding, nothing is written).
 * A sheet holding no table whose header row is Samplan's is made a table again (`lost-table.ts`).
 * One sync more (four at most), only in those cases. Runs in `findTable`'s request.
 */
async function renamedTable(context: Excel.RequestContext, layout: TableLayout, counter: SyncCounter, quietSync: QuietSync): Promise<boolean> {
  const tables = context.workbook.worksheets.getItem(layout.sheetName).tables.load('items/id,name');
  counter.syncs++;
  await context.sync();
  // No table at all: the person converted it to a range; its cells become the table again.
  if (tables.items.length === 0) return tableAgain(context, layout, layout.sheetName, counter, quietSync);
  const only = tables.items.length === 1 ? tables.items[0] : undefined;
  // A table under a Samplan name is another document's (this one's name was looked for first).
  if (!only || only.name.startsWith(TABLE_PREFIX)) return false;
  layout.tableKey = only.id;
  return true;
}

/**
 * Looks for the sheet, the table, the snapshot setting and the workbook's sheets (one sync; two
 * when the table was renamed). `titleTab` is the tab name the document's title gives
 * (`tabNameFor`), where the binding made its table when no sheet name was asked for: when neither
 * the table's name nor `layout.sheetName` is found, a table renamed or converted to a range while
 * the pane was closed is looked for on that tab (before, a second table was made on a new tab and
 * what was typed in the first never reached the document). When it is not there either, the one
 * table, or sheet holding no table (made a table again), holding a row id for which `ours` is true
 * is the binding's (`findByIds`, one or two syncs more, and `tableAgain`'s; sheets are looked
 * through only when the workbook holds the document's snapshot `settingKey`, as one it was bound
 * in does); when several hold such rows, `several` names their tabs and nothing is taken.
 */
export async function findTable(
  run: ExcelRun,
  layout: TableLayout,
  settingKey: string,
  counter: SyncCounter,
  titleTab?: string,
  ours?: (id: string) => boolean,
): Promise<Found> {
  return quietRequest(run, async (context, quietSync) => {
    const sheets = context.workbook.worksheets.load('items/name');
    const named = context.workbook.worksheets.getItemOrNullObject(layout.sheetName);
    const titled = titleTab !== undefined && titleTab !== layout.sheetName ? context.workbook.worksheets.getItemOrNullObject(titleTab) : named;
    const table = context.workbook.tables.getItemOrNullObject(layout.tableName);
    const setting = context.workbook.settings.getItemOrNullObject(settingKey);
    const lists = context.workbook.worksheets.getItemOrNullObject(layout.listSheetName);
    const tables = context.workbook.tables.load('items/id,name');
    named.load('name, protection/protected');
    if (titled !== named) titled.load('name, protection/protected');
    table.load('name');
    setting.load('value');
    lists.load('name, protection/protected');
    counter.syncs++;
    await context.sync();
    let sheet = named;
    if (named.isNullObject && table.isNullObject && !titled.isNullObject) {
      sheet = titled;
      layout.sheetName = layout.sheetKey = titled.name;
    }
    // What the lifts and protects of later writes go by (`sheet-protection.ts`).
    const known = (layout.protection ??= {});
    if (!sheet.isNullObject) known.sheet = sheet.protection.protected;
    if (!lists.isNullObject) known.lists = lists.protection.protected;
    let tableExists = !table.isNullObject || (!sheet.isNullObject && (await renamedTable(context, layout, counter, quietSync)));
    const names = sheets.items.map((s) => s.name);
    // Sheets holding no table are looked through only where the document was bound before (its
    // snapshot is stored in the workbook): opening a new document costs no sync more.
    const probed = setting.isNullObject ? [] : names.filter((n) => n !== layout.listSheetName);
    const byIds = !tableExists && ours ? await findByIds(context, tables, probed, layout.headerRow, ours, counter) : undefined;
    if (byIds && byIds.kind !== 'several') layout.sheetName = layout.sheetKey = byIds.sheetName;
    if (byIds?.kind === 'table') {
      layout.tableKey = byIds.id;
      tableExists = true;
    }
    // Converted to a range: its cells become the table again, with what was typed in them.
    if (byIds?.kind === 'range') tableExists = await tableAgain(context, layout, byIds.sheetName, counter, quietSync);
    return {
      several: byIds?.kind === 'several' ? byIds.sheetNames : undefined,
      sheetExists: !sheet.isNullObject,
      tableExists,
      listSheetExists: !lists.isNullObject,
      setting: setting.isNullObject ? undefined : setting.value,
      sheetNames: names,
    };
  }, counter);
}
