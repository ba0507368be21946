import * as Y from 'yjs';
import type { CellValue, RowValues } from '../schema/types.js';
import { POS_KEY, rowsMap } from './create.js';
import { newRowId } from './ids.js';
import { planInsert, type Positioned } from './order.js';
import { LOCAL_ORIGIN } from './origin.js';
import { rowsOf } from './row-index.js';

/**
 * Where a row goes. `after: id` puts it right after that row, `after: null` first;
 * `before: id` right before that row, `before: null` last. With neither, the row is appended.
 * When both are given, `after` decides.
 */
export interface Placement {
  after?: string | null;
  before?: string | null;
}

/** Options of {@link insertRow}: a placement and optionally the new row's id. */
export interface InsertOptions extends Placement {
  id?: string;
}

function assertCell(key: string, value: unknown): asserts value is CellValue {
  if (key === POS_KEY) throw new RangeError(`"${POS_KEY}" is reserved for the row position`);
  const t = typeof value;
  if (value !== null && t !== 'string' && t !== 'number' && t !== 'boolean') {
    throw new TypeError(`cell "${key}" must be a string, number, boolean or null`);
  }
}

function indexOfId(rows: readonly Positioned[], id: string): number {
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw new RangeError(`no row with id ${id}`);
  return i;
}

function insertionIndex(rows: readonly Positioned[], where: Placement): number {
  if (where.after !== undefined) return where.after === null ? 0 : indexOfId(rows, where.after) + 1;
  if (where.before !== undefined) return where.before === null ? rows.length : indexOfId(rows, where.before);
  return rows.length;
}

function rowMapOf(doc: Y.Doc, rowId: string): Y.Map<unknown> | undefined {
  const map = rowsMap(doc).get(rowId);
  return map instanceof Y.Map ? map : undefined;
}

/**
 * Inserts several rows, consecutively at one place, in one transaction. Returns their ids in
 * order. Throws when an id is taken, an anchor row does not exist or a value is not a primitive.
 */
export function insertRows(doc: Y.Doc, rows: readonly RowValues[], opts: Placement & { ids?: readonly string[] } = {}): string[] {
  const rowsRoot = rowsMap(doc);
  const ids = rows.map((_, i) => opts.ids?.[i] ?? newRowId());
  for (const [i, values] of rows.entries()) {
    if (rowsRoot.has(ids[i] as string)) throw new RangeError(`row id ${ids[i]} is taken`);
    for (const [key, value] of Object.entries(values)) assertCell(key, value);
  }
  doc.transact(() => {
    const ordered = rowsOf(doc);
    const plan = planInsert(ordered, insertionIndex(ordered, opts), rows.length);
    for (const move of plan.moves) rowMapOf(doc, move.id)?.set(POS_KEY, move.pos);
    for (const [i, values] of rows.entries()) {
      const map = new Y.Map<unknown>();
      map.set(POS_KEY, plan.keys[i]);
      for (const [key, value] of Object.entries(values)) {
        if (value !== undefined) map.set(key, value);
      }
      rowsRoot.set(ids[i] as string, map);
    }
  }, LOCAL_ORIGIN);
  return ids;
}

/** Inserts one row (appended unless placed) and returns its id. See {@link insertRows}. */
export function insertRow(doc: Y.Doc, values: RowValues, opts: InsertOptions = {}): string {
  const { id, ...placement } = opts;
  return insertRows(doc, [values], { ...placement, ...(id === undefined ? {} : { ids: [id] }) })[0] as string;
}

/** Writes one cell. Returns false (and writes nothing) when the row does not exist. */
export function setCell(doc: Y.Doc, rowId: string, key: string, value: CellValue): boolean {
  return setCells(doc, rowId, { [key]: value });
}

/**
 * Writes the cells of one row whose value differs from the doc's, in one transaction; unchanged
 * cells are not written, so they cause no update and no conflict. Returns false when the row
 * does not exist.
 */
export function setCells(doc: Y.Doc, rowId: string, values: RowValues): boolean {
  for (const [key, value] of Object.entries(values)) assertCell(key, value);
  const map = rowMapOf(doc, rowId);
  if (map === undefined) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (!map.has(key) || !Object.is(map.get(key), value)) map.set(key, value);
    }
  }, LOCAL_ORIGIN);
  return true;
}

/** Deletes rows in one transaction; returns how many existed. */
export function deleteRows(doc: Y.Doc, rowIds: readonly string[]): number {
  const rows = rowsMap(doc);
  let deleted = 0;
  doc.transact(() => {
    for (const id of rowIds) {
      if (rows.has(id)) {
        rows.delete(id);
        deleted++;
      }
    }
  }, LOCAL_ORIGIN);
  return deleted;
}

/** Deletes one row; returns false when it did not exist. */
export function deleteRow(doc: Y.Doc, rowId: string): boolean {
  return deleteRows(doc, [rowId]) === 1;
}

/**
 * Moves a row by giving it a new position. Only `_pos` is written, so a concurrent cell edit
 * of the same row is kept. Returns false when the row does not exist; throws for an unknown anchor.
 */
export function moveRow(doc: Y.Doc, rowId: string, where: Placement): boolean {
  const map = rowMapOf(doc, rowId);
  if (map === undefined) return false;
  if (where.after === rowId || where.before === rowId) return true;
  doc.transact(() => {
    const others = rowsOf(doc).filter((r) => r.id !== rowId);
    const plan = planInsert(others, insertionIndex(others, where), 1);
    for (const move of plan.moves) rowMapOf(doc, move.id)?.set(POS_KEY, move.pos);
    map.set(POS_KEY, plan.keys[0]);
  }, LOCAL_ORIGIN);
  return true;
}

/**
 * True when `doc` has, or had, a row with this id: a deleted row's id stays known (Yjs keeps the
 * map entry as a tombstone), so a comment written offline on a row someone deleted meanwhile is
 * kept with the row's other comments rather than refused.
 */
export function rowKnown(doc: Y.Doc, rowId: string): boolean {
  return rowsMap(doc)._map.has(rowId);
}

/**
 * Whether every cell of the row `rowId` (its position too) was last written by `doc`'s own client:
 * no peer has written in it, or moved it, since this client last did. False for a row not in `doc`.
 */
export function writtenOnlyHere(doc: Y.Doc, rowId: string): boolean {
  const row = rowMapOf(doc, rowId);
  if (!row) return false;
  for (const item of row._map.values()) if (!item.deleted && item.id.client !== doc.clientID) return false;
  return true;
}
