import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { offlineCopyName, unownedCopyName } from '../../../addin/sync/offline-copy.js';
import { createDoc, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { realPorts, restoreRows } from '../../../addin/taskpane/real-ports.js';
import { eventually } from '../../support/eventually.js';

describe('realPorts().connect: the offline copy', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the signed-in member’s own copy, and none when no member is known (it could be another person’s)', async () => {
    const factory = new IDBFactory();
    vi.stubGlobal('indexedDB', factory);
    vi.stubGlobal('IDBKeyRange', IDBKeyRange);
    vi.stubGlobal('WebSocket', WebSocket);
    const ports = realPorts({ offlineStore: true, lang: () => 'sv' });
    const at = { serverUrl: 'ws://127.0.0.1:9', workspace: 'hbi-stockholm', token: 't', kind: 'activity-plan' };
    const nobody = ports.connect({ ...at, docId: 'plan-nobody', doc: new Y.Doc() });
    const anna = ports.connect({ ...at, docId: 'plan-anna', doc: new Y.Doc(), member: 'anna' });
    for (const handle of [nobody, anna]) handle.setOnline(false);
    const names = async (): Promise<string[]> => (await factory.databases()).flatMap((d) => (d.name ? [d.name] : []));
    const annas = offlineCopyName({ workspace: 'hbi-stockholm', docId: 'plan-anna', member: 'anna' });
    let seen: string[] = [];
    await eventually(async () => (seen = await names()).includes(annas), 3000, 'anna’s copy opened');
    expect(seen).toEqual([annas]);
    for (const handle of [nobody, anna]) handle.destroy();
  });

  it('keeps the indicator documents’ copies as the member’s own, never opening one with no owner', async () => {
    const factory = new IDBFactory();
    vi.stubGlobal('indexedDB', factory);
    vi.stubGlobal('IDBKeyRange', IDBKeyRange);
    vi.stubGlobal('WebSocket', WebSocket);
    const where = { workspace: 'hbi-stockholm', docId: 'indikatorvarden' };
    // A copy an earlier version kept with no owner, holding a row someone never sent.
    const earlier = new Y.Doc();
    const idb = new IndexeddbPersistence(unownedCopyName(where), earlier);
    await idb.whenSynced;
    insertRow(earlier, { indicator: 'fysisk-aktivitet', value: 12 });
    await idb.destroy();

    const ports = realPorts({ offlineStore: true, lang: () => 'sv' });
    const live = ports.openIndicators({ serverUrl: 'ws://127.0.0.1:9', workspace: where.workspace, token: 't', member: 'anna', catalogIds: [], valueIds: [where.docId] });
    const names = async (): Promise<string[]> => (await factory.databases()).flatMap((d) => (d.name ? [d.name] : []));
    const annas = offlineCopyName({ ...where, member: 'anna' });
    let seen: string[] = [];
    await eventually(async () => (seen = await names()).includes(annas), 3000, 'anna’s copy opened');
    expect(seen.sort()).toEqual([annas, unownedCopyName(where)].sort());
    await live.destroy();
  });
});

describe('restoreRows', () => {
  it('writes a past version into the live doc as one new change, keeping row ids and order', () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'sll', schemaVersion: 1 });
    const a = insertRow(doc, { name: 'Friskis' });
    const b = insertRow(doc, { name: 'Kommunen' });
    const past = rowsOf(doc).map((r) => ({ id: r.id, values: { ...r.values } }));
    setCell(doc, a, 'name', 'Friskis & Svettis');
    const c = insertRow(doc, { name: 'Ny' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreRows(doc, past);
    expect(transactions).toBe(1);
    expect(rowsOf(doc).map((r) => [r.id, r.values.name])).toEqual([
      [a, 'Friskis'],
      [b, 'Kommunen'],
    ]);
    expect(rowsOf(doc).some((r) => r.id === c)).toBe(false);
  });

  it("restores one row only, leaving everyone else's later edits as they are", () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'sll', schemaVersion: 1 });
    const a = insertRow(doc, { name: 'Friskis' });
    const b = insertRow(doc, { name: 'Kommunen' });
    const past = rowsOf(doc).map((r) => ({ id: r.id, values: { ...r.values } }));
    setCell(doc, a, 'name', 'Friskis & Svettis');
    setCell(doc, b, 'name', 'Kommunen Botkyrka');
    const c = insertRow(doc, { name: 'Ny' });
    restoreRows(doc, past, [a]);
    expect(rowsOf(doc).map((r) => [r.id, r.values.name])).toEqual([
      [a, 'Friskis'],
      [b, 'Kommunen Botkyrka'],
      [c, 'Ny'],
    ]);
    // A row deleted later comes back where it was; a row added later goes only when named.
    restoreRows(doc, past, [c]);
    expect(rowsOf(doc).map((r) => r.id)).toEqual([a, b]);
  });
});
