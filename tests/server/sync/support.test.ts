import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawClient, type TestServer } from './support.js';

describe('rawClient', () => {
  let refusing: http.Server | undefined;
  const rejections: unknown[] = [];
  const record = (reason: unknown): void => void rejections.push(reason);

  afterEach(async () => {
    process.off('unhandledRejection', record);
    rejections.length = 0;
    refusing?.closeAllConnections();
    await new Promise<void>((resolve) => (refusing ? refusing.close(() => resolve()) : resolve()));
    refusing = undefined;
  });

  it('leaves no unhandled rejection when a socket refused before it opened is only waited on to close', async () => {
    // A server that answers every upgrade 503, as one refusing sockets before the WebSocket
    // handshake does: the client's `opened` rejects, and a test waiting only for `closed` passes.
    refusing = http.createServer();
    refusing.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    await new Promise<void>((resolve) => refusing!.listen(0, '127.0.0.1', resolve));
    const base = `ws://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    process.on('unhandledRejection', record);
    const c = rawClient({ base } as TestServer, 'plan-a', 'token');
    expect((await c.closed).code).toBe(1006);
    // Rejections not handled by the end of a turn are reported after the microtasks have run.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rejections).toEqual([]);
    // One who waits for it still hears the refusal.
    await expect(c.opened).rejects.toThrow(/503/);
  });
});
