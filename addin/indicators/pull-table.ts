/**
 * "Pull indicator table": a manager's read-only, live copy of the validated indicator table in
 * their own workbook. Changes from the source are coalesced and written in one request per batch;
 * only the cells that changed are rewritten, and the table grows or shrinks when rows appear or
 * disappear. What a pull is asked (its filter, language, sheet, timings and listeners) is
 * `pull-options.ts`.
 */
import type { IndicatorTable } from '../../shared/indicators/table.js';
import { silentLogger, type ExcelRun } from '../excel/sheet/types.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { dirtyDiff, patchRows, relabelRows, type Dirty, type Shown } from './patch-rows.js';
import { headerCells, metaLines, rowCells, rowKey, unreadableValuesNames, WIDTH, type PulledLabels } from './pulled-layout.js';
import { watchPulledProtection } from './pulled-protection.js';
import { findPulled, PulledTableGone } from './pulled-find.js';
import { createPulled, PulledSheetLocked, writeDiff, type PulledTarget, type SyncCounter } from './pulled-writer.js';
import type { PullOptions } from './pull-options.js';
import { diffTable, type ShownRow } from './table-diff.js';

/** A live pulled table. */
export interface PulledTable {
  /** The sheet the table stands on now (a sheet the manager renames is followed). */
  readonly sheetName: string;
  /** The name the pull gave the table, which it is remembered by (the manager may rename the Excel table). */
  readonly tableName: string;
  /** The Excel table's id. */
  readonly tableId: string | undefined;
  /** When the sheet was last written. */
  readonly lastUpdated: Date;
  /** Rows shown now. */
  readonly rowCount: number;
  /** Rows validation left out, as the sheet says. */
  readonly leftOut: number;
  /** `context.sync()` calls made so far. */
  readonly syncs: number;
  /** Why the table no longer follows the documents (in the table's language); null while it does. */
  readonly stopped: string | null;
  /** Writes the current table now (pending changes included); resolves when written. */
  refresh(): Promise<void>;
  /** Stops following the source; the sheet keeps what it shows. Waits for a write in flight. */
  dispose(): Promise<void>;
}

/**
 * Inserts the indicator table into the workbook and keeps it live. `run` is `Excel.run` in Excel
 * and the emulator's `run` in tests. Works with a viewer token: it only reads the source.
 *
 * @example
 * const source = docIndicatorSource([catalogDoc], [valuesDoc]);
 * const pulled = await pullIndicatorTable((batch) => Excel.run(batch), source, {
 *   filter: { indicators: ['sfh-01'], units: ['vc-rinkeby'] }, lang: 'sv',
 * });
 * // later: await pulled.dispose();
 */
