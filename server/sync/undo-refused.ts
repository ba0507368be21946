/**
 * Takes a refused update back on the server without a reconnect. Yjs cannot delete structs from a
 * client's doc, and the client that sent a refused update holds its structs; a later edit of
 * that client builds on them, so the server must know them too. So, in one transaction, the
 * refused update is integrated and at once undone: what it inserted is deleted, and every map
 * key it changed gets its value from before again, written as a new value by the server. Yjs
 * garbage-collects the deleted content at the end of that transaction, so the refused values
 * are never stored, relayed or kept in memory; what the transaction emits (and the log stores,
 * and every peer gets) is the refused structs as empty placeholders plus the values written back:
 * a change that changes nothing anyone sees. The client that sent it ends with the server's
 * values, exactly like every other peer.
 *
 * This is the server's counterpart of the pane's `addin/sync/revert.ts`, which undoes a change
 * the pane refuses itself from a shadow copy of the doc; the server has no copy, so the values
 * from before are read from the struct chain of each key instead: the rightmost struct that
 * existed before the transaction holds the value from before, when it was not deleted already.
 */
import * as Y from 'yjs';
import type { TakeBack } from './take-backs.js';

type Transaction = Y.Transaction;

/** True when `item` was deleted by `tr` (and so was alive before it). */
function deletedIn(tr: Transaction, item: Y.Item): boolean {
  const ranges = tr.deleteSet.clients.get(item.id.client);
  if (!ranges) return false;
  const { clock } = item.id;
  return ranges.some((r) => clock >= r.clock && clock < r.clock + r.len);
}

function existedBefore(tr: Transaction, item: Y.Item): boolean {
  return item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
}

/** The struct that held a map key's value before `tr`, or null when the key had none. */
function itemBefore(tr: Transaction, current: Y.Item | undefined): Y.Item | null {
  let item: Y.Item | null = current ?? null;
  while (item !== null && !existedBefore(tr, item)) item = item.left;
  if (item === null) return null;
  return !item.deleted || deletedIn(tr, item) ? item : null;
}

/**
 * The doc's state before `tr` (client id → clock) of the clients with an item of a map key: of
 * `current`, the key's last item, and of every item left of it, deleted ones too. The take-back
 * checks (`take-backs.ts`, `take-back-deletes.ts`, `take-back-lookback.ts`) ask it only whether
 * an item of that same key existed before the refused update; a client it leaves out reads as 0
 * (new), the answer the whole state gives too: that client had no item of the key then (the doc
 * held every item of the key it held), so each it has was made later. The whole state vector
 * holds every client that ever wrote the document (a new one per session): kept with each of up
 * to `TAKE_BACK_LIMIT` take-backs, it grew a room's memory and a stored take-back without bound.
 */
function keyState(tr: Transaction, current: Y.Item | undefined): Map<number, number> {
  const state = new Map<number, number>();
  for (let item: Y.Item | null = current ?? null; item !== null; item = item.left) {
    const { client } = item.id;
    const clock = tr.beforeState.get(client);
    if (clock !== undefined && !state.has(client)) state.set(client, clock);
  }
  return state;
}

/** A fresh copy of the value `item` held before `tr` (maps copied deeply from their state before). */
function copyBefore(tr: Transaction, item: Y.Item): unknown {
  const content = item.content.getContent();
  const value: unknown = content[content.length - 1];
  if (!(value instanceof Y.AbstractType)) return value;
  if (!(value instanceof Y.Map)) return undefined;
  const copy = new Y.Map<unknown>();
  for (const [key, inner] of (value as Y.Map<unknown>)._map) {
    const old = itemBefore(tr, inner);
    if (old === null) continue;
    const v = copyBefore(tr, old);
    if (v !== undefined) copy.set(key, v);
  }
  return copy;
}

/** The path of a map key from its root: the root's name, the keys down to the map, then `key`. */
export function pathOf(type: Y.Map<unknown>, key: string): string[] {
  const keys = [key];
  let t = type as unknown as Y.AbstractType<unknown>;
  while (t._item !== null) {
    keys.unshift(t._item.parentSub ?? '');
    t = t._item.parent as Y.AbstractType<unknown>;
  }
  return [Y.findRootTypeKey(t), ...keys];
}

