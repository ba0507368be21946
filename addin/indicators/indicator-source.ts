/**
 * Where a pulled indicator table gets its rows: an {@link IndicatorTableSource} answers "the table
 * now" and says when it may have changed. {@link docIndicatorSource} builds it over live Y.Docs
 * (connected read-only with a viewer token through the sync client), validating each values
 * document once per change, with the same `buildIndicatorTable` the server serves.
 */
import type * as Y from 'yjs';
import { getRow, observeChanges, rowsOf, type ChangeSet } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import {
  buildIndicatorTable,
  matchesFilter,
  observationOf,
  tableRowOf,
  type IndicatorFilter,
  type IndicatorTable,
  type IndicatorTableRow,
} from '../../shared/indicators/table.js';
import type { Localized, RowValues } from '../../shared/schema/types.js';
import type { CrossRefs } from '../../shared/validate/cross-refs.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateRow } from '../../shared/validate/validate-row.js';
import { UNIQUE_KEYS, validateDoc } from '../../shared/validate/validate-doc.js';

/** A live indicator table: read it, and hear when it may have changed. */
export interface IndicatorTableSource {
  /** The table now, narrowed by `filter` (all rows when omitted); validated unless the source says otherwise. */
  current(filter?: IndicatorFilter): IndicatorTable;
  /** The catalog's definitions now (names, targets), for choosers and charts. */
  definitions(): ReadonlyMap<string, IndicatorDefinition>;
  /**
   * Calls `cb` after every change that may alter the table; returns the unsubscribe function.
   * `change` names the values rows that changed when that is all that changed (no row added,
   * removed or given other keys, the catalog untouched), or the indicators the catalog renamed
   * when it changed nothing but names; null when anything may have changed.
   */
  subscribe(cb: (change: SourceChange | null) => void): () => void;
  /**
   * What one values row shows now under `filter`, for updating a pulled table in place: its
   * table row, `'filtered-out'`, or `'not-shown'` (left out by validation, incomplete or gone).
   * Optional: a source without it is always read whole with `current`.
   */
  rowNow?(rowId: string, filter?: IndicatorFilter): IndicatorTableRow | 'filtered-out' | 'not-shown';
  /**
   * Calls `listener` once when the source stops following its documents for good (the server
   * closed a connection and will not take it again: a revoked token 4401, no right 4403, a
   * document gone 4404), with the words why in both languages; at once when it has stopped
   * already. Returns the unsubscribe function. Optional: a source without it never stops.
   */
  onEnded?(listener: (reason: Localized) => void): () => void;
  /**
   * The values documents left out because the server cannot read them (their stored history is
   * damaged: the socket closed with 4500), in the order they were found; subscribers are told
   * (`null`) when one is added. Optional: a source without it reads every document.
   */
  unreadable?(): readonly UnreadableValues[];
}

/** A values document a source left out as unreadable: its id and the unit that owns it (null: not known). */
export interface UnreadableValues {
  doc: string;
  ownerUnit: string | null;
}

/** Values rows whose cells changed, none of them a key (indicator, unit, period, kön); or renamed indicators. */
export interface SourceChange {
  rows: ReadonlySet<string>;
  /** Indicator id → its catalog name now (null: none), when the catalog changed only names. */
  renamed?: ReadonlyMap<string, string | null>;
}

/** The cells that identify an indicator value; a change to one can make or end a duplicate. */
const KEY_CELLS = new Set(UNIQUE_KEYS['indicator-values']);

/** The rows a change touched, when it only rewrote non-key cells of existing rows; else null. */
function rowLocal(set: ChangeSet): Set<string> | null {
  if (set.addedRows.length > 0 || set.deletedRows.length > 0) return null;
  const rows = new Set<string>();
  for (const change of set.changes) {
    if (KEY_CELLS.has(change.column)) return null;
    rows.add(change.rowId);
  }
  return rows;
}

/** The catalog rows (ids) a change touched, when it only rewrote names of existing rows; else null. */
function namesOnly(doc: Y.Doc, set: ChangeSet): string[] | null {
  if (set.addedRows.length > 0 || set.deletedRows.length > 0 || set.movedRows.length > 0) return null;
  const ids: string[] = [];
  for (const change of set.changes) {
    if (change.column !== 'name') return null;
    const id = getRow(doc, change.rowId)?.values.id;
    if (typeof id !== 'string') return null;
    ids.push(id);
  }
  return ids;
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
  const listeners = new Set<(change: SourceChange | null) => void>();

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
  const changed = (change: SourceChange | null): void => {
    for (const cb of [...listeners]) cb(change);
  };
  /**
   * Keeps a values document's cached problems current after a change to non-key cells of some
   * rows: only those rows are checked again (their duplicate problems depend on keys alone and
   * stay). A custom `problemsOf` cannot be run per row, so its cache is dropped instead.
   */
  const revalidate = (doc: Y.Doc, rows: ReadonlySet<string> | null): void => {
    const cached = problems.get(doc);
    if (!cached || !rows || problemsOf !== defaultProblems) return void problems.delete(doc);
    const next = cached.filter((p) => p.rowId === null || !rows.has(p.rowId) || p.code === 'duplicate');
    for (const rowId of rows) {
      const row = getRow(doc, rowId);
      if (row) next.push(...validateRow('indicator-values', doc.guid, rowId, row.values, refs()));
    }
    problems.set(doc, next);
  };
  const stops = [
    ...catalogDocs.map((doc) =>
      observeChanges(doc, (set) => {
        definitions = null;
        // A new name changes no id, so the values' problems stand: say which indicators to relabel.
        const ids = namesOnly(doc, set);
        if (ids) return changed({ rows: new Set(), renamed: new Map(ids.map((id) => [id, defs().get(id)?.name ?? null])) });
        // Known indicator ids feed the values' validation, so both go stale.
        problems.clear();
        changed(null);
      }),
    ),
    ...valueDocs.map((doc) =>
      observeChanges(doc, (set) => {
        const rows = rowLocal(set);
        revalidate(doc, rows);
        changed(rows ? { rows } : null);
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
    rowNow(rowId, filter) {
      for (const doc of valueDocs) {
        const row = getRow(doc, rowId);
        if (!row) continue;
        const o = observationOf(row.values);
        if (o === null) return 'not-shown';
        if (!matchesFilter(o, filter ?? {})) return 'filtered-out';
        if (validated && problemsFor(doc).some((p) => p.rowId === rowId && p.severity === 'error')) return 'not-shown';
        return tableRowOf(o, row.values, defs().get(o.indicator));
      }
      return 'not-shown';
    },
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
