import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../../../server/sync/protocol.js';
import { addComment, deleteComment, editComment, threadOf } from '../../../shared/comments/comments.js';
import { insertRow } from '../../../shared/doc/index.js';
import { eventually, rawClient, SEEDED_SEQ, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

let server: TestServer;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
});

async function join(doc: string, token: string): Promise<RawClient> {
  const c = rawClient(server, doc, token);
  clients.push(c);
  await c.opened;
  return c;
}

/** An update made on a copy of the server's current state of `doc`. */
async function edit(doc: string, change: (d: Y.Doc) => void): Promise<Uint8Array> {
  const copy = await server.sync.registry.withDoc({ workspace: WS, doc }, (room) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
    return d;
  });
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const stored = async (doc: string): Promise<number> => (await server.storage.loadDoc({ workspace: WS, doc })).lastSeq - SEEDED_SEQ;
const thread = (doc: string, row: string) => server.sync.registry.withDoc({ workspace: WS, doc }, (room) => threadOf(room.doc, row));

/** A county action plan row of clinic A, written by editor A; its id. */
async function rowOfA(): Promise<string> {
  const writer = await join('county', TOKENS.editorA);
  writer.send(encodeUpdate(await edit('county', (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' }))));
  await eventually(async () => (await stored('county')) === 1, 3000, 'row stored');
  return 'rowA';
}

describe('row comments over the socket', () => {
  it("lets an editor comment on another unit's row of a county plan, relays it and audits it under their name", async () => {
    server = await startTestServer();
    const row = await rowOfA();
    const editorB = await join('county', TOKENS.editorB);
    const viewer = await join('county', TOKENS.viewer);
    await eventually(() => viewer.frames.length > 0);
    const seen = viewer.frames.length;
    editorB.send(encodeUpdate(await edit('county', (d) => addComment(d, { row, author: 'm-b', text: 'Kan vi ta den ihop? @{m-a}' }))));
    await eventually(async () => (await thread('county', row)).length === 1, 3000, 'comment stored');
    await eventually(() => viewer.frames.length > seen, 3000, 'comment relayed');
    expect((await thread('county', row))[0]).toMatchObject({ author: 'm-b', text: 'Kan vi ta den ihop? @{m-a}' });
    await eventually(async () => (await server.storage.listAudit(WS, 50)).some((a) => a.action === 'comment-add'), 3000, 'audit line');
    const line = (await server.storage.listAudit(WS, 50)).find((a) => a.action === 'comment-add');
    expect(line).toMatchObject({ doc: 'county', memberId: 'm-b' });
    expect(line?.detail).toContain(`on row ${row}`);
  });

  it('refuses a comment holding a personnummer: 4422 in words, nothing stored or relayed', async () => {
    server = await startTestServer();
    const row = await rowOfA();
    const editorB = await join('county', TOKENS.editorB);
    const viewer = await join('county', TOKENS.viewer);
    await eventually(() => viewer.frames.length > 0);
    const seen = viewer.frames.length;
    editorB.send(encodeUpdate(await edit('county', (d) => addComment(d, { row, author: 'm-b', text: 'Patienten 850101 1236 ringde' }))));
    const closed = await editorB.closed;
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/comment contains a personal identity number/);
    await new Promise((r) => setTimeout(r, 50));
    expect(await stored('county')).toBe(1);
    expect(viewer.frames.length).toBe(seen);
    expect(await thread('county', row)).toEqual([]);
  });

  it("refuses a comment under someone else's name, and a comment on a row that is not there", async () => {
    server = await startTestServer();
    const row = await rowOfA();
    const forger = await join('county', TOKENS.editorB);
    forger.send(encodeUpdate(await edit('county', (d) => addComment(d, { row, author: 'm-a', text: 'Jag är A' }))));
    expect((await forger.closed).code).toBe(4403);
    const lost = await join('county', TOKENS.editorB);
    const nowhere = await edit('county', (d) => {
      insertRow(d, { unit: 'clinic-b', measure: 'x' }, { id: 'gone' });
      addComment(d, { row: 'gone', author: 'm-b', text: 'Hej' });
      d.getMap('rows').delete('gone');
    });
    lost.send(encodeUpdate(nowhere));
    expect((await lost.closed).code).toBe(4422);
    expect(await stored('county')).toBe(1);
  });

  it("lets only the author edit or delete a comment; another editor's attempt closes with 4403", async () => {
    server = await startTestServer();
    const row = await rowOfA();
    const author = await join('county', TOKENS.editorB);
    author.send(encodeUpdate(await edit('county', (d) => addComment(d, { row, author: 'm-b', text: 'Första' }))));
    await eventually(async () => (await thread('county', row)).length === 1, 3000, 'comment stored');
    const id = (await thread('county', row))[0]?.id as string;
    const other = await join('county', TOKENS.coordinator);
    other.send(encodeUpdate(await edit('county', (d) => deleteComment(d, id))));
    expect((await other.closed).code).toBe(4403);
    const other2 = await join('county', TOKENS.editorA);
    other2.send(encodeUpdate(await edit('county', (d) => editComment(d, id, 'Ändrad av A'))));
    expect((await other2.closed).code).toBe(4403);
    expect((await thread('county', row))[0]?.text).toBe('Första');
    author.send(encodeUpdate(await edit('county', (d) => editComment(d, id, 'Rättad'))));
    await eventually(async () => (await thread('county', row))[0]?.text === 'Rättad', 3000, 'edit stored');
    author.send(encodeUpdate(await edit('county', (d) => deleteComment(d, id))));
    await eventually(async () => (await thread('county', row)).length === 0, 3000, 'deletion stored');
  });

  it('drops a viewer’s comment without storing it', async () => {
    server = await startTestServer();
    const row = await rowOfA();
    const viewer = await join('county', TOKENS.viewer);
    viewer.send(encodeUpdate(await edit('county', (d) => addComment(d, { row, author: 'm-v', text: 'Från en läsare' }))));
    await new Promise((r) => setTimeout(r, 100));
    expect(await thread('county', row)).toEqual([]);
  });
});
