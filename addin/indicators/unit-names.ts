/**
 * The workspace's unit names as the indicator views and pulled tables show them, kept live: the
 * pane hands in the unit list whenever it reads one (at sign-in, and from the workspace's event
 * stream after an admin adds or renames a unit), and whoever shows names hears which codes got a
 * new name, so a pulled table rewrites those cells and nothing else.
 */

/** A unit as the workspace lists it (`GET /v1/workspaces/:ws`, the `units` event). */
export interface UnitEntry {
  code: string;
  name: string;
  parent?: string | null;
}

/** Unit names now, and who hears when some change. */
export interface UnitNames {
  /** The unit's name, or its code when the workspace has no name for it. */
  name(code: string): string;
  /** Calls `cb` with the codes whose names changed; returns the unsubscribe function. */
  subscribe(cb: (codes: ReadonlySet<string>) => void): () => void;
}

/** {@link UnitNames} that a list is handed to. */
export interface LiveUnitNames extends UnitNames {
  /** The units now; listeners hear the codes whose names differ from before (none: not called). */
  set(units: readonly UnitEntry[]): void;
  /** The units as last set. */
  readonly list: readonly UnitEntry[];
}

/**
 * Unit names that follow the lists handed to `set`.
 *
 * @example
 * const names = liveUnitNames(session.units);
 * names.subscribe((codes) => console.log([...codes])); // after names.set(newList): ['vc-alby']
 */
export function liveUnitNames(initial: readonly UnitEntry[] = []): LiveUnitNames {
  let list: readonly UnitEntry[] = [];
  let byCode = new Map<string, string>();
  const listeners = new Set<(codes: ReadonlySet<string>) => void>();
  const set = (units: readonly UnitEntry[]): Set<string> => {
    const next = new Map(units.map((u) => [u.code, u.name || u.code]));
    const changed = new Set<string>();
    for (const [code, name] of next) if (byCode.get(code) !== name) changed.add(code);
    for (const code of byCode.keys()) if (!next.has(code)) changed.add(code);
    list = units;
    byCode = next;
    return changed;
  };
  set(initial);
  return {
    get list() {
      return list;
    },
    name: (code) => byCode.get(code) ?? code,
    set(units) {
      const changed = set(units);
      if (changed.size > 0) for (const cb of [...listeners]) cb(changed);
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
  };
}
