/**
 * Three-way reconcile of a workbook that was edited while the pane was closed: the workbook
 * (local), the snapshot of the last synced state kept in the workbook (base) and the doc
 * (remote). Local edits win on cells only they changed, remote on the rest; cells both sides
 * changed keep the doc's value and are reported as `conflict` problems.
 */
import type * as Y from 'yjs';
import { deleteRows, getRow, rowsOf, setCells } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey, fromExcel, idOf, sameValue } from '../sheet/cell-values.js';
import { chunksBySize, rawRowUpdateBytes } from '../sheet/bounded-transact.js';
import type { TableLayout } from '../sheet/layout.js';
import { applyLocalRows, type ExcelRow, type TextGuard } from './apply.js';
import { cellHash, rowHashes, type Snapshot } from '../sheet/snapshot.js';

/** What the binding must mirror into Excel and Problems after {@link reconcileRows}. */
export interface ReconcileResult {
  /** Id at each body row after the merge (new rows got ids). */
  ids: (string | null)[];
  /** Cells (or whole rows: column null) to rewrite from the doc. */
  rewrite: [string, string | null][];
  /** Doc rows missing in the workbook: append. */
  adds: string[];
  /** Rows in the workbook the doc no longer has: delete. */
  deletes: string[];
  conflicts: Map<string, Problem>;
  localProblems: Map<string, Problem>;
  /** Rows whose doc state now equals the workbook's (for the snapshot). */
  settled: string[];
}

type ConflictKind = 'cell' | 'deleted-remotely' | 'deleted-locally';

const CONFLICT_TEXT: Record<ConflictKind, (v: string) => { sv: string; en: string }> = {
  cell: (v) => ({
    sv: `Cellen ändrades både i arbetsboken och av någon annan medan panelen var stängd. Dokumentets värde behölls; ditt värde var: ${v}`,
    en: `The cell was changed both in the workbook and by someone else while the pane was closed. The document's value was kept; yours was: ${v}`,
  }),
  'deleted-remotely': (v) => ({
    sv: `Raden ändrades i arbetsboken men togs bort av någon annan medan panelen var stängd. Borttagningen behölls; dina värden var: ${v}`,
    en: `The row was changed in the workbook but deleted by someone else while the pane was closed. The deletion was kept; your values were: ${v}`,
  }),
  'deleted-locally': () => ({
    sv: 'Raden togs bort i arbetsboken men ändrades av någon annan medan panelen var stängd. Raden behölls.',
    en: 'The row was deleted in the workbook but changed by someone else while the pane was closed. The row was kept.',
  }),
};

function conflict(docId: string, rowId: string, column: string | null, kind: ConflictKind, local = ''): Problem {
  return { doc: docId, rowId, column, severity: 'warning', code: 'conflict', message: CONFLICT_TEXT[kind](local) };
}

/**
 * Merges the workbook's body rows into the doc in transactions with `opts.origin`, each under
 * the frame limit (one for an ordinary table; see `bounded-transact.ts`).
 * Without a snapshot (`base` undefined) the doc wins every difference, reported as conflicts.
 */
export function reconcileRows(
  doc: Y.Doc,
  layout: TableLayout,
  body: readonly (readonly unknown[])[],
  base: Snapshot | undefined,
  opts: { origin: unknown; docId: string; guard?: TextGuard; newId: () => string },
): ReconcileResult {
  const out: ReconcileResult = { ids: [], rewrite: [], adds: [], deletes: [], conflicts: new Map(), localProblems: new Map(), settled: [] };
  const baseIndex = new Map((base?.columns ?? []).map((k, i) => [k, i] as const));
  const baseOf = (id: string, key: string): string | undefined => {
    const hashes = base?.rows.get(id);
    const i = baseIndex.get(key);
    return hashes === undefined || i === undefined ? undefined : hashes.slice(2 * i, 2 * i + 2) || undefined;
  };
  const seen = new Set<string>();
  const fresh: ExcelRow[] = [];

  /** Merges one body row three ways; rows without a doc row go to `fresh`. */
  const mergeRow = (raw: readonly unknown[], index: number): void => {
    const id = idOf(raw[0]);
    out.ids.push(id && !seen.has(id) ? id : null);
    if (!id || seen.has(id)) return void fresh.push({ index, raw: [null, ...raw.slice(1)] });
    seen.add(id);
    const docRow = getRow(doc, id);
    if (!docRow) {
      if (!base?.rows.has(id)) return void fresh.push({ index, raw: [null, ...raw.slice(1)] });
      const local = layout.columns.map((c, i) => fromExcel(c, raw[i + 1])).map((n) => (n.ok ? n.value : null));
      const localHashes = layout.columns.map((c, i) => cellHash(c, local[i])).join('');
      if (localHashes !== base.rows.get(id)) {
        out.conflicts.set(cellKey(id, ''), conflict(opts.docId, id, null, 'deleted-remotely', local.filter((v) => v !== null && v !== false).join(', ')));
      }
      out.deletes.push(id);
      return;
    }
    const patch: RowValues = {};
    for (const [i, column] of layout.columns.entries()) {
      const n = fromExcel(column, raw[i + 1]);
      const refused = n.ok && typeof n.value === 'string' ? opts.guard?.(n.value) : undefined;
      if (!n.ok || refused) {
        const p = n.ok ? (refused as NonNullable<typeof refused>) : n;
        out.localProblems.set(cellKey(id, column.key), { doc: opts.docId, rowId: id, column: column.key, severity: 'error', code: p.code, message: p.message });
        continue;
      }
      const remote = docRow.values[column.key];
      if (sameValue(column, remote, n.value)) continue;
      const b = baseOf(id, column.key);
      if (b !== undefined && cellHash(column, n.value) === b) {
        out.rewrite.push([id, column.key]);
      } else if (b !== undefined && cellHash(column, remote) === b) {
        patch[column.key] = n.value;
      } else {
        out.rewrite.push([id, column.key]);
        out.conflicts.set(cellKey(id, column.key), conflict(opts.docId, id, column.key, 'cell', String(n.value ?? '')));
      }
    }
    if (Object.keys(patch).length > 0) setCells(doc, id, patch);
    out.settled.push(id);
  };

  // Each run of rows in its own transaction under the frame limit; then deletes, then new rows.
  const indexes = body.map((_, index) => index);
  for (const chunk of chunksBySize(indexes, (i) => rawRowUpdateBytes(layout, body[i] ?? []))) {
    doc.transact(() => chunk.forEach((i) => mergeRow(body[i] ?? [], i)), opts.origin);
  }
  const inWorkbook = new Set(out.ids.filter((id): id is string => id !== null));
  const gone: string[] = [];
  for (const row of rowsOf(doc)) {
    if (inWorkbook.has(row.id)) continue;
    const b = base?.rows.get(row.id);
    if (b !== undefined && b === rowHashes(layout.columns, row.values)) gone.push(row.id);
    else {
      out.adds.push(row.id);
      if (b !== undefined) out.conflicts.set(cellKey(row.id, ''), conflict(opts.docId, row.id, null, 'deleted-locally'));
    }
  }
  if (gone.length > 0) doc.transact(() => deleteRows(doc, gone), opts.origin);
  out.settled.push(...gone);

  const applied = applyLocalRows(doc, layout, fresh, { origin: opts.origin, docId: opts.docId, tableIds: [], guard: opts.guard, newId: opts.newId });
  for (const [index, id] of applied.assigned) {
    out.ids[index] = id;
    out.rewrite.push([id, null]);
  }
  for (const [key, p] of applied.problems) out.localProblems.set(key, p);
  out.settled.push(...applied.written);
  return out;
}
