/**
 * The value a row's cell will hold once Yjs applies an update, for the checks that judge a row as
 * it will be (`splitInWrites`). Mostly the update's value: a client that saw the cell's value
 * writes over it (its item's left origin is that value's item), and Yjs puts the new item last. A
 * concurrent write (made offline, or by a client choosing its own origins) names an older item or
 * none, and Yjs orders it among the key's items by client id: the value stored before may stay.
 * One update may also hold several items for one key (two clients' edits sent together, an old
 * copy's edits taken over, `takeUnowned`): Yjs keeps one of them, and it need not be the last in
 * the update's order (one client's items after the same origin: the first keeps the key; two
 * clients': the higher client id's). Such a key is settled by {@link keyWinner}, Yjs' own
 * integration on stand-ins, and so is the row itself: a row the update makes holds only the
 * update's items, settled the same way from nothing.
 */
import * as Y from 'yjs';
import { ROWS_ROOT, rowsMap } from '../doc/create.js';
import { keyWinner } from './key-winner.js';
import type { DecodedUpdate, StructLookup } from './update-structs.js';

/**
 * The value the cell at `rowId`/`column` will hold once the update lands (undefined: nothing,
 * the row or the cell gone), whether the update writes that cell or not.
 */
export type SettleCell = (rowId: string, column: string) => unknown;

/** True when `item` was written over `current` (the key's item the doc holds now), as a client that saw it writes. */
function follows(item: Y.Item, current: Y.Item | undefined): boolean {
  const origin = item.origin;
  if (current === undefined) return origin === null;
  return origin !== null && origin.client === current.id.client && origin.clock === current.id.clock + current.length - 1;
}

/** The update's new items: each row's (the row item, of the doc or the update) by key, and the rows' own by row id. */
interface Written {
  cells: Map<Y.Item, Map<string, Y.Item[]>>;
  rows: Map<string, Y.Item[]>;
}

function push<K>(map: Map<K, Y.Item[]>, key: K, item: Y.Item): void {
  const items = map.get(key);
  if (items === undefined) map.set(key, [item]);
  else items.push(item);
}

function writtenBy(update: DecodedUpdate, lookup: StructLookup): Written {
  const written: Written = { cells: new Map(), rows: new Map() };
  for (const s of update.structs) {
    if (!(s instanceof Y.Item) || lookup.known(s)) continue;
    const where = lookup.parentOf(s);
    if (where.at === 'root' && where.root === ROWS_ROOT && where.key !== null) push(written.rows, where.key, s);
    if (where.at !== 'child' || where.key === null) continue;
    let keys = written.cells.get(where.parent);
    if (keys === undefined) written.cells.set(where.parent, (keys = new Map()));
    push(keys, where.key, s);
  }
  return written;
}

/** The value an item holds, as `Y.Map.get` reads it: its content's last. */
function valueOf(item: Y.Item): unknown {
  const content = item.content.getContent();
  return content[content.length - 1];
}

/**
 * How each cell of a row settles once `update` lands on `doc` (see the module comment): the
 * update's value, the doc's, or nothing (the winner deleted, by the doc or the update's delete
 * set, or its row gone). `lookup` is the walk's over `doc` and `update`. The update's items are
 * indexed when first asked; a key (a row's id or a cell's column) is settled by Yjs' integration
 * only when the update writes it concurrently or more than once.
 */
export function settledCells(doc: Y.Doc, update: DecodedUpdate, lookup: StructLookup): SettleCell {
  const rows = rowsMap(doc);
  let written: Written | null = null;
  const gone = (item: Y.Item): boolean =>
    item.deleted || item.content instanceof Y.ContentDeleted || Y.isDeleted(update.ds, Y.createID(item.id.client, item.id.clock + item.length - 1));
  /** The item `key` holds once the update's `items` for it land beside `current`, the doc's; null: nothing. */
  const settle = (current: Y.Item | undefined, items: readonly Y.Item[] | undefined): Y.Item | null => {
    const winner = items === undefined ? (current ?? null) : items.length === 1 && follows(items[0] as Y.Item, current) ? (items[0] as Y.Item) : keyWinner(current, items);
    return winner === null || gone(winner) ? null : winner;
  };
  return (rowId, column) => {
    written ??= writtenBy(update, lookup);
    const row = settle(rows._map.get(rowId), written.rows.get(rowId));
    if (row === null || !(row.content instanceof Y.ContentType) || !(row.content.type instanceof Y.Map)) return undefined;
    // A row the doc holds has its cells' items; one the update makes starts from nothing.
    const current = lookup.known(row) ? (row.content.type as Y.Map<unknown>)._map.get(column) : undefined;
    const cell = settle(current, written.cells.get(row)?.get(column));
    return cell === null ? undefined : valueOf(cell);
  };
}
