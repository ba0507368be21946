/**
 * A coordinator's indicator documents and the manager's read-only replicas of them, linked the way
 * the sync server links them: every update made on the coordinator's side is applied on the
 * manager's side as a remote update.
 */
import * as Y from 'yjs';
import { createDoc, insertRow, REMOTE_ORIGIN } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';

/** Catalog rows: a ratio indicator with target 60 (baseline 40) and a count without target. */
export const CATALOG: RowValues[] = [
  { id: 'far-6man', name: 'FaR uppföljda efter 6 månader', area: 'god-och-jamlik-halsa', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher', baseline: 40, target: 60, unitOfMeasure: 'procent' },
  { id: 'halsosamtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher' },
];

/** Values: 3 valid rows (one with "no value") and one with an unknown indicator (an error). */
export const VALUES: RowValues[] = [
  { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2025', kon: 'T', numerator: 30, denominator: 60, status: 'definitiv' },
  { indicator: 'far-6man', unit: 'vc-tensta', period: '2025', kon: 'T', numerator: 45, denominator: 60, status: 'preliminar' },
  { indicator: 'halsosamtal', unit: '0180', period: '2025', kon: 'T', value: null },
  { indicator: 'okand', unit: 'vc-rinkeby', period: '2025', kon: 'T', value: 3 },
];

/** Two docs kept in step: `coordinator` is written, `manager` only receives. */
export function linkedDocs(kind: 'indicator-catalog' | 'indicator-values', rows: RowValues[]): { coordinator: Y.Doc; manager: Y.Doc; ids: string[] } {
  const coordinator = createDoc(kind, { title: kind, ownerUnit: 'region', schemaVersion: 1 });
  const ids = rows.map((r) => insertRow(coordinator, r));
  const manager = new Y.Doc();
  Y.applyUpdate(manager, Y.encodeStateAsUpdate(coordinator), REMOTE_ORIGIN);
  coordinator.on('update', (update: Uint8Array) => Y.applyUpdate(manager, update, REMOTE_ORIGIN));
  return { coordinator, manager, ids };
}

/** The catalog and values pair of {@link linkedDocs}. */
export function indicatorDocs(values: RowValues[] = VALUES) {
  const catalog = linkedDocs('indicator-catalog', CATALOG);
  const vals = linkedDocs('indicator-values', values);
  return { catalog, values: vals };
}
