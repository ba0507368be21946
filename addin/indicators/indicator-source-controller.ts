/**
 * A reactive controller that keeps an element subscribed to an {@link IndicatorTableSource} while
 * it is connected, and re-renders it when the source changes (coalesced into one update by Lit).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IndicatorTableSource } from './indicator-source.js';

/** Subscribes `host` to whichever source `sourceOf()` returns. */
export class IndicatorSourceController implements ReactiveController {
  private subscribed: IndicatorTableSource | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sourceOf: () => IndicatorTableSource | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  hostUpdate(): void {
    // The source is a property: follow a new one before rendering.
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribed = null;
  }

  private follow(): void {
    const source = this.connected ? this.sourceOf() : null;
    if (source === this.subscribed) return;
    this.unsubscribe?.();
    this.subscribed = source;
    this.unsubscribe = source ? source.subscribe(() => this.host.requestUpdate()) : null;
  }
}