export async function pullIndicatorTable(run: ExcelRun, source: IndicatorTableSource, options: PullOptions): Promise<PulledTable> {
  const { filter, lang } = options;
  const target: PulledTarget = {
    sheetName: options.sheetName ?? (lang === 'sv' ? 'Indikatorer' : 'Indicators'),
    tableName: options.tableName ?? 'SamplanIndikatorer',
    ...(options.tableId !== undefined ? { tableId: options.tableId } : {}),
    lang,
  };
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const coalesceMs = options.coalesceMs ?? 100;
  const counter: SyncCounter = { syncs: 0 };

  const labels: PulledLabels = { lang, unitName: (code) => options.units?.name(code) ?? code };
  const shownOf = (table: IndicatorTable): ShownRow[] => table.rows.map((r) => ({ key: rowKey(r), cells: rowCells(r, labels) }));
  /** Why the table no longer follows the documents; null while it does. */
  let stopped: string | null = null;
  const unreadableNames = (): string[] => unreadableValuesNames(source.unreadable?.() ?? [], (code) => labels.unitName(code));
  const meta = (table: IndicatorTable, at: Date) => metaLines(table, lang, at, options.title, stopped, unreadableNames());

  /** Writes the whole table anew (first pull, and after a failed write left the sheet unknown). */
  /** Moved only by the first write, when asked; written anew later, the table stays where it stands. */
  let move = options.move === true;
  /** The first write placed the table: written anew later, a table gone is the manager's doing. */
  let placed = false;
  const create = async (nextTable: IndicatorTable, at: Date): Promise<ShownRow[]> => {
    const next = shownOf(nextTable);
    const found = await findPulled(run, target, counter, { move, placed });
    move = false;
    await createPulled(run, target, { ...found, header: headerCells(lang), rows: next.map((r) => [...r.cells]), meta: meta(nextTable, at), lang }, counter);
    return next;
  };

  let table = source.current(filter);
  let lastUpdated = now();
  let shown: Shown = { rows: await create(table, lastUpdated), index: null };
  placed = true;
  options.onUpdate?.(table);
  /** Values rows changed since the last write when only their non-key cells did; null: anything. */
  let changedRows: Set<string> | null = new Set();
  /** Units and indicators renamed since the last write (their rows are relabelled in place). */
  let renamedUnits = new Set<string>();
  let renamedIndicators = new Map<string, string | null>();

  let rebuild = false;
  let dirty = false;
  /** Set by `refresh()`: write (and move "last updated") even when nothing changed. */
  let forced = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let disposed = false;
  /** The sheet has a password: said once; tried again at the next change, not on a timer. */
  let locked = false;

  const write = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const force = forced;
    forced = false;
    const rows = changedRows;
    changedRows = new Set();
    const renamed = { units: renamedUnits, indicators: renamedIndicators };
    renamedUnits = new Set();
    renamedIndicators = new Map();
    const at = now();
    try {
      // Some rows' numbers changed, or a unit or an indicator was renamed: patch those cells,
      // without building the whole table again.
      const cells: Dirty = new Map();
      if (!rebuild && rows && patchRows(source, filter, labels, table, shown, rows, cells)) {
        relabelRows(table, shown, labels, renamed, cells);
        const diff = dirtyDiff(shown, cells);
        if (diff.blocks.length === 0) return;
        await writeDiff(run, target, diff, meta(table, at), counter);
        logger.debug({ cells: diff.cellsWritten, deletes: 0, inserts: 0 }, 'indicator table patched');
        lastUpdated = at;
        options.onUpdate?.(table);
        return;
      }
      const nextTable = source.current(filter);
      if (rebuild) {
        shown = { rows: await create(nextTable, at), index: null };
        rebuild = false;
      } else {
        const next = shownOf(nextTable);
        const diff = diffTable(shown.rows, next, WIDTH);
        const unchanged = diff.blocks.length === 0 && diff.deletes.length === 0 && diff.inserts.length === 0 && meta(nextTable, at)[2] === meta(table, at)[2];
        // A change elsewhere in the documents costs the workbook nothing.
        if (unchanged && !force) return;
        await writeDiff(run, target, diff, meta(nextTable, at), counter);
        shown = { rows: next, index: null };
        logger.debug({ cells: diff.cellsWritten, deletes: diff.deletes.length, inserts: diff.inserts.length }, 'indicator table written');
      }
      table = nextTable;
      lastUpdated = at;
      locked = false;
      options.onUpdate?.(nextTable);
    } catch (error) {
      // A request stops at its first failing command: what the sheet shows is unknown now.
      rebuild = true;
      changedRows = null;
      if (error instanceof PulledTableGone) {
        // Deleted or made a range by the manager: no copy elsewhere; no more writes, said once.
        stopped = error.message;
        dirty = false;
        unsubscribe();
        unsubscribeUnits?.();
        logger.warn({ err: error }, 'indicator table gone from the workbook');
        options.onError?.(error);
        options.onStopped?.(stopped);
        return;
      }
      if (error instanceof PulledSheetLocked) {
        // Nothing was changed, and trying again changes nothing until the manager lifts the
        // password: said once; the next change (or `refresh()`) tries again.
        if (!locked) {
          logger.warn({ err: error }, 'indicator table sheet has a password');
          options.onError?.(error);
        }
        locked = true;
        return;
      }
      dirty = true;
      logger.warn({ err: error }, 'indicator table write failed');
      options.onError?.(error);
      if (!disposed && stopped === null) timer ??= setTimeout(() => void flush(), options.retryMs ?? 2000);
    }
  };
  // Writes never overlap: each one waits for the one before.
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write);
    return writing;
  };
  const changed = (): void => {
    dirty = true;
    timer ??= setTimeout(() => void flush(), coalesceMs);
  };
  const unsubscribe = source.subscribe((change) => {
    if (disposed) return;
    if (!change) changedRows = null;
    else if (changedRows) for (const id of change.rows) changedRows.add(id);
    for (const [id, name] of change?.renamed ?? []) renamedIndicators.set(id, name);
    changed();
  });
  const unsubscribeUnits = options.units?.subscribe((codes) => {
    if (disposed) return;
    for (const code of codes) renamedUnits.add(code);
    changed();
  });

  // The source ended for good (a revoked token, a right or a document gone): no more writes but
  // one, the title lines saying the table is no longer updated and why.
  const unsubscribeEnded = source.onEnded?.((reason) => {
    if (disposed || stopped !== null) return;
    stopped = reason[lang];
    logger.warn({ reason: stopped }, 'indicator table no longer followed');
    dirty = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    unsubscribe();
    unsubscribeUnits?.();
    writing = writing.then(async () => {
      try {
        await writeDiff(run, target, { deletes: [], inserts: [], blocks: [], cellsWritten: 0 }, meta(table, lastUpdated), counter);
      } catch (error) {
        logger.warn({ err: error }, 'indicator table: the title lines could not say it is no longer updated');
      }
      options.onStopped?.(stopped as string);
    });
  });

  // Unprotected by the person, the table may hold what they typed; a write of the changed cells
  // alone would leave that beside Samplan's numbers. The next write is whole (and protects again).
  const stopWatching = await watchPulledProtection(run, target.sheetName, (isProtected) => {
    if (disposed || stopped !== null) return;
    target.sheetProtected = isProtected;
    rebuild = true;
    changedRows = null;
    if (isProtected) changed();
    else logger.warn({ sheet: target.sheetName }, 'indicator table sheet unprotected by the person');
    options.onProtection?.(target.sheetName, isProtected);
  });

  return {
    tableName: target.tableName,
    get sheetName() {
      return target.sheetName;
    },
    get tableId() {
      return target.tableId;
    },
    get stopped() {
      return stopped;
    },
    get lastUpdated() {
      return lastUpdated;
    },
    get rowCount() {
      return table.rows.length;
    },
    get leftOut() {
      return table.leftOut;
    },
    get syncs() {
      return counter.syncs;
    },
    refresh() {
      if (stopped !== null) return writing;
      dirty = true;
      forced = true;
      changedRows = null;
      return flush();
    },
    async dispose() {
      disposed = true;
      unsubscribe();
      unsubscribeUnits?.();
      unsubscribeEnded?.();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await writing;
      await stopWatching();
    },
  };
}
