/**
 * The pane on a document the server cannot read (its stored history is damaged): the socket's 4500
 * and the damaged place become a sentence in Swedish and English, and the pane stops rather than
 * reconnecting in a loop (every load meets the same bytes). Before, the server closed with 1011,
 * which the pane said as "the server cannot store changes right now" and retried with a backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { damagedCloseReason } from '../../../shared/protocol/damaged-history.js';
import { eventually, SEEDED_SEQ, startTestServer, WS, type TestServer } from '../../server/sync/support.js';
import { connectTo, countingSocket, pastReconnect, type SocketLog } from './support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

describe('the words of a damaged document', () => {
  it.each([
    [{ kind: 'update', seq: 7 } as const, 'uppdatering 7', 'update 7'],
    [{ kind: 'checkpoint', seq: 12 } as const, 'kontrollpunkt 12', 'checkpoint 12'],
    [{ kind: 'snapshot' } as const, 'den sparade ögonblicksbilden', 'its snapshot'],
  ])('name the place %j in both languages', (place, sv, en) => {
    const { message } = refusalFor(CloseCode.damaged, damagedCloseReason(place));
    expect(message.sv).toContain(`Servern kan inte läsa dokumentet: dess sparade historik är skadad (${sv}).`);
    expect(message.en).toContain(`The server cannot read the document: its stored history is damaged (${en}).`);
  });

  it('still say what happened without a place (a reason of another shape)', () => {
    const { message } = refusalFor(CloseCode.damaged, 'something else');
    expect(message.sv).toMatch(/^Servern kan inte läsa dokumentet: dess sparade historik är skadad\. /);
  });
});

describe('the pane on a document the server cannot read', () => {
  let server: TestServer;
  const open: DocConnection[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    await server.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: DAMAGED, memberId: null }]);
  });
  afterAll(async () => {
    for (const c of open.splice(0)) await c.destroy();
    await server.stop();
  });

  it('stops with the sentence naming the place, without connecting again on its own', async () => {
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const c = connectTo(server, new Y.Doc(), open, { WebSocketPolyfill: countingSocket(log) });
    await eventually(() => c.status.state === 'refused');
    expect(c.status.refusal?.code).toBe(CloseCode.damaged);
    expect(c.status.refusal?.message.sv).toContain(`dess sparade historik är skadad (uppdatering ${SEEDED_SEQ + 1})`);
    // The reconnect y-websocket schedules at the close has had its turn.
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    expect(c.status.state).toBe('refused');
  });
});
