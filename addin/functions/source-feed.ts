import type { IndicatorTableSource } from '../indicators/indicator-source.js';
import type { FeedValue, IndicatorFeed } from './indicator-feed.js';

const key = (indicator: string, unit: string, period: string, kon: string) =>
  `${indicator.toLowerCase()}\u0000${unit.toLowerCase()}\u0000${period.toUpperCase()}\u0000${kon.toUpperCase()}`;

/**
 * The custom functions' feed over the pane's live indicator source: the same validated table a
 * manager pulls, so `=SAMPLAN.INDICATOR(...)` never shows a value the table would leave out.
 * The lookup index is rebuilt lazily after a change; watchers hear only about their own value.
 */
export function feedFromSource(source: IndicatorTableSource): IndicatorFeed {
  let index: Map<string, number | null> | null = null;
  const watchers = new Set<{ read: () => FeedValue; cb: (v: FeedValue) => void; last: FeedValue }>();
  const values = () => {
    if (!index) {
      index = new Map();
      for (const r of source.current().rows) index.set(key(r.indicator, r.unit, r.period, r.kon), r.value);
    }
    return index;
  };
  const stop = source.subscribe(() => {
    index = null;
    for (const w of watchers) {
      const v = w.read();
      if (!Object.is(v, w.last)) {
        w.last = v;
        w.cb(v);
      }
    }
  });
  return {
    value: (indicator, unit, period, kon = 'T') => values().get(key(indicator, unit, period, kon)),
    target(indicator) {
      for (const [id, def] of source.definitions()) if (id.toLowerCase() === indicator.toLowerCase()) return def.target;
      return undefined;
    },
    watch(read, cb) {
      const w = { read, cb, last: read() };
      watchers.add(w);
      cb(w.last);
      return () => watchers.delete(w);
    },
    dispose() {
      stop();
      watchers.clear();
    },
  };
}
