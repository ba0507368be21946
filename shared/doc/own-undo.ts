/**
 * Undo of one person's own edits of a document, as collaborative editors built on Yjs do it: a
 * `Y.UndoManager` over the rows that tracks only the transactions of one origin (the binding's
 * own writes of what the person typed), so undoing never takes back a peer's edit made since.
 * The undo is itself a new change, sent to peers like any other.
 */
import * as Y from 'yjs';
import type { CellValue, RowValues } from '../schema/types.js';
import { POS_KEY, rowsMap } from './create.js';

const ROWS = 'rows';

/** One cell a step changed: its value before the step and the value the step wrote (undefined: none, removed). */
export interface UndoCell {
  before: CellValue | undefined;
  wrote: CellValue | undefined;
}

/**
 * What one undo step did to one row, so that what undoing it would make of the row can be judged
 * before anything is undone ({@link rowAfterUndo}). `row`: the step added the row (undoing removes
 * it) or deleted it (undoing brings it back, its cells' `before` as they were).
 */
export interface UndoRowStep {
  id: string;
  cells: ReadonlyMap<string, UndoCell>;
  row?: 'added' | 'deleted';
}

/** The person's own undo history of one document. */
export interface OwnUndo {
  /** Undoes the last of `origin`'s edits still in the history; false when there is none. */
  undo(): boolean;
  /** The ids of the rows the next {@link OwnUndo.undo} would change (empty when there is nothing to undo). */
  nextRows(): string[];
  /** What the step the next {@link OwnUndo.undo} would take back did to each row it changed. */
  nextSteps(): UndoRowStep[];
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
  // Each step remembers what it did to each row (cells before and after, a row added or deleted),
  // so that the binding can judge the row as the undo would make it before undoing.
  manager.on('stack-item-added', (event) => {
    const steps = new Map<string, { cells: Map<string, UndoCell>; row?: 'added' | 'deleted' }>();
    const stepOf = (id: string) => steps.get(id) ?? steps.set(id, { cells: new Map() }).get(id)!;
    const seen = new Set<Y.YEvent<Y.AbstractType<unknown>>>();
    // Deep observers list each event under every parent type: the event's own target says whose it is.
    for (const events of event.changedParentTypes.values()) {
      for (const e of events) {
        if (seen.has(e)) continue;
        seen.add(e);
        const target = e.target as Y.AbstractType<unknown>;
        if (target === (rows as unknown)) {
          for (const [id, change] of e.changes.keys) {
            const step = stepOf(id);
            if (change.action === 'add') step.row = 'added';
            else if (change.oldValue instanceof Y.Map) {
              step.row = 'deleted';
              for (const [key, before] of deletedCells(change.oldValue)) step.cells.set(key, { before, wrote: undefined });
            }
          }
        } else if (target._item?.parent === rows && typeof target._item.parentSub === 'string') {
          const row = target as Y.Map<CellValue>;
          const step = stepOf(target._item.parentSub);
          for (const [key, change] of e.changes.keys) {
            if (key === POS_KEY) continue;
            step.cells.set(key, { before: change.action === 'add' ? undefined : (change.oldValue as CellValue), wrote: row.get(key) });
          }
        }
      }
    }
    event.stackItem.meta.set(ROWS, [...steps].map(([id, step]): UndoRowStep => ({ id, ...step })));
  });
  const nextSteps = (): UndoRowStep[] => {
    const steps = manager.undoStack.at(-1)?.meta.get(ROWS);
    return Array.isArray(steps) ? (steps as UndoRowStep[]) : [];
  };
  return {
    undo: () => manager.undo() !== null,
    nextRows: () => nextSteps().map((step) => step.id),
    nextSteps,
    clear: () => manager.clear(),
    destroy: () => manager.destroy(),
  };
}

/**
 * The row `now` (as the doc holds it; undefined when it is not there) as undoing `step` would make
 * it, as Yjs undoes: a cell goes back to its value before the step only while it still shows what
 * the step wrote (a colleague's later value stays), a row the step added goes (undefined), and a
 * row the step deleted comes back as it was.
 *
 * @example
 * rowAfterUndo({ id: 'r1', cells: new Map([['period', { before: '2025Q2', wrote: '2025Q3' }]]) }, { period: '2025Q3' }) // → { period: '2025Q2' }
 */
export function rowAfterUndo(step: UndoRowStep, now: Readonly<RowValues> | undefined): RowValues | undefined {
  if (step.row === 'added') return undefined;
  const after: RowValues = step.row === 'deleted' ? {} : { ...now };
  for (const [key, { before, wrote }] of step.cells) {
    if (step.row !== 'deleted' && after[key] !== wrote) continue;
    if (before === undefined) delete after[key];
    else after[key] = before;
  }
  return step.row === 'deleted' || now ? after : undefined;
}

/**
 * The last values of a row map deleted in the step, read from its items: the UndoManager keeps
 * them (it brings them back on undo), but a deleted map's `get` gives nothing.
 */
function deletedCells(row: Y.Map<unknown>): [string, CellValue][] {
  const cells: [string, CellValue][] = [];
  for (const [key, item] of row._map) {
    if (key === POS_KEY) continue;
    const value = item.content.getContent().at(-1) as unknown;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) cells.push([key, value as CellValue]);
  }
  return cells;
}
