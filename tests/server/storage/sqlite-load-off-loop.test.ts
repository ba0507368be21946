/**
 * A large document's snapshot row is read off the event loop (`sqlite-load.ts`,
 * `sqlite-large-reads.ts`): the 42 MB row of a plan of 10,000 rows × 1,900 characters (its V2
 * snapshot and the fresh clients' bytes) held the loop 241–424 ms in one SQLite statement, and an
 * edit of any other document waited all of it. Here a second room's edits go round while the row
 * is read, and the bytes loaded are those the row holds.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeFresh } from '../../../server/sync/room-fresh.js';
import { setCell, rowsOf } from '../../../shared/doc/index.js';
import { cpuMsOf } from '../../support/thread-cpu.js';
import { bigPlan, editsWhile, onNextTurn, planB, type BigPlan } from '../sync/big-plan.js';

let plan: BigPlan | null = null;
afterEach(async () => {
  await plan?.close();
  plan = null;
});

const same = (a: Uint8Array | null | undefined, b: Uint8Array): boolean => a !== null && a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

describe('a large compacted document read from SQLite', () => {
  it('is read while another room\'s edits go round, as the bytes its snapshot row holds', async () => {
    plan = await bigPlan(true);
    const { storage, registry, compacted, path } = plan;
    const row = compacted as NonNullable<BigPlan['compacted']>;
    // What the old read held the loop for: the row in one statement on this thread.
    const reader = new Database(path, { readonly: true });
    const oneStatementMs = cpuMsOf(() => reader.prepare('SELECT data, fresh FROM snapshots WHERE workspace = ? AND doc = ?').get(planB.workspace, planB.doc));
    reader.close();
    const { rtts, loaded, workMs, heldCpuMs } = await editsWhile(registry, storage, () => onNextTurn(() => storage.loadDoc(planB)));
    const longest = Math.max(...rtts);
    console.log(`snapshot row of ${row.snapshot.byteLength + row.fresh.byteLength} bytes read in ${Math.round(workMs)} ms (in one statement here: ${Math.round(oneStatementMs)} ms of CPU); ${rtts.length} edits of another room, longest round trip ${Math.round(longest)} ms; loop held at most ${Math.round(heldCpuMs)} ms of CPU`);
    expect(same(loaded.snapshot, row.snapshot)).toBe(true);
    expect(same(loaded.fresh, row.fresh)).toBe(true);
    expect(loaded.updates).toEqual([]);
    expect(loaded.lastSeq).toBe((await storage.lastSeqs(planB.workspace, [planB.doc])).get(planB.doc));
    // Read in the load's own statement (at load 20-27 on 2 cores): 3 edits in all (none during the
    // read), the one due waited all of it (2.1 s of a 2.1 s read), the loop held 342 ms of CPU (the
    // statement alone 256 ms). Read by the worker: 82 edits went round, the loop held at most 5 ms
    // of CPU, the longest round trip 1.7 s of a 4.6 s read (the machine's load, not this work). The
    // CPU bound is half the statement's own, measured here. The longest round trip is printed, not
    // bounded: with the loop free it is what the machine's load makes it (a CI run with the suite
    // beside it saw 710 ms of an 811 ms read while the loop held under half the statement's CPU);
    // the edits answered during the read and the loop's CPU are what the old read fails.
    expect(rtts.length).toBeGreaterThan(4);
    expect(heldCpuMs).toBeLessThan(oneStatementMs * 0.5);
  }, 120_000);

  it('is of one state when compacted again while the worker reads it: the snapshot and the updates after it, as of the number given', async () => {
    plan = await bigPlan(true);
    const { storage, big } = plan;
    const before = Y.encodeStateVector(big);
    setCell(big, (rowsOf(big)[0] as { id: string }).id, 'title', 'Stavgång i Hansta');
    const update = Y.encodeStateAsUpdate(big, before);
    const loading = storage.loadDoc(planB);
    // Before the worker answers: an update and a compaction to it.
    const seq = await storage.appendUpdates(planB, [{ update, memberId: null }]);
    await storage.compact(planB, Y.encodeStateAsUpdateV2(big), seq, encodeFresh(big));
    const loaded = await loading;
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdateV2(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    // The worker may have read the row before the compaction (the state before the edit) or after
    // it (the load read again): either way the state is the one of the sequence number given.
    expect([seq - 1, seq]).toContain(loaded.lastSeq);
    expect(Y.encodeStateVector(doc)).toEqual(loaded.lastSeq === seq ? Y.encodeStateVector(big) : before);
  }, 120_000);
});
