/**
 * The offline copy of one document in the browser's IndexedDB: every change the send gate lets
 * through is appended, and the copy is loaded into the doc on opening, so that edits made
 * offline survive a closed pane. The database has y-indexeddb's layout (an `updates` store with
 * generated keys, a `custom` store) and name, so copies written by earlier versions load.
 *
 * Unlike y-indexeddb, every failure of IndexedDB is caught and reported once through `onFault`
 * (y-indexeddb left them unhandled: a database that could not be opened kept the copy "loading"
 * for ever, so the pane never connected; a write refused for quota, or to a database deleted
 * meanwhile, was lost without a word, and a closed database threw into the send path). After a
 * fault the copy counts as loaded (with what could be read); changes still go to the server. The
 * copy is tried again (a full store may have been freed, a deleted database is made anew) by the
 * first change after a quiet while (`retryAfterMs`, 30 s), and by a timer when no change comes
 * (a quota freed by the person with nothing more typed): after the quiet while, then twice as
 * long after each failed try, at most 8 quiet whiles apart. The doc's whole state is written in
 * one transaction, and once it is committed the copy is kept again (`onRestored`) and no timer
 * is left: with the copy kept nothing is pending. With no IndexedDB at all nothing is tried. The faults (`OfflineFault`):
 * - `unavailable`: no IndexedDB, or opening it was refused (a private window, a policy);
 * - `quota`: the browser's storage for the site is full (`QuotaExceededError`);
 * - `closed`: the database was deleted or closed under the pane (site data cleared, another tab);
 * - `failed`: any other error; `name` is the DOMException's name.
 */
import * as Y from 'yjs';

/** Keyed like y-indexeddb: after this many stored updates they are merged into one. */
const MERGE_AFTER = 500;
const UPDATES = 'updates';

/** Why the offline copy stopped: its kind, and the error's name (for logs). */
export interface OfflineFault {
  kind: 'unavailable' | 'quota' | 'closed' | 'failed';
  name: string;
}

/** The most quiet whiles (`retryAfterMs`) the retry timer waits, after failed tries have doubled its wait. */
export const OFFLINE_RETRY_MAX_FACTOR = 8;

/** What a fault's retry needs; see the file comment. */
export interface OfflineRetry {
  /** After a fault (or a failed retry), the next change tries again once this long has passed, and a timer after it (ms; default 30,000); see the file comment. */
  retryAfterMs?: number;
  /** The copy is kept again after a fault: everything up to now is written. */
  onRestored?: () => void;
}

/** An open offline copy; see the file comment. */
export interface OfflineStore {
  /** Resolves when the copy is loaded into the doc, or when it could not be (after a fault); never rejects. */
  readonly whenLoaded: Promise<void>;
  /** Appends one update (nothing after `destroy`; after a fault, a retry once the quiet while has passed). */
  store(update: Uint8Array): void;
  /** Closes the database; the copy stays. */
  destroy(): Promise<void>;
  /** Closes and deletes the database; rejects when it could not be deleted. */
  clearData(): Promise<void>;
}

/** The kind of fault an IndexedDB error is. */
export function faultOf(error: unknown): OfflineFault {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : typeof error;
  if (name === 'QuotaExceededError') return { kind: 'quota', name };
  // Aborted by the browser (the pane never aborts): the database was closed under it.
  if (name === 'InvalidStateError' || name === 'VersionError' || name === 'AbortError') return { kind: 'closed', name };
  if (name === 'SecurityError' || name === 'ReferenceError' || name === 'NotAllowedError') return { kind: 'unavailable', name };
  return { kind: 'failed', name };
}

/** Resolves when `tx` is committed; rejects with its error when it aborts (a quota error aborts at commit). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('', 'AbortError'));
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      // Handled here: the error does not also abort the transaction's other requests.
      event.preventDefault();
      reject(request.error ?? new DOMException('', 'UnknownError'));
    };
  });
}

/**
 * Opens the copy `name` of `doc` and loads it in a transaction with origin `origin` (the send
 * gate trusts that origin: what the copy held was checked before it was stored).
 *
 * @param factory the browser's `indexedDB` (undefined where there is none)
 * @param onFault called once at a failure (again only after the copy was restored)
 */
