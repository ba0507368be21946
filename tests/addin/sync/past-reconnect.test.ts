/**
 * pastReconnect, what the refusal tests wait on instead of a fixed pause before they say "no
 * reconnection": it returns only once y-websocket's reconnect after a close has had its turn, so a
 * connection that does reconnect (after a 1013, as it should) is seen to have, even at the longest
 * wait `connectTo` allows.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { connectTo, countingSocket, pastReconnect, serverPerTest, type SocketLog } from './support.js';

const t = serverPerTest();

it('returns after the reconnection y-websocket makes at a close it retries', async () => {
  const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
  const c = connectTo(t.server, new Y.Doc(), t.open, { WebSocketPolyfill: countingSocket(log) });
  await c.whenSynced();
  await t.server.sync.registry.closeAll(CloseCode.tryAgainLater);
  await pastReconnect(log);
  expect(log.closed).toBeGreaterThanOrEqual(1);
  expect(log.attempts).toBe(2);
});

it('refuses a log that does not count closes, rather than wait on nothing', async () => {
  await expect(pastReconnect({ attempts: 1, sent: [] })).rejects.toThrow(/counts closes/);
});
