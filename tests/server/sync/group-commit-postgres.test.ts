/**
 * Group commit on PostgreSQL, whose `appendMany` answers with a promise: one document the store
 * refuses (its record deleted meanwhile, a constraint its rows break) fails its own room only; the
 * other rooms' batches of the same group are stored and relayed, nothing of them lost.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost, type Relayed } from '../../../server/sync/commit-log.js';
import { GroupCommit } from '../../../server/sync/group-commit.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import type { DocumentStore, Storage } from '../../../server/storage/storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { listenedClient } from '../../support/listened-client.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { made } from '../storage/made.js';

interface Events {
  relayed: string[];
  broken: string[];
}

/** A commit log per document of workspace `ws`, all in `group`, telling `events` what they relay and which broke. */
function logs(storage: DocumentStore, group: GroupCommit, docs: string[], events: Events): CommitLog<string>[] {
  return docs.map((doc) => {
    const host: CommitLogHost<string> = {
      applyForeign: () => undefined,
      relay: (batch: readonly Relayed<string>[]) => events.relayed.push(...batch.map((r) => `${doc}:${r.update[0]}`)),
      snapshot: () => new Uint8Array(),
      broke: () => void events.broken.push(doc),
    };
    const deps = { storage, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: defaultSyncOptions, group };
    return new CommitLog<string>({ workspace: 'ws', doc }, deps, host, 0, 0);
  });
}

/** The stored appends of `storage`'s `appendMany`, as `many:a,b` per call. */
function counting(storage: Storage): Storage & { calls: string[] } {
  const calls: string[] = [];
  const appendMany = (storage.appendMany as NonNullable<Storage['appendMany']>).bind(storage);
  return Object.assign(Object.create(storage) as Storage, {
    calls,
    appendMany: (batches: Parameters<NonNullable<Storage['appendMany']>>[0]) => {
      calls.push(`many:${batches.map((b) => b.ref.doc).join(',')}`);
      return appendMany(batches);
    },
  });
}

/** Runs `sql` on the database at `url` on a connection of its own, as a hand in psql would. */
async function byHand(url: string, sql: string): Promise<void> {
  const c = listenedClient({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const u = (n: number): Uint8Array => new Uint8Array([n, 0, 0]);
const refs = (...ids: string[]) => ids.map((doc) => ({ workspace: 'ws', doc }));

describe.skipIf(servicesMissing() !== null)('group commit on PostgreSQL', () => {
  const server = usePostgres();

  it('stores and relays the other rooms\u2019 edits when one document of the group was deleted meanwhile, and refuses that one in words', async () => {
    const url = await server.createDb('group_gone');
    const pgStore = await openPostgresStorage(url);
    try {
      await made(pgStore, ...refs('a', 'b', 'c'));
      const storage = counting(pgStore);
      const events: Events = { relayed: [], broken: [] };
      const [a, b, c] = logs(storage, new GroupCommit(storage), ['a', 'b', 'c'], events) as [CommitLog<string>, CommitLog<string>, CommitLog<string>];
      await Promise.all([a.push(u(1), 'm', 'pa'), b.push(u(2), 'm', 'pb'), c.push(u(3), 'm', 'pc')]);
      events.relayed.length = 0;
      // Another process deletes b while its room still takes edits.
      await pgStore.deleteDoc({ workspace: 'ws', doc: 'b' });
      const results = await Promise.allSettled([a.push(u(4), 'm', 'pa'), b.push(u(5), 'm', 'pb'), c.push(u(6), 'm', 'pc')]);
      // The old code failed all three with b's refusal, and broke a's and c's logs with it.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DocRecordGoneError);
      expect(events.relayed.sort()).toEqual(['a:4', 'c:6']);
      expect(events.broken).toEqual(['b']);
      expect(storage.calls.slice(-2)).toEqual(['many:a,b,c', 'many:a,c']);
      expect([...(await pgStore.lastSeqs('ws', ['a', 'c'])).values()]).toEqual([2, 2]);
      expect((await pgStore.loadDoc({ workspace: 'ws', doc: 'a' })).updates.map((x) => x[0])).toEqual([1, 4]);
    } finally {
      await pgStore.close();
    }
  });

  it('writes each room alone when a constraint refuses the group without naming a document: only the refused room fails', async () => {
    const url = await server.createDb('group_check');
    const pgStore = await openPostgresStorage(url);
    try {
      await made(pgStore, ...refs('a', 'b', 'c'));
      // A constraint a hand added, which b's rows break (SQLSTATE 23514, naming no document).
      await byHand(url, "ALTER TABLE update_log ADD CONSTRAINT no_b_rows CHECK (doc <> 'b') NOT VALID");
      const storage = counting(pgStore);
      const events: Events = { relayed: [], broken: [] };
      const [a, b, c] = logs(storage, new GroupCommit(storage), ['a', 'b', 'c'], events) as [CommitLog<string>, CommitLog<string>, CommitLog<string>];
      const results = await Promise.allSettled([a.push(u(1), 'm', 'pa'), b.push(u(2), 'm', 'pb'), c.push(u(3), 'm', 'pc')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/no_b_rows/);
      expect(events.relayed.sort()).toEqual(['a:1', 'c:3']);
      expect(events.broken).toEqual(['b']);
      expect([...(await pgStore.lastSeqs('ws', ['a', 'b', 'c'])).values()]).toEqual([1, 0, 1]);
    } finally {
      await pgStore.close();
    }
  });
});
