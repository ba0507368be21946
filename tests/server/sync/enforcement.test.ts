import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate, encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { eventually, rawClient, SEEDED_SEQ, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';
import { createdState } from './seed.js';

let server: TestServer;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
});

async function join(doc: string, token?: string): Promise<RawClient> {
  const c = rawClient(server, doc, token);
  clients.push(c);
  await c.opened;
  return c;
}

/** An update made on a scratch doc that has the server's current state. */
async function edit(doc: string, change: (d: Y.Doc) => void): Promise<Uint8Array> {
  const ydoc = await server.sync.registry.withDoc({ workspace: WS, doc }, (room) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    return copy;
  });
  const before = Y.encodeStateVector(ydoc);
  change(ydoc);
  return Y.encodeStateAsUpdate(ydoc, before);
}

/** Write cells of a row, inserting the row when it is new. */
function setRow(rowId: string, cells: Record<string, string | number>): (d: Y.Doc) => void {
  return (d) => {
    if (!setCells(d, rowId, cells)) insertRow(d, cells, { id: rowId });
  };
}

/** How many client updates a document has stored, after its created state. */
const stored = async (doc: string): Promise<number> => (await server.storage.loadDoc({ workspace: WS, doc })).lastSeq - SEEDED_SEQ;

describe('sync enforcement', () => {
  it('refuses an update that writes a personnummer: 4422 with the reason, nothing stored or relayed', async () => {
    server = await startTestServer();
    const writer = await join('plan-a', TOKENS.editorA);
    const peer = await join('plan-a', TOKENS.viewer);
    await eventually(() => peer.frames.length > 0);
    const seen = peer.frames.length;
    writer.send(encodeUpdate(await edit('plan-a', setRow('r1', { comment: 'Patient 19121212-1212 ringer' }))));
    const closed = await writer.closed;
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/personal identity number/);
    await new Promise((r) => setTimeout(r, 50));
    expect(await stored('plan-a')).toBe(0);
    expect(peer.frames.length).toBe(seen);
    const text = await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, (room) => JSON.stringify(room.doc.toJSON()));
    expect(text).not.toContain('1212');
  });

  it("keeps a viewer whose sync answer changes nothing (what the document has, its deletions), and answers it", async () => {
    server = await startTestServer();
    const editor = await join('plan-a', TOKENS.editorA);
    editor.send(encodeUpdate(await edit('plan-a', setRow('r1', { title: 'kept' }))));
    await eventually(async () => (await stored('plan-a')) === 1, 2000, 'the row stored');
    editor.send(encodeUpdate(await edit('plan-a', (d) => rowsMap(d).delete('r1'))));
    await eventually(async () => (await stored('plan-a')) === 2, 2000, 'the editor’s two updates stored');
    const viewer = await join('plan-a', TOKENS.viewer);
    const whole = await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, (room) => Y.encodeStateAsUpdate(room.doc));
    viewer.send(encodeUpdate(whole));
    viewer.send(encodeSyncStep1(new Uint8Array([0])));
    await eventually(() => viewer.frames.length >= 2, 2000, 'step 2 answer');
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    expect(await stored('plan-a')).toBe(2);
  });

  it('closes a viewer whose update would change the document with 4403 and the reason, so it does not take the answer to its next step 1 for a confirmation', async () => {
    server = await startTestServer();
    const viewer = await join('plan-a', TOKENS.viewer);
    viewer.send(encodeUpdate(await edit('plan-a', setRow('r1', { title: 'from a viewer' }))));
    const closed = await viewer.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/does not allow writing/);
    expect(await stored('plan-a')).toBe(0);
  });

  it("closes with 4403 when an editor writes another unit's plan", async () => {
    server = await startTestServer();
    const editorB = await join('plan-a', TOKENS.editorB);
    editorB.send(encodeUpdate(await edit('plan-a', setRow('r1', { title: 'not mine' }))));
    const closed = await editorB.closed;
    expect(closed.code).toBe(4403);
    // The units, not the role, stop an editor (the pane says so in Swedish: `connection-status.ts`).
    expect(closed.reason).toBe('Your units changed: this document belongs to another unit now');
    expect(await stored('plan-a')).toBe(0);
  });

  it("keeps open an editor who only reads another unit's plan: a standard client's sync answer carries the doc's deletions and changes nothing", async () => {
    server = await startTestServer();
    const a = await join('plan-a', TOKENS.editorA);
    a.send(encodeUpdate(await edit('plan-a', setRow('r1', { title: 'Hälsodag' }))));
    a.send(encodeUpdate(await edit('plan-a', setRow('r1', { title: 'Hälsodag i Tensta' }))));
    await eventually(async () => (await stored('plan-a')) === 2, 2000, 'both edits stored');
    // A y-websocket client that has the server's whole state answers step 1 with an update that
    // has no new structs but, as Yjs always encodes it, the whole delete set (the overwritten title).
    const full = await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, (room) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return Y.encodeStateAsUpdate(copy, Y.encodeStateVector(room.doc));
    });
    expect(full.length).toBeGreaterThan(2); // not the empty update (no structs, no deletes)
    const b = await join('plan-a', TOKENS.editorB);
    b.send(encodeUpdate(full));
    b.send(encodeSyncStep1(new Uint8Array([0])));
    await eventually(() => b.frames.length >= 2, 2000, 'step 2 answer');
    expect(b.ws.readyState).toBe(b.ws.OPEN);
    expect(await stored('plan-a')).toBe(2);

    // A deletion it does not already have is a write, and still refused.
    b.send(encodeUpdate(await edit('plan-a', (d) => rowsMap(d).delete('r1'))));
    expect((await b.closed).code).toBe(4403);
    expect(await stored('plan-a')).toBe(2);
  });

  it("lets an editor write own rows of an action plan but not another unit's rows", async () => {
    server = await startTestServer();
    const a = await join('county', TOKENS.editorA);
    a.send(encodeUpdate(await edit('county', setRow('ra', { unit: 'clinic-a', measure: 'Hälsodag' }))));
    await eventually(async () => (await stored('county')) === 1, 2000, 'own row stored');
    a.send(encodeUpdate(await edit('county', setRow('ra', { measure: 'Hälsodag i Rinkeby' }))));
    await eventually(async () => (await stored('county')) === 2, 2000, 'own row edit stored');

    const b = await join('county', TOKENS.editorB);
    b.send(encodeUpdate(await edit('county', setRow('ra', { measure: 'taken over' }))));
    const closed = await b.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/another unit/);
    expect(await stored('county')).toBe(2);
  });

  it("lets an editor report own values in the county's indicator values, not another unit's", async () => {
    server = await startTestServer();
    const ref = { workspace: WS, doc: 'values' };
    const at = '2026-01-01T00:00:00.000Z';
    // The record first: every store appends only to a document whose record is stored.
    await server.storage.putDocRecord({ ...ref, title: 'values', createdAt: at, updatedAt: at, kind: 'indicator-values', ownerUnit: 'county' });
    await server.storage.appendUpdates(ref, [{ update: createdState('indicator-values', 'county', 'values'), memberId: null }]);
    const value = (unit: string, v: number) => ({ indicator: 'sfh-12', unit, period: '2025Q4', kon: 'T', value: v });
    const a = await join('values', TOKENS.editorA);
    a.send(encodeUpdate(await edit('values', setRow('va', value('clinic-a', 41)))));
    await eventually(async () => (await stored('values')) === 1, 2000, 'own value stored');

    const b = await join('values', TOKENS.editorB);
    b.send(encodeUpdate(await edit('values', setRow('va', { value: 99 }))));
    const closed = await b.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/another unit/);
    const b2 = await join('values', TOKENS.editorB);
    b2.send(encodeUpdate(await edit('values', setRow('vb', value('clinic-a', 7)))));
    expect((await b2.closed).code).toBe(4403);
    expect(await stored('values')).toBe(1);
  });

  it('refuses an action-plan row created for, or handed to, another unit', async () => {
    server = await startTestServer();
    const a1 = await join('county', TOKENS.editorA);
    a1.send(encodeUpdate(await edit('county', setRow('rb', { unit: 'clinic-b', measure: 'for B' }))));
    expect((await a1.closed).code).toBe(4403);

    const a2 = await join('county', TOKENS.editorA);
    a2.send(encodeUpdate(await edit('county', setRow('ra', { unit: 'clinic-a' }))));
    await eventually(async () => (await stored('county')) === 1);
    a2.send(encodeUpdate(await edit('county', setRow('ra', { unit: 'clinic-b' }))));
    expect((await a2.closed).code).toBe(4403);
    expect(await stored('county')).toBe(1);
  });

  it('closes with 4401 for a missing or unknown token', async () => {
    server = await startTestServer();
    const none = rawClient(server, 'plan-a');
    const bad = rawClient(server, 'plan-a', 'not-a-token');
    clients.push(none, bad);
    expect(await none.closed).toMatchObject({ code: 4401, reason: 'Token missing' });
    expect(await bad.closed).toMatchObject({ code: 4401, reason: 'Token unknown' });
  });

  it('closes with 4404 for a document that does not exist', async () => {
    server = await startTestServer();
    const c = rawClient(server, 'no-such-doc', TOKENS.coordinator);
    clients.push(c);
    expect((await c.closed).code).toBe(4404);
    expect(server.sync.registry.stats().rooms).toBe(0);
  });
});
