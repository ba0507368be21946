/**
 * A bound on how many costly tasks of one kind run at once in this process, with a short queue:
 * a PDF print launches a Chromium (`print/pdf.ts`), a spreadsheet read a worker thread with a heap
 * of its own (`http/read-worker.ts`). Without it a burst of requests starts as many of them as
 * there are requests and starves everything else sharing the machine (24 parallel `.xlsx` uploads
 * took 3.5 GB and held the event loop up for about a second).
 */

/** Why a task was not run: the queue was full (`full`), or its wait outlasted its deadline (`late`). */
export interface SlotRefusals {
  /** The error thrown at once when `slots` run and `queue` wait already. */
  full(): Error;
  /** The error thrown when a queued task's `waitUntil` passes before a slot is free. */
  late(): Error;
}

/** How one task waits: until when (epoch ms; unset: as long as it takes). */
export interface SlotWait {
  waitUntil?: number;
}

interface Waiter {
  start(): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Runs at most `slots` tasks at once; up to `queue` more wait their turn (first come, first
 * served); a task offered while `queue` wait already is refused at once with `refusals.full()`, and
 * a waiting task whose `waitUntil` passes leaves the queue with `refusals.late()`. A task that throws
 * gives its slot back like one that succeeds. {@link SlotLimit.resize} changes both bounds for the
 * tasks offered from then on (a larger `slots` starts waiting ones at once).
 *
 * @example
 * const limit = new SlotLimit(2, 8, { full: () => new Error('busy'), late: () => new Error('waited too long') });
 * const pdf = await limit.run(() => printOnce(html), { waitUntil: Date.now() + 30_000 });
 */
export class SlotLimit {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private slotCount: number,
    private queueLength: number,
    private readonly refusals: SlotRefusals,
  ) {}

  /** Tasks run at once (at least 1). */
  get slots(): number {
    return this.slotCount;
  }

  /** Tasks that may wait for a slot. */
  get queue(): number {
    return this.queueLength;
  }

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** New bounds: `slots` at least 1, `queue` at least 0 (whole numbers; others are rounded down). */
  resize(slots: number, queue: number): void {
    this.slotCount = Math.max(1, Math.floor(slots));
    this.queueLength = Math.max(0, Math.floor(queue));
    this.startWaiting();
  }

  /**
   * `task()` once a slot is free. Throws `refusals.full()` at once when the queue is full, and
   * `refusals.late()` when `wait.waitUntil` passes while it waits; `task` is then never called.
   */
  async run<T>(task: () => Promise<T>, wait: SlotWait = {}): Promise<T> {
    if (this.running >= this.slotCount) {
      if (this.waiting.length >= this.queueLength) throw this.refusals.full();
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { start: resolve, timer: undefined };
        if (wait.waitUntil !== undefined) {
          waiter.timer = setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(waiter), 1);
            reject(this.refusals.late());
          }, Math.max(0, wait.waitUntil - Date.now()));
        }
        this.waiting.push(waiter);
      });
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.startWaiting();
    }
  }

  /** Waiting tasks into free slots, first come first. `running` is counted before each starts. */
  private startWaiting(): void {
    while (this.running < this.slotCount && this.waiting.length > 0) {
      const next = this.waiting.shift() as Waiter;
      clearTimeout(next.timer);
      this.running += 1;
      next.start();
    }
  }
}
