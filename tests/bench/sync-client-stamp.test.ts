import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { SyncClient } from '../../bench/support/sync-client.js';
import { listenedServer } from '../support/listened-server.js';

let server: WebSocketServer | null = null;
let client: SyncClient | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A bare `ws` server that notes when each frame arrives (ms of `performance.now`, the same process). */
async function arrivals(): Promise<{ url: string; at: number[] }> {
  const at: number[] = [];
  const { wss } = listenedServer({ port: 0, host: '127.0.0.1' }, (ws) => ws.on('message', () => at.push(performance.now())));
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, at };
}

describe('SyncClient.lastSentAt', () => {
  it('is taken after the edit’s own Yjs work, as the frame goes to the socket, not before the work', async () => {
    const { url, at } = await arrivals();
    const c = (client = new SyncClient(url));
    await new Promise<void>((resolve) => c.ws.once('open', () => resolve()));
    // The frame of step 1 sent on opening has arrived: the next arrival is the edit's.
    while (at.length < 1) await new Promise((r) => setTimeout(r, 5));
    expect(c.lastSentAt).toBeLessThanOrEqual(at[0] as number);

    const before = performance.now();
    let workDone = NaN;
    c.write((doc) => {
      doc.getMap('rows').set('a', 'Hälsodag');
      // The bench process stalls in its own work (a collection, a slow transaction): 40 ms.
      const until = performance.now() + 40;
      while (performance.now() < until);
      workDone = performance.now();
    });
    while (at.length < 2) await new Promise((r) => setTimeout(r, 5));
    // The stall is not in the send time: the stamp follows the work, and precedes the arrival.
    expect(workDone - before).toBeGreaterThanOrEqual(40);
    expect(c.lastSentAt).toBeGreaterThanOrEqual(workDone);
    expect(c.lastSentAt).toBeLessThanOrEqual(at[1] as number);
  });

  it('is NaN before anything was sent', () => {
    const c = (client = new SyncClient('ws://127.0.0.1:9'));
    expect(c.lastSentAt).toBeNaN();
  });
});
