/** The bench workspace: one small doc for fan-out and a 10,000-row × 15-column doc. */
import * as Y from 'yjs';
import { hashSecret } from '../../server/auth/tokens.js';
import type { Storage } from '../../server/storage/storage.js';
import { madeDoc } from './made-doc.js';
import { kindDef } from '../../shared/schema/index.js';
import type { DocKind } from '../../shared/schema/types.js';

export const BENCH_WS = 'bench';
/** A coordinator's token, of the real shape, stored hashed by {@link seedBench}. */
export const BENCH_TOKEN = `spl_${'bench-coordinator-'.padEnd(43, '0')}`;

/** A document as the server makes one (`made-doc.ts`). */
const created = (kind: DocKind, title: string): Y.Doc => madeDoc(kind, { title, ownerUnit: 'region', schemaVersion: kindDef(kind).schemaVersion });

/** A doc of `rows` rows with 15 cells each (strings, numbers, booleans), as the pane writes them. */
export function bigDoc(rows: number): Y.Doc {
  const doc = created('indicator-values', 'big');
  const map = doc.getMap<Y.Map<unknown>>('rows');
  doc.transact(() => {
    for (let i = 0; i < rows; i++) {
      const row = new Y.Map<unknown>();
      map.set(`row${i.toString(36).padStart(6, '0')}`, row);
      row.set('_pos', `a${i.toString(36).padStart(5, '0')}`);
      row.set('indicator', `ind-${i % 22}`);
      row.set('unit', `clinic-${i % 15}`);
      row.set('period', `${2020 + (i % 6)}Q${1 + (i % 4)}`);
      row.set('kon', ['T', 'K', 'M'][i % 3] as string);
      row.set('value', (i * 7.3) % 100);
      row.set('numerator', i % 500);
      row.set('denominator', 500 + (i % 300));
      row.set('status', i % 2 ? 'preliminar' : 'definitiv');
      row.set('source', 'Kolada');
      row.set('comment', i % 10 === 0 ? 'Uppföljning efter sex månader' : null);
      row.set('target', 60 + (i % 20));
      row.set('baseline', 40 + (i % 20));
      row.set('validated', i % 3 === 0);
      row.set('area', ['levnadsvanor', 'psykisk-halsa', 'jamlik-halsa'][i % 3] as string);
    }
  });
  return doc;
}

/** Put the bench workspace and its docs into storage; the big doc as one V2 snapshot. */
export async function seedBench(storage: Storage, bigRows: number): Promise<Uint8Array> {
  const at = new Date().toISOString();
  await storage.putWorkspace({ id: BENCH_WS, name: 'Bench', createdAt: at });
  await storage.putMember({ workspace: BENCH_WS, id: 'm-bench', name: 'Bench', role: 'coordinator', units: [] });
  await storage.putToken({
    id: 't-bench',
    hash: hashSecret(BENCH_TOKEN),
    workspace: BENCH_WS,
    memberId: 'm-bench',
    label: 'bench',
    createdAt: at,
    expiresAt: null,
    revokedAt: null,
  });
  // Each document's record first: a store keeps an update only of a document whose record it holds.
  for (const [doc, kind] of [['fanout', 'activity-plan'], ['big', 'indicator-values']] as const) {
    await storage.putDocRecord({ workspace: BENCH_WS, doc, kind, title: doc, ownerUnit: 'region', createdAt: at, updatedAt: at });
  }
  const fanout = created('activity-plan', 'fanout');
  await storage.appendUpdates({ workspace: BENCH_WS, doc: 'fanout' }, [{ update: Y.encodeStateAsUpdate(fanout), memberId: null }]);
  fanout.destroy();
  const big = bigDoc(bigRows);
  const ref = { workspace: BENCH_WS, doc: 'big' };
  const seq = await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(big), memberId: null }]);
  const snapshot = Y.encodeStateAsUpdateV2(big);
  await storage.compact(ref, snapshot, seq);
  big.destroy();
  return snapshot;
}
