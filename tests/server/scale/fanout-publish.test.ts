/**
 * Redis fan-out publishing: a commit's message is written to Redis's socket while `publishUpdates`
 * runs, before the room goes on to relay to its own peers (`CommitLog`), not at a later turn of
 * the event loop, so the other processes' readers do not wait for the local relay and the rest of
 * the I/O phase. The message still arrives whole, in order, at a process watching the document.
 */
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const ref = { workspace: 'hbi-test', doc: 'plan-written-at-once' };

describe.skipIf(missing !== null)('Redis fan-out publishing', () => {
  const redis = useRedis();

  it('writes a published update to the socket before publishUpdates returns, in order', async () => {
    const channel = `test-${Date.now()}`;
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const heard: number[] = [];
    b!.listen({
      updates: (_r, firstSeq) => void heard.push(firstSeq),
      awareness: () => undefined,
      presenceAsked: () => undefined,
      rights: () => undefined,
      resync: () => undefined,
    });
    const write = vi.spyOn(net.Socket.prototype, 'write');
    try {
      await b!.watch?.(ref);
      write.mockClear();
      const text = (chunk: unknown): string => (Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk));
      for (const seq of [5, 6, 7]) {
        a!.publishUpdates(ref, seq, [new Uint8Array([seq])]);
        const written = write.mock.calls.map(([chunk]) => text(chunk)).filter((t) => t.includes('publish') && t.includes(ref.doc));
        expect(written).toHaveLength(seq - 4);
      }
      const until = Date.now() + 5000;
      while (heard.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual([5, 6, 7]);
    } finally {
      write.mockRestore();
      await Promise.all([a, b].map((f) => f!.close()));
    }
  });
});
