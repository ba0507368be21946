import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { SyncClient } from '../../bench/support/sync-client.js';
import { addReadDelta, noReads, readCounts } from '../../bench/support/read-counts.js';
import { listenedServer } from '../support/listened-server.js';

let server: WebSocketServer | null = null;
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A bare `ws` server that hands each accepted socket to the test, in order of connection. */
async function sockets(): Promise<{ url: string; accepted: WebSocket[] }> {
  const accepted: WebSocket[] = [];
  const { wss } = listenedServer({ port: 0, host: '127.0.0.1' }, (ws) => accepted.push(ws));
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, accepted };
}

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

describe('read counts of a fan-out’s clients', () => {
  it('counts the readers’ and the writers’ WebSocket messages and TCP bytes apart', async () => {
    const { url, accepted } = await sockets();
    const writer = new SyncClient(url);
    const reader = new SyncClient(url);
    clients.push(writer, reader);
    await until(() => accepted.length === 2 && writer.ws.readyState === 1 && reader.ws.readyState === 1);
    const [toWriter, toReader] = accepted as [WebSocket, WebSocket];
    const before = readCounts(clients, [writer]);

    // Frames of no sync message: counted as read, though the client ignores them (a server's notices cost its readers too).
    toReader.send(new Uint8Array(10).fill(9));
    toReader.send(new Uint8Array(200).fill(9));
    toWriter.send(new Uint8Array(3).fill(9));
    await until(() => reader.framesIn - before.readerFrames >= 2 && writer.framesIn - before.writerFrames >= 1);

    const sum = noReads(true);
    addReadDelta(sum, before, readCounts(clients, [writer]));
    // A server's binary frame has a 2-byte header up to 125 bytes of payload, 4 bytes up to 65,535.
    expect(sum).toEqual({ readerFrames: 2, readerBytes: 2 + 10 + 4 + 200, writerFrames: 1, writerBytes: 2 + 3 });
  });

  it('gives no readers’ counts when the readers run in other processes', () => {
    const none = noReads(false);
    expect(none.readerBytes).toBeNaN();
    expect(none.readerFrames).toBeNaN();
    expect(none.writerBytes).toBe(0);
  });
});