export function openOfflineStore(factory: IDBFactory | undefined, name: string, doc: Y.Doc, origin: object, onFault: (fault: OfflineFault) => void, retry: OfflineRetry = {}): OfflineStore {
  const retryAfterMs = retry.retryAfterMs ?? 30_000;
  let db: IDBDatabase | null = null;
  let faulted = false;
  let faultAt = 0;
  let retrying = false;
  let ended = false;
  let nextKey = 0;
  let size = 0;
  let mergeTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failedTries = 0;
  let markLoaded: () => void = () => undefined;
  const whenLoaded = new Promise<void>((resolve) => (markLoaded = resolve));
  const fault = (error: unknown): void => {
    markLoaded();
    if (faulted || ended) return;
    faulted = true;
    faultAt = Date.now();
    failedTries = 0;
    onFault(faultOf(error));
    armRetry();
  };
  /** While the copy is faulted (what the doc holds is not all in it), tries again on a quiet timer. */
  function armRetry(): void {
    if (!factory || ended || !faulted || retryTimer) return;
    const wait = retryAfterMs * Math.min(2 ** failedTries, OFFLINE_RETRY_MAX_FACTOR);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!faulted || ended) return;
      if (retrying) return armRetry();
      void tryAgain();
    }, wait);
  }
  // A request aborted with its transaction: the transaction's abort event names the cause (quota).
  const requestFault = (error: unknown): void => {
    if (faultOf(error).name !== 'AbortError') fault(error);
  };

  /** Applies the updates stored from `nextKey` on; with `before`, stores the doc's state first. */
  const fetch = async (store: IDBObjectStore, before: boolean): Promise<void> => {
    const updates = await done(store.getAll(IDBKeyRange.lowerBound(nextKey, false)));
    if (ended) return;
    if (before) void done(store.add(Y.encodeStateAsUpdate(doc))).catch(requestFault);
    Y.transact(doc, () => updates.forEach((u: Uint8Array) => Y.applyUpdate(doc, u)), origin, false);
    const last = await done(store.openKeyCursor(null, 'prev'));
    nextKey = last ? Number(last.key) + 1 : 0;
    size = await done(store.count());
  };

  /** Merges the stored updates into one (the doc's state), as y-indexeddb does. */
  const merge = async (): Promise<void> => {
    if (!db || faulted || ended) return;
    const store = db.transaction([UPDATES], 'readwrite').objectStore(UPDATES);
    await fetch(store, false);
    await done(store.add(Y.encodeStateAsUpdate(doc)));
    await done(store.delete(IDBKeyRange.upperBound(nextKey, true)));
    size = await done(store.count());
  };

  /** Opens (or makes) the database and watches it; null when the copy ended meanwhile. */
  const connect = async (): Promise<IDBDatabase | null> => {
    if (!factory) throw new DOMException('IndexedDB is not available', 'SecurityError');
    const request = factory.open(name);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(UPDATES, { autoIncrement: true });
      request.result.createObjectStore('custom');
    };
    const opened = await done(request);
    if (ended) {
      opened.close();
      return null;
    }
    const gone = (): void => {
      if (db === opened) db = null;
      fault(new DOMException('', 'InvalidStateError'));
    };
    // A quota error aborts the transaction after its requests succeeded: only the abort tells.
    opened.addEventListener('abort', (event) => fault((event.target as IDBTransaction | null)?.error ?? new DOMException('', 'AbortError')));
    opened.addEventListener('close', gone);
    opened.onversionchange = () => {
      // Another tab deletes or upgrades the database: let it, and stop writing here.
      opened.close();
      gone();
    };
    return opened;
  };

  const opened = async (): Promise<void> => {
    db = await connect();
    if (!db) return;
    await fetch(db.transaction([UPDATES], 'readwrite').objectStore(UPDATES), true);
    markLoaded();
  };

  /** After a fault: writes the doc's whole state (what was not written since), in a database opened again if it was lost. */
  const tryAgain = async (): Promise<void> => {
    retrying = true;
    try {
      db ??= await connect();
      if (!db) return;
      const tx = db.transaction([UPDATES], 'readwrite');
      // A failed request does not abort its transaction here (`done`): both must succeed.
      const wrote = done(tx.objectStore(UPDATES).add(Y.encodeStateAsUpdate(doc)));
      wrote.catch(() => undefined);
      await committed(tx);
      await wrote;
      if (ended) return;
      faulted = false;
      size++;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      retry.onRestored?.();
    } catch {
      faultAt = Date.now();
      failedTries++;
    } finally {
      retrying = false;
    }
    armRetry();
  };
  void opened().catch((error: unknown) => {
    // Before the database is open no abort event can tell: say it now.
    if (!db) fault(error);
    else requestFault(error);
  });

  const destroy = async (): Promise<void> => {
    ended = true;
    if (mergeTimer) clearTimeout(mergeTimer);
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    markLoaded();
    db?.close();
  };
  return {
    whenLoaded,
    store(update) {
      if (ended) return;
      if (faulted) {
        // A full store may have been freed meanwhile; with no IndexedDB at all there is nothing to try.
        if (factory && !retrying && Date.now() - faultAt >= retryAfterMs) void tryAgain();
        return;
      }
      if (!db) return;
      try {
        void done(db.transaction([UPDATES], 'readwrite').objectStore(UPDATES).add(update)).catch(requestFault);
      } catch (error) {
        // A database closed under the pane throws at once (InvalidStateError).
        db = null;
        return fault(error);
      }
      if (++size < MERGE_AFTER) return;
      if (mergeTimer) clearTimeout(mergeTimer);
      mergeTimer = setTimeout(() => {
        mergeTimer = null;
        merge().catch(requestFault);
      }, 1000);
    },
    destroy,
    async clearData() {
      await destroy();
      if (factory) await done(factory.deleteDatabase(name));
    },
  };
}
