/**
 * What restoring a version would undo: every cell (and row) that changed after the version and
 * differs from it now, with the author of its newest change. The pane shows the ones made by
 * others before anything is restored, so a restore never silently undoes someone else's edit.
 */
import type { CellValue } from '../../shared/schema/types.js';
import type { AuditRecord, DocRef, Storage } from '../storage/storage.js';
import { importedSeqs, labelKeysOf, labelOf, snapshotOf, type AuthorKind, type Snapshot } from './history-groups.js';
import { walkHistory, type History } from './history-source.js';

/** One later change that restoring the version would undo. `column` is null for a whole row. */
export interface LaterEdit {
  rowId: string;
  rowLabel: string | null;
  /** The cell, or null when the row itself was added or deleted after the version. */
  column: string | null;
  /** Value in the version (null for a row added later). */
  inVersion: CellValue;
  /** Value now (null for a row deleted later). */
  now: CellValue;
  /** `row-added`, `row-deleted` or `cell`. */
  change: 'row-added' | 'row-deleted' | 'cell';
  seq: number;
  at: string;
  authorKind: AuthorKind;
  memberId: string | null;
  memberName: string | null;
}

interface Touch {
  seq: number;
  at: string;
  authorKind: AuthorKind;
  memberId: string | null;
}

/**
 * The later edits relative to the version at index `index` of `history` (its last version is
 * the document now).
 */
export async function laterEdits(
  storage: Storage,
  ref: DocRef,
  history: History,
  index: number,
  audit: readonly AuditRecord[],
  names: ReadonlyMap<string, string>,
): Promise<LaterEdit[]> {
  const imports = importedSeqs(history, audit);
  const touched = new Map<string, Touch>();
  let version: Snapshot = new Map();
  let prev: Snapshot = new Map();
  let keys: readonly string[] = [];
  await walkHistory(storage, ref, history, index + 1, (i, v, doc) => {
    const snap = snapshotOf(doc);
    keys = labelKeysOf(doc);
    if (i === index) {
      version = snap;
    } else if (i > index) {
      const touch: Touch =
        v.kind === 'checkpoint'
          ? { seq: v.record.seq, at: v.record.at, authorKind: 'checkpoint', memberId: null }
          : {
              seq: v.record.seq,
              at: v.record.at,
              authorKind: imports.has(v.record.seq) ? 'import' : v.record.memberId === null ? 'server' : 'member',
              memberId: v.record.memberId,
            };
      markTouches(prev, snap, touch, touched);
    }
    prev = snap;
  });
  return compare(version, prev, touched, names, keys);
}

function markTouches(before: Snapshot, after: Snapshot, touch: Touch, touched: Map<string, Touch>): void {
  for (const [id, values] of after) {
    const old = before.get(id);
    if (!old) touched.set(id, touch);
    for (const key of new Set([...Object.keys(values), ...Object.keys(old ?? {})])) {
      if (!Object.is(old?.[key] ?? null, values[key] ?? null)) touched.set(`${id}\u0000${key}`, touch);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) touched.set(id, touch);
}

function compare(version: Snapshot, now: Snapshot, touched: Map<string, Touch>, names: ReadonlyMap<string, string>, keys: readonly string[]): LaterEdit[] {
  const out: LaterEdit[] = [];
  const who = (t: Touch | undefined) =>
    t
      ? { seq: t.seq, at: t.at, authorKind: t.authorKind, memberId: t.memberId, memberName: t.memberId ? (names.get(t.memberId) ?? t.memberId) : null }
      : { seq: 0, at: '', authorKind: 'server' as const, memberId: null, memberName: null };
  for (const [id, values] of now) {
    const old = version.get(id);
    if (!old) {
      out.push({ rowId: id, rowLabel: labelOf(values, keys), column: null, inVersion: null, now: null, change: 'row-added', ...who(touched.get(id)) });
      continue;
    }
    for (const key of new Set([...Object.keys(values), ...Object.keys(old)])) {
      const from = old[key] ?? null;
      const to = values[key] ?? null;
      if (Object.is(from, to)) continue;
      out.push({ rowId: id, rowLabel: labelOf(values, keys) ?? labelOf(old, keys), column: key, inVersion: from, now: to, change: 'cell', ...who(touched.get(`${id}\u0000${key}`)) });
    }
  }
  for (const [id, values] of version) {
    if (!now.has(id)) out.push({ rowId: id, rowLabel: labelOf(values, keys), column: null, inVersion: null, now: null, change: 'row-deleted', ...who(touched.get(id)) });
  }
  return out;
}
