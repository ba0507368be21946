/**
 * Excel → doc. A worksheet `onChanged` event gives an address and a change type; the reader
 * loads only the touched rows (the whole body after rows were inserted or deleted:
 * `read-change.ts`), maps them to row ids through the hidden id column and hands them to
 * `applyLocalRows`. New rows get their id written back with events off; a sort only moves ids, so
 * it writes nothing.
 */
import { deleteRows, getRow, metaOf, newRowId } from '../../../shared/doc/index.js';
import { planDates } from '../../../shared/normalize/plan-year.js';
import type { BindingContext } from '../sheet/binding-context.js';
import type { FillOp } from '../sheet/write-ops.js';
import { cellKey, idOf, showsValue, toExcel } from '../sheet/cell-values.js';
import { applyLocalRows } from './apply.js';
import { showsDoc, type ExcelRow } from './read-row.js';
import { editRefusal, putBackProblem } from '../sheet/row-locks.js';
import { editedValues, forgetHeld, heldAgain, heldIds, heldNote, heldReason, type HeldRow } from './held-rows.js';
import { DONE, readChange, type ChangeEvent, type ChangeRead, type LocalOutcome } from './read-change.js';
import { forgetProblemsOf, withHeldIds, writeRewrites } from './write-rewrites.js';
import { personnummerGuard } from './guard.js';
import type { AddressRect } from '../sheet/address.js';
import type { Missed } from '../sheet/write-plan.js';
import { writeFormatResets, type FormatResets } from '../sheet/percent-cells.js';
import { clearedFormulas, FORMULA_OVER_SHARED, keepOverShared } from '../sheet/kept-formulas.js';
import { forgetSettledConflicts } from '../sheet/cell-notes.js';

/** The doc → sheet writer as the reader uses it (`bindTable` passes the remote writer). */
export interface WriterPort {
  /** Whether the doc value of a cell still waits to be written into Excel. */
  isPending(rowId: string, column: string): boolean;
  /** Marks cells (null column: the whole row) as needing a write from the doc; `adds`: doc rows to add to the sheet. */
  mark(cells: Iterable<[string, string | null]>, adds?: Iterable<string>): void;
  /** Queues fill changes to go with the next batch. */
  addFills(fills: FillOp[]): void;
  /** Takes the queued fill changes (to send them with another write). */
  takeFills(): FillOp[];
  /** Schedules a write on the next tick. */
  schedule(): void;
  /** From inside the queue: puts back what a write replaced in rows it did not mean (a sort), rewrites the rows meant. */
  repairMoved(missed: readonly Missed[]): Promise<void>;
}

/**
 * Handles one change event: reads (in pages under Excel's payload limit), applies to the doc
 * (in transactions under the frame limit), writes ids and canonical values back. Runs inside
 * the binding's queue. Never pauses or resumes itself: it says so in the outcome.
 */
export async function handleLocalChange(ctx: BindingContext, writer: WriterPort, event: ChangeEvent): Promise<LocalOutcome> {
  const got = await readChange(ctx, event);
  if ('kind' in got) return got;
  if (ctx.readOnly) {
    resync(ctx, writer, got.read, got.fullIds);
    return DONE;
  }
  // The ids known before the change: taking out protected rows (`holdLocked`) already records
  // where they are now, and a row deleted above them must still be found gone.
  const known = new Set(ctx.ids.filter((id): id is string => id !== null));
  await applyRead(ctx, writer, holdLocked(ctx, writer, got), known);
  return DONE;
}

/**
 * Takes the protected rows (see `RowLocks`) out of what was read: their edits are put back from
 * the doc, each changed cell named in Problems with the reason, and nothing of them is sent.
 * New rows the person may not send yet stay in the sheet as typed (`held-rows.ts`), each known
 * by an id of its own (given now when it has none, to write in its id cell), their notes renewed.
 */
