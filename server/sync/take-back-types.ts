/**
 * What a room remembers of a change it took back (`take-backs.ts`), in its own module so that the
 * wire format (`take-back-wire.ts`) and the room's memory both use it without importing each other.
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
