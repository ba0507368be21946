/**
 * What an open document tells of the person's cells a colleague's change took away
 * (`addin/sync/lost-writes.ts`), as problems in `OpenDoc.lost` (`lost-words.ts`), at most
 * {@link MAX_LOST_PROBLEMS} (the newest). Kept apart from `documents-controller.ts`, which decides
 * when a document is opened and closed.
 */
import type * as Y from 'yjs';
import { watchLostWrites, type LostWrite } from '../sync/lost-writes.js';
import { lostProblems, MAX_LOST_PROBLEMS } from './lost-words.js';
import type { OpenDoc } from './open-doc.js';
import type { SyncHandle } from './ports.js';

/**
 * Watches `ydoc` (the doc of `entry`, connected by `sync`) for lost cells and adds their problems
 * to `entry.lost`, calling `update` after each change. Returns the function that stops watching.
 */
export function watchOpenDocLost(entry: OpenDoc, ydoc: Y.Doc, sync: SyncHandle, update: () => void): () => void {
  const { id, kind } = entry.info;
  const onLost = (lost: LostWrite[]): void => {
    entry.lost = [...(entry.lost ?? []), ...lostProblems(id, kind, lost)].slice(-MAX_LOST_PROBLEMS);
    update();
  };
  return watchLostWrites(ydoc, onLost, { serverHas: sync.serverHas?.bind(sync), madeHere: sync.madeHere?.bind(sync) });
}
