import type { IndicatorTableSource } from '../indicators/indicator-source.js';
import type { RefEntry } from '../../shared/normalize/ref-lookup.js';
import { nameResolver, resolvePeriod, type NameResolver } from './feed-names.js';
import { feedKey, feedWatchers, type IndicatorFeed } from './indicator-feed.js';

/** What a feed may know besides its source. */
export interface FeedOptions {
  /** The workspace's units (code and name), so a unit can be given by name; read at each change. */
  units?: () => readonly RefEntry[];
}

/**
 * The custom functions' feed over the pane's live indicator source: the same validated table a
 * manager pulls, so `=SAMPLAN.INDICATOR(...)` never shows a value the table would leave out.
 * Indicators and units are read by id or name (the catalog's names, the workspace's units), the
 * period as a code or in words, so a formula may point at the cells of a sheet that shows names
 * and "2025 kv 1". The lookup index is rebuilt lazily after a change; watchers hear only about
 * their own value.
 */
export function feedFromSource(source: IndicatorTableSource, options: FeedOptions = {}): IndicatorFeed {
  let built: { index: Map<string, number | null>; indicators: NameResolver; units: NameResolver } | null = null;
  const watchers = feedWatchers();
  const lists = () => {
    if (!built) {
      const index = new Map<string, number | null>();
      const indicators: RefEntry[] = [...source.definitions()].map(([id, def]) => ({ id, name: def.name || id }));
      const units: RefEntry[] = [...(options.units?.() ?? [])];
      for (const r of source.current().rows) {
        index.set(feedKey(r.indicator, r.unit, r.period, r.kon), r.value);
        indicators.push({ id: r.indicator, name: r.name || r.indicator });
        units.push({ id: r.unit, name: r.unit });
      }
      built = { index, indicators: nameResolver(dedupe(indicators), 'indikator'), units: nameResolver(dedupe(units), 'enhet') };
    }
    return built;
  };
  const stop = source.subscribe(() => {
    built = null;
    watchers.changed();
  });
  return {
    value(indicator, unit, period, kon = 'T') {
      const l = lists();
      const i = l.indicators(indicator);
      if ('problem' in i) return i;
      const u = l.units(unit);
      if ('problem' in u) return u;
      const p = resolvePeriod(period);
      if ('problem' in p) return p;
      return l.index.get(feedKey(i.id, u.id, p.id, kon));
    },
    target(indicator) {
      const i = lists().indicators(indicator);
      if ('problem' in i) return i;
      return source.definitions().get(i.id)?.target;
    },
    watch: watchers.watch,
    dispose() {
      stop();
      watchers.clear();
    },
  };
}

/** One entry per id, the first kept (a catalog name before a row's). */
function dedupe(entries: readonly RefEntry[]): RefEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.id) && seen.add(e.id) !== undefined);
}
