/**
 * Fills Excel copied into rows the pane sees for the first time. Excel formats an inserted sheet
 * or table row like the row above it (the one below for the first row), fill included, and a
 * table row added at the end like the last row; a row put under a row the pane marked as a
 * problem so shows a problem it does not have. Only fills the pane set are ever cleared, so a
 * fill the person set stays.
 */
import type { BindingContext } from '../sheet/binding-context.js';
import { cellKey } from '../sheet/cell-values.js';
import type { FillOp } from '../sheet/write-ops.js';

/**
 * What the last look placed: the row ids, and per run of rows without an id (inserted, nothing
 * typed yet) its length, keyed by the id of the row above the run ('' above the first row).
 */
export interface Seen {
  ids: Set<string>;
  blanks: Map<string, number>;
}

/**
 * A cell of a run of id-less rows that grew while it had rows already: it is new (and to be
 * cleared) only when Excel copied the pane's fill into it, i.e. when its fill is `color` now.
 * Placed by the run (the id above it, '' for the top; its length when seen) and its offset in it,
 * which stay right while other rows move.
 */
export interface MaybeCopied {
  run: string;
  length: number;
  offset: number;
  col: number;
  color: string;
}

/**
 * The fills to clear in rows seen for the first time. For each row whose id `seen` lacks, the
 * neighbour it was copied from is the nearest row above that was seen before (below, for rows
 * above every seen row); every column where the binding set a fill on that neighbour (`filled`)
 * and the new row wants none is cleared (`ops`). `seen` is updated in place to the rows placed now.
 * Rows without an id (inserted, nothing typed yet) want no fill: when the table holds more of
 * them than at the last look, each run of them that grew is new. A run that was not there is
 * cleared the same way, once (a sort only moves it, and a fill the person puts on one later
 * stays). In a run that had rows already, which of them Excel made is not known from the ids:
 * those cells come as `maybe`, to clear only where the pane's fill was copied
 * ({@link clearCopied}), so a fill the person set on the older rows of the run stays.
 */
export function copiedFills(ctx: BindingContext, wanted: ReadonlyMap<string, string>, filled: ReadonlyMap<string, string>, seen: Seen): { ops: FillOp[]; maybe: MaybeCopied[] } {
  const ids = ctx.ids;
  const ops: FillOp[] = [];
  const maybe: MaybeCopied[] = [];
  const blanks = blankRuns(ids);
  // Nothing the binding set (the first look among them): nothing can have been copied.
  if (filled.size > 0) {
    const moreBlanks = total(blanks) > total(seen.blanks);
    const firstSeen = ids.findIndex((id) => id !== null && seen.ids.has(id));
    let above: string | undefined;
    let run = '';
    let offset = 0;
    ids.forEach((id, row) => {
      if (id !== null) {
        run = id;
        offset = 0;
      } else offset++;
      if (id !== null && seen.ids.has(id)) {
        above = id;
        return;
      }
      const had = seen.blanks.get(run) ?? 0;
      if (id === null && !(moreBlanks && (blanks.get(run) ?? 0) > had)) return;
      const from = above ?? (firstSeen > row ? (ids[firstSeen] as string) : undefined);
      if (from === undefined) return;
      for (const [column, col] of ctx.layout.columnIndex) {
        const color = filled.get(cellKey(from, column));
        if (color === undefined || (id !== null && wanted.has(cellKey(id, column)))) continue;
        if (id === null && had > 0) maybe.push({ run, length: blanks.get(run) ?? 0, offset: offset - 1, col, color });
        else ops.push({ row, col, color: null });
      }
    });
  }
  seen.ids.clear();
  for (const id of ids) if (id !== null) seen.ids.add(id);
  seen.blanks = blanks;
  return { ops, maybe };
}

/**
 * Reads the fill of each `maybe` cell (one sync, in the binding's queue) and returns the clears
 * of those that hold the pane's fill, where their run is now. A run whose length changed since
 * is left (a later look sees it again as grown). Throws Excel's error.
 */
export async function clearCopied(ctx: BindingContext, maybe: readonly MaybeCopied[]): Promise<FillOp[]> {
  const runs = blankRuns(ctx.ids);
  const starts = new Map<string, number>();
  ctx.ids.forEach((id, row) => {
    if (id !== null) starts.set(id, row + 1);
  });
  const cells = maybe.flatMap((m) => {
    const start = m.run === '' ? 0 : starts.get(m.run);
    return start === undefined || runs.get(m.run) !== m.length ? [] : [{ row: start + m.offset, col: m.col, color: m.color.toUpperCase() }];
  });
  if (cells.length === 0) return [];
  const top = ctx.layout.headerRow + 1;
  const colors = await ctx.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(ctx.layout.sheetKey);
    const fills = cells.map((c) => sheet.getRangeByIndexes(top + c.row, c.col, 1, 1).format.fill.load('color'));
    ctx.counter.syncs++;
    await context.sync();
    return fills.map((f) => String(f.color ?? '').toUpperCase());
  });
  return cells.filter((c, i) => colors[i] === c.color).map((c) => ({ row: c.row, col: c.col, color: null }));
}

/**
 * {@link clearCopied} in the binding's queue, when there are `maybe` cells; the clears found go to
 * `write` (not called when there are none). A failed read is logged: the fills stay as they are.
 */
export function clearCopiedLater(ctx: BindingContext, maybe: readonly MaybeCopied[], write: (clears: FillOp[]) => void): void {
  if (maybe.length === 0) return;
  void ctx
    .enqueue(() => clearCopied(ctx, maybe))
    .then((clears) => clears.length > 0 && write(clears))
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not read the fills of inserted rows'));
}

/** The runs of rows without an id, as {@link Seen} keeps them. */
function blankRuns(ids: readonly (string | null)[]): Map<string, number> {
  const runs = new Map<string, number>();
  let run = '';
  for (const id of ids) {
    if (id !== null) run = id;
    else runs.set(run, (runs.get(run) ?? 0) + 1);
  }
  return runs;
}

function total(runs: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const count of runs.values()) n += count;
  return n;
}
