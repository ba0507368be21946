/**
 * A room's doc made not to allocate for the events nobody listens to. lib0's `Observable.emit`
 * (lib0 0.2.x, which Yjs 13.6's `Y.Doc` extends) reads an event's listeners as
 * `this._observers.get(name) || map.create()`: an event without listeners makes a new `Map` each
 * time it is emitted, and Yjs emits six of them in every transaction, one edit's apply included
 * (`beforeAllTransactions`, `beforeTransaction`, `beforeObserverCalls`, `afterTransaction`,
 * `afterTransactionCleanup`, `afterAllTransactions`; `transact` and `cleanupTransactions` in
 * Yjs' `utils/Transaction.js`). An empty listener set held for each is read instead: nothing is
 * called either way. Listeners added later join that set as `on` adds them; `off` of the last one
 * deletes the set as before, and that event allocates again. `update` and `updateV2` are left
 * alone: Yjs asks `_observers.has` of them to decide whether to encode an update.
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

/** Give each of {@link EVERY_TRANSACTION} that `doc` has no listener for an empty listener set (see the file's comment). */
export function quietEvents(doc: Y.Doc): void {
  const observers = doc._observers as Map<string, Set<unknown>>;
  for (const name of EVERY_TRANSACTION) if (!observers.has(name)) observers.set(name, new Set());
}
