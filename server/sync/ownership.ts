/**
 * Row ownership in county action plans: an editor writes only rows whose `unit` cell is one of
 * their units, and creates rows only for one of their units. The `unit` cell is set once, when
 * the row is created; after that an editor can neither change nor remove it (a row without an
 * owner could be written by no editor again), though it may delete a row of its units whole.
 * Coordinators and admins may do all of this.
 *
 * The owner of an existing row is read from the current doc; what an update writes is read from
 * the cells `checkUpdate` collected while it walked the update, so the update is decoded and
 * walked once.
 */
import * as Y from 'yjs';
import type { CellWrite } from '../../shared/validate/check-update.js';

/** The cell that says which unit owns an action-plan row. */
export const UNIT_COLUMN = 'unit';
const ROWS = 'rows';

/** The current owner unit of a row, or null when the row has none (or does not exist). */
export function rowUnit(doc: Y.Doc, rowId: string): string | null {
  const row = doc.getMap(ROWS).get(rowId);
  if (!(row instanceof Y.Map)) return null;
  const unit: unknown = row.get(UNIT_COLUMN);
  return typeof unit === 'string' ? unit : null;
}

/** The rows and cells an accepted update affects, as `checkUpdate` lists them. */
export interface RowEffects {
  touchedRows: Iterable<string>;
  createdRows: Iterable<string>;
  deletedRows: Iterable<string>;
  cells: Iterable<CellWrite>;
}

/** Who writes, as the ownership rules ask it. */
export interface RowRights {
  /** May the writer write a row owned by `unit` (null: no owner)? */
  allowed(unit: string | null): boolean;
  /** May the writer change or remove the owner of an existing row (coordinators and admins)? */
  reassigns: boolean;
}

/** A row the update may not write, and why (an English sentence fit for a close frame). */
export interface ForbiddenRow {
  rowId: string;
  reason: string;
}

/**
 * Every `unit` value the update writes per row (undefined for a removed or emptied cell); null
 * when it writes none, as nearly every edit (a cell of an existing row) does.
 */
function unitWritesOf(cells: Iterable<CellWrite>): Map<string, (string | undefined)[]> | null {
  let writes: Map<string, (string | undefined)[]> | null = null;
  for (const cell of cells) {
    if (cell.column !== UNIT_COLUMN) continue;
    const unit = typeof cell.value === 'string' ? cell.value : undefined;
    writes ??= new Map();
    const list = writes.get(cell.rowId);
    if (list === undefined) writes.set(cell.rowId, [unit]);
    else list.push(unit);
  }
  return writes;
}

/** An existing row's owner is set once: an editor may only write the same unit again. */
function ownerChange(rowId: string, current: string | null, writes: readonly (string | undefined)[]): ForbiddenRow | null {
  for (const unit of writes) {
    if (unit === undefined) return { rowId, reason: `the unit of row ${rowId} cannot be removed` };
    if (unit !== current) return { rowId, reason: `row ${rowId} cannot be given to another unit` };
  }
  return null;
}

/** A new row must carry one of the writer's units, and keep it. */
function newRowOwner(rowId: string, writes: readonly (string | undefined)[] | undefined, rights: RowRights): ForbiddenRow | null {
  const reason = `new row ${rowId} must belong to one of your units`;
  if (writes === undefined) return rights.allowed(null) ? null : { rowId, reason };
  for (const unit of writes) {
    if (!rights.allowed(unit ?? null)) return { rowId, reason };
  }
  return null;
}

/**
 * The first row an update may not write, with a reason, or null when every row it affects is
 * allowed. Rows are judged by their owner in `doc` before the update is applied.
 */
export function forbiddenRow(doc: Y.Doc, effects: RowEffects, rights: RowRights): ForbiddenRow | null {
  for (const rows of [effects.touchedRows, effects.deletedRows]) {
    for (const rowId of rows) {
      if (!rights.allowed(rowUnit(doc, rowId))) return { rowId, reason: `row ${rowId} belongs to another unit` };
    }
  }
  const writes = unitWritesOf(effects.cells);
  const created = new Set(effects.createdRows);
  for (const rowId of created) {
    const bad = newRowOwner(rowId, writes?.get(rowId), rights);
    if (bad) return bad;
  }
  if (rights.reassigns || writes === null) return null;
  // A deleted row's cells, its unit among them, are in the update's delete set: deleting a row
  // the writer may write (checked above) is not taking its owner away from a row that stays.
  const deleted = new Set(effects.deletedRows);
  for (const [rowId, units] of writes) {
    if (created.has(rowId) || deleted.has(rowId)) continue;
    const bad = ownerChange(rowId, rowUnit(doc, rowId), units);
    if (bad) return bad;
  }
  return null;
}

/**
 * May someone who does not manage the document make a change touching `metaKeys`? Yes when it
 * touches none, or only the title and `mayRename()` (an editor renaming its own unit's plan).
 * The keys are read as they come, without copying them.
 */
export function metaAllowed(metaKeys: Iterable<string>, mayRename: () => boolean): boolean {
  let only: string | null = null;
  for (const key of metaKeys) {
    if (only !== null) return false;
    only = key;
  }
  return only === null || (only === 'title' && mayRename());
}
