/**
 * The value a cell an update writes will hold once Yjs applies the update, for the checks that
 * judge a row as it will be (`splitInWrites`). Mostly the update's value: a client that saw the
 * cell's value writes over it (its item's left origin is that value's item), and Yjs puts the new
 * item last. A concurrent write (made offline, or by a client choosing its own origins) names an
 * older item or none, and Yjs orders it among the key's items by client id: the value stored
 * before may stay. Such a key is settled by {@link keyWinner}, Yjs' own integration on stand-ins.
 */
import * as Y from 'yjs';
import { rowsMap } from '../doc/create.js';
import { keyWinner } from './key-winner.js';
import type { DecodedUpdate, StructLookup } from './update-structs.js';

/** The value the cell at `rowId`/`column` will hold, the update having written `written` there. */
export type SettleCell = (rowId: string, column: string, written: unknown) => unknown;

/** True when `item` was written over `current` (the key's item the doc holds now), as a client that saw it writes. */
function follows(item: Y.Item, current: Y.Item | undefined): boolean {
  const origin = item.origin;
  if (current === undefined) return origin === null;
  return origin !== null && origin.client === current.id.client && origin.clock === current.id.clock + current.length - 1;
}

/** The update's new items by the row item (of the doc or the update) and key they land in. */
function byRowAndKey(update: DecodedUpdate, lookup: StructLookup): Map<Y.Item, Map<string, Y.Item[]>> {
  const index = new Map<Y.Item, Map<string, Y.Item[]>>();
  for (const s of update.structs) {
    if (!(s instanceof Y.Item) || lookup.known(s)) continue;
    const where = lookup.parentOf(s);
    if (where.at !== 'child' || where.key === null) continue;
    let keys = index.get(where.parent);
    if (keys === undefined) index.set(where.parent, (keys = new Map()));
    const items = keys.get(where.key);
    if (items === undefined) keys.set(where.key, [s]);
    else items.push(s);
  }
  return index;
}

/**
 * How each cell the update writes into a row of `doc` settles (see the module comment): the
 * update's value, the doc's, or nothing (the winner deleted by the update, or a deleted item).
 * `lookup` is the walk's over `doc` and `update`. The update's items are indexed when first asked;
 * a key is settled by Yjs' integration only when the update writes it concurrently.
 */
export function settledCells(doc: Y.Doc, update: DecodedUpdate, lookup: StructLookup): SettleCell {
  const rows = rowsMap(doc);
  let index: Map<Y.Item, Map<string, Y.Item[]>> | null = null;
  return (rowId, column, written) => {
    const row = rows.get(rowId);
    if (!(row instanceof Y.Map) || row._item === null) return written;
    index ??= byRowAndKey(update, lookup);
    const items = index.get(row._item)?.get(column);
    if (items === undefined) return written;
    const current = row._map.get(column);
    if (items.length === 1 && follows(items[0] as Y.Item, current)) return written;
    const winner = keyWinner(current, items);
    if (winner === null || winner.deleted || Y.isDeleted(update.ds, winner.id)) return undefined;
    if (winner === current) return row.get(column);
    return winner.content instanceof Y.ContentAny ? winner.content.arr[winner.content.arr.length - 1] : undefined;
  };
}
