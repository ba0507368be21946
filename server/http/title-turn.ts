/**
 * The look-alike title check (`refuseTitleTwin`) and the write it guards as one step. Checked and
 * then written, two renames (or copies, or creations) at once could each find no twin and both
 * store look-alike titles. Every such check-and-write of one workspace, kind and owner unit runs
 * in turn: in this process ({@link KeyedQueue}), and across the processes of a store that orders
 * turns itself (`Storage.inScopeTurn`: PostgreSQL's advisory locks, so also servers sharing a
 * database through Redis). A rename asks for it while holding its document's turn (`inDocTurn`);
 * the store then takes both in one transaction, on one connection. The stores keep no unique
 * title key, since a twin made on purpose (`allowDuplicate`) is allowed.
 */
import { AppError } from './errors.js';
import { KeyedQueue } from '../sync/keyed-queue.js';
import { DocTurnsFullError, ScopeTurnBusyError } from '../storage/postgres-doc-turn.js';
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
 * Rejects with a 503 `documents-busy` (retry after 1 s) when the process holds as many turns as
 * its store's pool allows, and a 409 `titles-busy` when another process kept the turn for longer
 * than the store waits (10 s on PostgreSQL), both in words and before `fn` runs.
 *
 * @example
 * await inTitleTurn(storage, { workspace, kind, ownerUnit }, async () => { await refuseTitleTwin(…); await write(); });
 */
export function inTitleTurn<T>(storage: Storage, scope: TitleScope, fn: () => Promise<T>): Promise<T> {
  let queue = queues.get(storage);
  if (!queue) queues.set(storage, (queue = new KeyedQueue()));
  const key = JSON.stringify([scope.workspace, scope.kind, scope.ownerUnit]);
  const words = `the titles of ${scope.kind} documents of unit ${scope.ownerUnit} in ${scope.workspace}`;
  return queue.run(key, () => (storage.inScopeTurn ? storage.inScopeTurn({ workspace: scope.workspace, key: `title ${key}`, words }, fn).catch(busyInWords(scope)) : fn()));
}

/** The store's refusals of a turn, in words for the person who asked. */
const busyInWords =
  (scope: TitleScope) =>
  (err: unknown): never => {
    if (err instanceof DocTurnsFullError) {
      const message = {
        sv: 'Servern ändrar just nu så många dokument samtidigt som den kan; inget ändrades. Försök igen om en stund.',
        en: 'The server is changing as many documents at once as it can; nothing was changed. Try again in a moment.',
      };
      const busy = new AppError(503, 'documents-busy', message);
      busy.retryAfterSeconds = 1;
      throw busy;
    }
    if (!(err instanceof ScopeTurnBusyError)) throw err;
    const message = {
      sv: `Ett annat dokument av samma slag i enheten "${scope.ownerUnit}" får just nu namn på en annan server; inget ändrades. Försök igen om en stund.`,
      en: `Another document of the same kind of unit "${scope.ownerUnit}" is being named on another server; nothing was changed. Try again in a moment.`,
    };
    throw new AppError(409, 'titles-busy', message);
  };
