/**
 * The documents of the region bench: `count` small activity plans (`region-0` …), each holding
 * the same state (a new plan with {@link REGION_ROWS} rows). Samplan finds them in storage; every
 * client also sends that state after its first sync, so the peers hold the same content (for
 * Samplan it changes nothing).
 */
import * as Y from 'yjs';
import type { Storage } from '../../server/storage/storage.js';
import { insertRow, metaOf } from '../../shared/doc/index.js';
import { madeDoc } from './made-doc.js';
import { encodeFresh } from '../../server/sync/fresh-state.js';
import { kindDef } from '../../shared/schema/index.js';
import { BENCH_WS, seedBench } from './bench-seed.js';

/** Rows in each region document. */
export const REGION_ROWS = 20;

/** The name of region document `i`. */
export const regionDoc = (i: number): string => `region-${i}`;

/** The V1 state every region document holds. */
export function regionState(): Uint8Array {
  // Made and marked as the server makes every document (a document without the mark is marked at its first load).
  const doc = madeDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'region', schemaVersion: kindDef('activity-plan').schemaVersion });
  for (let i = 0; i < REGION_ROWS; i++) {
    insertRow(doc, { title: `Promenadgrupp ${i}`, participantsPlanned: 10 + i, comment: 'tisdagar 10–11' }, { id: `seed-${i}` });
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * How a seeded document is stored: `log`, as one update in the log (a document no server has
 * unloaded since it was written); `unloaded`, as a server leaves it when its room unloads: that
 * update compacted into a V2 snapshot with the fresh clients' state beside it (`Room.close`,
 * `server/sync/fresh-state.ts`).
 */
export type SeedStored = 'log' | 'unloaded';

/**
 * Seed the bench workspace (token, member) and `count` region documents holding `state`, stored as
 * `stored` says. Each record's title is the document's `meta.title`, as a server that makes a
 * document writes both: with another title (the document's id, as before) the first server to load
 * each document repaired its record (`title-follow.ts`), a record write that moves the rights
 * version, and every such write started a rights round over the open sockets and settled those in
 * admission — work of a bench's seeding in Samplan's stored storm and memory slopes that no
 * server restarted on its own documents does, and no peer.
 */
export async function seedRegion(storage: Storage, count: number, state: Uint8Array, stored: SeedStored = 'log'): Promise<void> {
  await seedBench(storage, 1);
  const at = new Date().toISOString();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const snapshot = Y.encodeStateAsUpdateV2(doc);
  const fresh = encodeFresh(doc);
  const title = metaOf(doc)?.title;
  doc.destroy();
  for (let i = 0; i < count; i++) {
    const ref = { workspace: BENCH_WS, doc: regionDoc(i) };
    await storage.putDocRecord({ ...ref, kind: 'activity-plan', title: typeof title === 'string' && title !== '' ? title : ref.doc, ownerUnit: 'region', createdAt: at, updatedAt: at });
    await storage.appendUpdates(ref, [{ update: state, memberId: null }]);
    if (stored === 'unloaded') await storage.compact(ref, snapshot, 1, fresh);
  }
}
