import * as Y from 'yjs';
import type { CellValue } from '../schema/types.js';
import { POS_KEY, rowsMap } from './create.js';

/** One cell that changed. `before` is undefined for a new cell, `after` for a removed one. */
export interface CellChange {
  rowId: string;
  column: string;
  before: CellValue | undefined;
  after: CellValue | undefined;
}

/** Everything one transaction changed in the rows, coalesced. */
export interface ChangeSet {
  /** Cell changes; every cell of an added row appears here with `before` undefined. */
  changes: CellChange[];
  addedRows: string[];
  /** Rows removed. A row replaced under the same id is listed here and in `addedRows`. */
  deletedRows: string[];
  /** Existing rows whose position changed. */
  movedRows: string[];
  /** The transaction's origin (see `LOCAL_ORIGIN`). */
  origin: unknown;
  /** False when the transaction applied an update from elsewhere. */
  local: boolean;
  /**
   * The Yjs client ids whose writes the transaction added (their clock advanced): who wrote each
   * value, row and position in it. A deletion alone adds no write, so it names no writer.
   */
  writers: number[];
}

function cellsOfNewRow(rowId: string, map: Y.Map<unknown>, out: CellChange[]): void {
  for (const [column, value] of map.entries()) {
    if (column !== POS_KEY) out.push({ rowId, column, before: undefined, after: value as CellValue });
  }
}

/**
 * Calls `cb` once per transaction that changed rows, with the changes coalesced. Returns a
 * function that stops observing.
 */
export function observeChanges(doc: Y.Doc, cb: (set: ChangeSet) => void): () => void {
  const rows = rowsMap(doc);
  const handler = (events: Array<Y.YEvent<Y.Map<unknown>>>, tr: Y.Transaction): void => {
    const set: ChangeSet = {
      changes: [],
      addedRows: [],
      deletedRows: [],
      movedRows: [],
      origin: tr.origin,
      local: tr.local,
      writers: [...tr.afterState].filter(([client, clock]) => clock > (tr.beforeState.get(client) ?? 0)).map(([client]) => client),
    };
    const gone = new Set<string>();
    const cellEvents: Array<Y.YEvent<Y.Map<unknown>>> = [];
    for (const event of events) {
      if (event.target !== rows) {
        cellEvents.push(event);
        continue;
      }
      for (const [rowId, change] of event.changes.keys) {
        const map = rows.get(rowId);
        if (change.action !== 'add') {
          set.deletedRows.push(rowId);
          gone.add(rowId);
        }
        if (change.action !== 'delete' && map instanceof Y.Map) {
          set.addedRows.push(rowId);
          cellsOfNewRow(rowId, map, set.changes);
        }
      }
    }
    for (const event of cellEvents) {
      const rowId = event.target._item?.parentSub;
      if (rowId == null || gone.has(rowId) || event.target._item?.parent !== rows) continue;
      for (const [column, change] of event.changes.keys) {
        if (column === POS_KEY) {
          set.movedRows.push(rowId);
          continue;
        }
        const before = change.action === 'add' ? undefined : (change.oldValue as CellValue);
        const after = change.action === 'delete' ? undefined : (event.target.get(column) as CellValue);
        set.changes.push({ rowId, column, before, after });
      }
    }
    cb(set);
  };
  rows.observeDeep(handler);
  return () => rows.unobserveDeep(handler);
}