/** Puts one key of `map` back to its value before `tr`; tells `onTakeBack` what it wrote. */
function restoreKey(tr: Transaction, map: Y.Map<unknown>, key: string, onTakeBack: (tb: TakeBack) => void): void {
  const current = map._map.get(key);
  const old = itemBefore(tr, current);
  // The item the refused update made the key's value (null when it deleted the key).
  const refused = current && !existedBefore(tr, current) ? current.id : null;
  const before = keyState(tr, current);
  if (old === null) {
    if (map.has(key)) map.delete(key);
    onTakeBack({ kind: 'key', map, key, takeBack: null, refused, before });
    return;
  }
  // Still the value it was (a row whose cells changed stays; its cells are restored as a changed type).
  if (old === current && !old.deleted) return;
  const copy = copyBefore(tr, old);
  if (copy === undefined) map.delete(key);
  else map.set(key, copy);
  const written = map._map.get(key);
  onTakeBack({ kind: 'key', map, key, takeBack: copy === undefined || !written ? null : written.id, refused, before });
  const oldValue: unknown = old.content.getContent().at(-1);
  if (copy instanceof Y.Map && oldValue instanceof Y.Map && old.deleted) {
    // The deleted row's map is kept (its cells' values are not), so that an edit of it made
    // at the same time still finds its parent and can be put into the copy (`take-backs.ts`).
    old.keep = true;
    onTakeBack({ kind: 'row', old: oldValue as Y.Map<unknown>, copy });
  }
}

/** Deletes the items of `type`'s list (not its map entries) that `tr` made. */
function removeListItems(tr: Transaction, type: { _start: Y.Item | null }): void {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted && !existedBefore(tr, item)) item.delete(tr);
}

/**
 * Integrates `update` into `doc` and undoes it in the same transaction (with `origin`): every
 * map key it changed, or with `refused` only those whose path (`['rows', rowId]`,
 * `['rows', rowId, column]`, `['meta', field]`, …) `refused` names; the rest stays taken.
 * Returns the update that transaction emitted (placeholders, values written back and what stays),
 * or null when it changed nothing. `onTakeBack` hears of every value written back (see `take-backs.ts`). Only for updates the shared check accepted (`checkUpdate` ok): those Yjs
 * applies whole, with nothing left pending, and they change only maps. Throws what Yjs throws;
 * the caller then reloads the doc from storage.
 *
 * @example
 * const undo = applyAndUndo(room.doc, refusedUpdate, REFUSED);
 * if (undo) log.push(undo, null, null); // every peer, the sender too, gets the values back
 */
export function applyAndUndo(doc: Y.Doc, update: Uint8Array, origin: unknown, refused: (path: readonly string[]) => boolean = () => true, onTakeBack: (tb: TakeBack) => void = () => undefined): Uint8Array | null {
  const pendingBefore = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array): number => emitted.push(u);
  doc.on('update', collect);
  try {
    doc.transact((tr) => {
      Y.applyUpdate(doc, update, origin);
      // Yjs marks a transaction that applies an update remote; the values written back are this
      // doc's own, and a remote transaction that writes them makes Yjs pick a new client id.
      tr.local = true;
      // Listed before writing back: the values written back add to `tr.changed` themselves.
      const changes = [...tr.changed.entries()];
      // A list or text written where a root map belongs (the check refuses its part for that):
      // the map's list items the update made, removed before the keys are put back.
      for (const [type, keys] of changes) if (type._item === null && keys.has(null) && refused([Y.findRootTypeKey(type)])) removeListItems(tr, type);
      for (const [type, keys] of changes) {
        if (type._item?.deleted) continue;
        if (!(type instanceof Y.Map)) throw new Error('a refused update changed a type that is not a map');
        for (const key of keys) if (key !== null && refused(pathOf(type as Y.Map<unknown>, key))) restoreKey(tr, type as Y.Map<unknown>, key, onTakeBack);
      }
    }, origin);
  } finally {
    doc.off('update', collect);
  }
  // Structs waiting for others would be integrated later, outside this undo.
  if (!pendingBefore && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) throw new Error('a refused update left structs pending');
  if (emitted.length === 0) return null;
  return emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
}
