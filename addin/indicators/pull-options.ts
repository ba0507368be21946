/**
 * What a pull of the indicator table (`pull-table.ts`) is asked: which rows, in which language,
 * onto which sheet and table, how often it writes, and who is told of its writes, failures and end.
 */
import type { IndicatorFilter, IndicatorTable } from '../../shared/indicators/table.js';
import type { Logger } from '../excel/sheet/types.js';
import type { Lang } from './pulled-layout.js';
import type { UnitNames } from './unit-names.js';

/** Options of `pullIndicatorTable` (`pull-table.ts`). */
export interface PullOptions {
  filter: IndicatorFilter;
  lang: Lang;
  /** The workspace's unit names, live: a renamed unit's rows get the new name in place (default: codes). */
  units?: UnitNames;
  /**
   * Worksheet to use or create for a table not in the workbook yet (default `Indikatorer` /
   * `Indicators`). A table pulled before stays on the sheet it stands on (the manager may have
   * renamed it, or deleted their own sheet that had sent the pull to `Indikatorer (2)`), unless
   * `move` is set: then it goes to this sheet.
   */
  sheetName?: string;
  /** Move a table pulled before to `sheetName` (deleted where it stands, made anew there). */
  move?: boolean;
  /** Excel table name (default `SamplanIndikatorer`); a table of that name is written anew. */
  tableName?: string;
  /**
   * The Excel table's id, when this table was pulled before (its workbook setting keeps it): a
   * table the manager renamed is found by it and written under the manager's name.
   */
  tableId?: string;
  /** Title line above the table (default: a sentence saying it is read-only and live). */
  title?: string;
  /** How long to gather changes before writing, in ms (default 100). */
  coalesceMs?: number;
  /** The time shown as "Senast uppdaterad" (default `new Date()`). */
  now?: () => Date;
  /** Told when a write fails (e.g. Excel is in cell-edit mode); the table is written anew after `retryMs`. */
  onError?(error: unknown): void;
  /** Delay before writing again after a failed write, in ms (default 2000). */
  retryMs?: number;
  /** Told after every write with the table as written. */
  onUpdate?(table: IndicatorTable): void;
  /**
   * Told once when the table stops following the documents because the source ended for good
   * (see `IndicatorTableSource.onEnded`), with the words why; the sheet says it too.
   */
  onStopped?(reason: string): void;
  /**
   * Told when the person switches the protection of the table's sheet off (`false`) or on again
   * (`true`; ExcelApi 1.14). Off: what is typed in the table then is overwritten by the next
   * update, which writes the whole table and protects the sheet again (`pulled-protection.ts`).
   * On again: the whole table is written at once.
   */
  onProtection?(sheetName: string, isProtected: boolean): void;
  logger?: Logger;
}
