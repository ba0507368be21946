/**
 * A major collection of this process as V8 makes one on its own (`gc({ type: 'major', execution:
 * 'sync' })`, `--expose-gc`), for the benches' "collect before measuring" steps: the `collect` of
 * `bench-hook.ts` in the servers and the bench clients' own in `fanout.ts`. Nothing when the
 * process runs without `--expose-gc`.
 *
 * Not a bare `gc()`: that is V8's memory-reducing collection of all it can free, which also lets go
 * of the maps (hidden classes) that optimized code was compiled against whenever no object holds
 * them at that moment — a transient class's, say, whose instances live only within one edit — and
 * every function compiled against one is deoptimized ("weak objects" in `--trace-deopt`). Measured
 * so on Samplan's bench server after the 30 s fan-out warm-up (`--log-deopt`): about 50 functions
 * of its edit path (the check, the commit, Yjs' transaction, lib0's decoding) and of Node's streams
 * and timers deoptimized at the bare `gc()`, so the measured windows ran them in baseline code
 * again (Sparkplug 17–22 ms/s of the main thread after 30 or 90 s of warm-up). A major collection
 * V8 starts itself keeps the maps optimized code names (`--retain-maps-for-n-gc`), as this one
 * does: a server that runs all day is not deoptimized by its collections.
 *
 * Only Node built-ins (none) are imported: the peers load it through the bench hook.
 */
export function majorGc(): void {
  (globalThis.gc as ((options: { type: 'major'; execution: 'sync' }) => void) | undefined)?.({ type: 'major', execution: 'sync' });
}
