/**
 * Gathers what completeness and the roll-up read from a workspace: the rows of every
 * `indicator-values` and `activity-plan` document with their error counts per row, the
 * indicator definitions and the units. Error counts are cached per live document and dropped on
 * its next update, so a refresh of the completeness view does not validate again when nothing
 * changed.
 */
import type * as Y from 'yjs';
import { rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { RoundDocInput } from '../../shared/rounds/completeness.js';
import type { RowValues } from '../../shared/schema/types.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { Storage, UnitRecord } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';

/** A workspace's documents as rounds read them. */
export interface RoundData {
  docs: RoundDocInput[];
  definitions: Map<string, IndicatorDefinition>;
  units: UnitRecord[];
}

const errorCache = new WeakMap<Y.Doc, Map<string, number>>();

function errorsOf(doc: Y.Doc, docId: string): Map<string, number> {
  const hit = errorCache.get(doc);
  if (hit) return hit;
  const counts = new Map<string, number>();
  for (const p of validateDoc(doc, docId)) {
    if (p.severity === 'error' && p.rowId) counts.set(p.rowId, (counts.get(p.rowId) ?? 0) + 1);
  }
  errorCache.set(doc, counts);
  doc.once('update', () => errorCache.delete(doc));
  return counts;
}

/** Read the documents completeness and the roll-up need, through the live rooms. */
export async function loadRoundData(storage: Storage, docs: DocAccess, workspace: string): Promise<RoundData> {
  const [records, units] = await Promise.all([storage.listDocs(workspace), storage.listUnits(workspace)]);
  const catalogRows: RowValues[] = [];
  const out: RoundDocInput[] = [];
  for (const rec of records) {
    const ref = { workspace, doc: rec.doc };
    if (rec.kind === 'indicator-catalog') {
      catalogRows.push(...(await docs.read(ref, (doc) => rowsOf(doc).map((r) => r.values))));
    } else if (rec.kind === 'indicator-values' || rec.kind === 'activity-plan') {
      const input = await docs.read(ref, (doc) => ({
        doc: rec.doc,
        kind: rec.kind,
        ownerUnit: rec.ownerUnit,
        title: rec.title,
        rows: rowsOf(doc),
        errorsByRow: errorsOf(doc, rec.doc),
      }));
      out.push(input);
    }
  }
  return { docs: out, definitions: definitionsFromRows(catalogRows), units };
}
