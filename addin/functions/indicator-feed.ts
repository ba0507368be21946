import type { Kon } from '../../shared/indicators/compute.js';

/**
 * What a custom function cell shows: a number, "no value" (null), not found (undefined), or an
 * argument that names nothing or more than one thing, with the sentence the cell's #N/A carries.
 */
export type FeedValue = number | null | undefined | { problem: string };

/** Whether two feed values show the same (problems by their sentence). */
export function sameFeedValue(a: FeedValue, b: FeedValue): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return a.problem === b.problem;
  return Object.is(a, b);
}

/**
 * Live lookups for the custom functions `=SAMPLAN.INDICATOR(...)` and `=SAMPLAN.TARGET(...)`;
 * subscribers are told only when the value they watch changed.
 */
export interface IndicatorFeed {
  /**
   * The value of an indicator for a unit, period and kön (default T). Indicator and unit by id
   * or name, the period as a code or in words, or a date cell's serial (see `feed-names.ts`).
   */
  value(indicator: string, unit: string, period: string | number, kon?: Kon): FeedValue;
  /** The target of an indicator, by id or name (the catalog's target; units share it for now). */
  target(indicator: string, unit: string): FeedValue;
  /** Calls `cb` with the current value now and again whenever it changes; returns unsubscribe. */
  watch(read: () => FeedValue, cb: (value: FeedValue) => void): () => void;
  dispose(): void;
}

/** The lookup key of a value: case-insensitive ids and units, upper-case periods and kön. */
export const feedKey = (indicator: string, unit: string, period: string, kon: string): string =>
  `${indicator.toLowerCase()}\u0000${unit.toLowerCase()}\u0000${period.toUpperCase()}\u0000${kon.toUpperCase()}`;

/** The watchers of a feed: `changed()` re-reads each and calls back only those whose value moved. */
export function feedWatchers(): Pick<IndicatorFeed, 'watch'> & { changed(): void; clear(): void } {
  const watchers = new Set<{ read: () => FeedValue; cb: (v: FeedValue) => void; last: FeedValue }>();
  return {
    watch(read, cb) {
      const w = { read, cb, last: read() };
      watchers.add(w);
      cb(w.last);
      return () => watchers.delete(w);
    },
    changed() {
      for (const w of watchers) {
        const v = w.read();
        if (!sameFeedValue(v, w.last)) {
          w.last = v;
          w.cb(v);
        }
      }
    },
    clear: () => watchers.clear(),
  };
}
