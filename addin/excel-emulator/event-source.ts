/**
 * `OfficeExtension.EventHandlers`: `add(handler)` registers at the next sync and returns an
 * `EventHandlerResult` whose `remove()` unregisters at the sync after that.
 */
import type { Channel } from './events.js';
import type { RequestContext } from './request-context.js';

/** What `add` returns. */
export interface EventHandlerResult {
  readonly context: RequestContext;
  remove(): void;
}

/** One event of one object, e.g. `worksheet.onChanged`. */
export class EventSource<A> {
  constructor(
    private readonly context: RequestContext,
    private readonly channel: Channel,
    private readonly key: () => string,
  ) {}

  /** Registers `handler`; it takes effect when the context syncs. */
  add(handler: (args: A) => unknown): EventHandlerResult {
    const hub = this.context.link.model.events;
    const h = handler as (args: unknown) => unknown;
    let key = '';
    this.context.enqueue({ size: 32, apply: () => void hub.add(this.channel, (key = this.key()), h) });
    return {
      context: this.context,
      remove: () => this.context.enqueue({ size: 32, apply: () => void hub.remove(this.channel, key, h) }),
    };
  }
}
