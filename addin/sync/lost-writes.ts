/**
 * Cells this pane wrote that a colleague's change took away before the colleague could have seen
 * them, found where Yjs decides it, in the remote transaction that does it:
 *
 * - **overwritten**: two people set one cell at once. Yjs keeps one of two concurrent map sets
 *   (by client id) and deletes the other; the loser's text is gone from their sheet. A remote
 *   item replacing this pane's item counts only when the remote author had not seen it: the
 *   item's origin chain (each map set's origin is the value its author had) does not reach this
 *   pane's item. Overwriting a value the colleague had seen is ordinary collaboration and is not told.
 * - **row-deleted**: a colleague deleted a row that holds a cell this pane wrote and the server
 *   had not taken yet (an edit made offline): the colleague cannot have seen it.
 *
 * This pane's cells are those of the doc's own client, and those its offline copy brought from an
 * earlier session that the server lacked (`madeHere`: typed offline, the pane closed and opened again). A deleted row
 *   holding cells the server had is a delete made knowing them, and is not told.
 *
 * Values are read before Yjs collects the deleted items (`afterTransaction` runs before the
 * transaction's garbage collection). Nothing is written to the doc and nothing is sent.
 */
import * as Y from 'yjs';
import { POS_KEY, ROWS_ROOT } from '../../shared/doc/index.js';
import type { CellValue } from '../../shared/schema/types.js';

/** One cell of this pane's that a colleague's change took away, as the pane had it. */
export interface LostWrite {
  kind: 'overwritten' | 'row-deleted';
  rowId: string;
  /** The cell key (`CellColumn.key`). */
  column: string;
  /** The value this pane had written (what the person typed). */
  mine: CellValue;
  /** The value the cell holds now (overwritten), or null (the row is gone). */
  kept: CellValue;
  /** The row's cells as this pane had them just before (to name a row that is gone). */
  row: Record<string, CellValue>;
}

/** How the watcher tells what the server holds and what was made here (`SendGate`). */
export interface LostWritesOptions {
  /**
   * Whether the server is known to hold the struct `id` (`SendGate.serverHas`). Without it no
   * deleted row is told (whether the colleague saw a cell is not known).
   */
  serverHas?: ((id: Y.ID) => boolean) | undefined;
  /**
   * Whether struct `id` of another client than the doc's own was made on this computer (an edit
   * from its offline copy, of an earlier session, the server lacked: `SendGate.madeHere`).
   */
  madeHere?: ((id: Y.ID) => boolean) | undefined;
}

/** At most this many origins are followed back from one remote value (a cell set this often is not told). */
const MAX_CHAIN = 10_000;

/**
 * Watches `doc` for remote transactions that take cells of this pane away (see the module
 * comment) and calls `onLost` once per such transaction with its lost cells. Returns the function
 * that stops watching.
 */
export function watchLostWrites(doc: Y.Doc, onLost: (lost: LostWrite[]) => void, options: LostWritesOptions = {}): () => void {
  const rows = doc.getMap(ROWS_ROOT);
  const { serverHas, madeHere } = options;
  const mine = (id: Y.ID): boolean => id.client === doc.clientID || madeHere?.(id) === true;
  const unsent = serverHas && ((id: Y.ID): boolean => mine(id) && !serverHas(id));
  const listener = (tr: Y.Transaction): void => {
    if (tr.local) return;
    const lost: LostWrite[] = [];
    for (const [type, keys] of tr.changed) {
      if (type === (rows as unknown)) {
        if (unsent) for (const rowId of keys) if (rowId !== null) deletedRow(tr, rows, rowId, unsent, lost);
        continue;
      }
      const rowItem = type._item;
      if (!(type instanceof Y.Map) || rowItem === null || rowItem.parent !== rows || rowItem.deleted || rowItem.parentSub === null) continue;
      for (const column of keys) {
        if (column === null || column === POS_KEY) continue;
        const now = type._map.get(column);
        if (now === undefined || now.deleted || mine(now.id)) continue;
        const before = replaced(tr, now);
        if (before === null || !mine(before.id) || sawIt(doc, now, before)) continue;
        // Both wrote the same value: nothing the person wrote is gone.
        const [was, kept] = [valueOf(before), valueOf(now)];
        if (was !== kept) lost.push({ kind: 'overwritten', rowId: rowItem.parentSub, column, mine: was, kept, row: rowValues(type) });
      }
    }
    if (lost.length > 0) onLost(lost);
  };
  doc.on('afterTransaction', listener);
  return () => doc.off('afterTransaction', listener);
}

/** Whether `id` was in the doc before `tr`. */
const before = (tr: Y.Transaction, id: Y.ID): boolean => id.clock < (tr.beforeState.get(id.client) ?? 0);

/** The item that was the key's value before `tr` and that `now` (set in `tr`) replaced, or null. */
function replaced(tr: Y.Transaction, now: Y.Item): Y.Item | null {
  if (before(tr, now.id)) return null;
  let item = now.left;
  while (item !== null && !before(tr, item.id)) item = item.left;
  return item !== null && Y.isDeleted(tr.deleteSet, item.id) ? item : null;
}

/** Whether the author of `now` had `old` when setting it: `old`, or a later change of its author, is on `now`'s origin chain. */
function sawIt(doc: Y.Doc, now: Y.Item, old: Y.Item): boolean {
  let origin = now.origin;
  for (let steps = 0; origin !== null && steps < MAX_CHAIN; steps++) {
    // A client's changes arrive in order: having a later one of old's author means having old.
    if (origin.client === old.id.client && origin.clock >= old.id.clock) return true;
    let struct: Y.Item | Y.GC;
    try {
      struct = Y.getItem(doc.store, origin) as Y.Item | Y.GC;
    } catch {
      return false;
    }
    if (!(struct instanceof Y.Item)) return false;
    origin = struct.origin;
  }
  return false;
}

/** The cells of this pane's that a remote delete of the row `rowId` in `tr` took, when the server had not taken them. */
function deletedRow(tr: Y.Transaction, rows: Y.Map<unknown>, rowId: string, unsent: (id: Y.ID) => boolean, lost: LostWrite[]): void {
  const item = rows._map.get(rowId);
  if (item === undefined || !item.deleted || !before(tr, item.id) || !Y.isDeleted(tr.deleteSet, item.id)) return;
  const map = item.content instanceof Y.ContentType ? item.content.type : null;
  if (!(map instanceof Y.Map)) return;
  const values = rowValues(map, true);
  for (const [column, cell] of map._map) {
    if (column === POS_KEY || !unsent(cell.id) || !Y.isDeleted(tr.deleteSet, cell.id)) continue;
    lost.push({ kind: 'row-deleted', rowId, column, mine: valueOf(cell), kept: null, row: values });
  }
}

/** The value an item holds (deleted or not), as a cell value. */
function valueOf(item: Y.Item): CellValue {
  const content = item.content.getContent();
  const value: unknown = content[content.length - 1];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** A row map's cells; `deleted`: read from a deleted row map (its items are deleted, their values not yet collected). */
function rowValues(map: Y.Map<unknown>, deleted = false): Record<string, CellValue> {
  const values: Record<string, CellValue> = {};
  for (const [key, item] of map._map) if (key !== POS_KEY && (deleted || !item.deleted)) values[key] = valueOf(item);
  return values;
}
