/**
 * The offline copy (IndexedDB) failing inside the sync layer: no IndexedDB (a private window),
 * opening refused, the site's storage full, the database deleted by another tab. Before, none
 * was ever shown: a copy that could not be opened kept the document "loading" for ever (the
 * pane never connected), a write refused for quota was dropped without a word, and a deleted
 * database threw out of the person's edit. Now the connection says in `offlineStore`, in Swedish
 * and English, that changes are not kept offline here and are still sent, and they are.
 */
import { IDBObjectStore, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { offlineStoreWords } from '../../../addin/sync/connection-status.js';
import { offlineCopyName } from '../../../addin/sync/offline-copy.js';
import { OFFLINE_RETRY_MAX_FACTOR } from '../../../addin/sync/offline-store.js';
import { insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';
import { pastTimers } from '../../support/eventually.js';
import { connectTo } from './support.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../../support/language-words.js';

const g = globalThis as { indexedDB?: unknown; IDBKeyRange?: unknown };
const saved = { indexedDB: g.indexedDB, IDBKeyRange: g.IDBKeyRange };
const add = IDBObjectStore.prototype.add;
let server: TestServer;
const open: DocConnection[] = [];
beforeEach(async () => {
  server = await startTestServer();
  g.IDBKeyRange = IDBKeyRange;
});
afterEach(async () => {
  IDBObjectStore.prototype.add = add;
  for (const c of open.splice(0)) await c.destroy();
  await server.stop();
  g.indexedDB = saved.indexedDB;
  g.IDBKeyRange = saved.IDBKeyRange;
});

/** The name of the coordinator's offline copy of `plan-a`, which the connections here keep. */
const COPY = offlineCopyName({ workspace: WS, docId: 'plan-a', member: 'coordinator' });
/** The pane's connection, with its offline copy in whatever `indexedDB` is now. */
function paneConnection(doc: Y.Doc): DocConnection {
  const c = connectDoc({ serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, member: 'coordinator', indexeddb: true, kind: 'activity-plan', WebSocketPolyfill: WebSocket, maxBackoffMs: 100 });
  open.push(c);
  return c;
}

/** Types a row in `doc` and waits until another client of the server has it. */
async function reachesServer(doc: Y.Doc, title: string): Promise<void> {
  insertRows(doc, [{ title }]);
  const other = new Y.Doc();
  const c = connectTo(server, other, open);
  await c.whenSynced();
  await eventually(() => rowsOf(other).some((r) => r.values.title === title), 5000, `${title} at the server`);
}

/** An IndexedDB whose open is refused, as a browser's policy or private mode does. */
function refusingFactory(name: string): unknown {
  return {
    open() {
      const request: { error: DOMException; onerror?: (e: { preventDefault(): void }) => void } = { error: new DOMException('refused', name) };
      setTimeout(() => request.onerror?.({ preventDefault: () => undefined }));
      return request;
    },
  };
}

describe('the offline copy cannot be kept', () => {
  it.each([
    ['no IndexedDB at all (a private window)', undefined, 'unavailable'],
    ['opening refused (SecurityError)', refusingFactory('SecurityError'), 'unavailable'],
    ['opening failed otherwise (UnknownError)', refusingFactory('UnknownError'), 'failed'],
  ])('%s: the document still loads and connects, the person is told, and changes reach the server', async (_, factory, kind) => {
    g.indexedDB = factory;
    const doc = new Y.Doc();
    const c = paneConnection(doc);
    await c.whenLoaded;
    await eventually(() => c.status.offlineStore !== null, 5000, 'the offline store fault');
    expect(c.status.offlineStore).toMatchObject({ kind, message: offlineStoreWords(kind as 'unavailable') });
    expect(c.status.offlineStore!.message.sv).toContain('sparas inte offline på den här datorn');
    expect(c.status.offlineStore!.message.sv).toContain('skickas fortfarande till servern');
    await c.whenSynced();
    await reachesServer(doc, 'Promenad');
  });

  it('storage full (QuotaExceededError when a change is written): told, and the change still reaches the server', async () => {
    g.indexedDB = new IDBFactory();
    const doc = new Y.Doc();
    const c = paneConnection(doc);
    await c.whenLoaded;
    await c.whenSynced();
    expect(c.status.offlineStore).toBeNull();
    // As a browser does at its quota: the write succeeds, then its transaction aborts on commit.
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      const request = add.apply(this, args);
      request.addEventListener('success', () => (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError'));
      return request;
    };
    await reachesServer(doc, 'Dans');
    await eventually(() => c.status.offlineStore !== null, 5000, 'the quota fault');
    expect(c.status.offlineStore).toMatchObject({ kind: 'quota', name: 'QuotaExceededError', message: offlineStoreWords('quota') });
    await eventually(() => c.status.pendingLocalChanges === 0, 5000, 'nothing pending');
  });

  it('the database deleted by another tab: the next edit is not thrown away nor throws, it is sent, and the person is told', async () => {
    const factory = new IDBFactory();
    g.indexedDB = factory;
    const doc = new Y.Doc();
    const c = paneConnection(doc);
    await c.whenLoaded;
    await c.whenSynced();
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase(COPY);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    await eventually(() => c.status.offlineStore !== null, 5000, 'the closed fault');
    expect(c.status.offlineStore?.kind).toBe('closed');
    await reachesServer(doc, 'Yoga');
    expect(c.status.offlineStore?.message).toEqual(offlineStoreWords('closed'));
  });
});

/** What the coordinator's offline copy of `plan-a` in the global `indexedDB` holds, loaded into a fresh doc. */
async function copyIn(): Promise<string[]> {
  const doc = new Y.Doc();
  const idb = new IndexeddbPersistence(COPY, doc);
  await idb.whenSynced;
  await idb.destroy();
  return rowsOf(doc).map((r) => String(r.values.title));
}

/** The quiet while after a fault before the copy is tried again, in ms. */
const RETRY_MS = 50;

describe('the offline copy tried again after a fault', () => {
  /** The pane's connection, trying its copy again {@link RETRY_MS} ms after a fault. */
  function retryingConnection(doc: Y.Doc): DocConnection {
    const c = connectDoc({ serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, member: 'coordinator', indexeddb: true, kind: 'activity-plan', WebSocketPolyfill: WebSocket, maxBackoffMs: 100, offlineRetryMs: RETRY_MS });
    open.push(c);
    return c;
  }

  /**
   * Once the quiet while since the last fault (or failed try) has passed, changes `rowId`'s cell
   * (a change for the copy, which tries it again) and resolves when the status says the copy is
   * kept again: the status change itself is listened for (the word is taken away after a while).
   */
  async function untilRestored(doc: Y.Doc, rowId: string, c: DocConnection): Promise<void> {
    const kept = new Promise<void>((resolve) => {
      const off = c.onStatus((s) => {
        if (s.offlineStore?.kind !== 'restored') return;
        off();
        resolve();
      });
    });
    await pastTimers(RETRY_MS);
    setCell(doc, rowId, 'responsible', 'Ändrad efter den tysta stunden');
    await kept;
  }

  it('storage full, then freed: the next change after the quiet while writes everything since, and the person is told it works again', async () => {
    const factory = new IDBFactory();
    g.indexedDB = factory;
    const doc = new Y.Doc();
    const c = retryingConnection(doc);
    await c.whenLoaded;
    await c.whenSynced();
    /** Writes refused for quota so far: each one's transaction has ended (aborted). */
    let refused = 0;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      const request = add.apply(this, args);
      this.transaction.addEventListener('abort', () => void refused++);
      request.addEventListener('success', () => (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError'));
      return request;
    };
    insertRows(doc, [{ title: 'Skrivet när lagringen var full' }]);
    await eventually(() => c.status.offlineStore?.kind === 'quota', 5000, 'the quota fault');
    // Still full at the next changes: each tried (a change after the quiet while, or the timer),
    // refused, and no word of it working again once that try has ended.
    let rowId = '';
    for (const title of ['Skrivet medan den ännu var full', 'Skrivet när det fanns plats igen']) {
      const before = refused;
      [rowId] = insertRows(doc, [{ title }]) as [string];
      await eventually(() => refused > before, 5000, `a try to keep the copy after "${title}", refused for quota`);
      await new Promise((r) => setImmediate(r));
      expect(c.status.offlineStore?.kind).toBe('quota');
    }
    // Space freed.
    IDBObjectStore.prototype.add = add;
    await untilRestored(doc, rowId, c);
    expect(c.status.offlineStore?.message.sv).toContain('sparas offline på den här datorn igen');
    await c.destroy();
    expect((await copyIn()).sort()).toEqual(['Skrivet medan den ännu var full', 'Skrivet när det fanns plats igen', 'Skrivet när lagringen var full']);
  });

  it('storage full, then freed with no change after: a quiet timer tries again, the person is told, and no timer runs once it works', async () => {
    const factory = new IDBFactory();
    g.indexedDB = factory;
    const doc = new Y.Doc();
    const c = retryingConnection(doc);
    await c.whenLoaded;
    await c.whenSynced();
    let adds = 0;
    let full = true;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      adds++;
      const request = add.apply(this, args);
      if (full) request.addEventListener('success', () => (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError'));
      return request;
    };
    insertRows(doc, [{ title: 'Skrivet när lagringen var full' }]);
    await eventually(() => c.status.offlineStore?.kind === 'quota', 5000, 'the quota fault');
    // Tried on the timer while still full: no word of it working.
    await eventually(() => adds >= 3, 5000, 'tries on the timer');
    expect(c.status.offlineStore?.kind).toBe('quota');
    // Space freed; nothing more is typed.
    full = false;
    await eventually(() => c.status.offlineStore?.kind === 'restored', 5000, 'the copy kept again');
    expect(c.status.offlineStore?.message.sv).toContain('sparas offline på den här datorn igen');
    // Past the longest wait the retry timer can have (OFFLINE_RETRY_MAX_FACTOR quiet whiles): it would have written.
    const after = adds;
    await pastTimers(RETRY_MS * OFFLINE_RETRY_MAX_FACTOR);
    expect(adds).toBe(after);
    await c.destroy();
    expect(await copyIn()).toEqual(['Skrivet när lagringen var full']);
  });

  it('the database deleted by another tab: the next change after the quiet while makes it anew with the whole document', async () => {
    const factory = new IDBFactory();
    g.indexedDB = factory;
    const doc = new Y.Doc();
    const c = retryingConnection(doc);
    await c.whenLoaded;
    await c.whenSynced();
    insertRows(doc, [{ title: 'Före' }]);
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase(COPY);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    await eventually(() => c.status.offlineStore?.kind === 'closed', 5000, 'the closed fault');
    const [rowId] = insertRows(doc, [{ title: 'Efter' }]) as [string];
    await untilRestored(doc, rowId, c);
    await c.destroy();
    expect((await copyIn()).sort()).toEqual(['Efter', 'Före']);
  });
});

describe('the offline copy kept', () => {
  it('loads a copy an earlier version wrote with y-indexeddb (same database and layout), offline', async () => {
    g.indexedDB = new IDBFactory();
    const earlier = new Y.Doc();
    const idb = new IndexeddbPersistence(COPY, earlier);
    await idb.whenSynced;
    insertRows(earlier, [{ title: 'Skrivet förra veckan' }]);
    // Closing waits for the write's transaction: the copy holds the row after it.
    await idb.destroy();
    const doc = new Y.Doc();
    const c = connectDoc({ serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, member: 'coordinator', indexeddb: true, connect: false, WebSocketPolyfill: WebSocket });
    open.push(c);
    await c.whenLoaded;
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Skrivet förra veckan']);
    expect(c.status.offlineStore).toBeNull();
  });
});

describe('the offline copy’s words', () => {
  it.each(['unavailable', 'quota', 'closed', 'failed'] as const)('%s: Swedish without English, English without Swedish', (kind) => {
    const words = offlineStoreWords(kind);
    expect(withoutKeys(words.sv)).not.toMatch(ENGLISH_WORDS);
    expect(words.en).not.toMatch(SWEDISH_WORDS);
  });
});
