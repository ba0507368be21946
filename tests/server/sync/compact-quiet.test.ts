/**
 * A due snapshot waits for a pause in the room's writes (`commit-log-snapshots.ts`): it encodes
 * the whole document and writes it on the main thread, and an edit that arrives meanwhile waits
 * for it. Written in the turn of the commit that made it due, it fell in the middle of the burst
 * of edits that made it due; now every edit of the burst is committed and relayed first, and the
 * snapshot follows once the room is quiet, or at twice `compactEvery` for a room written without
 * a pause. On SQLite (synchronous commits, the relay in the same turn) and on a store whose writes
 * are asynchronous (memory, as PostgreSQL's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost } from '../../../server/sync/commit-log.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { GroupCommit } from '../../../server/sync/group-commit.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import { eventually } from './support.js';
import { made } from '../storage/made.js';

const ref: DocRef = { workspace: 'ws', doc: 'plan' };
const QUIET_MS = 1000;
/** Between two edits of a burst: well under the quiet period. */
const GAP_MS = 10;
const dirs: string[] = [];
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => Storage> = {
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-quiet-'));
    dirs.push(dir);
    return openSqliteStorage(join(dir, 'q.db'));
  },
  memory: () => createMemoryStorage(),
};

/** `storage` with the document `ref` made (its record stored): a store appends only to a document whose record is stored. */
const planMade = async (storage: Storage): Promise<Storage> => (await made(storage, ref), storage);

/**
 * A room's log over `storage`: what it relays and when it encodes a snapshot, in order, as
 * `relay <n>` and `snapshot <edits>`, and when (`performance.now()`, ms) each snapshot was encoded.
 */
function room(storage: Storage, quietMs = QUIET_MS): { edit(): void; events: string[]; snapshotsAt: number[]; log: CommitLog<string>; doc: Y.Doc } {
  const doc = new Y.Doc();
  const events: string[] = [];
  const snapshotsAt: number[] = [];
  let edits = 0;
  const host: CommitLogHost<string> = {
    applyForeign: (update) => Y.applyUpdate(doc, update),
    relay: (batch) => events.push(...batch.map(() => `relay ${events.filter((e) => e.startsWith('relay')).length + 1}`)),
    snapshot: () => {
      events.push(`snapshot ${edits}`);
      snapshotsAt.push(performance.now());
      return Y.encodeStateAsUpdateV2(doc);
    },
    broke: (err) => {
      throw err;
    },
  };
  const options = { ...defaultSyncOptions, compactEvery: 3, compactQuietMs: quietMs };
  const log = new CommitLog<string>(ref, { storage, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options, group: new GroupCommit(storage) }, host, 0, 0);
  closing.push(async () => {
    await log.close();
    await storage.close?.();
  });
  const edit = (): void => {
    const before = Y.encodeStateVector(doc);
    doc.getMap('rows').set(`r${edits}`, edits);
    edits++;
    log.append(Y.encodeStateAsUpdate(doc, before), 'member-a', 'peer');
  };
  return { edit, events, snapshotsAt, log, doc };
}

/** `n` edits, each in a turn of its own, {@link GAP_MS} apart. */
async function burst(edit: () => void, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    edit();
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
}

describe.each(Object.keys(stores))('a due snapshot on %s', (kind) => {
  it('waits until the burst of edits that made it due is relayed and the room is quiet', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const { edit, events, log, doc } = room(storage);
    // Due after the third edit's write; the burst goes on.
    await burst(edit, 5);
    await eventually(() => log.clean, 5000, 'the burst stored');
    expect(events).toEqual(['relay 1', 'relay 2', 'relay 3', 'relay 4', 'relay 5']);
    await eventually(() => events.length === 6, 10_000, 'the snapshot after the pause');
    expect(events[5]).toBe('snapshot 5');
    await eventually(async () => (await storage.loadDoc(ref)).updates.length === 0, 5000, 'the snapshot stored');
    const stored = await storage.loadDoc(ref);
    const reloaded = new Y.Doc();
    Y.applyUpdateV2(reloaded, stored.snapshot as Uint8Array);
    expect(stored.lastSeq).toBe(5);
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
  });

  it('is written at twice compactEvery in a room written without a pause', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const { edit, events, log } = room(storage);
    await burst(edit, 8);
    await eventually(() => log.clean, 5000, 'the burst stored');
    // compactEvery 3: not before the sixth edit is stored, and then at once, before the seventh.
    const at = events.findIndex((e) => e.startsWith('snapshot'));
    expect(events.slice(0, at)).toEqual(['relay 1', 'relay 2', 'relay 3', 'relay 4', 'relay 5', 'relay 6']);
    expect(events[at]).toBe('snapshot 6');
    expect(events.slice(at + 1)).toEqual(['relay 7', 'relay 8']);
  });

  it('waits for what is left of the pause after the last edit, not a whole pause more', async () => {
    const quiet = 2000;
    const storage = await planMade((stores[kind] as () => Storage)());
    const { edit, events, snapshotsAt, log } = room(storage, quiet);
    await burst(edit, 3);
    await eventually(() => log.clean, 5000, 'the burst stored');
    // Half a pause after the snapshot became due, one more edit: the pause counts from it.
    await new Promise((r) => setTimeout(r, quiet / 2));
    edit();
    const last = performance.now();
    // A timer of a whole pause armed with the edit: how late this machine runs one now.
    const ruler = new Promise<number>((r) => setTimeout(() => r(Math.max(0, performance.now() - last - quiet)), quiet));
    await eventually(() => events.some((e) => e.startsWith('snapshot')), 10_000, 'the snapshot after the pause');
    const late = await ruler;
    const after = (snapshotsAt[0] as number) - last;
    expect(events.at(-1)).toBe('snapshot 4');
    // A pause after the last edit (set again for a whole pause, it came one and a half pauses
    // after it), plus however late the same machine ran a timer of that pause meanwhile.
    expect(after).toBeGreaterThanOrEqual(quiet - 50);
    expect(after, `${after.toFixed(0)} ms after the edit, a timer of the pause ran ${late.toFixed(0)} ms late`).toBeLessThan(quiet * 1.3 + late);
  });
});
