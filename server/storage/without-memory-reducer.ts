/**
 * Starting a worker thread whose heap has no V8 memory reducer (the SQLite checkpoint worker,
 * `sqlite-checkpointer.ts`, where the cost it avoids is measured).
 *
 * V8's memory reducer shrinks a heap that has stopped allocating with full collections. A small
 * worker heap always qualifies, and it acts on a timer of its own (first ~8 s after the heap
 * grew past its start), so the collections land at a moment nobody chose. V8's flags are the
 * process's, and V8 reads `--memory-reducer` only as it sets up a heap (`Heap::SetUp` makes the
 * reducer or not) — the worker's, on its own thread, soon after `new Worker` returns. So the flag
 * is turned off just before the worker is made and on again once its thread runs JavaScript
 * (`online`; or as it fails or exits first): the main thread's heap, set up long before, keeps its
 * reducer, and so does every worker made later. A worker other code makes in between gets none
 * either (a small heap left unshrunk, nothing else). A worker starts no dearer so (CPU of a start
 * loading better-sqlite3, 8 alternated pairs: median 122 ms either way). A process started with
 * its own say on the reducer (a flag in its arguments or `NODE_OPTIONS`) is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

/** What {@link withoutMemoryReducer} needs of a worker: the events that say its heap is set up (or never will be). */
export interface StartedWorker {
  once(event: 'online' | 'error' | 'exit', listener: () => void): unknown;
}

/** Where the flag is set and what the process was started with (tests pass their own). */
export interface ReducerFlags {
  set(flag: '--memory-reducer' | '--no-memory-reducer'): void;
  /** The process's own arguments and `NODE_OPTIONS`, searched for a memory-reducer flag. */
  given: readonly string[];
}

const processFlags: ReducerFlags = {
  set: (flag) => setFlagsFromString(flag),
  get given() {
    return [...process.execArgv, process.env.NODE_OPTIONS ?? ''];
  },
};

/**
 * `start()` (which makes a worker) run with V8's memory reducer off for the worker's heap; see the
 * module comment. Throws what `start` throws, with the flag back on.
 *
 * @example
 * const worker = withoutMemoryReducer(() => new Worker(source, { eval: true }));
 */
export function withoutMemoryReducer<W extends StartedWorker>(start: () => W, flags: ReducerFlags = processFlags): W {
  if (flags.given.some((arg) => /memory[-_]reducer/.test(arg))) return start();
  flags.set('--no-memory-reducer');
  let worker: W;
  try {
    worker = start();
  } catch (err) {
    flags.set('--memory-reducer');
    throw err;
  }
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    flags.set('--memory-reducer');
  };
  worker.once('online', restore);
  worker.once('error', restore);
  worker.once('exit', restore);
  return worker;
}
