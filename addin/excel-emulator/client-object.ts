/**
 * The proxy machinery shared by every emulated Excel object: `load` marks properties to fetch
 * at the next sync; reading a property neither loaded nor set throws `PropertyNotLoaded`;
 * setting a property caches it locally (office.js does the same) and queues the write.
 */
import { payloadSize } from './cell-values.js';
import { apiError, ErrorCode, ExcelApiError, propertyNotLoaded } from './errors.js';
import type { RequestContext, Staged } from './request-context.js';

/** Reads one scalar property from a resolved target. */
export type Getter<T> = (target: T) => unknown;

/** Resolves a proxy's target at sync time: the object, null (a null object), or throws. */
export type Resolver<T> = () => T | null;

/** A parsed load spec: scalar names here, navigation paths delegated. */
interface LoadPlan {
  scalars: string[];
  nested: Map<string, string[]>;
}

function planOf(spec: unknown): LoadPlan | undefined {
  if (spec === undefined || spec === null) return undefined;
  const paths: string[] = [];
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'string') {
      for (const p of value.split(',')) if (p.trim()) paths.push(prefix + p.trim());
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, prefix);
    } else if (typeof value === 'object' && value) {
      const o = value as Record<string, unknown>;
      if ('select' in o || 'expand' in o) {
        walk(o['select'] ?? '', prefix);
        walk(o['expand'] ?? '', prefix);
        return;
      }
      for (const [k, v] of Object.entries(o)) {
        if (v === true) paths.push(prefix + k);
        else if (v && typeof v === 'object') walk(v, `${prefix}${k}/`);
      }
    }
  };
  walk(spec, '');
  if (paths.length === 0) return undefined;
  const plan: LoadPlan = { scalars: [], nested: new Map() };
  for (const p of paths) {
    const [head, ...rest] = p.split('/');
    if (!head) continue;
    if (rest.length === 0) plan.scalars.push(head);
    else plan.nested.set(head, [...(plan.nested.get(head) ?? []), rest.join('/')]);
  }
  return plan;
}

/** Base of every emulated proxy object. */
export abstract class ClientObject<T> {
  protected readonly _cache = new Map<string, unknown>();
  protected _isNull: boolean | undefined;
  private _target: T | null | undefined;

  constructor(
    readonly context: RequestContext,
    protected readonly _resolver: Resolver<T>,
    protected readonly _typeName: string,
    orNull = false,
  ) {
    if (orNull) {
      context.enqueue({
        size: 16,
        apply: () => {
          const isNull = this._resolve() === null;
          return { size: 8, commit: () => void (this._isNull = isNull) };
        },
      });
    }
  }

  /** Scalar properties `load()` can fetch. */
  protected abstract _props(): Record<string, Getter<T>>;

  /** Names of every scalar property (what a bare `load()` fetches). */
  _propNames(): string[] {
    return Object.keys(this._props());
  }

  /** Navigation properties a load path can go through (`format/fill/color`). */
  protected _navigation(_name: string): { load(spec?: unknown): unknown } | undefined {
    return undefined;
  }

  /** The target, resolved once at sync time and then kept. */
  _resolve(): T | null {
    if (this._target === undefined) this._target = this._resolver();
    return this._target;
  }

  /** The target, failing with `ItemNotFound` for a null object. */
  _require(): T {
    const t = this._resolve();
    if (t === null) throw apiError(ErrorCode.itemNotFound, this._typeName);
    return t;
  }

  /** Whether this is a null object (from a `…OrNullObject` call); readable after sync. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded('isNullObject', this._typeName);
    return this._isNull;
  }

  /** Marks properties to fetch at the next sync: a string, an array, or an object spec. */
  load(spec?: unknown): this {
    const plan = planOf(spec);
    const props = this._props();
    const scalars = plan ? plan.scalars : Object.keys(props);
    for (const name of scalars) {
      if (!(name in props) && !this._navigation(name)) throw new ExcelApiError(ErrorCode.invalidArgument, `The property '${name}' does not exist on ${this._typeName}.`, `${this._typeName}.load`);
    }
    for (const [nav, rest] of plan?.nested ?? []) {
      const child = this._navigation(nav);
      if (!child) throw new ExcelApiError(ErrorCode.invalidArgument, `The property '${nav}' does not exist on ${this._typeName}.`, `${this._typeName}.load`);
      child.load(rest);
    }
    const own = scalars.filter((name) => name in props);
    for (const name of scalars.filter((n) => !(n in props))) this._navigation(name)?.load();
    this.context.enqueue({ size: 24 + own.join(',').length, apply: () => this._stageLoad(own) });
    return this;
  }

  /** Computes loaded values now and delivers them at commit. */
  _stageLoad(names: readonly string[]): Staged {
    const target = this._resolve();
    if (target === null) return { size: 8, commit: () => void (this._isNull = true) };
    const props = this._props();
    const values: [string, unknown][] = [];
    let size = 2;
    for (const name of names) {
      const getter = props[name];
      if (!getter) continue;
      const v = getter(target);
      size += name.length + 4 + payloadSize(v);
      values.push([name, v]);
    }
    return {
      size,
      commit: () => {
        this._isNull = false;
        for (const [k, v] of values) this._cache.set(k, v);
      },
    };
  }

  /** Loaded or locally set properties as a plain object. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._cache);
  }

  /** Reads a scalar property; throws `PropertyNotLoaded` unless loaded (or set) before. */
  protected _get<V>(name: string): V {
    if (this._isNull === true) return undefined as V;
    if (!this._cache.has(name)) throw propertyNotLoaded(name, this._typeName);
    return this._cache.get(name) as V;
  }

  /** Sets a property: cached locally at once, applied to the workbook at the next sync. */
  protected _set(name: string, value: unknown, apply: (target: T) => void): void {
    this._cache.set(name, value);
    this._queue(apply, payloadSize(value));
  }

  /** Queues a method call to apply at the next sync. */
  protected _queue(apply: (target: T) => void, size = 16): void {
    this.context.enqueue({
      size,
      apply: () => {
        apply(this._require());
      },
    });
  }

  /** Queues a method call whose result reaches a `ClientResult` after sync. */
  protected _result<V>(compute: (target: T) => V): ClientResult<V> {
    const result = new ClientResult<V>();
    this.context.enqueue({
      size: 16,
      apply: () => {
        const v = compute(this._require());
        return { size: payloadSize(v), commit: () => result._deliver(v) };
      },
    });
    return result;
  }

  /** Fills loaded values directly (used when a collection load creates item proxies). */
  _fill(values: Iterable<[string, unknown]>): void {
    this._isNull = false;
    for (const [k, v] of values) this._cache.set(k, v);
  }
}

/** `OfficeExtension.ClientResult`: `value` throws `ValueNotLoaded` until the sync ran. */
export class ClientResult<V> {
  private _loaded = false;
  private _value: V | undefined;

  /** The result; only readable after `context.sync()`. */
  get value(): V {
    if (!this._loaded) throw apiError(ErrorCode.valueNotLoaded, 'ClientResult.value');
    return this._value as V;
  }

  /** Called by the sync that computed the result. */
  _deliver(value: V): void {
    this._value = value;
    this._loaded = true;
  }
}
