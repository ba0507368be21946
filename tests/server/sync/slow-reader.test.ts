import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { encodeStateVector } from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { connectProvider, eventually, rawClient, startTestServer, synced, TOKENS, type TestServer } from './support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const LIMIT = 512 * 1024;

describe('a client that stops reading', () => {
  it('is closed with 1013 once the server holds too much for it; the others go on, and it catches up on reconnect', async () => {
    server = await startTestServer({ maxBufferedBytes: LIMIT, framesPerSecond: 10_000, frameBurst: 10_000 });
    const writer = connectProvider(server, 'plan-a', TOKENS.editorA);
    const reader = connectProvider(server, 'plan-a', TOKENS.viewer);
    await Promise.all([synced(writer), synced(reader)]);

    // A raw client that joins, then stops reading its socket (a suspended laptop).
    const slow = rawClient(server, 'plan-a', TOKENS.viewer);
    await slow.opened;
    slow.send(encodeSyncStep1(encodeStateVector(new Y.Doc())));
    await eventually(() => slow.frames.length > 0, 3000, 'the slow client’s first sync');
    const tcp = (slow.ws as unknown as { _socket: Socket })._socket;
    tcp.pause();
    await eventually(() => server?.sync.registry.stats().connections === 3, 3000, 'three connections');

    // The writer sends about 12 MB in 400-row updates: far more than the kernel buffers hold.
    let closed: number | undefined;
    void slow.closed.then((c) => (closed = c.code));
    const text = 'Promenadgrupp i Spånga, samling vid vårdcentralen. '.repeat(38);
    for (let round = 0; round < 30 && server.sync.registry.stats().connections === 3; round++) {
      insertRows(writer.doc, Array.from({ length: 400 }, (_, i) => ({ title: `r${round}-${i}`, comment: text })));
      await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(() => server?.sync.registry.stats().connections === 2, 10_000, 'the slow client to be dropped');

    // The reader that kept reading has everything.
    await eventually(() => rowsOf(reader.doc).length === rowsOf(writer.doc).length, 10_000, 'the reader to catch up');

    // Once it reads again it sees the close, and a fresh connection gets the whole document.
    tcp.resume();
    await eventually(() => closed !== undefined, 10_000, 'the close frame');
    expect(closed).toBe(CloseCode.tryAgainLater);
    const again = connectProvider(server, 'plan-a', TOKENS.viewer);
    await synced(again);
    await eventually(() => rowsOf(again.doc).length === rowsOf(writer.doc).length, 10_000, 'the reconnect to catch up');
    expect(rowsOf(again.doc).map((r) => r.id)).toEqual(rowsOf(writer.doc).map((r) => r.id));
    for (const p of [writer, reader, again]) p.destroy();
  }, 30_000);
});
