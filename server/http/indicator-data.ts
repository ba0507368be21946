/**
 * Gathers what an indicator table is made of from a workspace: the definitions of every
 * `indicator-catalog` document and the rows and problems of every `indicator-values` document.
 * Problems are cached per live document and dropped on its next update, so a manager's table
 * refresh does not validate 12,000 rows again when nothing changed.
 *
 * A values document whose stored history does not decode, or whose key an SQLite store lost
 * (`document-keyless`), does not fail a table or chart ({@link indicatorDataAnswering}): it is
 * left out and named in words, as a round's tables do
 * (`round-unreadable.ts`); a damaged catalog still fails them, since its definitions judge every row.
 */
import type { Context } from 'hono';
import type * as Y from 'yjs';
import { rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import type { DocRecord, Storage } from '../storage/storage.js';
import type { RouteDeps } from './context.js';
import type { DocAccess } from './doc-access.js';
import { sayUnreadable } from './round-unreadable.js';
import { unreadableOf } from './unreadable-of.js';

/** The inputs of `buildIndicatorTable` for one workspace. */
export interface IndicatorData {
  definitions: Map<string, IndicatorDefinition>;
  rows: { id: string; values: RowValues }[];
  problems: Problem[];
  /** The indicator-values documents read, for imports and messages. */
  valueDocs: DocRecord[];
  /** The values documents left out because their stored history does not decode; empty unless `keepUnreadable` was asked. */
  unreadable: UnreadableDoc[];
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

/**
 * Reads the indicator catalog(s) and values of a workspace. With `keepUnreadable`, a values
 * document whose stored history does not decode or is refused for its key (`unreadableOf`) is
 * left out and named in `unreadable`; else, and for a catalog always, its error is thrown.
 */
export async function loadIndicatorData(storage: Storage, docs: DocAccess, workspace: string, opts: { keepUnreadable?: boolean } = {}): Promise<IndicatorData> {
  const records = await storage.listDocs(workspace);
  const definitions = await loadIndicatorDefinitions(storage, docs, workspace, records);
  const units = new Set((await storage.listUnits(workspace)).map((u) => u.code));
  const refs = { indicators: new Set(definitions.keys()), units };
  const refsKey = `${[...refs.indicators].join(',')}|${[...units].join(',')}`;
  const valueDocs = records.filter((r) => r.kind === 'indicator-values');
  const rows: IndicatorData['rows'] = [];
  const problems: Problem[] = [];
  const unreadable: UnreadableDoc[] = [];
  for (const rec of valueDocs) {
    try {
      // Rows and problems are taken only once the read succeeded, so a damaged document adds none.
      const read = await docs.read({ workspace, doc: rec.doc }, (doc) => ({ rows: rowsOf(doc).map((r) => ({ id: r.id, values: r.values })), problems: problemsOf(doc, rec.doc, refs, refsKey) }));
      rows.push(...read.rows);
      problems.push(...read.problems);
    } catch (err) {
      const left = opts.keepUnreadable ? unreadableOf(err, rec) : null;
      if (!left) throw err;
      unreadable.push(left);
    }
  }
  return { definitions, rows, problems, valueDocs: valueDocs.filter((r) => !unreadable.some((u) => u.doc === r.doc)), unreadable };
}

/**
 * {@link loadIndicatorData} for a table or chart answer: a values document that cannot be read is
 * left out, named in the `X-Samplan-Unreadable` header (document ids) and logged with its code
 * (`document-damaged`, `document-keyless`); the caller puts `unreadable` in a JSON answer.
 */
export async function indicatorDataAnswering(c: Context, deps: Pick<RouteDeps, 'storage' | 'docs' | 'logger'>, workspace: string): Promise<IndicatorData> {
  const data = await loadIndicatorData(deps.storage, deps.docs, workspace, { keepUnreadable: true });
  sayUnreadable(c, data.unreadable);
  for (const d of data.unreadable) deps.logger.warn({ code: d.code ?? 'document-damaged', workspace, doc: d.doc }, 'an indicator values document could not be read; the answer names it and leaves it out');
  return data;
}
