import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { insertRows } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { closedAfterEach, eventually, startTestServer, TOKENS } from '../../server/sync/support.js';
import { connectTo, countingSocket, pastReconnect, type SocketLog } from './support.js';

/** The test's server and connections, closed after each test. */
const t = closedAfterEach<DocConnection>((c) => c.destroy());

describe('a reader whose workbook holds changes the server never took', () => {
  it('is told its role may read but not change the document, and the client does not reconnect on its own', async () => {
    t.server = await startTestServer();
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const doc = new Y.Doc();
    // Made while the member could still edit (offline, before a demotion): the client's sync answer carries it.
    insertRows(doc, [{ title: 'Promenadgrupp, Rinkeby' }]);
    const c = connectTo(t.server, doc, t.clients, { token: TOKENS.viewer, WebSocketPolyfill: countingSocket(log) });
    await eventually(() => c.status.state === 'refused', 3000, 'the reader refused');
    expect(c.status.refusal?.code).toBe(CloseCode.forbidden);
    const words = c.status.refusal?.message;
    // Not the sentence for a member who may not open the document at all: this one may read it.
    expect(words).not.toEqual(refusalFor(CloseCode.forbidden, 'Your role does not allow this document').message);
    expect(words?.sv).toMatch(/läsa/);
    expect(words?.sv).toMatch(/arbetsbok/);
    expect(words?.en).toMatch(/read/);
    const attempts = log.attempts;
    // The reconnect y-websocket schedules at the close has had its turn.
    await pastReconnect(log);
    expect(log.attempts).toBe(attempts);
    expect(c.status.state).toBe('refused');
  });
});
