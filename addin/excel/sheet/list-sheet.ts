/**
 * The dropdown lists of a table, kept on the layout's hidden, protected list sheet: which columns
 * have one and what it holds, and writing them there. Excel requests that use these live in
 * `excel-io.ts`.
 */
import { periodChoices } from '../../../shared/i18n/period-choices.js';
import { columnLetter, type TableLayout } from './layout.js';
import { queueLift, queueProtect } from './sheet-protection.js';
import type { LivePeriods } from './types.js';

/** The dropdown lists of a layout: sheet column → allowed texts. */
export function dropdownLists(layout: TableLayout, listFor: (key: string) => string[] | undefined): Map<number, string[]> {
  const lists = new Map<number, string[]>();
  for (const [i, column] of layout.columns.entries()) {
    const list = column.option ? ['x'] : column.column.type === 'enum' || column.column.type === 'period' || column.column.ref ? listFor(column.key) : undefined;
    if (list && list.length > 0) lists.set(i + 1, list);
  }
  return lists;
}

/** The names a reference column's dropdown offers (its list in `layout.refLists`), or undefined for another column or an unknown list. */
export function refListFor(layout: TableLayout, key: string): string[] | undefined {
  const ref = layout.columns.find((c) => c.key === key)?.column.ref;
  const lookup = ref ? layout.refLists?.lookup(ref) : undefined;
  return lookup?.entries.map((e) => e.name);
}

/**
 * The periods a Period column's dropdown offers, in words ("2025 kv 4"): `inUse` (the document's
 * periods, the workspace's rounds') and the quarters of `now`'s year and the year before, newest
 * first (see `shared/i18n/period-choices.ts`); undefined for a column of another type.
 */
export function periodListFor(layout: TableLayout, key: string, inUse: Iterable<unknown>, now: Date = new Date()): string[] | undefined {
  const column = layout.columns.find((c) => c.key === key);
  return column?.column.type === 'period' ? periodChoices(inUse, now, layout.lang) : undefined;
}

/** The codes of `periods` (`BindOptions.periods`) as they are now; none when there are none. */
export function periodsNow(periods: readonly string[] | LivePeriods | undefined): readonly string[] {
  if (periods === undefined) return [];
  return Array.isArray(periods) ? periods : (periods as LivePeriods).current();
}

/**
 * The list sheet that is there already, its protection lifted when on ({@link queueLift} on
 * `layout.protection`): queue it first in a request, so that a refused lift has changed nothing.
 */
export function liftListSheet(sheets: Excel.WorksheetCollection, layout: TableLayout): Excel.Worksheet {
  const sheet = sheets.getItem(layout.listSheetName);
  queueLift(sheet, (layout.protection ??= {}), 'lists');
  return sheet;
}

/**
 * Writes every dropdown list into its own column of the layout's hidden, protected list sheet
 * (`lifted`: the one there already, from {@link liftListSheet}; made when null) and returns, per
 * table column, the range the validation takes its list from. A list in a range holds any text —
 * commas included ("Uppmärksamhetsvecka: alkohol, diabetes, …") — and any length, where an inline
 * list is cut at each comma and at 255 characters. The cells are text (`@`), so `2025` or `x`
 * stay what the list says.
 */
export function writeListSheet(sheets: Excel.WorksheetCollection, layout: TableLayout, lists: ReadonlyMap<number, string[]>, lifted: Excel.Worksheet | null): Map<number, string> {
  const known = (layout.protection ??= {});
  const exists = lifted !== null;
  const sheet = lifted ?? sheets.add(layout.listSheetName);
  if (!exists) known.lists = false;
  const sources = new Map<number, string>();
  const quoted = `'${layout.listSheetName.replace(/'/g, "''")}'`;
  // Each list sits in the list sheet's column of the same index as its table column, so one
  // list can be rewritten alone (a reference list that changed) without moving the others.
  for (const [col, list] of lists) {
    if (exists) sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().clear('Contents' as Excel.ClearApplyTo);
    if (list.length === 0) continue;
    const range = sheet.getRangeByIndexes(0, col, list.length, 1);
    range.numberFormat = '@' as unknown as string[][];
    range.values = list.map((text) => [text]);
    const letter = columnLetter(col);
    sources.set(col, `=${quoted}!$${letter}$1:$${letter}$${list.length}`);
  }
  sheet.visibility = 'Hidden' as Excel.SheetVisibility;
  queueProtect(sheet, known, 'lists');
  return sources;
}
