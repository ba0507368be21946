/**
 * Undo of one person's own edits of a document, as collaborative editors built on Yjs do it: a
 * `Y.UndoManager` over the rows that tracks only the transactions of one origin (the binding's
 * own writes of what the person typed), so undoing never takes back a peer's edit made since.
 * The undo is itself a new change, sent to peers like any other.
 */
import * as Y from 'yjs';
import { rowsMap } from './create.js';

const ROWS = 'rows';

/** The person's own undo history of one document. */
export interface OwnUndo {
  /** Undoes the last of `origin`'s edits still in the history; false when there is none. */
  undo(): boolean;
  /** The ids of the rows the next {@link OwnUndo.undo} would change (empty when there is nothing to undo). */
  nextRows(): string[];
  /** Forgets the history (after the edits of opening a table, which are not the person's to undo). */
  clear(): void;
  destroy(): void;
}

/**
 * Tracks `origin`'s edits of `doc`'s rows. Each transaction is one step (`captureTimeout` 0): one
 * change the person made in the sheet (a cell, a pasted block) is one transaction of the binding.
 */
export function ownUndo(doc: Y.Doc, origin: object): OwnUndo {
  const rows = rowsMap(doc);
  const manager = new Y.UndoManager(rows, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  // Each step remembers its rows, so that the binding can ask its row locks before undoing one.
  manager.on('stack-item-added', (event) => {
    const ids = new Set<string>();
    // Deep observers list each event under every parent type: the event's own target says whose it is.
    for (const events of event.changedParentTypes.values()) {
      for (const e of events) {
        const target = e.target as Y.AbstractType<unknown>;
        if (target === (rows as unknown)) for (const key of e.keys.keys()) ids.add(key);
        else if (target._item?.parent === rows && typeof target._item.parentSub === 'string') ids.add(target._item.parentSub);
      }
    }
    event.stackItem.meta.set(ROWS, [...ids]);
  });
  return {
    undo: () => manager.undo() !== null,
    nextRows: () => {
      const ids = manager.undoStack.at(-1)?.meta.get(ROWS);
      return Array.isArray(ids) ? (ids as string[]) : [];
    },
    clear: () => manager.clear(),
    destroy: () => manager.destroy(),
  };
}
