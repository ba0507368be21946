import * as Y from 'yjs';
import type { CellValue, RowValues } from '../schema/types.js';
import { POS_KEY, rowsMap } from './create.js';
import { comparePositioned } from './order.js';

/**
 * One row as read from the doc. `values` never holds `_pos`. Rows are shared by every reader
 * of the cache and frozen: copy `values` before changing it, and write through `setCells`.
 */
export interface Row {
  readonly id: string;
  /** Fractional-index position; rows sort by it, then by id. */
  readonly pos: string;
  readonly values: Readonly<RowValues>;
}

/**
 * Per-doc cache of the ordered rows, kept current by a deep observer: a transaction marks the
 * rows it touched, and the next read rebuilds only those (and re-sorts only when a position,
 * an insert or a delete changed the order).
 */
interface RowIndex {
  rows: Y.Map<Y.Map<unknown>>;
  byId: Map<string, Row>;
  dirty: Set<string>;
  orderDirty: boolean;
  /** `list` holds rows `byId` has replaced since: remap it before handing it out. */
  listStale: boolean;
  list: readonly Row[];
}

const indexes = new WeakMap<Y.Doc, RowIndex>();

function readRow(id: string, map: Y.Map<unknown>): Row {
  const values: RowValues = {};
  let pos = '';
  for (const [key, value] of map.entries()) {
    if (key === POS_KEY) {
      if (typeof value === 'string') pos = value;
    } else {
      values[key] = value as CellValue;
    }
  }
  return Object.freeze({ id, pos, values: Object.freeze(values) });
}

function readAll(rows: Y.Map<Y.Map<unknown>>): Map<string, Row> {
  const byId = new Map<string, Row>();
  for (const [id, map] of rows.entries()) {
    if (map instanceof Y.Map) byId.set(id, readRow(id, map));
  }
  return byId;
}

function sorted(byId: Map<string, Row>): readonly Row[] {
  return Object.freeze([...byId.values()].sort(comparePositioned));
}

/** The index of `doc`, from `byId` (its rows read, all of them by default) and the ids of `dirty` to read again. */
function createIndex(doc: Y.Doc, byId = readAll(rowsMap(doc)), dirty = new Set<string>()): RowIndex {
  const rows = rowsMap(doc);
  // Rows to read again may be new or gone: the list is sorted once they are read.
  const index: RowIndex = { rows, byId, dirty, orderDirty: dirty.size > 0, listStale: false, list: dirty.size > 0 ? Object.freeze([]) : sorted(byId) };
  // Marked before any observer runs, so an observer registered before the index was made still
  // reads the rows as the transaction left them (a deep observer of the index's own would run
  // after it and leave it reading the old values).
  doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === rows) {
        for (const key of keys) if (key !== null) index.dirty.add(key);
        index.orderDirty = true;
      } else if (type._item?.parent === rows) {
        const id = type._item.parentSub;
        if (id === null) continue;
        index.dirty.add(id);
        if (keys.has(POS_KEY)) index.orderDirty = true;
      }
    }
  });
  indexes.set(doc, index);
  return index;
}

/** Re-reads the rows a transaction touched; the ordered list waits until someone asks for it. */
function refresh(index: RowIndex): void {
  if (index.dirty.size === 0) return;
  for (const id of index.dirty) {
    const map = index.rows.get(id);
    if (map instanceof Y.Map) index.byId.set(id, readRow(id, map));
    else index.byId.delete(id);
  }
  index.dirty.clear();
  index.listStale = true;
}

/** The ordered list, rebuilt only when rows changed since it was last handed out. */
function orderedList(index: RowIndex): readonly Row[] {
  if (index.orderDirty) {
    index.list = sorted(index.byId);
    index.orderDirty = false;
  } else if (index.listStale) {
    index.list = Object.freeze(index.list.map((r) => index.byId.get(r.id) as Row));
  }
  index.listStale = false;
  return index.list;
}

