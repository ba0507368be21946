/**
 * What a room remembers of a change it took back (`take-backs.ts`), in its own module so that the
 * wire format (`take-back-wire.ts`), the walk of lost writes (`take-back-lost.ts`) and the room's
 * memory all use it without importing each other.
 */
import type * as Y from 'yjs';

/** A map key written back: `takeBack` null when the key was deleted back, `refused` null when the refused update deleted the key. */
export interface KeyTakeBack {
  kind: 'key';
  map: Y.Map<unknown>;
  key: string;
  takeBack: Y.ID | null;
  refused: Y.ID | null;
  /**
   * The doc's state (client id → clock) before the refused update, of the clients with an item of
   * this key then (`keyState` in undo-refused.ts); any other client reads as 0. Older stored
   * take-backs hold the whole state vector, which answers the same.
   */
  before: Map<number, number>;
}

/** A row (a map under a map key) a refused delete deleted and the server put back as `copy`. */
export interface RowTakeBack {
  kind: 'row';
  old: Y.Map<unknown>;
  copy: Y.Map<unknown>;
}

export type TakeBack = KeyTakeBack | RowTakeBack;

/** May the author of the update being integrated write `key` of the live row map `row`? (`mayWriteCell` in offer-checks.ts) */
export type MayWriteRow = (row: Y.Map<unknown>, key: string) => boolean;

/**
 * An allowed set that lost to the item a take-back forgotten here wrote, or that landed in a row
 * map a refused delete deleted whose take-back was forgotten here (see `take-backs.ts`' module comment): the
 * map key (`path`: the root's name, the keys down to the map, then the key; ids and column names,
 * never a value) and the ids of the set and of the item it lost to (for a row: the deleted row map's).
 */
export interface LostToForgotten {
  path: string[];
  set: Y.ID;
  winner: Y.ID;
}

