/**
 * Whose offline copy a connection opens. The copy holds edits not yet sent, and the next
 * connection sends them under its own token: keyed by document alone, a person signed in after a
 * sign-out on the same computer opened the earlier person's unsent edits and sent them as theirs.
 * Now each member has their own copy: another member's is never opened, and stays for its owner;
 * a copy of the old format (no owner) is opened by no connection, and is kept; and a connection
 * that knows no member (the indicator source's, before it was given one) keeps no copy at all.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { offlineCopyName, unownedCopyName } from '../../../addin/sync/offline-copy.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';

const g = globalThis as { IDBKeyRange?: unknown };
beforeAll(() => {
  g.IDBKeyRange ??= IDBKeyRange;
});
const open: DocConnection[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.destroy();
});

/** A pane's connection kept offline (nothing reaches a server), its copy in `factory`. */
async function offlinePane(factory: IDBFactory, member: string | undefined): Promise<{ doc: Y.Doc; conn: DocConnection }> {
  const doc = new Y.Doc();
  const conn = connectDoc({
    serverUrl: 'ws://127.0.0.1:9', workspace: 'hbi-stockholm', docId: 'plan-fittja', token: 't', doc,
    indexeddb: true, indexedDBFactory: factory, WebSocketPolyfill: WebSocket, connect: false,
    ...(member !== undefined ? { member } : {}),
  });
  open.push(conn);
  await conn.whenLoaded;
  return { doc, conn };
}

/** Types a row offline and closes the pane once the copy has it. */
async function typeAndClose(factory: IDBFactory, member: string | undefined, title: string): Promise<void> {
  const { doc, conn } = await offlinePane(factory, member);
  insertRows(doc, [{ title }]);
  await new Promise((r) => setTimeout(r, 50));
  open.splice(open.indexOf(conn), 1);
  await conn.destroy();
}

const titles = (doc: Y.Doc): unknown[] => rowsOf(doc).map((r) => r.values.title);
const WHERE = { workspace: 'hbi-stockholm', docId: 'plan-fittja' };

/** Writes a copy as an earlier version did, under the name with no owner, holding a row `title`. */
async function writeUnownedCopy(factory: IDBFactory, title: string): Promise<void> {
  const g2 = globalThis as { indexedDB?: unknown };
  const before = g2.indexedDB;
  // y-indexeddb opens the global IndexedDB.
  g2.indexedDB = factory;
  try {
    const earlier = new Y.Doc();
    const idb = new IndexeddbPersistence(unownedCopyName(WHERE), earlier);
    await idb.whenSynced;
    insertRows(earlier, [{ title }]);
    // Closing waits for the write's transaction: the copy holds the row after it.
    await idb.destroy();
  } finally {
    g2.indexedDB = before;
  }
}

describe('offline copy of a document, per signed-in member', () => {
  it('does not open the unsent edits of the member signed in before: they stay for that member', async () => {
    const factory = new IDBFactory();
    await typeAndClose(factory, 'member-anna', 'Annas hälsodag');

    const bo = await offlinePane(factory, 'member-bo');
    expect(titles(bo.doc)).toEqual([]);
    expect(bo.conn.status.pendingLocalChanges).toBe(0);

    const anna = await offlinePane(factory, 'member-anna');
    expect(titles(anna.doc)).toEqual(['Annas hälsodag']);
  });

  it('opens a copy of the old format (no owner) under no member, and keeps it', async () => {
    const factory = new IDBFactory();
    await writeUnownedCopy(factory, 'Utan ägare');

    const bo = await offlinePane(factory, 'member-bo');
    expect(titles(bo.doc)).toEqual([]);
    expect(bo.conn.status.pendingLocalChanges).toBe(0);
    const names = (await factory.databases()).map((d) => d.name);
    expect(names).toContain(unownedCopyName(WHERE));
  });

  it('keeps and opens no copy when no member is known, not even one of the old format', async () => {
    const factory = new IDBFactory();
    await writeUnownedCopy(factory, 'Utan ägare');

    const nobody = await offlinePane(factory, undefined);
    insertRows(nobody.doc, [{ title: 'Skrivet utan konto' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(titles(nobody.doc)).toEqual(['Skrivet utan konto']);
    expect((await factory.databases()).map((d) => d.name)).toEqual([unownedCopyName(WHERE)]);
  });

  it('names no two members’ copies alike, whatever their ids hold', () => {
    const at = (member: string, docId: string) => offlineCopyName({ workspace: 'w', docId, member });
    expect(at('a:b', 'c')).not.toBe(at('a', 'b:c'));
    expect(at('a', 'd')).not.toBe(unownedCopyName({ workspace: 'a', docId: 'd' }));
  });
});
