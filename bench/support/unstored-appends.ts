/**
 * A bench-only store whose appends of edits are numbered but not written: what the sync server's
 * persistence costs at a region's shape, measured in the same run as Samplan and the peers
 * (`npm run bench -- region --parts fanout --servers samplan,samplan-unstored,y-websocket-server`).
 * Everything else of the edit path runs as in Samplan: the check of every update, the commit log's
 * turn, the relay after the (skipped) commit, Yjs' apply. Never for a server people use: what it
 * relays is lost at a restart.
 *
 * It was first measured with a prototype of the append journal beside it (each batch appended to
 * a file by one `write`), which `server/storage/sqlite-journal.ts` now is for real: `samplan-journal`
 * (the server with its journal on) is the variant to set beside it now.
 *
 * A document's first append is written (so its sequence numbers go on from what storage holds, as
 * the commit log expects); each later one only moves the document's count on. The group commit's
 * `appendMany` is taken away, so every room appends alone (`group-commit.ts`: a store without it
 * gets one `appendUpdates` per room; at a region's 100 edits/s over 100 documents a turn has one room).
 */
import { withNow } from '../../server/storage/document-store.js';
import type { DocRef, DocumentStore } from '../../server/storage/storage.js';

/** How many batches {@link unstoredAppends} wrote and skipped so far (written: each document's first). */
export interface UnstoredCounts {
  written: number;
  skipped: number;
}

/**
 * Replace `store`'s `appendUpdates` (in place) by one that writes each document's first batch
 * through the store's own synchronous append and numbers every later batch without writing it;
 * removes `appendMany`. Throws when the store has no synchronous append (`withNow`'s `now`: SQLite
 * has one; PostgreSQL does not). Returns the counts, read by the bench server's `stats`.
 */
export function unstoredAppends(store: Pick<DocumentStore, 'appendUpdates' | 'appendMany'>): UnstoredCounts {
  const now = (store.appendUpdates as { now?: (ref: DocRef, updates: readonly { update: Uint8Array }[]) => number }).now;
  if (!now) throw new Error('unstoredAppends: the store has no synchronous append (SQLite has)');
  const real = store.appendUpdates.bind(store);
  const counts: UnstoredCounts = { written: 0, skipped: 0 };
  const last = new Map<string, number>();
  const numbered = (ref: DocRef, updates: readonly { update: Uint8Array }[]): number => {
    const key = `${ref.workspace}\u0000${ref.doc}`;
    const had = last.get(key);
    if (updates.length === 0) return had ?? now(ref, updates);
    if (had === undefined) {
      const seq = now(ref, updates);
      counts.written++;
      last.set(key, seq);
      return seq;
    }
    counts.skipped++;
    const seq = had + updates.length;
    last.set(key, seq);
    return seq;
  };
  const appendUpdates = withNow(async (ref: DocRef, updates: Parameters<DocumentStore['appendUpdates']>[1]) => {
    // An empty batch of a document not appended to yet reads storage (a room's look for other writers).
    if (updates.length === 0 && !last.has(`${ref.workspace}\u0000${ref.doc}`)) return real(ref, updates);
    return numbered(ref, updates);
  }, numbered);
  Object.assign(store, { appendUpdates, appendMany: undefined });
  return counts;
}
