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
  /**
   * The signed-in member's id (`Me.memberId`): whose copy it is; see {@link offlineCopyName}.
   * Without one (or empty) no copy is kept or opened: any copy found could be another person's.
   */
  member?: string | undefined;
  indexeddb?: boolean;
  indexedDBFactory?: IDBFactory;
  offlineRetryMs?: number;
}

/**
 * The IndexedDB name of the copy of `docId` in `workspace` kept for `member`. A copy holds edits
 * not yet sent, which the next connection sends under its own token: keyed by document alone, the
 * next person signed in on the same computer would open the earlier person's unsent edits and send
 * them as theirs. So each member has their own copy (another member's is never opened, and stays
 * for them), under a prefix of its own so that it never meets the name of a copy with no owner
 * ({@link unownedCopyName}).
 */
export function offlineCopyName(options: { workspace: string; docId: string; member: string }): string {
  // Encoded: a member id with a colon cannot make the name of another member's copy.
  return `samplan-member:${encodeURIComponent(options.member)}:${options.workspace}:${options.docId}`;
}

/**
 * The name copies had before they were kept per member, `samplan:<workspace>:<docId>`
 * (y-indexeddb's): such a copy has no owner, so no connection opens it as its own; only the
 * person who says the edits are theirs takes them (`other-copies.ts`).
 */
export function unownedCopyName(options: { workspace: string; docId: string }): string {
  return `samplan:${options.workspace}:${options.docId}`;
}

/**
 * Opens the offline copy of `doc` (null when none is kept: no member known, `indexeddb` false,
 * or no IndexedDB and not asked for), loading it with `loadOrigin`; `say` sets the status's
 * `offlineStore` and `current` reads it.
 */
export function offlineCopy(options: OfflineCopyOptions, doc: Y.Doc, loadOrigin: object, say: (notice: OfflineStoreNotice | null) => void, current: () => OfflineStoreNotice | null): OfflineStore | null {
  const factory = options.indexedDBFactory ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!(options.indexeddb ?? factory !== undefined)) return null;
  const member = options.member;
  if (member === undefined || member === '') return null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const quiet = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const store = openOfflineStore(factory, offlineCopyName({ workspace: options.workspace, docId: options.docId, member }), doc, loadOrigin, (fault) => {
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
