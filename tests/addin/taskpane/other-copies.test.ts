/**
 * Offline copies of a document on this computer that are not the signed-in member's own: another
 * account's copy with unsent edits is named in words (never opened or sent), and a copy kept before
 * copies had owners is offered to the person who opens the document, who may take its edits as
 * theirs (sent under their account, the copy then deleted) or leave them.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { offlineCopyName, unownedCopyName } from '../../../addin/sync/offline-copy.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import type { SyncHandle } from '../../../addin/taskpane/ports.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { eventually } from '../../support/eventually.js';
import { startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());
const handles: SyncHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.destroy();
  vi.unstubAllGlobals();
});

/** A fresh computer: its IndexedDB, as the pane and y-indexeddb see it. */
function computer(): IDBFactory {
  const factory = new IDBFactory();
  vi.stubGlobal('indexedDB', factory);
  vi.stubGlobal('IDBKeyRange', IDBKeyRange);
  vi.stubGlobal('WebSocket', WebSocket);
  return factory;
}

/** Writes a copy named `name` holding a row `title` the server never had, as an earlier pane left it. */
async function leaveCopy(name: string, title: string): Promise<void> {
  const earlier = new Y.Doc();
  const idb = new IndexeddbPersistence(name, earlier);
  await idb.whenSynced;
  insertRows(earlier, [{ title }]);
  await idb.destroy();
}

/** Opens plan-a in the pane with the coordinator's token, the offline copy `member`'s, synced. */
async function openAs(member: string): Promise<{ doc: Y.Doc; handle: SyncHandle }> {
  const doc = new Y.Doc();
  const handle = realPorts({ offlineStore: true, lang: () => 'sv' }).connect({ serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, kind: 'activity-plan', member });
  handles.push(handle);
  await handle.whenReady;
  return { doc, handle };
}

/** The coordinator opens plan-a in the pane. */
const open = () => openAs('m-coord');

const titles = (doc: Y.Doc): unknown[] => rowsOf(doc).map((r) => r.values.title);
const names = async (factory: IDBFactory): Promise<string[]> => (await factory.databases()).flatMap((d) => (d.name ? [d.name] : []));
const where = { workspace: WS, docId: 'plan-a' };

describe('other copies of a document on this computer', () => {
  it('says when another account’s copy holds unsent edits, and neither opens nor sends them', async () => {
    const factory = computer();
    await leaveCopy(offlineCopyName({ ...where, member: 'm-b' }), 'Bos osända rad');
    const { doc, handle } = await open();
    await eventually(() => handle.state().otherAccountCopy === true, 3000, 'the other account’s copy named');
    expect(handle.state().unownedCopy).toBeUndefined();
    expect(titles(doc)).not.toContain('Bos osända rad');
    expect(handle.state().pending).toBe(0);
    expect(await names(factory)).toContain(offlineCopyName({ ...where, member: 'm-b' }));
  });

  it('says nothing of another account’s copy that holds only what the server has', async () => {
    computer();
    const { doc: first, handle: earlier } = await openAs('m-other');
    await eventually(() => earlier.state().pending === 0);
    earlier.destroy();
    handles.splice(handles.indexOf(earlier), 1);
    first.destroy();
    // A copy with no owner and unsent edits too: its question shows the copies were looked at.
    await leaveCopy(unownedCopyName(where), 'Osänd rad');
    const { handle } = await open();
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the copies looked at');
    expect(handle.state().otherAccountCopy).toBeUndefined();
  });

  it('asks about a copy with no owner: taken as mine, its edits are sent and the copy is gone', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Hälsodag från förr');
    const { doc, handle } = await open();
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the question asked');
    expect(titles(doc)).not.toContain('Hälsodag från förr');
    await handle.answerUnownedCopy?.(true);
    expect(handle.state().unownedCopy).toBeUndefined();
    expect(titles(doc)).toContain('Hälsodag från förr');
    await eventually(async () => {
      const stored = await server.storage.loadDoc({ workspace: WS, doc: 'plan-a' });
      const check = new Y.Doc();
      if (stored.snapshot) Y.applyUpdateV2(check, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(check, u);
      return titles(check).includes('Hälsodag från förr');
    }, 3000, 'the edits stored by the server');
    expect(await names(factory)).not.toContain(unownedCopyName(where));
  });

  it('leaves a copy with no owner as it is when the person says the edits are not theirs', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const { doc, handle } = await open();
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the question asked');
    await handle.answerUnownedCopy?.(false);
    expect(handle.state()).toMatchObject({ otherAccountCopy: true });
    expect(handle.state().unownedCopy).toBeUndefined();
    expect(titles(doc)).not.toContain('Någon annans rad');
    expect(await names(factory)).toContain(unownedCopyName(where));
  });
});

