/**
 * History as people read it: consecutive changes by one author within a burst of editing become
 * one group, described by what it changed cell by cell (before → after, with the row's own name),
 * and every group names its author — a member, an import by a member, or the server itself
 * (the demo seed, a CLI import) — never "unknown".
 */
import type * as Y from 'yjs';
import { metaOf, rowsOf } from '../../shared/doc/index.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { CellValue } from '../../shared/schema/types.js';
import type { AuditRecord } from '../storage/storage.js';
import type { History, Version } from './history-source.js';

/** Two changes by one author at most this far apart (ms) belong to one burst: 10 minutes. */
export const BURST_GAP_MS = 10 * 60_000;

/** How many cell changes a group lists; `cellsChanged` counts all of them. */
export const MAX_GROUP_CHANGES = 200;

/** Who made a group of changes. */
export type AuthorKind = 'member' | 'import' | 'server' | 'checkpoint';

/** One cell a group changed, with the row's name as people know it. */
export interface GroupCellChange {
  rowId: string;
  /** The row's first non-empty text cell (after the change, else before), or null. */
  rowLabel: string | null;
  column: string;
  from: CellValue;
  to: CellValue;
}

/** One comment event of a group. */
export interface GroupCommentChange {
  commentId: string;
  rowId: string;
  rowLabel: string | null;
  event: 'added' | 'edited' | 'deleted';
  /** The comment's author (for a deletion by an admin, not the group's author). */
  authorId: string;
  /** The text after the event (before it, for a deletion), mentions as `@Name`. */
  text: string;
}

/** Who tried a change the server took back, and the refusal's code (`forbidden-row`, `locked-row`, …). */
export interface TakenBack {
  memberId: string | null;
  memberName: string | null;
  code: string;
}

/** A burst of changes by one author. `fromSeq..seq` are the versions it covers. */
export interface HistoryGroup {
  fromSeq: number;
  seq: number;
  firstAt: string;
  at: string;
  authorKind: AuthorKind;
  memberId: string | null;
  memberName: string | null;
  versions: number;
  rowsAdded: string[];
  rowsDeleted: string[];
  /** The name (first text cell) of every added and deleted row, by id; null when it has none. */
  rowLabels: Record<string, string | null>;
  cellsChanged: number;
  changes: GroupCellChange[];
  /** Comments written, edited or deleted in the group (see `history-comments.ts`). */
  comments?: GroupCommentChange[];
  /** A group that changed nothing visible because the server took a refused edit back (see `history-take-backs.ts`). */
  takenBack?: TakenBack;
}

/** Indices `[start, end]` into `history.versions` of each group, oldest first. */
export interface GroupSpan {
  start: number;
  end: number;
  authorKind: AuthorKind;
  memberId: string | null;
}

function authorOf(version: Version, imports: ReadonlySet<number>): Pick<GroupSpan, 'authorKind' | 'memberId'> {
  if (version.kind === 'checkpoint') return { authorKind: 'checkpoint', memberId: null };
  const { memberId, seq } = version.record;
  if (imports.has(seq)) return { authorKind: 'import', memberId };
  return memberId === null ? { authorKind: 'server', memberId: null } : { authorKind: 'member', memberId };
}

/**
 * The seqs of changes written by an import: for each `import` audit line of the document, the
 * newest change by the same member stored at or before it (the import stores, then audits).
 */
export function importedSeqs(history: History, audit: readonly AuditRecord[]): Set<number> {
  const out = new Set<number>();
  for (const line of audit) {
    if (line.action !== 'import') continue;
    let found: number | null = null;
    for (const v of history.versions) {
      if (v.kind !== 'change' || v.record.memberId !== line.memberId || v.record.at > line.at) continue;
      found = v.record.seq;
    }
    if (found !== null) out.add(found);
  }
  return out;
}

/** Split the versions into groups: same author, no gap over {@link BURST_GAP_MS}; imports and checkpoints alone. */
export function groupSpans(history: History, imports: ReadonlySet<number>): GroupSpan[] {
  const spans: GroupSpan[] = [];
  let lastAt = 0;
  for (const [i, version] of history.versions.entries()) {
    const author = authorOf(version, imports);
    const at = Date.parse(version.record.at);
    const prev = spans.at(-1);
    const joins =
      prev !== undefined &&
      author.authorKind === 'member' &&
      prev.authorKind === 'member' &&
      prev.memberId === author.memberId &&
      at - lastAt <= BURST_GAP_MS;
    if (joins) prev.end = i;
    else spans.push({ start: i, end: i, ...author });
    lastAt = at;
  }
  return spans;
}

/** Rows by id with their cells: what a group is diffed between. */
export type Snapshot = Map<string, Record<string, CellValue>>;

/** The rows of `doc` now, for {@link describeGroup}. */
export function snapshotOf(doc: Y.Doc): Snapshot {
  return new Map(rowsOf(doc).map((r) => [r.id, r.values]));
}

/** The keys of the document's text columns in the schema's order: where a row's name is read. */
export function labelKeysOf(doc: Y.Doc): readonly string[] {
  const kind = metaOf(doc)?.kind;
  if (!kind) return [];
  return cellColumns(kind)
    .filter((c) => c.column.type === 'text' && !c.option)
    .map((c) => c.key);
}

/** A row's name as people know it: its first non-empty text cell in schema order, or null. */
export function labelOf(values: Record<string, CellValue> | undefined, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = values?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** The group of `span` from the state before it to the state after it. */
export function describeGroup(
  history: History,
  span: GroupSpan,
  before: Snapshot,
  after: Snapshot,
  names: ReadonlyMap<string, string>,
  keys: readonly string[],
): HistoryGroup {
  const first = history.versions[span.start] as Version;
  const last = history.versions[span.end] as Version;
  const rowsAdded: string[] = [];
  const changes: GroupCellChange[] = [];
  let cellsChanged = 0;
  for (const [id, values] of after) {
    const old = before.get(id);
    if (!old) rowsAdded.push(id);
    for (const key of new Set([...Object.keys(values), ...Object.keys(old ?? {})])) {
      const from = old?.[key] ?? null;
      const to = values[key] ?? null;
      if (Object.is(from, to)) continue;
      cellsChanged++;
      if (changes.length < MAX_GROUP_CHANGES) changes.push({ rowId: id, rowLabel: labelOf(values, keys) ?? labelOf(old, keys), column: key, from, to });
    }
  }
  const rowsDeleted = [...before.keys()].filter((id) => !after.has(id));
  // Own properties whatever the id: a row id may be `__proto__` or `constructor` (ROW_ID_PATTERN),
  // which an assignment into `{}` set as the object's prototype and left out of the answer.
  const rowLabels: Record<string, string | null> = Object.fromEntries([
    ...rowsAdded.map((id) => [id, labelOf(after.get(id), keys)] as const),
    ...rowsDeleted.map((id) => [id, labelOf(before.get(id), keys)] as const),
  ]);
  return {
    fromSeq: first.record.seq,
    seq: last.record.seq,
    firstAt: first.record.at,
    at: last.record.at,
    authorKind: span.authorKind,
    memberId: span.memberId,
    memberName: span.memberId ? (names.get(span.memberId) ?? span.memberId) : null,
    versions: span.end - span.start + 1,
    rowsAdded,
    rowsDeleted,
    rowLabels,
    cellsChanged,
    changes,
  };
}
