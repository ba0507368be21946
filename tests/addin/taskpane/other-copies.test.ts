/**
 * Offline copies of a document on this computer that are not the signed-in member's own: another
 * account's copy with unsent edits is named in words (never opened or sent), and a copy kept before
 * copies had owners is offered to the person who opens the document, who may take its edits as
 * theirs (sent under their account, the copy then deleted) or leave them. "Leave them" is
 * remembered in the workbook and, by the workbook's name, on this computer (`unowned-memory.ts`):
 * the next open there answers it unasked and keeps the edits apart, also after the workbook was
 * closed without saving, until "Fråga igen".
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { offlineCopyName, unownedCopyName } from '../../../addin/sync/offline-copy.js';
import { realPorts } from '../../../addin/taskpane/real-ports.js';
import type { SyncHandle } from '../../../addin/taskpane/ports.js';
import { unownedLeftKey, unownedLeftLocalKey, unownedMemory, type LocalMemory, type UnownedMemory } from '../../../addin/taskpane/unowned-memory.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
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
  vi.restoreAllMocks();
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

/** Opens plan-a in the pane with the coordinator's token, the offline copy `member`'s, synced; the answer about a copy with no owner kept in `memory`. */
async function openAs(member: string, memory?: UnownedMemory): Promise<{ doc: Y.Doc; handle: SyncHandle }> {
  const doc = new Y.Doc();
  const connect = { serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, kind: 'activity-plan', member, ...(memory ? { unownedMemory: memory } : {}) };
  const handle = realPorts({ offlineStore: true, lang: () => 'sv' }).connect(connect);
  handles.push(handle);
  await handle.whenReady;
  return { doc, handle };
}

/** The coordinator opens plan-a in the pane. */
const open = (memory?: UnownedMemory) => openAs('m-coord', memory);

const titles = (doc: Y.Doc): unknown[] => rowsOf(doc).map((r) => r.values.title);
const names = async (factory: IDBFactory): Promise<string[]> => (await factory.databases()).flatMap((d) => (d.name ? [d.name] : []));
const where = { workspace: WS, docId: 'plan-a' };

