/**
 * Opening a binding's table: found (reconciled three ways with the doc and the snapshot stored in
 * the workbook, or paused when its columns changed or several tabs hold it) or made and rendered
 * from the doc; and the tab following the document's title.
 */
import { getRow, metaOf, observeTitle, rowsOf } from '../../shared/doc/index.js';
import { validationList } from '../../shared/schema/excel.js';
import { COLUMNS_KEY, pausedProblem, showNameProblem } from './sheet/binding-context.js';
import { toExcel } from './sheet/cell-values.js';
import { createTable, setSheetProtection, type Register } from './sheet/excel-io.js';
import { checkColumns } from './sheet/layout.js';
import { dropdownLists, periodListFor, periodsNow, refListFor } from './sheet/list-sheet.js';
import { readBodyPaged } from './sheet/paged-read.js';
import { writeTextFormats } from './sheet/text-formats.js';
import { planDateTexts, writeDateTexts } from './sheet/date-texts.js';
import { findTable, renameTab, tabNameFor, uniqueTabName, useSheet, type Found } from './sheet/sheet-tab.js';
import { decodeSnapshot, encodeSnapshot } from './sheet/snapshot.js';
import type { Parts, PausePolicy } from './binding-parts.js';

/** Finds or creates the table (inside the queue): a new one is rendered, an existing one reconciled, or paused. */
export async function openTable(parts: Parts, policy: PausePolicy, register: Register): Promise<'created' | 'reconciled' | 'paused'> {
  const { run, ctx, layout, key } = parts;
  const found = await findTable(run, layout, key, ctx.counter, titleTab(parts), (id) => getRow(parts.doc, id) !== undefined);
  if (found.several) {
    // Several tabs hold the document's rows: none is taken and no new table is made; the problem names them.
    policy.pause('table-ambiguous', { base: decodeSnapshot(found.setting) });
    ctx.localProblems.set(COLUMNS_KEY, pausedProblem(parts.options.docId, 'table-ambiguous', found.several));
    return 'paused';
  }
  if (!found.tableExists) {
    await renderTable(parts, placeNewTable(parts, found), found.listSheetExists, register);
    return 'created';
  }
  const read = await readBodyPaged(run, layout, ctx.counter, { register, estimate: (i) => ctx.rowBytes(i) });
  const { shape, sheetProtected } = read;
  showNameProblem(ctx);
  // The sheet may have been made for other rights (a viewer then, an editor now): protect it as they are now.
  if (sheetProtected !== ctx.readOnly) await setSheetProtection(run, layout, ctx.readOnly, ctx.counter);
  const check = checkColumns(layout, shape.header, shape.top);
  if (!check.intact) {
    // Changed while the pane was closed: reconcile once the columns are back, from the stored state.
    policy.pause(check.reason, { base: decodeSnapshot(found.setting) });
    return 'paused';
  }
  ctx.columns = check;
  // A table made before free text was `@` gets it now, before anything is written into it (`text-formats.ts`).
  if (read.textFormatted) layout.textFormatted = true;
  else if (!ctx.readOnly) await writeTextFormats(run, layout, read.values.length, ctx.counter).catch((error: unknown) => parts.logger.warn({ err: error }, 'could not set the text columns to the text format'));
  // What was typed while the pane was closed is read as the person saw it: a percentage or a date
  // by the format Excel gave its cell (`percent-cells.ts`), with every check of a live edit.
  policy.reconcile(read.values, decodeSnapshot(found.setting), read.percent);
  // A table made before dates were text: its dates become the plan's text, after the reconcile
  // took what was typed meanwhile into the plan (`date-texts.ts`).
  const dates = ctx.readOnly ? null : planDateTexts(layout, read.values, read.percent, (id, column) => getRow(parts.doc, id)?.values[column]);
  if (dates) await writeDateTexts(run, layout, dates, ctx.counter).catch((error: unknown) => parts.logger.warn({ err: error }, 'could not make the date cells text'));
  return 'reconciled';
}

/**
 * Where a new table goes; true when on a sheet that is there already. A sheet named in the
 * options is used as it is (adopting a plan in place); else a new tab named from the title
 * (the doc id without one), unique in the workbook.
 */
function placeNewTable(parts: Parts, found: Found): boolean {
  const { layout, options } = parts;
  if (options.sheetName !== undefined) return found.sheetExists;
  layout.sheetName = uniqueTabName(titleTab(parts) ?? options.docId, found.sheetNames);
  layout.sheetKey = layout.sheetName;
  return false;
}

/** The tab name the title gives, where a new table goes when no sheet name is asked for (else undefined). */
function titleTab({ options, doc }: Parts): string | undefined {
  if (options.sheetName !== undefined) return undefined;
  return tabNameFor(options.title === undefined ? options.docId : metaOf(doc)?.title || options.title || options.docId);
}

/** Renames the tab whenever the document's title changes; returns the function that stops it. */
export function followTitle(parts: Parts): () => void {
  const { ctx, layout, run, logger, life } = parts;
  return observeTitle(parts.doc, (title) => {
    void ctx
      .enqueue(async () => {
        if (!life.disposed) await renameTab(run, layout, title, ctx.counter);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'the sheet tab could not be renamed after the document'));
  });
}

/** Creates the table with the doc's rows (one empty placeholder row when there are none). */
async function renderTable(parts: Parts, sheetExists: boolean, listSheetExists: boolean, register: Register): Promise<void> {
  const { run, ctx, layout, doc, kind, key, options } = parts;
  const rows = rowsOf(doc);
  const periods = [...periodsNow(options.periods), ...rows.map((r) => r.values.period)];
  const lists = dropdownLists(layout, (k) => validationList(kind, k, options.lang) ?? refListFor(layout, k) ?? periodListFor(layout, k, periods));
  for (const [col, list] of lists) parts.rendered.set(col, list);
  ctx.ids = rows.length > 0 ? rows.map((r) => r.id) : [null];
  ctx.idsChanged();
  const values = rows.map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], options.lang, layout.refLists))]);
  ctx.settle(rows.map((r) => r.id));
  // Large tables get their snapshot on the first timed save instead of slowing the render.
  const settings: [string, string][] = rows.length <= 2_000 ? [[key, encodeSnapshot(layout.columns, ctx.snapshotRows())]] : [];
  const sheet = await createTable(run, layout, { sheetExists, listSheetExists, rows: values, lists, readOnly: ctx.readOnly, settings }, ctx.counter, register);
  useSheet(layout, sheet);
}