function holdLocked(ctx: BindingContext, writer: WriterPort, got: ChangeRead): ChangeRead {
  const locks = ctx.rowLocks;
  // A held row (one with nothing to share, in any document) keeps its id when it is sent.
  if (!locks) return { ...got, keepIds: heldIds(ctx.localProblems) };
  const free: ExcelRow[] = [];
  const held: ExcelRow[] = [];
  const kept = heldIds(ctx.localProblems);
  const heldRows = new Map<number, HeldRow>();
  // A held row's id on another row too (the row copied with its id cell) is that row's, note and
  // all: the copy gets its own.
  const taken = takenIds(ctx, got);
  let notes = forgetHeld(ctx.localProblems, got.fullIds ? 'all' : new Set(got.read.flatMap((r) => idOf(r.raw[0]) ?? []).filter((id) => !taken.has(id))));
  const dates = planDates(metaOf(ctx.doc)?.title);
  const canonical = new Map<string, boolean>();
  for (const row of got.read) {
    const id = idOf(row.raw[0]);
    const values = id ? getRow(ctx.doc, id)?.values : undefined;
    if (!values) {
      const wait = heldReason(ctx.layout, locks, row.raw, dates);
      if (!wait) free.push(row);
      else {
        // An id only a held row had: another (a row a colleague deleted, say) is not taken over.
        const heldId = id && kept.has(id) && !taken.has(id) ? id : newRowId();
        taken.add(heldId);
        if (heldId !== id) heldRows.set(row.index, { id: heldId, raw: row.raw });
        if (got.fullIds) got.fullIds[row.index] = heldId;
        ctx.ids[row.index] = heldId;
        ctx.localProblems.set(...heldNote(ctx.docId, ctx.layout, heldId, row.raw, wait));
        notes = true;
      }
      continue;
    }
    // A row the person may write, changed into one they may not (their row moved to another
    // unit, or into an approved round's period): put back as well, as the server would take it back.
    // A formula's result is no edit (`formula-cells.ts`): it is neither judged nor put back.
    const formula = (col: number): boolean => row.formats?.get(col) === 'formula';
    // A row showing the doc's values (every row but the moved ones after a sort) changes nothing: only the row's own lock is asked.
    const same = row.raw[0] === id && showsDoc(ctx.layout, row, values, dates, canonical);
    const reason = !id ? undefined : same ? locks.reasonFor(id, values) : editRefusal(locks, id, values, editedValues(ctx.layout, row.raw, values, dates, (col, key) => !formula(col) && counts(got, writer, id, col, key)));
    if (!id || !reason) {
      free.push(row);
      continue;
    }
    // A row the person made here, edited back into one they may not send yet (Ctrl+Z of its unit): held again, not put back.
    const again = heldAgain(ctx.doc, ctx.layout, locks, ctx.made, id, values, row.raw, dates);
    if (again) {
      ctx.doc.transact(() => deleteRows(ctx.doc, [id]), ctx.origin);
      ctx.made.delete(id);
      ctx.settle([id]);
      ctx.localProblems.set(...heldNote(ctx.docId, ctx.layout, id, row.raw, again));
      notes = true;
      continue;
    }
    held.push(row);
    ctx.layout.columns.forEach((c, i) => {
      if (!formula(i + 1) && !showsValue(row.raw[i + 1], toExcel(c, values[c.key], ctx.layout.lang, ctx.layout.refLists))) ctx.localProblems.set(cellKey(id, c.key), putBackProblem(ctx.docId, id, c.key, reason));
    });
  }
  if (notes && held.length === 0) {
    ctx.version++;
    ctx.problemsChanged();
  }
  const rest = { ...got, read: free, heldRows, keepIds: kept };
  if (held.length === 0) return rest;
  resync(ctx, writer, held, null);
  ctx.version++;
  ctx.problemsChanged();
  return rest;
}

/** The ids of the body rows not read now (a row elsewhere in the table keeps its id), to which the read adds the held ids it gives. */
function takenIds(ctx: BindingContext, got: ChangeRead): Set<string> {
  if (got.fullIds) return new Set();
  const read = new Set(got.read.map((r) => r.index));
  return new Set(ctx.ids.filter((id, i): id is string => id !== null && !read.has(i)));
}

/**
 * Whether the cell (sheet column `col`, column `key`) of the row `id` read in `got` counts as the
 * person's edit, as `applyRead` takes it: touched by the change, and not a doc value still on its
 * way into Excel (a one-cell edit is what was typed and always counts).
 */
