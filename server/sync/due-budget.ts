/**
 * One bound for the bytes of other processes' updates that all the rooms of a process keep
 * unapplied (`RoomApply.keepForeign`), besides each room's own bound (`DUE_MAX` updates within
 * `DUE_BYTES`, `room-apply.ts`). Without it, a process whose clients only read held up to 256 KiB
 * per loaded document outside any bound (500 documents: 128 MiB). Past it, the room an update comes
 * to applies what it kept and that update at once: a bound on memory, never on what is delivered.
 *
 * The bound is `SAMPLAN_UNAPPLIED_MEMORY_MB` megabytes (10^6 bytes), default
 * {@link DEFAULT_UNAPPLIED_MEMORY_MB}; 0 keeps nothing (each update of another process is applied
 * as it arrives). Only a process with Redis fan-out (`--redis-url`) receives such updates.
 */

/** Megabytes all the rooms of a process keep unapplied, unless `SAMPLAN_UNAPPLIED_MEMORY_MB` says otherwise (64 rooms at their own 256 KiB). */
export const DEFAULT_UNAPPLIED_MEMORY_MB = 16;

/**
 * The megabytes `SAMPLAN_UNAPPLIED_MEMORY_MB` (in `env`) sets, or the default when unset or empty.
 * Throws an Error naming the variable for anything but a number of at least 0.
 */
export function unappliedMemoryMb(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SAMPLAN_UNAPPLIED_MEMORY_MB?.trim();
  if (raw === undefined || raw === '') return DEFAULT_UNAPPLIED_MEMORY_MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`SAMPLAN_UNAPPLIED_MEMORY_MB must be a number of megabytes, 0 or more, not "${raw}"`);
  return mb;
}

/** Bytes of updates of other processes waiting unapplied in the rooms sharing it, kept within `limitBytes`. */
export class DueBudget {
  used = 0;
  constructor(readonly limitBytes: number) {}
}

let processDue: DueBudget | null = null;
/** The budget all the rooms of this process share ({@link unappliedMemoryMb} megabytes), made on first use. Throws as {@link unappliedMemoryMb}. */
export function processDueBudget(): DueBudget {
  processDue ??= new DueBudget(unappliedMemoryMb() * 1e6);
  return processDue;
}
