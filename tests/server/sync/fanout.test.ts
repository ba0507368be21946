/**
 * Fan-out between processes as the commit log sees it: updates another process published are
 * applied once and in storage order, whatever the messages do (arrive twice, overlap, skip some,
 * come while this room writes), and this room's own commits are published with their sequence.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { CommitLog, type CommitLogHost } from '../../../server/sync/commit-log.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout } from '../../../server/sync/fanout.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { made } from '../storage/made.js';

const ref = { workspace: 'hbi-test', doc: 'plan-a' };
const u = (n: number): Uint8Array => new Uint8Array([n]);

async function setup(stored: number) {
  const storage = createMemoryStorage();
  await made(storage, ref);
  if (stored > 0) await storage.appendUpdates(ref, Array.from({ length: stored }, (_, i) => ({ update: u(i + 1), memberId: null })));
  const applied: number[] = [];
  const published: { firstSeq: number; updates: number[] }[] = [];
  /** `publish` and `relay`, in the order the log did them. */
  const order: string[] = [];
  const host: CommitLogHost<null> = {
    applyForeign: (update) => applied.push(update[0] as number),
    relay: () => void order.push('relay'),
    snapshot: () => new Uint8Array(),
    broke: () => undefined,
  };
  const fanout: Fanout = {
    publishUpdates: (_ref, firstSeq, updates) => {
      order.push('publish');
      published.push({ firstSeq, updates: updates.map((x) => x[0] as number) });
    },
    publishAwareness: () => undefined,
    askPresence: () => undefined,
    publishRights: () => Promise.resolve(null),
    connected: () => true,
    listen: () => undefined,
    close: async () => undefined,
  };
  const deps = { storage, fanout, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: defaultSyncOptions };
  const log = new CommitLog<null>(ref, deps, host, 0, stored);
  return { storage, log, applied, published, order };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('fan-out between processes', () => {
  it('applies a published update once, however often it arrives or overlaps', async () => {
    const { storage, log, applied } = await setup(3);
    await storage.appendUpdates(ref, [4, 5].map((n) => ({ update: u(n), memberId: null })));
    log.receivePublished(4, [u(4)]);
    log.receivePublished(4, [u(4)]);
    log.receivePublished(4, [u(4), u(5)]);
    log.receivePublished(5, [u(5)]);
    expect(applied).toEqual([4, 5]);
  });

  it('reads what a gap left out from storage, in sequence order, then ignores the late messages', async () => {
    const { storage, log, applied } = await setup(3);
    await storage.appendUpdates(ref, [4, 5, 6, 7, 8].map((n) => ({ update: u(n), memberId: null })));
    log.receivePublished(8, [u(8)]);
    await until(() => applied.length === 5);
    log.receivePublished(6, [u(6)]);
    log.receivePublished(7, [u(7), u(8)]);
    expect(applied).toEqual([4, 5, 6, 7, 8]);
  });

  it('publishes its own commits with their sequence, and catches up what was announced while it wrote', async () => {
    const { storage, log, applied, published } = await setup(3);
    const mine = log.push(u(40), 'm-a', null);
    // Another process commits 4 before this room's write, and 6 after it, while the write is queued.
    await storage.appendUpdates(ref, [{ update: u(4), memberId: null }]);
    log.receivePublished(4, [u(4)]);
    await mine;
    await storage.appendUpdates(ref, [{ update: u(6), memberId: null }]);
    log.receivePublished(6, [u(6)]);
    await until(() => applied.length === 2);
    expect(published).toEqual([{ firstSeq: 5, updates: [40] }]);
    expect(applied).toEqual([4, 6]);
  });

  it('publishes a commit to the other processes before relaying it to the peers here', async () => {
    // The other processes' readers wait for Redis and another process: their message leaves first.
    const { log, order } = await setup(3);
    await Promise.all([log.push(u(40), 'm-a', null), log.push(u(41), 'm-a', null)]);
    await log.push(u(42), 'm-a', null);
    expect(order).toEqual(['publish', 'relay', 'publish', 'relay']);
  });

  it('encodes messages losslessly and reads anything else on the channel as nothing', () => {
    const msg = { origin: 'p1', kind: 'updates' as const, ref, firstSeq: 12, updates: [u(1), new Uint8Array([2, 3])] };
    expect(decodeFanoutMessage(encodeFanoutMessage(msg))).toEqual(msg);
    const rights = { origin: 'p2', kind: 'rights' as const, change: { hook: 'memberRemoved' as const, workspace: 'hbi-test', memberId: 'm-a' } };
    expect(decodeFanoutMessage(encodeFanoutMessage(rights))).toEqual(rights);
    const ask = { origin: 'p3', kind: 'ask' as const, ref };
    expect(decodeFanoutMessage(encodeFanoutMessage(ask))).toEqual(ask);
    expect(decodeFanoutMessage(new TextEncoder().encode('hello'))).toBeNull();
  });
});
