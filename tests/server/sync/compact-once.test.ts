/**
 * A snapshot of a loaded room encodes the document once (`commit-log-snapshots.ts`): the V2
 * snapshot alone, while the room's next edits would make fresh clients' bytes of that state
 * unusable. The fresh bytes are written by the room's closing snapshot, also when nothing was
 * written after the last one (then beside that same snapshot), so a later load finds a snapshot
 * with its fresh bytes and no update after it, as before. On SQLite (synchronous commits) and on
 * a store whose writes are asynchronous (memory, as PostgreSQL's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { CommitLog, type CommitLogHost } from '../../../server/sync/commit-log.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { GroupCommit } from '../../../server/sync/group-commit.js';
import { decodeFresh, encodeFresh } from '../../../server/sync/fresh-state.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import { loadDoc, type Loaded } from '../../../server/sync/load-doc.js';
import type { Fanout } from '../../../server/sync/fanout.js';
import { eventually } from './support.js';
import { made } from '../storage/made.js';

const ref: DocRef = { workspace: 'ws', doc: 'plan' };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => Storage> = {
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-once-'));
    dirs.push(dir);
    return openSqliteStorage(join(dir, 'o.db'));
  },
  memory: () => createMemoryStorage(),
};

/** `storage` with the document `ref` made (its record stored): a store appends only to a document whose record is stored. */
const planMade = async (storage: Storage): Promise<Storage> => (await made(storage, ref), storage);

/** A room's log over `storage` (a snapshot due after 3 updates, at once), counting its host's whole-document encodes. */
function room(storage: Storage, loaded?: Loaded, fanout?: Fanout): { edit(): void; log: CommitLog<string>; doc: Y.Doc; encodes: { snapshot: number; fresh: number } } {
  const doc = loaded?.doc ?? new Y.Doc();
  const encodes = { snapshot: 0, fresh: 0 };
  const host: CommitLogHost<string> = {
    applyForeign: (update) => Y.applyUpdate(doc, update),
    relay: () => undefined,
    snapshot: () => (encodes.snapshot++, Y.encodeStateAsUpdateV2(doc)),
    fresh: () => (encodes.fresh++, encodeFresh(doc)),
    broke: (err) => {
      throw err;
    },
  };
  const options = { ...defaultSyncOptions, compactEvery: 3, compactQuietMs: 0 };
  const log = new CommitLog<string>(ref, { storage, fanout, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options, group: new GroupCommit(storage) }, host, loaded?.tail ?? 0, loaded?.lastSeq ?? 0, loaded?.bare);
  let edits = 0;
  const edit = (): void => {
    const before = Y.encodeStateVector(doc);
    doc.getMap('rows').set(`r${edits}`, edits++);
    log.append(Y.encodeStateAsUpdate(doc, before), 'member-a', 'peer');
  };
  return { edit, log, doc, encodes };
}

/** Edits in turns of their own, until each is stored. */
async function edits(r: ReturnType<typeof room>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    r.edit();
    await eventually(() => r.log.clean, 5000, `edit ${i} stored`);
  }
}

