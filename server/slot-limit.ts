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

/**
 * How one task waits: until when (epoch ms; unset: as long as it takes), and while whom wants it
 * (`signal`: aborted, e.g. the client of the request went away, the task leaves the queue at once).
 */
export interface SlotWait {
  waitUntil?: number;
  signal?: AbortSignal;
}

interface Waiter {
  start(): void;
  /** Leaves the queue (a deadline or an abort): its timer and abort listener gone. */
  leave(): void;
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
   * `task()` once a slot is free. Throws `refusals.full()` at once when the queue is full,
   * `refusals.late()` when `wait.waitUntil` passes while it waits, and `wait.signal`'s reason when
   * it is aborted before the task starts (the place in the queue freed at once); `task` is then
   * never called. A running task is the task's to stop (its slot is freed when it settles).
   */
  async run<T>(task: () => Promise<T>, wait: SlotWait = {}): Promise<T> {
    wait.signal?.throwIfAborted();
    if (this.running >= this.slotCount) {
      if (this.waiting.length >= this.queueLength) throw this.refusals.full();
      await this.queued(wait);
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

  /** Resolves when a slot was given to this waiter (counted in `running`), rejects when it left the queue first. */
  private queued(wait: SlotWait): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { signal, waitUntil } = wait;
      const leave = (err: unknown) => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.leave();
        reject(err);
      };
      const onAbort = () => leave(signal?.reason);
      const timer = waitUntil === undefined ? undefined : setTimeout(() => leave(this.refusals.late()), Math.max(0, waitUntil - Date.now()));
      const waiter: Waiter = {
        start: () => {
          waiter.leave();
          resolve();
        },
        leave: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Waiting tasks into free slots, first come first. `running` is counted before each starts. */
  private startWaiting(): void {
    while (this.running < this.slotCount && this.waiting.length > 0) {
      const next = this.waiting.shift() as Waiter;
      this.running += 1;
      next.start();
    }
  }
}
