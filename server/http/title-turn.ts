/**
 * The look-alike title check (`refuseTitleTwin`) and the write it guards as one step. Checked and
 * then written, two renames (or copies, or creations) at once could each find no twin and both
 * store look-alike titles. Every such check-and-write of one workspace, kind and owner unit runs
 * in turn in this process ({@link KeyedQueue}), which is every writer of an SQLite file and of a
 * PostgreSQL database served without Redis (its serving lock). Servers sharing PostgreSQL through
 * Redis are not ordered by it: a rename already holds its document's turn (`inDocTurn`), and a
 * second turn held with it would not fit a pool of one connection (`docTurnsFor`). The stores keep
 * no unique title key, since a twin made on purpose (`allowDuplicate`) is allowed.
 */
import { KeyedQueue } from '../sync/keyed-queue.js';
import type { Storage } from '../storage/storage.js';

/** One queue per store, shared by every route of an app (its routes get the same watched store). */
const queues = new WeakMap<Storage, KeyedQueue>();

/** Whose titles are compared: one workspace's documents of one kind and owner unit. */
export interface TitleScope {
  workspace: string;
  kind: string;
  ownerUnit: string;
}

/**
 * Run `fn` (the title check and the write) in `scope`'s turn; resolves or rejects as `fn` does.
 *
 * @example
 * await inTitleTurn(storage, { workspace, kind, ownerUnit }, async () => { await refuseTitleTwin(…); await write(); });
 */
export function inTitleTurn<T>(storage: Storage, scope: TitleScope, fn: () => Promise<T>): Promise<T> {
  let queue = queues.get(storage);
  if (!queue) queues.set(storage, (queue = new KeyedQueue()));
  return queue.run(JSON.stringify([scope.workspace, scope.kind, scope.ownerUnit]), fn);
}
