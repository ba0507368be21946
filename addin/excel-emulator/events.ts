/**
 * Event registration and dispatch. Handlers run asynchronously after the write that caused
 * them (a macrotask later, like Excel's event pump), one at a time, and only if events were
 * enabled (`context.runtime.enableEvents`) when the write happened.
 */

/** Where a change came from: `source` and `triggerSource` as Excel reports them. */
export interface ChangeOrigin {
  source: 'Local' | 'Remote';
  triggerSource: 'Unknown' | 'ThisLocalAddin';
}

/** The origin of writes made by add-in code through a request context. */
export const ADDIN_ORIGIN: ChangeOrigin = { source: 'Local', triggerSource: 'ThisLocalAddin' };
/** The origin of a user's edit in this Excel. */
export const USER_ORIGIN: ChangeOrigin = { source: 'Local', triggerSource: 'Unknown' };
/** The origin of a co-author's edit arriving from elsewhere. */
export const REMOTE_ORIGIN: ChangeOrigin = { source: 'Remote', triggerSource: 'Unknown' };

/** An event channel: worksheet or table changes, sheet-collection changes, selection, a sheet's protection (key: sheet id or `*`). */
export type Channel = 'worksheetChanged' | 'tableChanged' | 'worksheetsChanged' | 'selectionChanged' | 'tableSelectionChanged' | 'protectionChanged';

type Handler = (args: unknown) => unknown;

/** Holds registered handlers and runs them in order. */
export class EventHub {
  /** The add-in's `runtime.enableEvents`; shared by every context of this add-in. */
  enabled = true;
  /** Errors thrown by handlers, kept so tests can assert there were none. */
  readonly handlerErrors: unknown[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  /** Registers a handler on `channel` for the object `key` (sheet id, table id, or `*`). */
  add(channel: Channel, key: string, handler: Handler): void {
    const id = `${channel}:${key}`;
    let set = this.handlers.get(id);
    if (!set) {
      set = new Set();
      this.handlers.set(id, set);
    }
    set.add(handler);
  }

  /** Removes a handler; removing one that is not there fails like Excel. */
  remove(channel: Channel, key: string, handler: Handler): boolean {
    return this.handlers.get(`${channel}:${key}`)?.delete(handler) ?? false;
  }

  /** Whether anything listens on `channel` for `key`. */
  has(channel: Channel, key: string): boolean {
    return (this.handlers.get(`${channel}:${key}`)?.size ?? 0) > 0;
  }

  /** Schedules the handlers for `channel`/`key` with `args` (built lazily, once). */
  emit(channel: Channel, key: string, args: () => unknown): void {
    if (!this.enabled) return;
    const set = this.handlers.get(`${channel}:${key}`);
    if (!set || set.size === 0) return;
    const handlers = [...set];
    const built = args();
    this.pending++;
    this.queue = this.queue
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      .then(async () => {
        for (const h of handlers) {
          try {
            await h(built);
          } catch (error) {
            this.handlerErrors.push(error);
          }
        }
      })
      .finally(() => {
        this.pending--;
      });
  }

  /** Resolves once every scheduled handler, and whatever they caused in turn, has finished. */
  async settle(): Promise<void> {
    for (let spins = 0; spins < 10_000; spins++) {
      await this.queue;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (this.pending === 0) return;
    }
  }
}
