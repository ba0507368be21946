import { afterEach, describe, expect, it } from 'vitest';
import { encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { rawClient, startTestServer, TOKENS, type RawClient, type TestServer } from './support.js';

let server: TestServer;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
});

async function join(): Promise<RawClient> {
  const c = rawClient(server, 'plan-a', TOKENS.editorA);
  clients.push(c);
  await c.opened;
  return c;
}

describe('sync frames', () => {
  it.each([
    ['an unknown message type', new Uint8Array([9, 0])],
    ['an unknown sync sub-type', new Uint8Array([0, 7, 0])],
    ['a truncated length', new Uint8Array([0, 2, 50, 1, 2])],
    ['trailing bytes', new Uint8Array([3, 0])],
    ['an update that is not a Yjs update', new Uint8Array([0, 2, 3, 255, 255, 255])],
    ['an awareness update that is not one', new Uint8Array([1, 2, 5, 1])],
    ['an empty frame', new Uint8Array([])],
  ])('closes with 4400 on %s', async (_what, frame) => {
    server = await startTestServer();
    const c = await join();
    c.send(frame);
    expect((await c.closed).code).toBe(4400);
  });

  it('closes with 4400 on a text frame', async () => {
    server = await startTestServer();
    const c = await join();
    c.send('hello');
    expect((await c.closed).code).toBe(4400);
  });

  it('closes with 4413 on a frame over the size limit', async () => {
    server = await startTestServer({ maxFrameBytes: 1024 });
    const c = await join();
    c.send(new Uint8Array(2048));
    expect((await c.closed).code).toBe(4413);
  });

  it('closes with 4429 when a connection sends faster than its token bucket allows', async () => {
    server = await startTestServer({ framesPerSecond: 10, frameBurst: 20 });
    const c = await join();
    for (let i = 0; i < 40; i++) c.send(encodeSyncStep1(new Uint8Array([0])));
    expect((await c.closed).code).toBe(4429);
  });

  it('does not close a connection that stays within its bucket', async () => {
    server = await startTestServer({ framesPerSecond: 10, frameBurst: 20 });
    const c = await join();
    for (let i = 0; i < 15; i++) c.send(encodeSyncStep1(new Uint8Array([0])));
    await new Promise((r) => setTimeout(r, 200));
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });
});
