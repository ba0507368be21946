/**
 * Proxy collections (`worksheets`, `tables`, `rows`, …): `items` needs `load('items')` (or
 * `load('items/name')`, `load('name')`) and a sync; `getCount()` returns a `ClientResult`.
 */
import { ClientResult, type ClientObject } from './client-object.js';
import { propertyNotLoaded } from './errors.js';
import type { RequestContext, Staged } from './request-context.js';

function itemProps(spec: unknown): string[] | undefined {
  const raw: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') raw.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('select' in o) add(o['select']);
      else for (const [k, x] of Object.entries(o)) if (x === true) raw.push(k);
    }
  };
  add(spec);
  const names = raw.map((p) => (p.startsWith('items/') ? p.slice(6) : p)).filter((p) => p !== 'items');
  return names.length === 0 ? undefined : names;
}

/** Base of every emulated collection. */
export abstract class ClientCollection<T, P extends ClientObject<T>> {
  private _items: P[] | undefined;

  constructor(
    readonly context: RequestContext,
    protected readonly _typeName: string,
  ) {}

  /** The current members, read at sync time. */
  protected abstract _list(): T[];
  /** A proxy bound to one member. */
  protected abstract _make(target: T): P;

  /** The loaded items; throws `PropertyNotLoaded` before `load('items')` and sync. */
  get items(): P[] {
    if (!this._items) throw propertyNotLoaded('items', this._typeName);
    return this._items;
  }

  /** Loads the items with the given item properties (all scalar properties when none given). */
  load(spec?: unknown): this {
    const names = itemProps(spec);
    this.context.enqueue({
      size: 32,
      apply: (): Staged => {
        const proxies = this._list().map((t) => this._make(t));
        const staged = proxies.map((p) => p._stageLoad(names ?? p._propNames()));
        return {
          size: staged.reduce((n, s) => n + s.size, 2),
          commit: () => {
            for (const s of staged) s.commit();
            this._items = proxies;
          },
        };
      },
    });
    return this;
  }

  /** Number of members, after sync. */
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.context.enqueue({
      size: 16,
      apply: () => {
        const n = this._list().length;
        return { size: 8, commit: () => result._deliver(n) };
      },
    });
    return result;
  }

  /** Loaded items as plain objects. */
  toJSON(): { items: unknown[] } {
    return { items: (this._items ?? []).map((i) => i.toJSON()) };
  }
}
