import type { IndicatorTableSource } from '../indicators/indicator-source.js';
import { feedKey, feedWatchers, type IndicatorFeed } from './indicator-feed.js';

/**
 * The custom functions' feed over the pane's live indicator source: the same validated table a
 * manager pulls, so `=SAMPLAN.INDICATOR(...)` never shows a value the table would leave out.
 * The lookup index is rebuilt lazily after a change; watchers hear only about their own value.
 */
export function feedFromSource(source: IndicatorTableSource): IndicatorFeed {
  let index: Map<string, number | null> | null = null;
  const watchers = feedWatchers();
  const values = () => {
    if (!index) {
      index = new Map();
      for (const r of source.current().rows) index.set(feedKey(r.indicator, r.unit, r.period, r.kon), r.value);
    }
    return index;
  };
  const stop = source.subscribe(() => {
    index = null;
    watchers.changed();
  });
  return {
    value: (indicator, unit, period, kon = 'T') => values().get(feedKey(indicator, unit, period, kon)),
    target(indicator) {
      for (const [id, def] of source.definitions()) if (id.toLowerCase() === indicator.toLowerCase()) return def.target;
      return undefined;
    },
    watch: watchers.watch,
    dispose() {
      stop();
      watchers.clear();
    },
  };
}
