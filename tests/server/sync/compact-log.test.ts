/**
 * A compaction never makes the log and the snapshot disagree (`commit-log.ts` `compact`): the
 * snapshot (and the fresh clients' bytes beside it) holds exactly the updates the log holds up to
 * the sequence it claims, even when an edit arrives while the compaction reads storage or while
 * the write that made it due is on its round trip (PostgreSQL's, modelled by holding the call).
 * A kill -9 just after the compaction finds in storage what the wrapper copied at that moment:
 * an edit in the snapshot without its log row would have no history entry, audit row or stored
 * take-back record.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRef, Storage, StoredDoc, UpdateRecord } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { decodeFresh } from '../../../server/sync/fresh-state.js';
import { closedAfterEach, connectProvider, eventually, startTestServer, synced, TOKENS, WS } from './support.js';

const ref: DocRef = { workspace: WS, doc: 'plan-a' };
const t = closedAfterEach<WebsocketProvider>((p) => p.destroy());

/** What storage held right after the first compaction, as a process killed then would find it. */
interface Crashed {
  stored: StoredDoc;
  log: UpdateRecord[];
}

/**
 * Memory storage whose next empty append (the compaction's look for other processes' updates) or
 * next append of updates is held until released, and which copies what it holds right after the
 * first compaction.
 */
function heldStorage(): Storage & { hold(kind: 'read' | 'write'): Promise<void>; release(): void; crashed: Crashed | null } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { hold(kind: 'read' | 'write'): Promise<void>; release(): void; crashed: Crashed | null };
  let armed: { kind: 'read' | 'write'; reached: () => void } | null = null;
  let release: (() => void) | null = null;
  storage.crashed = null;
  storage.hold = (kind) => new Promise((reached) => (armed = { kind, reached }));
  storage.release = () => release?.();
  storage.appendUpdates = async (r, updates) => {
    if (armed && (armed.kind === 'read') === (updates.length === 0)) {
      const { reached } = armed;
      armed = null;
      await new Promise<void>((resolve) => {
        release = resolve;
        reached();
      });
    }
    return inner.appendUpdates(r, updates);
  };
  storage.compact = async (r, snapshot, uptoSeq, fresh) => {
    await inner.compact(r, snapshot, uptoSeq, fresh);
    // Read in this turn: nothing else is written before the copy is made.
    const [stored, log] = [inner.loadDoc(r), inner.listUpdates(r, 0, 1_000_000)];
    storage.crashed ??= { stored: await stored, log: await log };
  };
  return storage;
}

/** The state vector of a doc built from `updates` (V1). */
const vectorOf = (updates: Uint8Array[]): Uint8Array => {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return Y.encodeStateVector(d);
};

describe('compaction and the log', () => {
  // compactEvery 3: the seeded update and two edits make the compaction due after the second edit's write.
  it.each(['read', 'write'] as const)('snapshots no update the log lacks when an edit arrives while the compaction %s is held', async (kind) => {
    const storage = heldStorage();
    // A failure before the release lets the server stop.
    onTestFinished(() => storage.release());
    t.server = await startTestServer({ compactEvery: 3, graceMs: 30 }, { storage });
    const a = connectProvider(t.server, 'plan-a', TOKENS.coordinator);
    const b = connectProvider(t.server, 'plan-a', TOKENS.coordinator);
    t.clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const title = (v: string): void => void a.doc.getMap('meta').set('title', v);
    title('first');
    await eventually(async () => (await storage.loadDoc(ref)).lastSeq === 2, 5000, 'first edit stored');
    const held = storage.hold(kind);
    title('second');
    await held;
    // Applied to the room's doc and queued while the compaction (or the write before it) waits for
    // storage; typed on another connection (a connection's next edit may wait for its last one's write).
    insertRow(b.doc, { title: 'queued' }, { id: 'queued' });
    // The live doc (`getDoc` would wait for the held write).
    const room = await t.server.sync.registry.withDoc(ref, (r) => r.doc);
    await eventually(() => getRow(room, 'queued') !== undefined, 5000, 'queued edit applied');
    storage.release();
    await eventually(() => storage.crashed !== null, 5000, 'compacted');
    const { stored, log } = storage.crashed as Crashed;
    const snapshotDoc = new Y.Doc();
    Y.applyUpdateV2(snapshotDoc, stored.snapshot as Uint8Array);
    const upto = stored.lastSeq - stored.updates.length;
    // Put off while the queued edit waited, the snapshot was taken with that edit's write.
    expect(upto).toBe(4);
    const logged = log.filter((u) => u.seq <= upto).map((u) => u.update);
    // The snapshot holds what the log holds up to its sequence, no more and no less. A loaded
    // room's snapshot has no fresh bytes (its next edits would make them unusable); its closing one has.
    expect(Y.encodeStateVector(snapshotDoc)).toEqual(vectorOf(logged));
    expect(stored.fresh).toBeUndefined();
    expect(log.filter((u) => u.seq <= upto).length).toBe(upto);
    // And nothing is lost: the queued edit is stored, and the stored state is the client's.
    await eventually(async () => (await storage.loadDoc(ref)).lastSeq === 4, 5000, 'queued edit stored');
    const now = await storage.loadDoc(ref);
    const reloaded = new Y.Doc();
    if (now.snapshot) Y.applyUpdateV2(reloaded, now.snapshot);
    for (const u of now.updates) Y.applyUpdate(reloaded, u);
    expect(getRow(reloaded, 'queued')?.values.title).toBe('queued');
    await eventually(() => getRow(a.doc, 'queued') !== undefined, 5000, 'queued edit relayed');
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(a.doc));
    // Unloaded, the document's last snapshot carries fresh bytes of exactly its state.
    a.destroy();
    b.destroy();
    await eventually(async () => (await storage.loadDoc(ref)).fresh !== undefined, 5000, 'the closing snapshot with fresh bytes');
    const closed = await storage.loadDoc(ref);
    const closedDoc = new Y.Doc();
    Y.applyUpdateV2(closedDoc, closed.snapshot as Uint8Array);
    expect(closed.updates).toHaveLength(0);
    expect(decodeFresh(closed.fresh as Uint8Array)?.stateVector).toEqual(Y.encodeStateVector(closedDoc));
  });
});