/** The pane's local storage on a fresh computer; `entries` shows what it holds. */
function localStore(): LocalMemory & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (k) => entries.get(k) ?? null, setItem: (k, v) => void entries.set(k, v), removeItem: (k) => void entries.delete(k) };
}

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

  it('takes nothing when the copy with no owner cannot be deleted: the answer is refused and the question stays', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Kvar i kopian');
    // This computer's IndexedDB refuses to delete that copy (a disk error, a browser policy).
    const deleteDatabase = factory.deleteDatabase.bind(factory);
    vi.spyOn(factory, 'deleteDatabase').mockImplementation((name) => {
      if (name !== unownedCopyName(where)) return deleteDatabase(name);
      const request = { error: new DOMException('the disk refused', 'UnknownError') } as unknown as IDBOpenDBRequest;
      setTimeout(() => request.onerror?.call(request, new Event('error')));
      return request;
    });
    const { doc, handle } = await open();
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the question asked');
    await expect(handle.answerUnownedCopy?.(true)).rejects.toThrow('the disk refused');
    expect(titles(doc)).not.toContain('Kvar i kopian');
    expect(handle.state().pending).toBe(0);
    expect(handle.state().unownedCopy).toBe(true);
    expect(await names(factory)).toContain(unownedCopyName(where));
  });

  it('leaves a copy with no owner as it is when the person says the edits are not theirs', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const { doc, handle } = await open();
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the question asked');
    await handle.answerUnownedCopy?.(false);
    expect(handle.state()).toMatchObject({ unownedLeft: true });
    expect(handle.state().unownedCopy).toBeUndefined();
    expect(titles(doc)).not.toContain('Någon annans rad');
    expect(await names(factory)).toContain(unownedCopyName(where));
  });

  it('remembers "not mine" in the workbook: the next open there keeps the edits apart unasked, another workbook asks, "Fråga igen" asks again', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const workbook = createWorkbook();
    const memory = unownedMemory((batch) => workbook.run(batch), WS, 'plan-a');
    const first = await open(memory);
    await eventually(() => first.handle.state().unownedCopy === true, 3000, 'the question asked');
    await first.handle.answerUnownedCopy?.(false);
    expect(workbook.snapshot().settings).toEqual({ [unownedLeftKey(WS, 'plan-a')]: 'left' });
    first.handle.destroy();

    // Opened again in the same workbook: answered as before, nothing asked, nothing sent.
    const again = await open(memory);
    await eventually(() => again.handle.state().unownedLeft === true, 3000, 'the remembered answer');
    expect(again.handle.state().unownedCopy).toBeUndefined();
    expect(titles(again.doc)).not.toContain('Någon annans rad');
    expect(again.handle.state().pending).toBe(0);
    expect(await names(factory)).toContain(unownedCopyName(where));

    // Another workbook holds no answer: the question is asked there.
    const other = createWorkbook();
    const elsewhere = await open(unownedMemory((batch) => other.run(batch), WS, 'plan-a'));
    await eventually(() => elsewhere.handle.state().unownedCopy === true, 3000, 'the question asked in another workbook');

    await again.handle.askUnownedAgain?.();
    expect(again.handle.state().unownedCopy).toBe(true);
    expect(again.handle.state().unownedLeft).toBeUndefined();
    expect(workbook.snapshot().settings).toEqual({});
  });

  it('remembers "not mine" on this computer too: the workbook closed without saving and opened again answers it unasked', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const local = localStore();
    const file = 'Aktivitetsplan Tensta.xlsx';
    const before = createWorkbook({ name: file });
    const first = await open(unownedMemory((batch) => before.run(batch), WS, 'plan-a', local));
    await eventually(() => first.handle.state().unownedCopy === true, 3000, 'the question asked');
    await first.handle.answerUnownedCopy?.(false);
    expect([...local.entries]).toEqual([[unownedLeftLocalKey(file, WS, 'plan-a'), 'left']]);
    first.handle.destroy();

    // Closed without saving: the file opens as it was last saved, without the setting.
    const reopened = createWorkbook({ name: file });
    const again = await open(unownedMemory((batch) => reopened.run(batch), WS, 'plan-a', local));
    await eventually(() => again.handle.state().unownedLeft === true, 3000, 'the remembered answer');
    expect([again.handle.state().unownedCopy, reopened.snapshot().settings]).toEqual([undefined, {}]);
    expect(titles(again.doc)).not.toContain('Någon annans rad');
    expect(await names(factory)).toContain(unownedCopyName(where));

    // Another workbook on this computer is still asked; "Fråga igen" forgets the answer here too.
    const other = await open(unownedMemory((batch) => createWorkbook().run(batch), WS, 'plan-a', local));
    await eventually(() => other.handle.state().unownedCopy === true, 3000, 'the question asked in another workbook');
    await again.handle.askUnownedAgain?.();
    expect([again.handle.state().unownedCopy, local.entries.size]).toEqual([true, 0]);
  });

  it('keeps a personnummer in the workbook’s name out of local storage, and still answers for that workbook', async () => {
    const local = localStore();
    const file = 'Uppföljning 19121212-1212.xlsx';
    await unownedMemory((batch) => createWorkbook({ name: file }).run(batch), WS, 'plan-a', local).remember(true);
    const kept = [...local.entries.keys()].map((k) => decodeURIComponent(k));
    expect(kept.map((k) => findPersonnummer(k))).toEqual([null]);
    // Closed without saving and opened again: the masked name still finds the answer.
    expect(await unownedMemory((batch) => createWorkbook({ name: file }).run(batch), WS, 'plan-a', local).left()).toBe(true);
  });

  it('says the answer is kept in the workbook alone when local storage refuses it, and keeps one found there alone here too', async () => {
    const factory = computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const full = { ...localStore(), setItem: () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); } };
    const workbook = createWorkbook({ name: 'Aktivitetsplan Tensta.xlsx' });
    const first = await open(unownedMemory((batch) => workbook.run(batch), WS, 'plan-a', full));
    await eventually(() => first.handle.state().unownedCopy === true, 3000, 'the question asked');
    await first.handle.answerUnownedCopy?.(false);
    expect([first.handle.state().unownedLeft, first.handle.state().unownedLeftInWorkbookOnly]).toEqual([true, true]);
    first.handle.destroy();
    // The saved workbook opened where local storage takes it: the setting's answer is kept here too.
    const local = localStore();
    const again = await open(unownedMemory((batch) => workbook.run(batch), WS, 'plan-a', local));
    await eventually(() => again.handle.state().unownedLeft === true, 3000, 'the remembered answer');
    expect([again.handle.state().unownedLeftInWorkbookOnly, [...local.entries.values()]]).toEqual([undefined, ['left']]);
    expect(await names(factory)).toContain(unownedCopyName(where));
  });

  it('keeps the answer in both places when local storage refuses to forget it at "Fråga igen"', async () => {
    const local = localStore();
    const workbook = createWorkbook({ name: 'Aktivitetsplan Tensta.xlsx' });
    const memory = unownedMemory((batch) => workbook.run(batch), WS, 'plan-a', local);
    await memory.remember(true);
    local.removeItem = () => {
      throw new DOMException('The storage is refusing writes', 'SecurityError');
    };
    await expect(memory.remember(false)).rejects.toMatchObject({ name: 'SecurityError' });
    // Said as not forgotten, and not forgotten: the next open answers as before.
    expect([await memory.left(), workbook.snapshot().settings, local.entries.size]).toEqual([true, { [unownedLeftKey(WS, 'plan-a')]: 'left' }, 1]);
  });

  it('keeps the question when the workbook cannot remember the answer', async () => {
    computer();
    await leaveCopy(unownedCopyName(where), 'Någon annans rad');
    const workbook = createWorkbook();
    const { handle } = await open(unownedMemory((batch) => workbook.run(batch), WS, 'plan-a'));
    await eventually(() => handle.state().unownedCopy === true, 3000, 'the question asked');
    // The person is typing in a cell: Excel refuses the add-in's syncs.
    workbook.user.enterEditMode('Sheet1', 'A1');
    await expect(handle.answerUnownedCopy?.(false)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(handle.state().unownedCopy).toBe(true);
    expect(handle.state().unownedLeft).toBeUndefined();
  });
});
