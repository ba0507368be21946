/**
 * A pane whose offline change cannot be sent (one value over the frame size, so it cannot be cut)
 * comes back online: its step 1 names that change, which the server lacks, so the server holds
 * its answer until the pane answers or asks again (`server/sync/held-answers.ts`). The pane asks
 * again, so it gets what others wrote meanwhile, while its own change stays here, counted as
 * pending and named; it is not closed after the server's wait for an answer. That is read from the
 * pane's socket openings, not its status: a pane with a change it can never send stays `refused`
 * through a close and a reconnect, so a status of `reconnecting` never shows one.
 *
 * "Not closed after the wait" is read at a barrier, not after a pause: a second peer whose step 1
 * also names writes the server lacks and that never answers is closed (1013) by the same wait,
 * set after the pane's, so by the time that peer is closed the server would have closed the pane.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRows, rowsOf, setCells } from '../../../shared/doc/index.js';
import { encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS } from '../../server/sync/support.js';
import { connectTo, countingSocket, type SocketLog } from './support.js';

const t = closedAfterEach<DocConnection>((c) => c.destroy());
const noCheck = { checkUpdate: () => ({ ok: true as const }) };
const titles = (doc: Y.Doc): string[] => rowsOf(doc).map((r) => String(r.values.title ?? '')).sort();

/**
 * Opens a peer whose step 1 names a write the server lacks and that never answers, and resolves
 * when the server has closed it for that (1013): its give-up timer is of the same length as every
 * held answer's and was set after them, so each timer set before it has run by then (Node runs
 * timers of one length in the order they were set), and the server sent any close it made
 * before this one. Rejects, saying so, when that close does not come within 10 s.
 */
async function quietPeerClosed(): Promise<void> {
  const ahead = new Y.Doc();
  insertRows(ahead, [{ title: 'Aldrig skickad' }]);
  const quiet = rawClient(t.server!, 'plan-a', TOKENS.coordinator);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await quiet.opened;
    quiet.send(encodeSyncStep1(Y.encodeStateVector(ahead)));
    const closed = await Promise.race([quiet.closed, new Promise<null>((r) => (timer = setTimeout(() => r(null), 10_000)))]);
    if (closed === null) throw new Error('timed out waiting for the server to give up on a peer that never answers (10000 ms)');
    expect(closed.code).toBe(CloseCode.tryAgainLater);
  } finally {
    clearTimeout(timer);
    quiet.ws.terminate();
  }
}

it('gets what others wrote while its unsendable offline change stays pending here', async () => {
  t.server = await startTestServer({ heldAnswerMs: 1500 });
  const a = new Y.Doc();
  const sockets: SocketLog = { attempts: 0, sent: [], closed: 0 };
  const ca = connectTo(t.server, a, t.clients, { ...noCheck, maxFrameBytes: 1000, WebSocketPolyfill: countingSocket(sockets) });
  const b = new Y.Doc();
  const cb = connectTo(t.server, b, t.clients);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  insertRows(b, [{ title: 'Första' }], { ids: ['r1'] });
  await eventually(() => titles(a).includes('Första'), 5000, 'the row at A');
  ca.disconnect();
  // One value, one struct over A's frame size: it cannot be cut, so it cannot be sent.
  setCells(a, 'r1', { comment: 'x'.repeat(1500) });
  insertRows(b, [{ title: 'Skriven medan A var borta' }]);
  await eventually(() => cb.status.pendingLocalChanges === 0, 5000, 'B stored');

  await eventually(() => sockets.closed === sockets.attempts, 5000, 'A\'s socket closed by its disconnect');
  const opened = sockets.attempts;
  const closed = sockets.closed;
  ca.connect();
  await eventually(() => titles(a).includes('Skriven medan A var borta'), 5000, 'B\'s row at A');
  // Past the server's wait for an answer (1.5 s from the opening): not closed for one that never came.
  await quietPeerClosed();
  expect(sockets.closed).toBe(closed);
  expect(sockets.attempts).toBe(opened + 1);
  expect(ca.status.pendingLocalChanges).toBeGreaterThan(0);
  expect(titles(b)).toEqual(['Första', 'Skriven medan A var borta']);
  expect(rowsOf(b).find((r) => r.id === 'r1')?.values.comment ?? null).toBeNull();
});
