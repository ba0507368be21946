/**
 * A connection's offline copy of its document (`offline-store.ts`) with what the status says
 * about it: a fault in the words of `offlineStoreWords`, and, once a retry keeps the copy again,
 * {@link OFFLINE_STORE_RESTORED} for {@link RESTORED_SHOWN_MS}, then nothing.
 */
import type * as Y from 'yjs';
import { OFFLINE_STORE_RESTORED, offlineStoreWords, type OfflineStoreNotice } from './connection-status.js';
import { openOfflineStore, type OfflineStore } from './offline-store.js';

/** How long "kept offline again" stays in the status (ms). */
export const RESTORED_SHOWN_MS = 20_000;

/** Where the copy is kept and when a fault is tried again (see `ConnectOptions`). */
export interface OfflineCopyOptions {
  workspace: string;
  docId: string;
  indexeddb?: boolean;
  indexedDBFactory?: IDBFactory;
  offlineRetryMs?: number;
}

/**
 * Opens the offline copy of `doc` (null when none is kept: `indexeddb` false, or no IndexedDB and
 * not asked for), loading it with `loadOrigin`; `say` sets the status's `offlineStore` and
 * `current` reads it.
 */
export function offlineCopy(options: OfflineCopyOptions, doc: Y.Doc, loadOrigin: object, say: (notice: OfflineStoreNotice | null) => void, current: () => OfflineStoreNotice | null): OfflineStore | null {
  const factory = options.indexedDBFactory ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!(options.indexeddb ?? factory !== undefined)) return null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const quiet = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const store = openOfflineStore(factory, `samplan:${options.workspace}:${options.docId}`, doc, loadOrigin, (fault) => {
    quiet();
    say({ ...fault, message: offlineStoreWords(fault.kind) });
  }, {
    ...(options.offlineRetryMs !== undefined ? { retryAfterMs: options.offlineRetryMs } : {}),
    onRestored() {
      quiet();
      say({ kind: 'restored', name: '', message: OFFLINE_STORE_RESTORED });
      timer = setTimeout(() => {
        timer = null;
        if (current()?.kind === 'restored') say(null);
      }, RESTORED_SHOWN_MS);
    },
  });
  return {
    whenLoaded: store.whenLoaded,
    store: (update) => store.store(update),
    destroy() {
      quiet();
      return store.destroy();
    },
    clearData() {
      quiet();
      return store.clearData();
    },
  };
}
