/**
 * `Excel.RangeAreas` as `Range.getSpecialCells(…)` gives it: the rectangles of one sheet whose
 * cells have a property, here `Formulas` (cells holding a formula, whatever its result). Its
 * `address` names the sheet on every rectangle, `Sheet1!A1:B4, Sheet1!D1:D4` (Microsoft,
 * "Excel.RangeAreas"). Asked of one cell, Excel searches the sheet's used range instead, as
 * `SpecialCells` always has; the emulator does the same, so code that means one cell finds out.
 */
import { formatAddress, type Rect } from './address.js';
import { ClientObject, type Getter } from './client-object.js';
import { apiError, ErrorCode } from './errors.js';
import type { RequestContext } from './request-context.js';
import type { SheetModel } from './sheet-model.js';

/** What a range-areas proxy resolves to: rectangles on one sheet. */
export interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

/** The emulated `Excel.RangeAreas` (read-only: address, areaCount, cellCount). */
export class RangeAreas extends ClientObject<AreasTarget> {
  constructor(context: RequestContext, resolver: () => AreasTarget | null, orNull = false) {
    super(context, resolver, 'RangeAreas', orNull);
  }

  protected _props(): Record<string, Getter<AreasTarget>> {
    return {
      address: (t) => t.rects.map((r) => formatAddress(t.sheet.name, r)).join(', '),
      addressLocal: (t) => t.rects.map((r) => formatAddress(t.sheet.name, r)).join(', '),
      areaCount: (t) => t.rects.length,
      cellCount: (t) => t.rects.reduce((n, r) => n + r.rows * r.cols, 0),
    };
  }

  /** `Sheet1!A1:B4, Sheet1!D1:D4`. */
  get address(): string { return this._get('address'); }
  /** Same as `address` (no localisation in the emulator). */
  get addressLocal(): string { return this._get('addressLocal'); }
  /** Number of rectangles. */
  get areaCount(): number { return this._get('areaCount'); }
  /** Number of cells over all rectangles. */
  get cellCount(): number { return this._get('cellCount'); }
}

/** The special cell types the emulator finds (Excel's `SpecialCellType` has more). */
const SUPPORTED = new Set(['Formulas']);

/**
 * The rectangles of `rect` on `sheet` whose cells are of `cellType` (a one-cell `rect`: of the
 * sheet's used range); each row's runs of such cells, a run joined with the one above it when
 * both span the same columns. Fails with `InvalidArgument` for a type the emulator does not model.
 */
export function specialCells(sheet: SheetModel, rect: Rect, cellType: string, location: string): Rect[] {
  if (!SUPPORTED.has(cellType)) throw apiError(ErrorCode.invalidArgument, location, `The emulator does not model special cells of type ${cellType}.`);
  const within = rect.rows === 1 && rect.cols === 1 ? sheet.usedRect(true) : rect;
  if (!within) return [];
  const out: Rect[] = [];
  let above: Rect[] = [];
  for (let r = within.row; r < within.row + within.rows; r++) {
    const cells = sheet.rows[r]?.cells ?? [];
    const runs: Rect[] = [];
    const end = Math.min(cells.length, within.col + within.cols);
    for (let c = within.col; c < end; c++) {
      if (cells[c]?.formula === undefined) continue;
      const last = runs[runs.length - 1];
      if (last && last.col + last.cols === c) last.cols++;
      else runs.push({ row: r, col: c, rows: 1, cols: 1 });
    }
    const next: Rect[] = [];
    for (const run of runs) {
      const joined = above.find((a) => a.col === run.col && a.cols === run.cols && a.row + a.rows === r);
      if (joined) {
        joined.rows++;
        next.push(joined);
      } else {
        out.push(run);
        next.push(run);
      }
    }
    above = next;
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}
