/** Matching typed enum values to stored ones, precomputed once per column. */
import type { ColumnDef } from '../schema/types.js';

const cache = new WeakMap<ColumnDef, ReadonlyMap<string, string>>();

/**
 * The stored value for `text` in an enum column: the exact stored value, or a case-insensitive
 * match of a stored value, a Swedish label or an English label. Undefined when nothing matches.
 */
export function matchOption(column: ColumnDef, text: string): string | undefined {
  let lookup = cache.get(column);
  if (!lookup) {
    const map = new Map<string, string>();
    // Later entries must not shadow earlier ones: stored values win over labels.
    const add = (key: string, value: string) => {
      const k = key.toLocaleLowerCase('sv');
      if (!map.has(k)) map.set(k, value);
    };
    const options = column.options ?? [];
    for (const o of options) add(o.value, o.value);
    for (const o of options) add(o.label.sv, o.value);
    for (const o of options) add(o.label.en, o.value);
    lookup = map;
    cache.set(column, lookup);
  }
  return lookup.get(text.toLocaleLowerCase('sv'));
}
