/**
 * Keeps a rounds view live: while its host is connected it holds the workspace's rounds stream
 * (`rounds-live.ts`) for the host's current client and calls `changed` with every snapshot — another
 * person's submission, approval, return or reopening — and every write to a document the rounds
 * count (a value reported, an activity's outcome), so the view fetches again without a manual
 * refresh. Loads triggered while one is running are folded into one more.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoundsClient } from './rounds-client.js';
import type { RoundsWatch } from './rounds-live.js';

/** What the controller needs from its host. */
export interface RoundsLiveSource {
  client(): RoundsClient | null;
  /** Fetch what the view shows again. */
  changed(): Promise<void>;
}

/** The controller; see the file comment. */
export class RoundsLiveController implements ReactiveController {
  private watched: RoundsClient | null = null;
  private watch: RoundsWatch | null = null;
  private stop: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: RoundsLiveSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostUpdated(): void {
    const client = this.connected ? this.source.client() : null;
    if (client === this.watched) return;
    this.release();
    this.watched = client;
    if (!client) return;
    this.watch = client.watch();
    // The first snapshot only says what the view's own first load fetches too.
    let first = true;
    const stops = [
      this.watch.subscribe(() => {
        if (first) first = false;
        else this.refresh();
      }),
      this.watch.subscribeData(() => this.refresh()),
    ];
    this.stop = () => stops.forEach((stop) => stop());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
    this.watched = null;
  }

  private release(): void {
    this.stop?.();
    this.stop = null;
    this.watch?.release();
    this.watch = null;
  }

  private refresh(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.source.changed().finally(() => {
      this.running = null;
      if (!this.again) return;
      this.again = false;
      this.refresh();
    });
  }
}