function counts({ fullIds, rows, moved }: ChangeRead, writer: WriterPort, id: string, col: number, key: string): boolean {
  if (fullIds === null && rows?.columns && !rows.columns.has(col)) return false;
  const typed = rows !== undefined && rows.count === 1 && rows.columns?.size === 1 && !moved;
  return typed || !writer.isPending(id, key);
}

/**
 * Applies the rows read to the doc, forgets what they replace, writes ids and canonical values
 * back. `before`: the ids the binding knew in the table before the change.
 */
async function applyRead(ctx: BindingContext, writer: WriterPort, { read, fullIds, moved, rows, heldRows, keepIds }: ChangeRead, before: ReadonlySet<string>): Promise<void> {
  // A formula the person removed shows the shared value again: the empty cell is no edit (`kept-formulas.ts`).
  const cleared = clearedFormulas(ctx.localProblems, ctx.layout.columns.map((c) => c.key), read, idOf);
  const clearedKeys = new Set(cleared.map(([id, key]) => cellKey(id, key)));
  const typed = rows !== undefined && rows.count === 1 && rows.columns?.size === 1 && !moved;
  // In transactions each under the frame limit (one for an ordinary edit), deletes last.
  const applied = applyLocalRows(ctx.doc, ctx.layout, read, {
    origin: ctx.origin,
    docId: ctx.docId,
    tableIds: fullIds ?? ctx.ids,
    guard: personnummerGuard,
    newId: newRowId,
    dates: planDates(metaOf(ctx.doc)?.title),
    ...(keepIds ? { keepIds } : {}), quiet: quietRows(ctx),
    // A one-cell edit is what the user typed: it wins even over a remote value in flight.
    // After a sort nobody knows which cell that is now: every remote value in flight wins.
    ...(typed && cleared.length === 0 ? {} : { stale: (id: string, column: string) => clearedKeys.has(cellKey(id, column)) || (!typed && writer.isPending(id, column)) }),
    ...(fullIds !== null || !rows?.columns ? {} : { columns: rows.columns }),
  });
  let removed: string[] = [];
  let kept: string[] = [];
  if (fullIds) {
    const present = new Set(fullIds.filter((id): id is string => id !== null));
    removed = [...before].filter((id) => !present.has(id));
    // A protected row deleted in the sheet stays in the doc and comes back in the sheet.
    kept = removed.filter((id) => isLocked(ctx, id));
    if (kept.length > 0) removed = removed.filter((id) => !kept.includes(id));
    if (removed.length > 0) ctx.doc.transact(() => deleteRows(ctx.doc, removed), ctx.origin);
    // A held row no longer in the sheet (deleted there) takes its notes along.
    forgetProblemsOf(ctx, [...(keepIds ?? [])].filter((id) => !present.has(id)));
    ctx.ids = fullIds;
  }
  for (const row of read) ctx.ids[row.index] = applied.assigned.get(row.index) ?? idOf(row.raw[0]);
  for (const id of applied.assigned.values()) if (getRow(ctx.doc, id)) ctx.made.add(id);
  ctx.idsChanged();
  if (kept.length > 0) {
    // Said in words where the row is: the first column of each row put back.
    const column = ctx.layout.columns[0]?.key ?? '';
    for (const id of kept) {
      const reason = ctx.rowLocks?.reasonFor(id, getRow(ctx.doc, id)?.values ?? {});
      if (reason) ctx.localProblems.set(cellKey(id, column), putBackProblem(ctx.docId, id, column, reason, 'delete'));
    }
    writer.mark([], kept);
    writer.schedule();
  }

  // A conflict goes once the person edits its cell or row, or deletes the row (`cell-notes.ts`).
  forgetSettledConflicts(ctx.conflicts, fullIds ? [] : editedCells(ctx, read, rows), removed);

  // A read notes each formula cell anew; one a colleague's value stands behind keeps saying so (`kept-formulas.ts`).
  const overShared = new Map([...ctx.localProblems].filter(([, p]) => p.code === FORMULA_OVER_SHARED));
  forgetProblemsOf(ctx, read.map((row) => ctx.ids[row.index]).filter((id): id is string => !!id));
  for (const [key, problem] of applied.problems) ctx.localProblems.set(key, problem);
  keepOverShared(ctx.localProblems, overShared);
  if (cleared.length > 0) {
    writer.mark(cleared);
    writer.schedule();
  }
  // A cell read now no longer waits for its list; one read without its list waits (`sheet/waiting-refs.ts`).
  for (const key of applied.okCells) ctx.waitingRefs.delete(key);
  for (const w of applied.waiting) ctx.waitingRefs.set(cellKey(w.rowId, w.key), w);
  ctx.version++;
  ctx.settle(removed);
  forgetProblemsOf(ctx, removed);
  ctx.settle([...applied.written, ...applied.unshared]);

  if (applied.formatResets.size > 0) await resetFormats(ctx, applied.formatResets);
  const rewrites = new Map(applied.rewrites);
  const readRaw = new Map(read.map((r) => [r.index, r.raw] as const));
  withHeldIds(heldRows ?? new Map(), rewrites, readRaw);
  // One write for ids and canonical values; merged into whatever the writer has pending.
  if (rewrites.size > 0) await writeRewrites(ctx, writer, rewrites, readRaw);
  ctx.touched();
}

