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
 * - **refused**: the server refused a change of this pane's to a row (an approved round locks it,
 *   say) and took it back, naming the row in its notice (`RefusalNotice.rows`, given here as
 *   `takenBack`): its take-back, which writes the stored values again over the person's text,
 *   arrives as a remote transaction like any other, by an author that had seen the text, so
 *   without the notice it would not be told. A row the person added that the server refused is
 *   deleted by its take-back: its cells are told together (`rowGone`). A row the person deleted
 *   or moved that the server refused is put back by its take-back (a new row map in the deleted
 *   one's key; the old `_pos` written again): told once for the row (`rowBack`), so the person
 *   knows which row came back and why, and the notice's row is not left waiting for a take-back.
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
import type { CellValue, Localized } from '../../shared/schema/types.js';

/** One cell of this pane's that a colleague's change took away, as the pane had it. */
export interface LostWrite {
  kind: 'overwritten' | 'row-deleted' | 'refused';
  rowId: string;
  /** The cell key (`CellColumn.key`). */
  column: string;
  /** The value this pane had written (what the person typed). */
  mine: CellValue;
  /** The value the cell holds now (overwritten, refused), or null (the row is gone, or the cell empty again). */
  kept: CellValue;
  /** Why the server refused it (`refused`): the sentence of its notice. */
  why?: Localized;
  /** `refused`: the take-back removed the whole row (one the person added), not only the cell. */
  rowGone?: true;
  /**
   * `refused`: the take-back put back a row the person deleted (`deleted`: the row is there again)
   * or moved (`moved`: its old position). The loss is the row's, not a cell's: `column` is
   * `POS_KEY`, `mine` and `kept` are null, `row` holds the row's cells as it came back.
   */
  rowBack?: 'deleted' | 'moved';
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
  /**
   * The sentence of the server's notice that refused a change of row `rowId` and takes it back,
   * while its take-back has not arrived; undefined for any other row (`DocConnection.takenBack`).
   */
  takenBack?: ((rowId: string) => Localized | undefined) | undefined;
  /** The take-back of row `rowId` arrived (its refused cells are told): {@link takenBack} may forget it. */
  tookBack?: ((rowId: string) => void) | undefined;
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
  const { serverHas, madeHere, takenBack, tookBack } = options;
  const mine = (id: Y.ID): boolean => id.client === doc.clientID || madeHere?.(id) === true;
  const unsent = serverHas && ((id: Y.ID): boolean => mine(id) && !serverHas(id));
  const listener = (tr: Y.Transaction): void => {
    if (tr.local) return;
    const lost: LostWrite[] = [];
    const refusedRows = new Set<string>();
    for (const [type, keys] of tr.changed) {
      if (type === (rows as unknown)) {
        for (const rowId of keys) {
          if (rowId === null) continue;
          // A row the server refused (added offline in a period an approved round locks, say) is deleted by its take-back.
          const why = takenBack?.(rowId);
          if (why !== undefined && (deletedRow(tr, rows, rowId, mine, lost, why) || restoredRow(tr, rows, rowId, lost, why))) refusedRows.add(rowId);
          else if (unsent) deletedRow(tr, rows, rowId, unsent, lost);
        }
        continue;
      }
      const rowItem = type._item;
      if (!(type instanceof Y.Map) || rowItem === null || rowItem.parent !== rows || rowItem.deleted || rowItem.parentSub === null) continue;
      const why = takenBack?.(rowItem.parentSub);
      for (const column of keys) {
        if (column === null) continue;
        const now = type._map.get(column);
        if (column === POS_KEY) {
          // A move of the person's the server refused: its take-back writes the old position again.
          if (why !== undefined && now !== undefined && refusedItem(tr, now, mine) !== null) {
            refusedRows.add(rowItem.parentSub);
            lost.push({ kind: 'refused', rowId: rowItem.parentSub, column, mine: null, kept: null, row: rowValues(type), why, rowBack: 'moved' });
          }
          continue;
        }
        const refused = why !== undefined && now !== undefined ? refusedItem(tr, now, mine) : null;
        if (why !== undefined && refused !== null) {
          const kept = now === undefined || now.deleted ? null : valueOf(now);
          refusedRows.add(rowItem.parentSub);
          if (valueOf(refused) !== kept) lost.push({ kind: 'refused', rowId: rowItem.parentSub, column, mine: valueOf(refused), kept, row: rowValues(type), why });
          continue;
        }
        if (now === undefined || now.deleted || mine(now.id)) continue;
        const before = replaced(tr, now);
        if (before === null || !mine(before.id) || sawIt(doc, now, before)) continue;
        // Both wrote the same value: nothing the person wrote is gone.
        const [was, kept] = [valueOf(before), valueOf(now)];
        if (was !== kept) lost.push({ kind: 'overwritten', rowId: rowItem.parentSub, column, mine: was, kept, row: rowValues(type) });
      }
    }
    for (const rowId of refusedRows) tookBack?.(rowId);
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

/**
 * The item of this pane's (`mine`) whose value a take-back in `tr` removed from its key, when
 * `now` is the key's item after it: replaced by the value written back, or deleted with none
 * written back (the cell was empty before); null when `tr` took no such item.
 */
function refusedItem(tr: Y.Transaction, now: Y.Item, mine: (id: Y.ID) => boolean): Y.Item | null {
  if (now.deleted) return mine(now.id) && before(tr, now.id) && Y.isDeleted(tr.deleteSet, now.id) ? now : null;
  if (mine(now.id)) return null;
  const old = replaced(tr, now);
  return old !== null && mine(old.id) ? old : null;
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

/**
 * The cells of this pane's (`ours`: unsent ones, or any of its own) that a remote delete of the row
 * `rowId` in `tr` took: `row-deleted`, or `refused` with `why` (the server's take-back of a row it
 * refused). Returns whether `tr` deleted the row.
 */
function deletedRow(tr: Y.Transaction, rows: Y.Map<unknown>, rowId: string, ours: (id: Y.ID) => boolean, lost: LostWrite[], why?: Localized): boolean {
  const item = rows._map.get(rowId);
  if (item === undefined || !item.deleted || !before(tr, item.id) || !Y.isDeleted(tr.deleteSet, item.id)) return false;
  const map = item.content instanceof Y.ContentType ? item.content.type : null;
  if (!(map instanceof Y.Map)) return false;
  const values = rowValues(map, true);
  for (const [column, cell] of map._map) {
    if (column === POS_KEY || !ours(cell.id) || !Y.isDeleted(tr.deleteSet, cell.id)) continue;
    lost.push(why ? { kind: 'refused', rowId, column, mine: valueOf(cell), kept: null, row: values, why, rowGone: true } : { kind: 'row-deleted', rowId, column, mine: valueOf(cell), kept: null, row: values });
  }
  return true;
}

/**
 * Tells the row `rowId` that `tr` put back in a key whose row map had been deleted before `tr`
 * (the person's delete, which the server refused: the take-back's copy of the row) as `refused`
 * with `rowBack: 'deleted'` and `why`. Returns whether `tr` did so.
 */
function restoredRow(tr: Y.Transaction, rows: Y.Map<unknown>, rowId: string, lost: LostWrite[], why: Localized): boolean {
  const item = rows._map.get(rowId);
  if (item === undefined || item.deleted || before(tr, item.id)) return false;
  let old = item.left;
  while (old !== null && !before(tr, old.id)) old = old.left;
  // The old row was gone before `tr` (not deleted by it): `tr` brought the row back.
  if (old === null || !old.deleted || Y.isDeleted(tr.deleteSet, old.id)) return false;
  const map = item.content instanceof Y.ContentType ? item.content.type : null;
  if (!(map instanceof Y.Map)) return false;
  lost.push({ kind: 'refused', rowId, column: POS_KEY, mine: null, kept: null, row: rowValues(map), why, rowBack: 'deleted' });
  return true;
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
