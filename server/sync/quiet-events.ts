/**
 * A room's doc made not to allocate for its events (`RoomApply.watch` calls {@link quietEvents}).
 *
 * lib0's `Observable.emit` (lib0 0.2.x, which Yjs 13.6's `Y.Doc` extends) reads an event's listeners
 * as `this._observers.get(name) || map.create()` and calls them through
 * `Array.from(listeners.values()).forEach(f => f(...args))`: an event without listeners makes a new
 * `Map` each time it is emitted, and every emit, with listeners or without, an iterator, an array
 * and a closure. Yjs emits seven events in every transaction, one edit's apply included
 * (`beforeAllTransactions`, `beforeTransaction`, `beforeObserverCalls`, `afterTransaction`,
 * `afterTransactionCleanup`, `afterAllTransactions`, and `update` to its listeners; `transact` and
 * `cleanupTransactions` in Yjs' `utils/Transaction.js`). So each of those six without a listener
 * gets an empty listener set, and the doc's `emit` is {@link quietEmit}: it calls the same listeners
 * with the same arguments, those there were when the event began, without copying a set of none or
 * of one. Listeners added later join the sets as `on` adds them; `off` of the last one deletes the
 * set as before. `update` and `updateV2` get no empty set: Yjs asks `_observers.has` of them to
 * decide whether to encode an update.
 *
 * The listener map itself becomes a {@link RoomObservers}, which can hide the `update` listeners
 * from Yjs for one transaction (`room-apply.ts`, for an update Yjs would emit as it came) without
 * taking them out of the map and putting them back: that delete and set at every edit re-appended
 * the entry, and V8 rebuilt the map's table every few edits, a table that lived a few seconds per
 * document and was promoted to the old generation by the scavenges.
 */
import type * as Y from 'yjs';

/** The events Yjs emits in every transaction whatever is listened to. */
export const EVERY_TRANSACTION = [
  'beforeAllTransactions',
  'beforeTransaction',
  'beforeObserverCalls',
  'afterTransaction',
  'afterTransactionCleanup',
  'afterAllTransactions',
] as const;

type Listener = (...args: unknown[]) => void;

/**
 * A room doc's listener map (`Y.Doc._observers`): a `Map` from event name to its listener set
 * whose `has('update')` answers false while {@link RoomObservers.updateHidden} is set, so that Yjs
 * encodes no update for the transaction under way; the listeners stay in the map meanwhile (one
 * added then is kept) and are called by whoever hid them.
 */
export class RoomObservers extends Map<string, Set<Listener>> {
  /** Set around one transaction by the room's apply (`room-apply.ts`), which emits `update` itself after it. */
  updateHidden = false;

  override has(name: string): boolean {
    return (!this.updateHidden || name !== 'update') && super.has(name);
  }
}

/**
 * lib0's `emit` without its copies: calls the listeners `this` had for `name` when the emit began,
 * each as `f(...args)`, in the order they were added. A set of none or one is not copied (a
 * listener that adds another is called alone, as with the copy); a larger one is copied first.
 */
function quietEmit(this: { _observers: Map<string, Set<Listener>> }, name: string, args: unknown[]): void {
  const listeners = this._observers.get(name);
  if (listeners === undefined || listeners.size === 0) return;
  if (listeners.size === 1) {
    for (const f of listeners) return void f(...args);
  }
  const copy = Array.from(listeners);
  for (let i = 0; i < copy.length; i++) (copy[i] as Listener)(...args);
}

/**
 * Make `doc`'s events allocate nothing that nobody needs (see the file's comment): its listener map
 * a {@link RoomObservers} holding the same sets, an empty listener set for each of
 * {@link EVERY_TRANSACTION} that has none, and {@link quietEmit} as its `emit`.
 */
export function quietEvents(doc: Y.Doc): void {
  const held = doc as unknown as { _observers: Map<string, Set<unknown>>; emit: unknown };
  const observers = held._observers instanceof RoomObservers ? held._observers : (held._observers = new RoomObservers(held._observers as Map<string, Set<Listener>>));
  for (const name of EVERY_TRANSACTION) if (!observers.has(name)) observers.set(name, new Set());
  held.emit = quietEmit;
}
