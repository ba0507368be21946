import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { closedAfterEach, eventually, startTestServer } from '../../server/sync/support.js';
import { TOKENS, WS } from '../../server/sync/seed.js';
import { connectTo, countingSocket, type SocketLog } from './support.js';

/** The test's server and connections, closed after each test. */
const t = closedAfterEach<DocConnection>((c) => c.destroy());

describe('a document the person may only read', () => {
  it("an editor reading another clinic's plan stays connected and sees its edits live", async () => {
    t.server = await startTestServer();
    const owner = new Y.Doc();
    const reader = new Y.Doc();
    const co = connectTo(t.server, owner, t.clients, { docId: 'plan-b', token: TOKENS.editorB });
    const sockets: SocketLog = { attempts: 0, sent: [] };
    const cr = connectTo(t.server, reader, t.clients, { docId: 'plan-b', token: TOKENS.editorA, readOnly: true, WebSocketPolyfill: countingSocket(sockets) });
    await co.whenSynced();
    await cr.whenSynced();
    insertRows(owner, [{ title: 'Hälsodag i Husby', type: 'halsodag' }]);
    await eventually(() => rowsOf(reader).length === 1, 3000, 'the owner’s row at the reader');
    // The row was written after the reader had sent what it sends on connecting, and it came on the
    // reader's first socket: a close for any of that would have come before it on that socket.
    expect(sockets.attempts).toBe(1);
    expect(cr.status.state).toBe('online');
    expect(cr.status.refusal).toBeNull();
  });

  it('says so when the copy here holds edits the server lacks (made before the plan became read-only for this person), naming units among the causes, and does not count them as stored', async () => {
    t.server = await startTestServer();
    const reader = new Y.Doc();
    // What an offline copy may hold: an edit made while the person could still write, never sent.
    insertRows(reader, [{ title: 'Skrevs offline', type: 'halsodag' }]);
    const sockets: SocketLog = { attempts: 0, sent: [], step2s: 0 };
    const cr = connectTo(t.server, reader, t.clients, { docId: 'plan-b', token: TOKENS.editorA, readOnly: true, WebSocketPolyfill: countingSocket(sockets) });
    await cr.whenSynced();
    // A read-only pane sends one step 1 of its own besides its opening's (`send-gate.ts`): its answer,
    // the second step 2, is what once counted the edits kept here as stored.
    await eventually(() => (sockets.step2s ?? 0) >= 2, 5000, 'the server’s answer to the reader’s own step 1');
    expect(cr.status.pendingLocalChanges).toBeGreaterThan(0);
    expect(cr.status.refusal?.message.sv).toMatch(/bara får läsa/);
    expect(cr.status.refusal?.message.en).toMatch(/may now only read/);
    // The plan is another clinic's: the sentence names units among the causes, not only role or archive.
    expect(cr.status.refusal?.message.sv).toMatch(/dina enheter/);
    expect(cr.status.refusal?.message.en).toMatch(/your units/);
    const stored = await t.server.sync.registry.withDoc({ workspace: WS, doc: 'plan-b' }, (room) => rowsOf(room.doc).length);
    expect(stored).toBe(0);
    expect(rowsOf(reader).map((r) => r.values.title)).toContain('Skrevs offline');
  });
});

