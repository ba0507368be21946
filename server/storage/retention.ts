/**
 * How much history a document keeps, and the one rule both storage adapters apply when they
 * compact. Every change is kept for `keepEveryChangeMs` (30 days by default). Each compaction
 * also stores a checkpoint, the document's state after its last compacted change; of the
 * checkpoints, the newest of each `checkpointEveryMs` period (an hour by default) is kept. Log
 * rows older than the window are deleted once a kept checkpoint covers them, so older history
 * is one version per hour (where a compaction fell in that hour: every `compactEvery` changes and
 * whenever the document is unloaded), and a document's log stays bounded by the window.
 */

/** The retention of history; see the file comment. */
export interface HistoryRetention {
  /** Every change is kept at least this long, in ms. */
  keepEveryChangeMs: number;
  /** Older history keeps one checkpoint per this period, in ms; at most `keepEveryChangeMs`. */
  checkpointEveryMs: number;
}

/** Every change for 30 days, then one checkpoint per hour per document. */
export const DEFAULT_RETENTION: HistoryRetention = {
  keepEveryChangeMs: 30 * 24 * 3_600_000,
  checkpointEveryMs: 3_600_000,
};

/** A stored checkpoint without its bytes. */
export interface CheckpointInfo {
  /** The last update the checkpoint contains. */
  seq: number;
  /** ISO time of that update. */
  at: string;
}

/**
 * The defaults overridden by `partial`. Throws a RangeError for periods that are not positive or
 * a checkpoint period longer than the window (its checkpoints would be pruned before they exist).
 */
export function retentionOf(partial: Partial<HistoryRetention> = {}): HistoryRetention {
  const r = { ...DEFAULT_RETENTION, ...partial };
  if (!(r.keepEveryChangeMs > 0) || !(r.checkpointEveryMs > 0)) {
    throw new RangeError('History retention periods must be more than zero.');
  }
  if (r.checkpointEveryMs > r.keepEveryChangeMs) {
    throw new RangeError('The checkpoint period must not be longer than the period every change is kept.');
  }
  return r;
}

/**
 * What a compaction that adds checkpoint `added` to `existing` removes: the checkpoints it
 * replaces (older ones of the same period) and the log rows up to `pruneUpto` (the newest kept
 * checkpoint older than the window; 0 for none). A checkpoint that is the base of kept rows is
 * never replaced by a newer one inside the window.
 */
export function planCompaction(
  existing: readonly CheckpointInfo[],
  added: CheckpointInfo,
  now: Date,
  retention: HistoryRetention,
): { drop: number[]; pruneUpto: number } {
  const cutoff = now.getTime() - retention.keepEveryChangeMs;
  const period = (c: CheckpointInfo): number => Math.floor(Date.parse(c.at) / retention.checkpointEveryMs);
  const old = (c: CheckpointInfo): boolean => Date.parse(c.at) < cutoff;
  const drop = existing
    .filter((c) => c.seq < added.seq && period(c) === period(added) && (old(added) || !old(c)))
    .map((c) => c.seq);
  let pruneUpto = 0;
  for (const c of [...existing, added]) {
    if (!drop.includes(c.seq) && old(c) && c.seq > pruneUpto) pruneUpto = c.seq;
  }
  return { drop, pruneUpto };
}
