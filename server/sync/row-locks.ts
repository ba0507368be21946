/**
 * Locked rows: data an approved follow-up round covers is final, and no one writes it until an
 * admin reopens the round. The sync layer asks a {@link LockLookup} (built from the rounds, passed
 * in through `deps.ts`) for a document's {@link LockRule}, and {@link lockedRow} judges an update
 * with it: a row is refused when the round covers it before the update (changing or deleting a
 * locked row) or after it (moving a row into a locked period, or creating one there).
 *
 * The rows and cells come from `checkUpdate`'s walk, so the update is decoded once.
 */
import type * as Y from 'yjs';
import { getRow } from '../../shared/doc/index.js';
import type { RowValues } from '../../shared/schema/types.js';
import type { DocRecord } from '../storage/storage.js';
import type { RowEffects } from './ownership.js';

/** The round that locks a row; `closed` when the whole round is closed (else a unit's report in it is approved). */
export interface RowLock {
  round: string;
  title: string;
  period: string;
  closed?: boolean;
}

/** Which round, if any, locks a row with these values. */
export type LockRule = (values: Readonly<RowValues>) => RowLock | null;

/** Where the sync layer gets lock rules from. */
export interface LockLookup {
  /** Make `rulesFor` current for a workspace; called before a room of it loads. */
  prepare(workspace: string): Promise<void>;
  /** The rule for a document, or null when no row of it is locked (the common case: one map look-up). */
  rulesFor(record: DocRecord): LockRule | null;
}

/** A row the update may not write, and the round that locks it. */
export interface LockedRow {
  rowId: string;
  lock: RowLock;
}

/** The cells an update writes, per row (null for a cell it only removes). */
function writesByRow(cells: RowEffects['cells']): Map<string, RowValues> {
  const out = new Map<string, RowValues>();
  for (const cell of cells) {
    let row = out.get(cell.rowId);
    if (!row) out.set(cell.rowId, (row = {}));
    // Replacing a cell lists the new value and the removed old one, in either order: the value wins.
    if (cell.value !== undefined) row[cell.column] = cell.value;
    else if (!(cell.column in row)) row[cell.column] = null;
  }
  return out;
}

/**
 * The first row the update writes, creates or deletes that an approved round locks, or null.
 * Rows are judged by their values in `doc` before the update and by those values with the
 * update's cells laid over them.
 */
export function lockedRow(doc: Y.Doc, effects: RowEffects, rule: LockRule): LockedRow | null {
  const writes = writesByRow(effects.cells);
  const seen = new Set<string>();
  for (const rowId of [...effects.touchedRows, ...effects.createdRows, ...effects.deletedRows, ...writes.keys()]) {
    if (seen.has(rowId)) continue;
    seen.add(rowId);
    const before = getRow(doc, rowId)?.values ?? {};
    const lock = rule(before) ?? (writes.has(rowId) ? rule({ ...before, ...writes.get(rowId) }) : null);
    if (lock) return { rowId, lock };
  }
  return null;
}
