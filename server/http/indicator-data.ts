/**
 * Gathers what an indicator table is made of from a workspace: the definitions of every
 * `indicator-catalog` document and the rows and problems of every `indicator-values` document.
 * Problems are cached per live document and dropped on its next update, so a manager's table
 * refresh does not validate 12,000 rows again when nothing changed.
 */
import type * as Y from 'yjs';
import { rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { DocRecord, Storage } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';

/** The inputs of `buildIndicatorTable` for one workspace. */
export interface IndicatorData {
  definitions: Map<string, IndicatorDefinition>;
  rows: { id: string; values: RowValues }[];
  problems: Problem[];
  /** The indicator-values documents read, for imports and messages. */
  valueDocs: DocRecord[];
}

interface Cached {
  problems: Problem[];
  refsKey: string;
}
const problemCache = new WeakMap<Y.Doc, Cached>();

function problemsOf(doc: Y.Doc, docId: string, refs: { indicators: ReadonlySet<string>; units: ReadonlySet<string> }, refsKey: string): Problem[] {
  const hit = problemCache.get(doc);
  if (hit && hit.refsKey === refsKey) return hit.problems;
  const problems = validateDoc(doc, docId, refs);
  problemCache.set(doc, { problems, refsKey });
  // Any change to the document makes its problems stale.
  doc.once('update', () => problemCache.delete(doc));
  return problems;
}

/**
 * The indicator definitions of a workspace, from every `indicator-catalog` document (`records`:
 * the workspace's documents when already listed); the first row wins when an id repeats.
 */
export async function loadIndicatorDefinitions(storage: Storage, docs: DocAccess, workspace: string, records?: readonly DocRecord[]): Promise<Map<string, IndicatorDefinition>> {
  const catalogRows: RowValues[] = [];
  for (const rec of (records ?? (await storage.listDocs(workspace))).filter((r) => r.kind === 'indicator-catalog')) {
    const rows = await docs.read({ workspace, doc: rec.doc }, (doc) => rowsOf(doc).map((r) => r.values));
    catalogRows.push(...rows);
  }
  return definitionsFromRows(catalogRows);
}

/** Reads the indicator catalog(s) and values of a workspace. */
export async function loadIndicatorData(storage: Storage, docs: DocAccess, workspace: string): Promise<IndicatorData> {
  const records = await storage.listDocs(workspace);
  const definitions = await loadIndicatorDefinitions(storage, docs, workspace, records);
  const units = new Set((await storage.listUnits(workspace)).map((u) => u.code));
  const refs = { indicators: new Set(definitions.keys()), units };
  const refsKey = `${[...refs.indicators].join(',')}|${[...units].join(',')}`;
  const valueDocs = records.filter((r) => r.kind === 'indicator-values');
  const rows: IndicatorData['rows'] = [];
  const problems: Problem[] = [];
  for (const rec of valueDocs) {
    await docs.read({ workspace, doc: rec.doc }, (doc) => {
      for (const r of rowsOf(doc)) rows.push({ id: r.id, values: r.values });
      problems.push(...problemsOf(doc, rec.doc, refs, refsKey));
    });
  }
  return { definitions, rows, problems, valueDocs };
}
