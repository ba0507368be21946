/**
 * One bound for the heap every room of a process spends on remembered take-backs
 * (`take-back-index.ts`), besides each document's own bound (the newest `TAKE_BACK_LIMIT`
 * within `TAKE_BACK_BYTES` encoded, as storage keeps them). Fifty loaded documents at their
 * own bound would hold some 300 MB even at the compact index's ~0.3 kB per take-back; past the
 * budget the oldest take-backs of the rooms that hold the most are dropped from memory. They stay
 * in storage, and a room that dropped some reads them from there when an allowed edit loses to one
 * (`TakeBacks.needsLookBack`, `Room.lookBackStored`), so none is forgotten while storage keeps it.
 *
 * A room's take-backs of rows (a refused delete put back) count in the budget but are not dropped
 * for it (`take-back-index.ts` tells why); the document's own count bound forgets them, so rows
 * alone may hold the budget past its limit.
 *
 * The budget is `SAMPLAN_TAKE_BACK_MEMORY_MB` megabytes (10^6 bytes) of estimated heap, default
 * {@link DEFAULT_TAKE_BACK_MEMORY_MB}; an estimate, counted per entry
 * (`TakeBackIndex.heapBytes`), not measured.
 */
/** Megabytes of heap all of a process's rooms spend on remembered take-backs, unless `SAMPLAN_TAKE_BACK_MEMORY_MB` says otherwise. */
export const DEFAULT_TAKE_BACK_MEMORY_MB = 64;

/** What a budget asks of a room's take-backs. */
export interface BudgetMember {
  /** Estimated heap held, in bytes. */
  readonly heapBytes: number;
  /** Drops up to `count` of its oldest take-backs from memory (they stay in storage); returns the bytes freed, 0 when it can drop none. */
  evictOldest(count: number): number;
}

/**
 * The megabytes `SAMPLAN_TAKE_BACK_MEMORY_MB` (in `env`) sets, or the default when unset or empty.
 * Throws an Error naming the variable for anything but a positive number.
 */
export function takeBackMemoryMb(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SAMPLAN_TAKE_BACK_MEMORY_MB?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TAKE_BACK_MEMORY_MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`SAMPLAN_TAKE_BACK_MEMORY_MB must be a positive number of megabytes, not "${raw}"`);
  return mb;
}

/** The rooms of one process and the heap their take-backs hold, kept within `limitBytes`. */
export class TakeBackBudget {
  private readonly members = new Set<BudgetMember>();
  private total = 0;
  private evicting = false;

  /** @param limitBytes estimated heap, in bytes, all members together may hold */
  constructor(readonly limitBytes: number) {}

  /** Estimated heap all members hold now, in bytes. */
  get used(): number {
    return this.total;
  }

  /**
   * `member`'s heap changed by `delta` bytes (it joins on its first change, leaves when it holds
   * none). Past the limit, the members holding the most drop their oldest take-backs until all
   * hold at most 90% of it (so that one add past the limit does not evict at every next add).
   */
  changed(member: BudgetMember, delta: number): void {
    this.total += delta;
    if (member.heapBytes > 0) this.members.add(member);
    else this.members.delete(member);
    if (this.total <= this.limitBytes || this.evicting) return;
    this.evicting = true;
    try {
      const target = this.limitBytes * 0.9;
      // Members left with nothing to drop (what they hold is not dropped: rows put back, `take-back-index.ts`).
      const spent = new Set<BudgetMember>();
      while (this.total > target) {
        let largest: BudgetMember | null = null;
        for (const m of this.members) if (!spent.has(m) && (!largest || m.heapBytes > largest.heapBytes)) largest = m;
        if (!largest) break;
        // A member's evictOldest reports back through `changed`, which updates the total.
        if (largest.evictOldest(1024) === 0) spent.add(largest);
      }
    } finally {
      this.evicting = false;
    }
  }

  /** `member` holds nothing any more (its room closed): its heap no longer counts. */
  release(member: BudgetMember): void {
    if (!this.members.delete(member)) return;
    this.total -= member.heapBytes;
  }
}

let processBudget: TakeBackBudget | null = null;

/** The budget of this process's rooms ({@link takeBackMemoryMb}), made on first use. Throws as {@link takeBackMemoryMb}. */
export function defaultTakeBackBudget(): TakeBackBudget {
  processBudget ??= new TakeBackBudget(takeBackMemoryMb() * 1e6);
  return processBudget;
}
