/**
 * What `Room.offer` returns for an update it took (`room-taken.ts`): the comments it touched only
 * when it touched any, so that the socket's audit of comments does nothing for a cell edit (it
 * walked three empty collections on every edit before).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment } from '../../../shared/comments/comments.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import type { Offer } from '../../../server/sync/room.js';
import { startTestServer, WS, type TestServer } from './support.js';

let server: TestServer;

afterEach(async () => {
  await server?.stop();
});

/** Offers the change `change` makes to a copy of the server's `county` as a trusted write; the offer once durable. */
async function offer(change: (d: Y.Doc) => void): Promise<Offer> {
  return server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, async (room) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(copy);
    change(copy);
    const taken = room.offer(Y.encodeStateAsUpdate(copy, before), { memberId: null, principal: null }, null);
    if (taken.ok) await taken.persisted;
    return taken;
  });
}

describe('an offer taken', () => {
  it('names no comments for a row and a cell edit, and names them for a comment', async () => {
    server = await startTestServer();
    const row = await offer((d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' }));
    expect(row).toMatchObject({ ok: true });
    expect(row.ok && row.comments).toBeUndefined();
    const cell = await offer((d) => setCells(d, 'rowA', { measure: 'Ny' }));
    expect(cell).toMatchObject({ ok: true });
    expect(cell.ok && cell.comments).toBeUndefined();
    const comment = await offer((d) => addComment(d, { row: 'rowA', author: 'm-a', text: 'Kan vi ta den ihop?' }));
    expect(comment.ok && comment.comments?.created.size).toBe(1);
  });
});
