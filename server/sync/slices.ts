/**
 * Cooperative slicing for long work on the event loop: the work calls `pause()` often, and every
 * {@link SLICE_MS} of work it yields to the loop, so `/healthz` and sync traffic get their turn
 * however large the import, the export or the document loaded is. In the sync layer, as the
 * lowest that uses it (a room's load, `load-doc.ts`); the HTTP routes' imports and exports too.
 */

/** Longest stretch of work between two yields, in milliseconds. */
export const SLICE_MS = 8;

/** A `pause()` that yields (resolving after `setImmediate`) once `budgetMs` of work has passed since the last yield. */
export function slicer(budgetMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
