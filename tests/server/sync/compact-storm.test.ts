/**
 * A snapshot put off while updates wait to be written (`commit-log.ts` `compact`) is not put off
 * for as long as two processes write one document: the state taken with the next batch is of no
 * use when the other process's update lands before it, so every compaction of the storm was put
 * off again and the log grew without a snapshot until both stopped. After `PUT_OFF_BOUND`
 * put-offs the snapshot is built from the stored log, and it holds exactly what the log holds up
 * to the sequence it claims. The storage double interleaves the other process: before each batch
 * of this room, one update of its own; and a peer's edit arrives while each compaction reads storage.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { CommitLog, PUT_OFF_BOUND, type CommitLogHost } from '../../../server/sync/commit-log.js';
import { defaultSyncOptions } from '../../../server/sync/deps.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { decodeFresh, encodeFresh } from '../../../server/sync/fresh-state.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRef, DocumentStore } from '../../../server/storage/storage.js';
import { eventually } from './support.js';
import { made } from '../storage/made.js';

const ref: DocRef = { workspace: 'ws', doc: 'd' };
/** Edits of this room's peers in the storm; the other process writes as long as they come. */
const STORM = 30;

/** The state vector of a doc built from `updates` (V1). */
const vectorOf = (updates: readonly Uint8Array[]): Uint8Array => {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return Y.encodeStateVector(d);
};

it('takes snapshots while two processes write one document without pause, each of exactly the log up to its sequence', async () => {
  const inner = createMemoryStorage();
  await made(inner, ref);
  const [doc, other] = [new Y.Doc(), new Y.Doc()];
  [doc.clientID, other.clientID] = [1, 2];
  /** Every stored update by its sequence number (1…). */
  const logged: Uint8Array[] = [];
  const compactions: { upto: number; edits: number; snapshot: Uint8Array; fresh: Uint8Array | undefined }[] = [];
  let edits = 0;
  let log: CommitLog<string> | null = null;
  const emitted = (d: Y.Doc, change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(d);
    change();
    return Y.encodeStateAsUpdate(d, before);
  };
  const edit = (): void => {
    const update = emitted(doc, () => doc.getMap('room').set(`k${edits}`, edits));
    edits++;
    log?.append(update, 'member-a', 'peer');
  };
  const append = async (r: DocRef, items: Parameters<DocumentStore['appendUpdates']>[1]): Promise<number> => {
    const last = await inner.appendUpdates(r, items);
    items.forEach((item, i) => (logged[last - items.length + 1 + i] = item.update));
    return last;
  };
  const storage = Object.assign(Object.create(inner) as DocumentStore, {
    appendUpdates: async (r: DocRef, items: Parameters<DocumentStore['appendUpdates']>[1]) => {
      if (edits >= STORM) return append(r, items);
      // A peer's edit, applied to the doc while the compaction looks at storage.
      if (items.length === 0) return edit(), append(r, items);
      // Another edit arrives while this room's write is under way; the other process's write lands just before it.
      edit();
      await append(r, [{ update: emitted(other, () => other.getMap('other').set(`o${edits}`, edits)), memberId: 'member-b' }]);
      return append(r, items);
    },
    compact: async (r: DocRef, snapshot: Uint8Array, upto: number, fresh?: Uint8Array) => {
      compactions.push({ upto, edits, snapshot, fresh });
      return inner.compact(r, snapshot, upto, fresh);
    },
  });
  const host: CommitLogHost<string> = {
    applyForeign: (update) => Y.applyUpdate(doc, update),
    relay: () => undefined,
    snapshot: () => Y.encodeStateAsUpdateV2(doc),
    fresh: () => encodeFresh(doc),
    broke: (err) => {
      throw err;
    },
  };
  const deps = { storage, logger: pino({ level: 'silent' }), metrics: noopSyncMetrics, options: { ...defaultSyncOptions, compactEvery: 3 } };
  log = new CommitLog<string>(ref, deps, host, 0, 0);
  edit();
  await eventually(() => edits >= STORM && (log?.clean ?? false), 20_000, 'the storm written');
  await log.close();
  const during = compactions.filter((c) => c.edits < STORM);
  console.log(`storm of ${STORM} edits, ${logged.length - 1} updates stored: snapshots at ${compactions.map((c) => `${c.upto} (edit ${c.edits})`).join(', ')}`);
  // Put off at most PUT_OFF_BOUND times in a row: snapshots during the storm (none before the bound).
  expect(during.length).toBeGreaterThanOrEqual(2);
  expect(during[0]?.upto).toBeLessThanOrEqual(4 * (PUT_OFF_BOUND + 1));
  // The snapshots of the loaded room encode it once (no fresh bytes); the closing one, the last, writes them.
  compactions.forEach(({ fresh }, i) => expect(fresh === undefined, `fresh bytes of snapshot ${i}`).toBe(i < compactions.length - 1));
  for (const { upto, snapshot, fresh } of compactions) {
    const snapshotDoc = new Y.Doc();
    Y.applyUpdateV2(snapshotDoc, snapshot);
    const upToIt = logged.slice(1, upto + 1);
    expect(upToIt).toHaveLength(upto);
    expect(Y.encodeStateVector(snapshotDoc), `snapshot at ${upto}`).toEqual(vectorOf(upToIt));
    if (fresh) expect(decodeFresh(fresh)?.stateVector).toEqual(vectorOf(upToIt));
  }
  // Nothing lost: what a reload builds is the room's doc.
  const stored = await inner.loadDoc(ref);
  const reloaded = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(reloaded, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(reloaded, u);
  expect(reloaded.getMap('room').size).toBe(STORM);
  expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
}, 60_000);
