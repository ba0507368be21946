/**
 * A committed batch is published to the other processes before the room relays it to its own
 * peers; the fan-out may hold a turn's messages for one socket write at its end (a group commit's
 * documents, `quiet-publisher.ts`), so the log flushes it before a relay that sends anything, and
 * not when there is nobody here to relay to (then the group's messages go out together).
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost } from '../../../server/sync/commit-log.js';
import { GroupCommit } from '../../../server/sync/group-commit.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { relayBatch, relaySends } from '../../../server/sync/relay.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Fanout } from '../../../server/sync/fanout.js';
import { made } from '../storage/made.js';

const ignore = (): undefined => undefined;

describe('commit log publishing', () => {
  it('flushes the fan-out after publishing and before a relay that sends, and leaves a group’s messages held when nobody here reads', async () => {
    const storage = createMemoryStorage();
    await made(storage, { workspace: 'ws', doc: 'a' }, { workspace: 'ws', doc: 'b' });
    const events: string[] = [];
    const fanout: Fanout = {
      publishUpdates: (ref, firstSeq) => void events.push(`publish ${ref.doc}:${firstSeq}`),
      flush: () => void events.push('flush'),
      publishAwareness: ignore,
      askPresence: ignore,
      publishRights: () => Promise.resolve(null),
      connected: () => true,
      listen: ignore,
      close: async () => undefined,
    };
    const group = new GroupCommit(storage);
    let done = 0;
    const peer = (name: string) => ({ send: () => void events.push(`send ${name}`) });
    const writer = peer('writer');
    const reader = peer('reader');
    const logFor = (doc: string, peers: { send(): void }[]): CommitLog<{ send(): void }> => {
      const host: CommitLogHost<{ send(): void }> = {
        applyForeign: ignore,
        relay: (batch) => (relayBatch(peers, batch), done++),
        relays: (batch) => relaySends(peers, batch),
        snapshot: () => new Uint8Array(),
        broke: ignore,
      };
      const deps = { storage, fanout, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: defaultSyncOptions, group };
      return new CommitLog({ workspace: 'ws', doc }, deps, host, 0, 0);
    };
    // Two rooms in one group commit: a reader here on `a`, only the writer on `b`.
    const a = logFor('a', [writer, reader]);
    const b = logFor('b', [writer]);
    await Promise.all([b.push(new Uint8Array([1, 0, 0]), 'anna', writer), a.push(new Uint8Array([2, 0, 0]), 'anna', writer)]);
    expect(done).toBe(2);
    expect(events.filter((e) => e !== 'publish b:1')).toEqual(['publish a:1', 'flush', 'send reader']);
    // `b`'s message is not flushed by `b` (nobody here reads it): it goes out with the turn's others.
    expect(events.indexOf('publish b:1')).toBeGreaterThanOrEqual(0);
    expect(events.lastIndexOf('flush')).toBe(events.indexOf('flush'));
  });
});
