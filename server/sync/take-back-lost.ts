/**
 * Which map sets of an allowed update lost to a take-back a room remembers, and the writes that
 * put them back (why, and what is left, is told in `take-backs.ts`): `TakeBacks` holds the
 * take-backs (`take-back-index.ts`); these functions read them for one transaction.
 */
import type * as Y from 'yjs';
import { copyOf, copyWon, cellsIntoCopy, lastSets, pathOf, seenOrigin } from './take-back-items.js';
import type { TakeBackIndex } from './take-back-index.js';
import type { LostToForgotten, MayWriteRow } from './take-back-types.js';

/**
 * The writes that put back what the allowed update integrated in `tr` lost, not made yet (each
 * value already copied): a set that lost its key to a remembered take-back (or to the refused
 * item) without having seen the refused update is written again; a set in a row map a refused
 * delete deleted goes into the row's copy when `mayWriteRow` (absent: always) lets its author
 * write that cell and it is no take-back itself; a whole row that lost to a take-back's copy of
 * it goes into the copy cell by cell. A set that lost to an item a forgotten take-back wrote, or
 * landed in a row whose take-back was forgotten, is told to `onLost` (path and ids, never a value).
 */
export function lostWrites(tr: Y.Transaction, memory: TakeBackIndex, onLost: ((lost: LostToForgotten) => void) | null, mayWriteRow?: MayWriteRow): (() => void)[] {
  const writes: (() => void)[] = [];
  for (const item of lastSets(tr)) {
    if (!item.deleted) continue;
    const map = item.parent as Y.Map<unknown>;
    const key = item.parentSub as string;
    const row = rowCopy(memory, map);
    if (row) {
      // Another process's take-back in the row while it lived there writes the value from before, not an edit: copied, it would win over a later edit of the copy.
      if (isTakeBackItem(memory, item.id)) continue;
      // The shared check let the set through (it changes nothing in a deleted map): the copy's row is asked about here.
      if (mayWriteRow && !mayWriteRow(row, key)) continue;
      const value = copyOf(tr, item);
      if (value !== undefined) writes.push(() => row.set(key, value));
      continue;
    }
    if (map._item?.deleted) {
      // A cell edit of a row a refused delete deleted whose take-back was forgotten: its copy is not known any more.
      if (onLost && memory.forgottenRows.has(map._item.id) && !isTakeBackItem(memory, item.id)) onLost({ path: pathOf(map, key), set: item.id, winner: map._item.id });
      continue;
    }
    const winner = map._map.get(key);
    if (!winner) continue;
    const tb = memory.keyTakeBack(map, key, winner.id);
    if (!tb) {
      if (onLost && memory.forgotten.has(winner.id)) onLost({ path: pathOf(map, key), set: item.id, winner: winner.id });
      continue;
    }
    const origin = seenOrigin(tr, item);
    if (origin !== null && origin.clock >= (tb.before.get(origin.client) ?? 0)) continue;
    // A whole row that lost to the take-back's copy of it goes into the copy cell by cell, keeping the copy's edits.
    const copy = copyWon(winner, tb.takeBack, item);
    if (copy) {
      for (const [cell, v] of cellsIntoCopy(tr, item, copy)) writes.push(() => copy.set(cell, v));
      continue;
    }
    const value = copyOf(tr, item);
    if (value !== undefined) writes.push(() => map.set(key, value));
  }
  return writes;
}

/**
 * True when `id` is an item a take-back of a map key wrote, remembered or dropped from memory
 * for the budget (then its id is kept: `TakeBackIndex.evicted`, which also names the refused
 * items, no edit either): a set in a deleted row that is one is not copied into the row's copy.
 */
export function isTakeBackItem(memory: TakeBackIndex, id: Y.ID): boolean {
  return memory.isTakeBack(id) || memory.evicted.has(id);
}

/** The live copy of a row map a refused delete deleted, or null. */
function rowCopy(memory: TakeBackIndex, map: Y.Map<unknown>): Y.Map<unknown> | null {
  if (!map._item?.deleted) return null;
  const tb = memory.row(map);
  return tb && !tb.copy._item?.deleted ? tb.copy : null;
}
