/**
 * Undo of one person's own edits of a document, as collaborative editors built on Yjs do it: a
 * `Y.UndoManager` over the rows that tracks only the transactions of one origin (the binding's
 * own writes of what the person typed), so undoing never takes back a peer's edit made since.
 * The undo is itself a new change, sent to peers like any other.
 */
import * as Y from 'yjs';
import { rowsMap } from './create.js';

/** The person's own undo history of one document. */
export interface OwnUndo {
  /** Undoes the last of `origin`'s edits still in the history; false when there is none. */
  undo(): boolean;
  /** Forgets the history (after the edits of opening a table, which are not the person's to undo). */
  clear(): void;
  destroy(): void;
}

/**
 * Tracks `origin`'s edits of `doc`'s rows. Each transaction is one step (`captureTimeout` 0): one
 * change the person made in the sheet (a cell, a pasted block) is one transaction of the binding.
 */
export function ownUndo(doc: Y.Doc, origin: object): OwnUndo {
  const manager = new Y.UndoManager(rowsMap(doc), { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  return {
    undo: () => manager.undo() !== null,
    clear: () => manager.clear(),
    destroy: () => manager.destroy(),
  };
}
