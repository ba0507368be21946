/**
 * The documents of the region bench: `count` small activity plans (`region-0` …), each holding
 * the same state (a new plan with {@link REGION_ROWS} rows). Samplan finds them in storage; every
 * client also sends that state after its first sync, so the peers hold the same content (for
 * Samplan it changes nothing).
 */
import * as Y from 'yjs';
import type { Storage } from '../../server/storage/storage.js';
import { insertRow } from '../../shared/doc/index.js';
import { madeDoc } from './made-doc.js';
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

/** Seed the bench workspace (token, member) and `count` region documents holding `state`. */
export async function seedRegion(storage: Storage, count: number, state: Uint8Array): Promise<void> {
  await seedBench(storage, 1);
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const ref = { workspace: BENCH_WS, doc: regionDoc(i) };
    await storage.putDocRecord({ ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'region', createdAt: at, updatedAt: at });
    await storage.appendUpdates(ref, [{ update: state, memberId: null }]);
  }
}