describe.each(Object.keys(stores))('a snapshot of a loaded room on %s', (kind) => {
  it('encodes the document once; the room closing writes the fresh bytes beside that same snapshot', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const r = room(storage);
    await edits(r, 3);
    await eventually(async () => (await storage.loadDoc(ref)).updates.length === 0, 5000, 'the snapshot stored');
    // One encode: the V2 snapshot, no fresh bytes (the old code encoded both and stored them).
    expect(r.encodes).toEqual({ snapshot: 1, fresh: 0 });
    const live = await storage.loadDoc(ref);
    expect(live.lastSeq).toBe(3);
    expect(live.fresh).toBeUndefined();
    const compact = vi.spyOn(storage, 'compact');
    await r.log.close();
    // The snapshot is not written again (nor handed to `compact` to be ignored at its own sequence).
    expect(compact).not.toHaveBeenCalled();
    // Nothing written since: the close encodes the fresh bytes alone, not the snapshot again.
    expect(r.encodes).toEqual({ snapshot: 1, fresh: 1 });
    // Stored at the same sequence, of the same state.
    const closed = await storage.loadDoc(ref);
    expect(closed.lastSeq).toBe(3);
    expect(closed.updates).toHaveLength(0);
    expect(closed.snapshot).toEqual(live.snapshot);
    const fresh = decodeFresh(closed.fresh as Uint8Array);
    expect(fresh?.stateVector).toEqual(Y.encodeStateVector(r.doc));
    const served = new Y.Doc();
    Y.applyUpdate(served, fresh?.update as Uint8Array);
    expect(served.getMap('rows').toJSON()).toEqual({ r0: 0, r1: 1, r2: 2 });
    await storage.close?.();
  });

  it('loaded by another process from a live snapshot, the room closing writes the fresh bytes alone', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const writer = room(storage);
    await edits(writer, 3);
    await eventually(async () => (await storage.loadDoc(ref)).updates.length === 0, 5000, 'the snapshot stored');
    const live = await storage.loadDoc(ref);
    const loaded = await loadDoc(ref, storage, pino({ level: 'silent' }));
    expect({ tail: loaded.tail, lastSeq: loaded.lastSeq, bare: loaded.bare }).toEqual({ tail: 1, lastSeq: 3, bare: true });
    const reader = room(storage, loaded);
    const compact = vi.spyOn(storage, 'compact');
    await reader.log.close();
    expect(compact).not.toHaveBeenCalled();
    expect(reader.encodes).toEqual({ snapshot: 0, fresh: 1 });
    const closed = await storage.loadDoc(ref);
    expect(closed.snapshot).toEqual(live.snapshot);
    expect(decodeFresh(closed.fresh as Uint8Array)?.stateVector).toEqual(Y.encodeStateVector(writer.doc));
    // An update after the snapshot: not bare, the close writes a new snapshot with its fresh bytes.
    writer.edit();
    await eventually(() => writer.log.clean, 5000, 'the edit stored');
    expect((await loadDoc(ref, storage, pino({ level: 'silent' }))).bare).toBe(false);
    await storage.close?.();
  });

  it('with other processes on the store, puts the fresh bytes beside a live snapshot the room stays idle after', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const fanout = { publishUpdates: () => undefined } as unknown as Fanout;
    const r = room(storage, undefined, fanout);
    await edits(r, 3);
    // Another process loading the document now serves fresh clients from the stored bytes.
    await eventually(async () => (await storage.loadDoc(ref)).fresh !== undefined, 5000, 'the fresh bytes stored in the pause');
    const stored = await storage.loadDoc(ref);
    expect(stored.lastSeq).toBe(3);
    expect(stored.updates).toHaveLength(0);
    expect(decodeFresh(stored.fresh as Uint8Array)?.stateVector).toEqual(Y.encodeStateVector(r.doc));
    expect(r.encodes).toEqual({ snapshot: 1, fresh: 1 });
    const compact = vi.spyOn(storage, 'compact');
    const putFresh = vi.spyOn(storage, 'putFresh');
    await r.log.close();
    // Nothing owed: the close writes nothing and encodes nothing.
    expect(compact).not.toHaveBeenCalled();
    expect(putFresh).not.toHaveBeenCalled();
    expect(r.encodes).toEqual({ snapshot: 1, fresh: 1 });
    await storage.close?.();
  });

  it('writes the closing snapshot with fresh bytes of the last state when edits followed the live one', async () => {
    const storage = await planMade((stores[kind] as () => Storage)());
    const r = room(storage);
    await edits(r, 4);
    await eventually(async () => (await storage.loadDoc(ref)).snapshot !== null, 5000, 'the live snapshot stored');
    expect(r.encodes.fresh).toBe(0);
    await r.log.close();
    const closed = await storage.loadDoc(ref);
    expect(closed.lastSeq).toBe(4);
    expect(closed.updates).toHaveLength(0);
    expect(decodeFresh(closed.fresh as Uint8Array)?.stateVector).toEqual(Y.encodeStateVector(r.doc));
    expect(r.encodes.fresh).toBe(1);
    await storage.close?.();
  });
});
