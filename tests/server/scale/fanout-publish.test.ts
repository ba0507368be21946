/**
 * Redis fan-out publishing: the messages published in one turn of the event loop go out in one
 * socket write at its end (`quiet-publisher.ts`: a group commit's documents, one wakeup of Redis
 * instead of one per document), or at once when the sync layer flushes before relaying to its own
 * peers (`Fanout.flush`, `CommitLog`), so the other processes' readers do not wait for the local
 * relay. The messages still arrive whole, in order, at a process watching the documents.
 */
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { connectRedisFanout } from '../../../server/fanout/redis.js';
import { servicesMissing } from '../../support/services.js';
import { useRedis } from '../../support/use-services.js';

const missing = servicesMissing();
const refOf = (doc: string) => ({ workspace: 'hbi-test', doc });
const DOCS = ['plan-turn-a', 'plan-turn-b', 'plan-turn-c', 'plan-turn-d', 'plan-turn-e'];

/** Socket writes as they reach the kernel (`_writeGeneric`: one system call each), as text. */
function wireWrites(): { texts(): string[]; restore(): void } {
  const spy = vi.spyOn(net.Socket.prototype as unknown as { _writeGeneric(writev: boolean, data: unknown): void }, '_writeGeneric');
  const text = (chunk: unknown): string => (Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk));
  return {
    texts: () =>
      spy.mock.calls.map(([writev, data]) =>
        writev ? (data as ({ chunk: unknown } | Buffer)[]).map((c) => text(Buffer.isBuffer(c) ? c : c.chunk)).join('') : text(data),
      ),
    restore: () => spy.mockRestore(),
  };
}

describe.skipIf(missing !== null)('Redis fan-out publishing', () => {
  const redis = useRedis();

  it('writes the messages of one turn in one socket write at its end, and at once on flush, in order', async () => {
    const channel = `test-${Date.now()}`;
    const [a, b] = await Promise.all([1, 2].map(() => connectRedisFanout(redis.url, { channel })));
    const heard: string[] = [];
    b!.listen({
      updates: (ref, firstSeq) => void heard.push(`${ref.doc}:${firstSeq}`),
      awareness: () => undefined,
      presenceAsked: () => undefined,
      rights: () => undefined,
      resync: () => undefined,
    });
    const writes = wireWrites();
    try {
      for (const doc of DOCS) await b!.watch?.(refOf(doc));
      const ours = (): string[] => writes.texts().filter((t) => t.includes('samplan_publish'));
      const before = ours().length;
      // A group commit's documents, published in one turn: held until its end, then one write.
      for (const [i, doc] of DOCS.entries()) a!.publishUpdates(refOf(doc), i + 1, [new Uint8Array([i])]);
      expect(ours().length).toBe(before);
      await new Promise((r) => setImmediate(r));
      const turn = ours().slice(before);
      expect(turn).toHaveLength(1);
      expect(DOCS.map((doc) => (turn[0] as string).indexOf(doc))).toEqual(DOCS.map((doc) => (turn[0] as string).indexOf(doc)).sort((x, y) => x - y));
      // A flush (a relay here follows) writes at once, before the turn ends.
      a!.publishUpdates(refOf(DOCS[0] as string), 10, [new Uint8Array([10])]);
      a!.flush?.();
      expect(ours().slice(before + 1)).toHaveLength(1);
      const until = Date.now() + 5000;
      while (heard.length < DOCS.length + 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual([...DOCS.map((doc, i) => `${doc}:${i + 1}`), `${DOCS[0]}:10`]);
    } finally {
      writes.restore();
      await Promise.all([a, b].map((f) => f!.close()));
    }
  });
});
