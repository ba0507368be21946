/**
 * Items due at given times, with one timer for the whole set: a binary min-heap by deadline and a
 * single `setTimeout` for its head, so ten thousand open sockets with expiring tokens cost one
 * timer, not ten thousand. Adding, moving and removing an item are O(log n). The timer is unref'd:
 * it never keeps a process alive on its own.
 */

/** Node's timers hold at most a signed 32-bit delay (about 24.8 days); longer waits are re-armed. */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface Slot<T> {
  item: T;
  at: number;
}

/** A set of items, each due at a time in ms since the epoch; `onDue` is called once per item. */
export class DeadlineQueue<T> {
  private readonly heap: Slot<T>[] = [];
  private readonly index = new Map<T, number>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;

  /**
   * @param onDue called for each item whose time has come (the item is already removed)
   * @param now the current time in ms since the epoch
   */
  constructor(
    private readonly onDue: (item: T) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Number of items waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Add `item` due at `at` (ms since the epoch), or move it there if it is already queued. */
  add(item: T, at: number): void {
    const known = this.index.get(item);
    if (known !== undefined) {
      const slot = this.heap[known] as Slot<T>;
      slot.at = at;
      this.up(known);
      this.down(this.index.get(item) as number);
    } else {
      this.heap.push({ item, at });
      this.index.set(item, this.heap.length - 1);
      this.up(this.heap.length - 1);
    }
    this.arm();
  }

  /** Remove `item`; nothing happens when it is not queued. */
  delete(item: T): void {
    const i = this.index.get(item);
    if (i === undefined) return;
    this.index.delete(item);
    const last = this.heap.pop() as Slot<T>;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.index.set(last.item, i);
      this.up(i);
      this.down(this.index.get(last.item) as number);
    }
    this.arm();
  }

  /** Forget every item and stop the timer. */
  clear(): void {
    this.heap.length = 0;
    this.index.clear();
    this.disarm();
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.now();
    const due: T[] = [];
    while (this.heap.length > 0 && (this.heap[0] as Slot<T>).at <= now) {
      const { item } = this.heap[0] as Slot<T>;
      this.delete(item);
      due.push(item);
    }
    for (const item of due) this.onDue(item);
    this.arm();
  }

  private arm(): void {
    const head = this.heap[0];
    if (!head) return this.disarm();
    if (this.timer && this.armedFor === head.at) return;
    this.disarm();
    this.armedFor = head.at;
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_DELAY_MS, Math.max(0, head.at - this.now())));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.heap[parent] as Slot<T>).at <= (this.heap[i] as Slot<T>).at) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.heap.length && (this.heap[left] as Slot<T>).at < (this.heap[least] as Slot<T>).at) least = left;
      if (right < this.heap.length && (this.heap[right] as Slot<T>).at < (this.heap[least] as Slot<T>).at) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i] as Slot<T>;
    const b = this.heap[j] as Slot<T>;
    this.heap[i] = b;
    this.heap[j] = a;
    this.index.set(b.item, i);
    this.index.set(a.item, j);
  }
}
