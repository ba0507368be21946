import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { binaryFrameHeader, framedDirectly, mergedFrame, MERGE_MAX_BYTES, WsTransport } from '../../../server/sync/ws-transport.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { listenedServer } from '../../support/listened-server.js';
import { listenedSocket } from '../../support/listened-socket.js';
import { connectProvider, eventually, startTestServer, synced, TOKENS, type TestServer } from './support.js';

/** `ws`'s own framing, to compare the headers written here with. */
const { frame } = (
  createRequire(import.meta.url)('ws') as {
    Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
  }
).Sender;

interface Pair {
  server: http.Server;
  /** The server side: its transport, `ws` socket and TCP socket. */
  transport: WsTransport;
  ws: WebSocket;
  tcp: Duplex;
  /** Every error the server side's `ws` socket emitted, in order (listened from the upgrade on). */
  wsErrors: Error[];
  /** The client, with every binary message it got, in order. */
  client: WebSocket;
  got: Buffer[];
}

let open: Pair | null = null;
afterEach(async () => {
  open?.client.terminate();
  open?.server.closeAllConnections();
  await new Promise((r) => open?.server.close(r) ?? r(null));
  open = null;
});

/** A `ws` server with one connected client; the server side sends through a {@link WsTransport}. */
async function pair(): Promise<Pair> {
  const server = http.createServer();
  // WsTransport does not listen for `error` (the sync server does); the helper does here, so a
  // reset under the server side does not leave the event loop as an unhandled error.
  let resolveSocket: (ws: WebSocket) => void = () => undefined;
  const accepted = new Promise<WebSocket>((resolve) => (resolveSocket = resolve));
  const { accept, errors: wsErrors } = listenedServer({ noServer: true }, (ws) => resolveSocket(ws));
  let upgraded: Duplex | undefined;
  server.on('upgrade', (req, tcp, head) => {
    upgraded = tcp;
    accept(req, tcp, head);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { ws: client, opened } = listenedSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const got: Buffer[] = [];
  client.on('message', (data: Buffer) => got.push(data));
  const ws = await accepted;
  const tcp = upgraded as Duplex;
  await opened;
  open = { server, transport: new WsTransport(ws, tcp), ws, tcp, wsErrors, client, got };
  return open;
}

const payload = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('frame headers', () => {
  it('are the bytes ws frames a final unmasked binary message with, at every length class', () => {
    for (const n of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
      const [theirs] = frame(Buffer.alloc(n), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false });
      expect([...binaryFrameHeader(n)], `length ${n}`).toEqual([...(theirs as Buffer)]);
    }
  });

  it('a payload sent again is framed once: the same Buffer, header then payload', () => {
    const a = payload(300, 1);
    const first = mergedFrame(a);
    expect(mergedFrame(a)).toBe(first);
    expect([...first]).toEqual([...binaryFrameHeader(300), ...a]);
    const b = payload(300, 2);
    const second = mergedFrame(b);
    expect(second).not.toBe(first);
    expect([...second.subarray(4)]).toEqual([...b]);
  });
});

describe('WsTransport', () => {
  it('writes frames straight to the socket, intact and in order with ws.send, small and large, corked or not', async () => {
    const { transport, ws, got } = await pair();
    const before = framedDirectly();
    const sent = [payload(10, 1), payload(MERGE_MAX_BYTES, 2), payload(MERGE_MAX_BYTES + 1, 3), payload(200_000, 4), payload(0, 5)];
    transport.send(sent[0] as Uint8Array);
    ws.send(sent[1] as Uint8Array);
    transport.send(sent[2] as Uint8Array);
    transport.together(() => {
      transport.send(sent[3] as Uint8Array);
      transport.send(sent[4] as Uint8Array);
    });
    await eventually(() => got.length === sent.length, 3000, 'every frame');
    expect(got.map((b) => [...b])).toEqual(sent.map((p) => [...p]));
    // The installed ws is written around (its sender's shape is the one read): four frames went directly.
    expect(framedDirectly() - before).toBe(4);
  });

  it('keeps its turn behind a send ws still holds (a Blob being read): no frame overtakes it', async () => {
    const { transport, ws, got } = await pair();
    const before = framedDirectly();
    ws.send(new Blob([Buffer.from(payload(50, 7))]));
    transport.send(payload(20, 8));
    transport.send(payload(30, 9));
    await eventually(() => got.length === 3, 3000, 'three frames');
    expect(got.map((b) => b.byteLength)).toEqual([50, 20, 30]);
    // While ws queued, the frames went through ws.send.
    expect(framedDirectly() - before).toBe(0);
  });

  it('sends nothing after the close frame: a send on a closing socket neither throws nor writes', async () => {
    const { transport, ws, client, got } = await pair();
    const closed = new Promise<number>((r) => client.once('close', (code) => r(code)));
    transport.send(payload(5, 1));
    ws.close(4000, 'bye');
    const before = framedDirectly();
    expect(() => transport.send(payload(6, 2))).not.toThrow();
    expect(framedDirectly()).toBe(before);
    expect(await closed).toBe(4000);
    expect(got.map((b) => b.byteLength)).toEqual([5]);
  });

  it('counts what a peer that does not read leaves queued, and delivers all of it in order once it reads', async () => {
    const { transport, client, got } = await pair();
    const tcp = (client as unknown as { _socket: Socket })._socket;
    tcp.pause();
    // About 24 MB, in frames on both sides of the merge limit.
    const frames = Array.from({ length: 800 }, (_, i) => payload(10_000 + (i % 3) * 10_000, i));
    for (const f of frames) transport.send(f);
    const total = frames.reduce((sum, f) => sum + f.byteLength, 0);
    // Loopback's kernel buffers take a few MB at most; the rest waits in the socket's queue, counted.
    await new Promise((r) => setTimeout(r, 100));
    expect(transport.bufferedAmount()).toBeGreaterThan(total - 12 * 1024 * 1024);
    tcp.resume();
    // 24 MB through loopback and ws's parser: seconds at load 30, so the test's timeout bounds it, not a 10 s wait.
    await eventually(() => got.length === frames.length, 110_000, 'every frame after resuming');
    expect(got.every((b, i) => Buffer.compare(b, Buffer.from(frames[i] as Uint8Array)) === 0)).toBe(true);
    expect(transport.bufferedAmount()).toBe(0);
  }, 120_000);
});

describe('the sync server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('relays through the direct path: every reader ends with the writer’s rows, in the writer’s order', async () => {
    server = await startTestServer({ framesPerSecond: 10_000, frameBurst: 10_000 });
    const writer = connectProvider(server, 'plan-a', TOKENS.editorA);
    const readers = [0, 1, 2].map(() => connectProvider(server as TestServer, 'plan-a', TOKENS.viewer));
    await Promise.all([writer, ...readers].map(synced));
    const before = framedDirectly();
    for (let i = 0; i < 60; i++) {
      insertRows(writer.doc, [{ title: `Rad ${i}` }]);
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    const titles = (doc: typeof writer.doc): string[] => rowsOf(doc).map((r) => String(r.values.title));
    await eventually(() => readers.every((r) => rowsOf(r.doc).length === rowsOf(writer.doc).length), 5000, 'every reader to have every row');
    for (const r of readers) expect(titles(r.doc)).toEqual(titles(writer.doc));
    // At least one relayed frame per reader went straight to its socket.
    expect(framedDirectly() - before).toBeGreaterThanOrEqual(readers.length);
    for (const p of [writer, ...readers]) p.destroy();
  });
});
