/**
 * What an open document tells of the person's cells a colleague's change took away, or the server
 * refused and took back (an offline edit of a row an approved round locked meanwhile)
 * (`addin/sync/lost-writes.ts`), as problems in `OpenDoc.lost` (`lost-words.ts`), at most
 * {@link MAX_LOST_PROBLEMS} (the newest), and when such a problem goes: once the person has typed
 * their text again, in this pane, or closes it in Problems ({@link dismissLoss}). An overwritten cell's problem goes when that cell holds the
 * person's text again (or is empty again, for a cell they had emptied), a refused cell's too; a deleted row's problem
 * goes when one live row holds every lost text in its column (a row added again, Kopiera pasted);
 * a row the server put back, when the person deletes (or moves) it again.
 * Kept apart from `documents-controller.ts`, which decides when a document is opened and closed.
 */
import * as Y from 'yjs';
import { POS_KEY, ROWS_ROOT } from '../../shared/doc/index.js';
import { watchLostWrites, type LostWrite } from '../sync/lost-writes.js';
import { lostProblems, MAX_LOST_PROBLEMS } from './lost-words.js';
import type { OpenDoc, ToldLoss } from './open-doc.js';
import type { SyncHandle } from './ports.js';
import type { Lang } from './strings.js';
import type { Problem } from '../../shared/validate/problem.js';

/** A cell value as text, empty for none (as the person sees it in the sheet). */
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The told losses of one remote change: one per overwritten or refused cell, one per deleted or refused added row (its cells together). */
function toldLosses(docId: string, kind: string, lost: readonly LostWrite[], lang: Lang): ToldLoss[] {
  const groups: LostWrite[][] = [];
  const rows = new Map<string, LostWrite[]>();
  for (const l of lost) {
    if (l.kind !== 'row-deleted' && l.rowGone !== true) groups.push([l]);
    else {
      const cells = rows.get(l.rowId);
      if (cells) cells.push(l);
      else rows.set(l.rowId, [l]);
    }
  }
  groups.push(...rows.values());
  return groups.flatMap((cells) => lostProblems(docId, kind, cells, lang).map((problem) => ({ problem, cells })));
}

/**
 * Whether the person has done again what `loss` lost, in the row `rowId` (`values`: its cells, or
 * undefined when the row is gone): its one cell holds their text (overwritten or refused, same
 * row), one live row holds every lost text (deleted row), the row put back is deleted again or
 * moved again (`moved`: the change touched its position).
 */
function typedAgain(loss: ToldLoss, rowId: string, values: Y.Map<unknown> | undefined, moved: boolean): boolean {
  const [first] = loss.cells;
  if (!first) return false;
  if (first.rowBack !== undefined) return first.rowId === rowId && (first.rowBack === 'deleted' ? values === undefined : moved);
  if (values === undefined) return false;
  if (first.kind !== 'row-deleted' && first.rowGone !== true) return first.rowId === rowId && text(values.get(first.column)) === text(first.mine);
  const typed = loss.cells.filter((c) => text(c.mine) !== '');
  return typed.length > 0 && typed.every((c) => text(values.get(c.column)) === text(c.mine));
}

/**
 * Takes the told loss whose problem is `problem` (the same object, or the same code and words) out
 * of `entry.lost`: the person closed it. Its server notice stays covered (`entry.typedAgain`).
 * Returns whether one was taken out.
 */
export function dismissLoss(entry: OpenDoc, problem: Problem): boolean {
  const same = (p: Problem): boolean => p === problem || (p.code === problem.code && p.message.sv === problem.message.sv && p.rowId === problem.rowId && p.column === problem.column);
  const loss = entry.lost?.find((l) => same(l.problem));
  if (!loss || !entry.lost) return false;
  entry.lost = entry.lost.filter((l) => l !== loss);
  entry.typedAgain = [...(entry.typedAgain ?? []), loss].slice(-MAX_LOST_PROBLEMS);
  return true;
}

/**
 * Watches `ydoc` (the doc of `entry`, connected by `sync`) for lost cells and adds their problems
 * to `entry.lost`; after each change of this pane's (the person typing in the sheet) drops those
 * its changed rows hold again. Calls `update` whenever `entry.lost` changes. Returns the function
 * that stops watching.
 */
export function watchOpenDocLost(entry: OpenDoc, ydoc: Y.Doc, sync: SyncHandle, update: () => void, lang: Lang): () => void {
  const { id, kind } = entry.info;
  const rows = ydoc.getMap(ROWS_ROOT);
  const onLost = (lost: LostWrite[]): void => {
    entry.lost = [...(entry.lost ?? []), ...toldLosses(id, kind, lost, lang)].slice(-MAX_LOST_PROBLEMS);
    update();
  };
  const onLocal = (tr: Y.Transaction): void => {
    if (!tr.local || !entry.lost?.length) return;
    const changed = new Set<string>();
    const moved = new Set<string>();
    for (const [type, keys] of tr.changed) {
      if (type === (rows as unknown)) for (const key of keys) if (key !== null) changed.add(key);
      const item = type._item;
      if (item !== null && item.parent === rows && item.parentSub !== null) {
        changed.add(item.parentSub);
        if (keys.has(POS_KEY)) moved.add(item.parentSub);
      }
    }
    let left = entry.lost;
    for (const rowId of changed) {
      const values = rows.get(rowId);
      left = left.filter((loss) => !typedAgain(loss, rowId, values instanceof Y.Map ? values : undefined, moved.has(rowId)));
    }
    if (left.length === entry.lost.length) return;
    entry.typedAgain = [...(entry.typedAgain ?? []), ...entry.lost.filter((loss) => !left.includes(loss))].slice(-MAX_LOST_PROBLEMS);
    entry.lost = left;
    update();
  };
  ydoc.on('afterTransaction', onLocal);
  const stop = watchLostWrites(ydoc, onLost, {
    serverHas: sync.serverHas?.bind(sync),
    madeHere: sync.madeHere?.bind(sync),
    takenBack: sync.takenBack?.bind(sync),
    tookBack: sync.tookBack?.bind(sync),
  });
  return () => {
    stop();
    ydoc.off('afterTransaction', onLocal);
  };
}