/** True while a transaction on `doc` has changed rows its observers have not seen yet. */
function staleInTransaction(doc: Y.Doc, rows: object): boolean {
  const tr = doc._transaction;
  if (tr === null) return false;
  for (const type of tr.changed.keys()) {
    if (type === rows || type._item?.parent === rows) return true;
  }
  return false;
}

function current(doc: Y.Doc): RowIndex {
  const index = indexes.get(doc) ?? createIndex(doc);
  refresh(index);
  return index;
}

/**
 * The rows in document order (by `_pos`, then id). Cached per doc: when nothing changed, this
 * returns the same frozen array; after a cell edit only that row is re-read.
 */
export function rowsOf(doc: Y.Doc): readonly Row[] {
  const index = current(doc);
  if (staleInTransaction(doc, index.rows)) return sorted(readAll(index.rows));
  return orderedList(index);
}

/** Marks in `touched` the ids of the rows of `rows` a transaction changed, as the index's own listener marks them dirty. */
function markTouched(rows: Y.Map<Y.Map<unknown>>, touched: Set<string>): (tr: Y.Transaction) => void {
  return (tr) => {
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === rows) {
        for (const key of keys) if (key !== null) touched.add(key);
      } else if (type._item?.parent === rows && type._item.parentSub !== null) touched.add(type._item.parentSub);
    }
  };
}

/**
 * {@link rowsOf}, its first read of `doc`'s rows made a row at a time with `pause()` awaited
 * between them (a `slicer` of the server's `slices.ts`: it yields once some ms of work passed):
 * read in one call, the 10,000 rows of a large plan held a server's event loop for all of it, every
 * other document's edits waiting (an export, `server/http/export-rows.ts`). Transactions meanwhile
 * are followed: a row they touch is read again at the end, so the list is the doc's as it is then.
 * Once the doc's rows are indexed, it is {@link rowsOf} (a cell edit re-reads one row).
 */
export async function rowsOfSliced(doc: Y.Doc, pause: () => Promise<void> | undefined): Promise<readonly Row[]> {
  if (indexes.has(doc)) return rowsOf(doc);
  const rows = rowsMap(doc);
  const byId = new Map<string, Row>();
  const touched = new Set<string>();
  const mark = markTouched(rows, touched);
  doc.on('beforeObserverCalls', mark);
  try {
    for (const id of [...rows.keys()]) {
      const paused = pause();
      if (paused) await paused;
      if (touched.has(id)) continue;
      const map = rows.get(id);
      if (map instanceof Y.Map) byId.set(id, readRow(id, map));
    }
  } finally {
    doc.off('beforeObserverCalls', mark);
  }
  // Another reader indexed the doc meanwhile: its index is current.
  if (!indexes.has(doc)) createIndex(doc, byId, touched);
  return rowsOf(doc);
}

/** One row by id, or undefined. */
export function getRow(doc: Y.Doc, id: string): Row | undefined {
  const index = current(doc);
  if (staleInTransaction(doc, index.rows)) {
    const map = index.rows.get(id);
    return map instanceof Y.Map ? readRow(id, map) : undefined;
  }
  return index.byId.get(id);
}

const counts = new WeakMap<Y.Doc, { n: number }>();

function counter(doc: Y.Doc, rows: Y.Map<Y.Map<unknown>>): { n: number } {
  let c = counts.get(doc);
  if (c === undefined) {
    const created = { n: rows.size };
    rows.observe((event) => {
      for (const change of event.changes.keys.values()) {
        if (change.action === 'add') created.n++;
        else if (change.action === 'delete') created.n--;
      }
    });
    counts.set(doc, created);
    c = created;
  }
  return c;
}

/**
 * How many entries `rows` holds. Cheap: counted once, then kept by a shallow observer, without
 * reading any row (the server's row limit asks this for every update).
 */
export function rowCount(doc: Y.Doc): number {
  const rows = rowsMap(doc);
  if (staleInTransaction(doc, rows)) return rows.size;
  return counter(doc, rows).n;
}
