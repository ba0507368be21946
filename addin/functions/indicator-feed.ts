import type * as Y from 'yjs';
import { observeChanges, rowsOf } from '../../shared/doc/index.js';
import { definitionsFromRows, type IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { effectiveValue, type Kon } from '../../shared/indicators/compute.js';
import { observationOf } from '../../shared/indicators/table.js';

/** What a custom function cell shows: a number, "no value" (null), or not found (undefined). */
export type FeedValue = number | null | undefined;

/**
 * Live lookups over a workspace's indicator documents for the custom functions
 * `=SAMPLAN.INDICATOR(...)` and `=SAMPLAN.TARGET(...)`. Indexes are rebuilt lazily after a change,
 * and subscribers are told only when the value they watch changed.
 */
export interface IndicatorFeed {
  /** The value of an indicator for a unit, period and kön (default T). */
  value(indicator: string, unit: string, period: string, kon?: Kon): FeedValue;
  /** The target of an indicator (the catalog's target; units share it for now). */
  target(indicator: string, unit: string): FeedValue;
  /** Calls `cb` with the current value now and again whenever it changes; returns unsubscribe. */
  watch(read: () => FeedValue, cb: (value: FeedValue) => void): () => void;
  dispose(): void;
}

const key = (indicator: string, unit: string, period: string, kon: string) =>
  `${indicator.toLowerCase()}\u0000${unit.toLowerCase()}\u0000${period.toUpperCase()}\u0000${kon.toUpperCase()}`;

/** Builds a feed over one indicator catalog and any number of indicator-values docs. */
export function createIndicatorFeed(catalog: Y.Doc | null, valueDocs: readonly Y.Doc[]): IndicatorFeed {
  let definitions: Map<string, IndicatorDefinition> | null = null;
  let values: Map<string, number | null> | null = null;
  const watchers = new Set<{ read: () => FeedValue; cb: (v: FeedValue) => void; last: FeedValue }>();

  const defs = () => {
    if (!definitions) {
      const raw = definitionsFromRows(catalog ? rowsOf(catalog).map((r) => r.values) : []);
      definitions = new Map([...raw].map(([id, d]) => [id.toLowerCase(), d]));
    }
    return definitions;
  };
  const index = () => {
    if (!values) {
      values = new Map();
      const d = defs();
      for (const doc of valueDocs) {
        for (const row of rowsOf(doc)) {
          const o = observationOf(row.values);
          if (!o) continue;
          values.set(key(o.indicator, o.unit, o.period, o.kon), effectiveValue(o, d.get(o.indicator.toLowerCase())?.factor ?? 1));
        }
      }
    }
    return values;
  };
  const changed = () => {
    for (const w of watchers) {
      const v = w.read();
      if (!Object.is(v, w.last)) {
        w.last = v;
        w.cb(v);
      }
    }
  };
  const stops = [
    ...(catalog
      ? [
          observeChanges(catalog, () => {
            definitions = null;
            values = null;
            changed();
          }),
        ]
      : []),
    ...valueDocs.map((doc) =>
      observeChanges(doc, () => {
        values = null;
        changed();
      }),
    ),
  ];

  return {
    value(indicator, unit, period, kon = 'T') {
      const v = index().get(key(indicator, unit, period, kon));
      return v === undefined ? undefined : v;
    },
    target(indicator) {
      const d = defs().get(indicator.toLowerCase());
      return d ? d.target : undefined;
    },
    watch(read, cb) {
      const w = { read, cb, last: read() };
      watchers.add(w);
      cb(w.last);
      return () => watchers.delete(w);
    },
    dispose() {
      for (const stop of stops) stop();
      watchers.clear();
    },
  };
}
