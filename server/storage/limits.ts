/**
 * The bounds every storage backend keeps alike (SQLite, PostgreSQL, memory), and the one helper
 * that applies them: how many take-backs a document keeps (by count and bytes, never by age) and
 * how stale a document record's `updatedAt` may be after an append. The shapes they bound are
 * in `storage.ts` (`StoredTakeBack`, `AppendItem`, `DocumentStore.appendUpdates`).
 */

/**
 * How many take-backs a store keeps per document (and a room remembers) at most: the newest,
 * whatever their age, within {@link TAKE_BACK_BYTES}. Bounded by count and size, not by time:
 * whether an allowed edit had seen a refused update does not depend on when it reaches the server
 * (an owner's workbook may stay offline for days), so an age bound would only lose edits. One
 * refused paste makes one take-back per cell, so the count keeps a refused paste of 10,000 cells
 * whole (`server/sync/take-backs.ts`).
 */
export const TAKE_BACK_LIMIT = 16_384;

/**
 * How many bytes of take-backs (`StoredTakeBack.data` of `storage.ts`, summed) a store keeps per
 * document (and a room remembers) at most: the newest that fit, oldest pruned first. A take-back of one
 * cell is about 40 bytes encoded (its ids and the clients that wrote the cell), so 1 MiB holds
 * {@link TAKE_BACK_LIMIT} of them with room for cells many clients wrote. It bounds encoded bytes
 * only, not a room's heap: a remembered take-back costs about 0.1–0.2 kB of heap in the room's
 * index (`take-back-index.ts`), so a room holding {@link TAKE_BACK_LIMIT} one-cell take-backs keeps
 * about 1.4–2.6 MB of them (measured with `bench/take-back-heap.ts`: 2.6 MB for a refused paste of
 * 16,384 cells, 1.4 MB for one cell refused 16,384 times), besides the take-back items in its
 * document; all rooms of a process together stay within `SAMPLAN_TAKE_BACK_MEMORY_MB`
 * (`take-back-budget.ts`). It
 * bounds what storage keeps per document (SQLite and PostgreSQL prune by bytes, which
 * reads every take-back of the document, only when an append stores several and at every 64th
 * take-back otherwise, so they may hold up to 63 single take-backs past this until then:
 * `sqlite-append.ts`, `postgres.ts`).
 */
export const TAKE_BACK_BYTES = 1_048_576;

/**
 * Of a document's take-backs, oldest first, given as their sizes in bytes: how many of the oldest
 * to prune so that at most {@link TAKE_BACK_LIMIT} (`count`) of at most {@link TAKE_BACK_BYTES}
 * (`bytes`) together are left, the newest kept. 0 when they fit. Never throws.
 */
export function takeBacksToPrune(sizes: readonly number[], count = TAKE_BACK_LIMIT, bytes = TAKE_BACK_BYTES): number {
  let total = 0;
  let kept = 0;
  for (let i = sizes.length - 1; i >= 0; i--) {
    total += sizes[i] as number;
    if (total > bytes || kept >= count) return i + 1;
    kept++;
  }
  return 0;
}

/**
 * How stale a document record's `updatedAt` may be after an append, in ms: appends move it only
 * when it is older than this (ISO strings of `toISOString()` compare in time order).
 */
export const UPDATED_AT_GRAIN_MS = 60_000;
