/**
 * Refusing writes while the PostgreSQL serving lock is not held (`postgres-serve-lock.ts`). A
 * server that lost the lock (another kind of server took it while the lock's connection was down)
 * must not store anything the other server does not wait for: every write of the store is refused
 * with a {@link NotServingError} until the lock is held again, which `watchStorage` answers as a
 * 503 in words (`watched.ts`: `SAMPLAN_NOT_SERVING`) on every route and in the sync rooms. Reads
 * are served on, so people can still see their plans.
 */
import { writeNow } from './document-store.js';
import type { Storage } from './storage.js';
import { faultWords, writesData, type StorageFault } from './watched.js';

/** Thrown by a gated store's write while the serving lock is not held; `code` names it for `faultWords`. */
export class NotServingError extends Error {
  readonly code = 'SAMPLAN_NOT_SERVING';
  constructor(why: 'connection' | 'taken', since: string) {
    super(
      why === 'taken'
        ? `Another Samplan server took this database's serving lock at ${since}; no change is stored until this server holds it again.`
        : `The connection holding this database's serving lock was lost at ${since}; no change is stored until the lock is held again.`,
    );
  }
}

/** What the gate reads: the serving lock's state (`ServeLock.lost`), null while held. */
export type LockState = () => { since: string; why: 'connection' | 'taken' } | null;

/**
 * `inner` with every write refused while `lost()` says the lock is not held; reads pass. Also the
 * fault to show in `/healthz` meanwhile ({@link StorageFault}), as no write may have been tried.
 *
 * @example
 * const gated = gateWrites(storage, lock.lost);
 * createApp({ storage: gated.storage, serving: gated.fault, … });
 */
export function gateWrites(inner: Storage, lost: LockState): { storage: Storage; fault: () => StorageFault | null } {
  const refuse = (): void => {
    const now = lost();
    if (now) throw new NotServingError(now.why, now.since);
  };
  const gated = {} as Record<string, unknown>;
  for (const key in inner) {
    const method = (inner as unknown as Record<string, unknown>)[key];
    if (typeof method !== 'function') continue;
    if (!writesData(key) || key === 'watchChanges') {
      gated[key] = (method as (...a: unknown[]) => unknown).bind(inner);
      continue;
    }
    const wrapper = async (...args: unknown[]) => {
      refuse();
      return (method as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
    };
    // The synchronous form of an append (SQLite's), kept with the same refusal.
    const now = writeNow(method as (...a: unknown[]) => Promise<unknown>);
    gated[key] = now
      ? Object.assign(wrapper, {
          now: (...args: unknown[]) => {
            refuse();
            return now(...args);
          },
        })
      : wrapper;
  }
  return {
    storage: gated as unknown as Storage,
    fault() {
      const now = lost();
      if (!now) return null;
      const reason = new NotServingError(now.why, now.since);
      return { reason: reason.message, words: faultWords(reason.message, reason), since: now.since };
    },
  };
}
