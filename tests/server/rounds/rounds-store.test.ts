import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { DEFAULT_RETENTION } from '../../../server/storage/retention.js';
import { ROUNDS_DOC, RoundsStore, type RoundsState } from '../../../server/rounds/rounds-store.js';
import type { RoundDef } from '../../../shared/rounds/model.js';

const WS = 'ws-reload';
const REF = { workspace: WS, doc: ROUNDS_DOC };
const round = (id: string, title: string): RoundDef => ({ id, title, period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true, units: [] });

/**
 * Fold the rounds document's whole log into one snapshot, as a compaction does; run when the log
 * is older than the history window, so its rows are pruned and no update is left to list.
 */
async function compactAll(storage: ReturnType<typeof createMemoryStorage>): Promise<number> {
  const stored = await storage.loadDoc(REF);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  await storage.compact(REF, Y.encodeStateAsUpdateV2(doc), stored.lastSeq);
  doc.destroy();
  return stored.lastSeq;
}

/** Two stores on one storage: `here` read kv1, `other` stored kv2 after it, then the log was pruned. */
async function prunedBehind(): Promise<{ storage: ReturnType<typeof createMemoryStorage>; here: RoundsStore; upto: number }> {
  let now = new Date('2026-05-04T08:00:00Z');
  const storage = createMemoryStorage({ clock: () => now });
  const here = new RoundsStore(storage);
  const other = new RoundsStore(storage);
  await here.change(WS, 'coord', () => ({ write: { rounds: { kv1: round('kv1', '2026 kv 1') } }, result: null }));
  // Another process stores a round this one has not read, then the log is folded into a snapshot
  // and its rows pruned: listing the updates after what this process read finds none, yet
  // storage is ahead of it.
  await other.change(WS, 'coord', () => ({ write: { rounds: { kv2: round('kv2', '2026 kv 2') } }, result: null }));
  now = new Date(now.getTime() + DEFAULT_RETENTION.keepEveryChangeMs + 3_600_000);
  const upto = await compactAll(storage);
  expect(await storage.listUpdates(REF, 0, 10)).toEqual([]);
  return { storage, here, upto };
}

describe('RoundsStore.state', () => {
  it('reads the whole document again when storage is ahead and the log it would catch up on was pruned, so no update is left to list', async () => {
    const { here } = await prunedBehind();
    const told: string[][] = [];
    here.onChange((_ws, state) => told.push([...state.rounds.keys()].sort()));
    expect([...(await here.state(WS)).rounds.keys()].sort()).toEqual(['kv1', 'kv2']);
    expect(told).toEqual([['kv1', 'kv2']]);
    expect([...(here.loaded(WS)?.rounds.keys() ?? [])].sort()).toEqual(['kv1', 'kv2']);
  });
});

describe('RoundsStore.change', () => {
  it('decides on storage’s whole document when another process wrote and the log it would catch up on was pruned', async () => {
    const { storage, here, upto } = await prunedBehind();
    const told: RoundsState[] = [];
    here.onChange((_ws, state) => told.push(state));
    const seen: string[][] = [];
    const result = await here.change(WS, 'admin', (state) => {
      seen.push([...state.rounds.keys()].sort());
      return { write: { rounds: { kv3: round('kv3', '2026 kv 3') } }, result: state.rounds.size };
    });

    // Decided once, on storage's whole document (read again before deciding, not after a lost compare-and-set).
    expect(seen).toEqual([['kv1', 'kv2']]);
    expect(result).toBe(2);
    // Stored after the snapshot, not over it: nothing of the other process's is lost.
    const after = await storage.loadDoc(REF);
    expect(after.lastSeq).toBe(upto + 1);
    expect([...(await new RoundsStore(storage).state(WS)).rounds.keys()].sort()).toEqual(['kv1', 'kv2', 'kv3']);
    // The listeners and the loaded state (the lock check's) were told both: the reload, then the write.
    expect(told.map((s) => [...s.rounds.keys()].sort())).toEqual([['kv1', 'kv2'], ['kv1', 'kv2', 'kv3']]);
    expect([...(here.loaded(WS)?.rounds.keys() ?? [])].sort()).toEqual(['kv1', 'kv2', 'kv3']);
  });

  it('decides again on what another process stored between its catch-up and its compare-and-set', async () => {
    const storage = createMemoryStorage();
    const here = new RoundsStore(storage);
    await here.change(WS, 'coord', () => ({ write: { rounds: { kv1: round('kv1', '2026 kv 1') } }, result: null }));
    const theirs = new Y.Doc();
    theirs.getMap<string>('rounds').set('kv2', JSON.stringify(round('kv2', '2026 kv 2')));
    const seen: string[][] = [];
    await here.change(WS, 'admin', (state) => {
      seen.push([...state.rounds.keys()].sort());
      // Another process appends after this decision's catch-up (synchronously, before this one's append).
      if (seen.length === 1) void storage.appendUpdates(REF, [{ update: Y.encodeStateAsUpdate(theirs), memberId: 'coord' }]);
      return { write: { rounds: { kv3: round('kv3', '2026 kv 3') } }, result: null };
    });
    expect(seen).toEqual([['kv1'], ['kv1', 'kv2']]);
    expect([...(await new RoundsStore(storage).state(WS)).rounds.keys()].sort()).toEqual(['kv1', 'kv2', 'kv3']);
  });
});
