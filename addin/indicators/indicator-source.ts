/**
 * Where a pulled indicator table gets its rows: an {@link IndicatorTableSource} answers "the table
 * now" and says when it may have changed. {@link docIndicatorSource} builds it over live Y.Docs
 * (connected read-only with a viewer token through the sync client), validating each values
 * document once per change, with the same `buildIndicatorTable` the server serves.
 */
import type * as Y from 'yjs';
import { observeChanges, rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { buildIndicatorTable, type IndicatorFilter, type IndicatorTable } from '../../shared/indicators/table.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { CrossRefs } from '../../shared/validate/cross-refs.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateDoc } from '../../shared/validate/validate-doc.js';

/** A live indicator table: read it, and hear when it may have changed. */
export interface IndicatorTableSource {
  /** The table now, narrowed by `filter` (all rows when omitted); validated unless the source says otherwise. */
  current(filter?: IndicatorFilter): IndicatorTable;
  /** The catalog's definitions now (names, targets), for choosers and charts. */
  definitions(): ReadonlyMap<string, IndicatorDefinition>;
  /** Calls `cb` after every change that may alter the table; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
}

/** Content problems of one values document; `validateDoc` with the catalog's ids by default. */
export type ProblemsOf = (doc: Y.Doc, docId: string, refs: CrossRefs) => Problem[];

/** Options of {@link docIndicatorSource}. */
export interface DocSourceOptions {
  /** Leave rows with errors out (default true, as managers get them). */
  validated?: boolean;
  /** Unit codes of the workspace, for the known-unit check (skipped when unset). */
  units?: ReadonlySet<string>;
}

/** A source that can be stopped. */
export interface DisposableSource extends IndicatorTableSource {
  /** Stops observing the docs. */
  dispose(): void;
}

const defaultProblems: ProblemsOf = (doc, docId, refs) => validateDoc(doc, docId, refs);

/**
 * An indicator table source over an indicator catalog and indicator-values documents that are
 * kept live elsewhere (`connectDoc` with a viewer token). Problems of a values document are
 * computed on first read after it changed, not on every read.
 *
 * @example
 * const source = docIndicatorSource([catalogDoc], [valuesDoc]);
 * const pulled = await pullIndicatorTable(run, source, { filter: { units: ['vc-rinkeby'] }, lang: 'sv' });
 */
export function docIndicatorSource(
  catalogDocs: readonly Y.Doc[],
  valueDocs: readonly Y.Doc[],
  problemsOf: ProblemsOf = defaultProblems,
  options: DocSourceOptions = {},
): DisposableSource {
  const validated = options.validated ?? true;
  let definitions: Map<string, IndicatorDefinition> | null = null;
  const problems = new Map<Y.Doc, Problem[]>();
  const listeners = new Set<() => void>();

  const defs = (): Map<string, IndicatorDefinition> => {
    definitions ??= definitionsFromRows(catalogDocs.flatMap((doc) => rowsOf(doc).map((r) => r.values)));
    return definitions;
  };
  const refs = (): CrossRefs => ({ indicators: new Set(defs().keys()), ...(options.units ? { units: options.units } : {}) });
  const problemsFor = (doc: Y.Doc): Problem[] => {
    let list = problems.get(doc);
    if (!list) {
      list = problemsOf(doc, doc.guid, refs());
      problems.set(doc, list);
    }
    return list;
  };
  const changed = (): void => {
    for (const cb of [...listeners]) cb();
  };
  const stops = [
    ...catalogDocs.map((doc) =>
      observeChanges(doc, () => {
        // Known indicator ids feed the values' validation, so both go stale.
        definitions = null;
        problems.clear();
        changed();
      }),
    ),
    ...valueDocs.map((doc) =>
      observeChanges(doc, () => {
        problems.delete(doc);
        changed();
      }),
    ),
  ];

  return {
    current(filter) {
      const rows: { id: string; values: RowValues }[] = [];
      const all: Problem[] = [];
      for (const doc of valueDocs) {
        for (const r of rowsOf(doc)) rows.push(r);
        if (validated) all.push(...problemsFor(doc));
      }
      return buildIndicatorTable({ rows, definitions: defs(), problems: all, filter: filter ?? {}, validated });
    },
    definitions: defs,
    subscribe(cb) {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    dispose() {
      for (const stop of stops) stop();
      listeners.clear();
    },
  };
}
