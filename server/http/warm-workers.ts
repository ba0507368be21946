/**
 * Reading workers kept between reads (`read-worker.ts`): a worker whose thread and reader are
 * started once serves several reads instead of one, while it holds little ({@link WARM_MAX_HEAP_MB}). Each idle worker
 * counts in the process's reading slots: idle and busy workers together never outnumber them, so
 * a new worker ends an idle one first when they would. An idle worker is unreferenced (it keeps
 * no process, a CLI command say, alive) and ended after {@link WARM_IDLE_MS} without a read.
 */
import type { Worker } from 'node:worker_threads';

/** How long an idle worker is kept for the next read, in ms: a minute (then its heap is returned). */
export const WARM_IDLE_MS = 60_000;

/**
 * The most heap (V8's `total_heap_size`, MiB) a worker may hold after a read to be kept for the
 * next: an idle thread does not collect, so a worker kept after a large read held what the read
 * had grown its heap to (the process's RSS stayed at 290–320 MB after a 30,001-row workbook, ~170
 * MB over the process before it) until it was ended a minute later. One past this is ended at
 * once and a fresh worker is kept in its place, so the next read still finds a warm thread.
 */
export const WARM_MAX_HEAP_MB = 48;

/** A worker kept for reads of one kind (`key`) of one `owner` (an app; none: reads of no owner), with the reads it has served. */
export interface WarmWorker {
  worker: Worker;
  key: string;
  owner?: object;
  reads: number;
}

interface Idle {
  entry: WarmWorker;
  timer: ReturnType<typeof setTimeout>;
}

/** The idle workers of a process, oldest first. */
export class WarmWorkers {
  private readonly idle: Idle[] = [];

  /** `slots()`: the reading slots of the process, which idle and busy workers share. */
  constructor(
    private readonly slots: () => number,
    private readonly idleMs = WARM_IDLE_MS,
  ) {}

  /** Idle workers kept now. */
  get size(): number {
    return this.idle.length;
  }

  /** An idle worker for reads of `key` by `owner`, taken out of the idle ones (referenced again); undefined when none is. */
  take(key: string, owner?: object): WarmWorker | undefined {
    const at = this.idle.findIndex((i) => i.entry.key === key && i.entry.owner === owner);
    if (at < 0) return undefined;
    const [{ entry, timer }] = this.idle.splice(at, 1) as [Idle];
    clearTimeout(timer);
    entry.worker.ref();
    return entry;
  }

  /**
   * Before a worker is started for one of `busy` reads (this one included): ends the oldest idle
   * workers until busy and idle ones fit in the slots.
   */
  makeRoom(busy: number): void {
    while (this.idle.length > 0 && busy + this.idle.length > this.slots()) this.end(0);
  }

  /**
   * `entry` after a read it answered, with `busy` other reads running: kept idle while it has
   * served fewer than `reads` and there is a free slot for it, else ended.
   */
  give(entry: WarmWorker, reads: number, busy: number): void {
    if (entry.reads >= reads || busy + this.idle.length + 1 > this.slots()) {
      void entry.worker.terminate();
      return;
    }
    entry.worker.unref();
    const timer = setTimeout(() => this.end(this.idle.findIndex((i) => i.entry === entry)), this.idleMs);
    timer.unref();
    this.idle.push({ entry, timer });
  }

  /** A worker that exited (ended from outside, crashed): no longer offered if it was idle. */
  forget(worker: Worker): void {
    const at = this.idle.findIndex((i) => i.entry.worker === worker);
    if (at >= 0) clearTimeout((this.idle.splice(at, 1)[0] as Idle).timer);
  }

  /** Ends the idle workers of `owner` (an app's close), every one when none is given (a test); resolves when they have exited. */
  async clear(owner?: object): Promise<void> {
    const ended = owner === undefined ? this.idle.splice(0) : this.idle.filter((i) => i.entry.owner === owner);
    if (owner !== undefined) for (const i of ended) this.idle.splice(this.idle.indexOf(i), 1);
    const ending = ended.map(({ entry, timer }) => {
      clearTimeout(timer);
      return entry.worker.terminate();
    });
    await Promise.all(ending);
  }

  private end(at: number): void {
    if (at < 0) return;
    const [{ entry, timer }] = this.idle.splice(at, 1) as [Idle];
    clearTimeout(timer);
    void entry.worker.terminate();
  }
}