/**
 * Whether the binding keeps nothing about a doc row but its values: no note in Problems (a
 * refusal, a formula, a note of how a value was read), no cell waiting for its list. Such a row,
 * read showing the doc's values, needs no reading at all (`applyLocalRows`' `quiet`).
 */
function quietRows(ctx: BindingContext): (rowId: string) => boolean {
  const kept = new Set<string>();
  const rowOf = (key: string): string => key.slice(0, key.indexOf('\u0000'));
  for (const key of ctx.localProblems.keys()) kept.add(rowOf(key));
  for (const key of ctx.waitingRefs.keys()) kept.add(rowOf(key));
  return (rowId) => !kept.has(rowId);
}

/** The cells of Samplan's columns a change of the rows `read` touched (`rows`: its address; no columns: whole rows), as `[rowId, key]`. */
function editedCells(ctx: BindingContext, read: readonly ExcelRow[], rows: AddressRect | undefined): [string, string][] {
  return read.flatMap((row) => {
    const id = ctx.ids[row.index];
    if (!id) return [];
    return ctx.layout.columns.flatMap((c, i): [string, string][] => (!rows?.columns || rows.columns.has(i + 1) ? [[id, c.key]] : []));
  });
}

/**
 * Sets percent-formatted number cells back to their column's format (see `percent-cells.ts`),
 * in a request of its own, with events off: only when a read found such cells. A failure is
 * logged and leaves the values as stored: the cells then show them as percentages until the
 * next read of their rows tries again.
 */
async function resetFormats(ctx: BindingContext, resets: FormatResets): Promise<void> {
  try {
    await writeFormatResets(ctx.run, ctx.layout, resets, ctx.counter);
  } catch (error) {
    ctx.logger.warn({ error: String(error) }, 'could not set percent cells back to their number format');
  }
}

/** Whether the doc row `id` is protected from this person (see `RowLocks`). */
function isLocked(ctx: BindingContext, id: string): boolean {
  const values = ctx.rowLocks ? getRow(ctx.doc, id)?.values : undefined;
  return values !== undefined && ctx.rowLocks?.reasonFor(id, values) !== undefined;
}


/** Viewers: whatever changed in Excel, the doc wins; rows that differ are rewritten. */
function resync(ctx: BindingContext, writer: WriterPort, read: ExcelRow[], fullIds: (string | null)[] | null): void {
  if (fullIds) {
    ctx.ids = fullIds;
    ctx.idsChanged();
  } else {
    for (const row of read) ctx.ids[row.index] = idOf(row.raw[0]);
    ctx.idsChanged();
  }
  const differs = (row: ExcelRow): boolean => {
    const id = idOf(row.raw[0]);
    const values = id ? getRow(ctx.doc, id)?.values : undefined;
    if (!values) return false;
    return ctx.layout.columns.some((c, i) => !showsValue(row.raw[i + 1], toExcel(c, values[c.key], ctx.layout.lang, ctx.layout.refLists)));
  };
  const stale = read.filter(differs).map((r) => [idOf(r.raw[0]) as string, null] as [string, null]);
  if (stale.length === 0) return;
  writer.mark(stale);
  writer.schedule();
}
