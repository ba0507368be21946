/**
 * Keeps a view of what the server stored of a document (History) in step with the open Y.Doc:
 * every change to it — a colleague's edit arriving, one's own — calls `changed` once the document
 * has been quiet for `delayMs`, so a burst of typing is one fetch, not one per keystroke. A
 * colleague's edit reaches the pane only after the server stored it (updates are persisted
 * before they are relayed), so the fetch then finds it; one's own edit is sent at once and is
 * stored within the quiet time as a rule.
 *
 * It also tells the restore's check which rows changed from elsewhere while it waited for the
 * server ({@link DocFollowController.arrivals}): an edit that arrives between asking the server
 * for the later edits and writing the restore may be missing from the server's answer, and the
 * restore would overwrite it unseen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { observeChanges } from '../../shared/doc/index.js';

/** What the controller needs from its host. */
export interface DocFollowSource {
  /** The open document the view shows, or null. */
  doc(): Y.Doc | null;
  /** How long the document must be quiet before `changed`, in ms. */
  delayMs(): number;
  /** The document changed: fetch what the view shows again. */
  changed(): void;
}

/** Rows changed from elsewhere since {@link DocFollowController.arrivals} began noting them. */
export interface Arrivals {
  /** True when a change from elsewhere touched one of `rows` (any row when null): added, deleted, moved or a cell. */
  touched(rows: readonly string[] | null): boolean;
  /** Stop noting. */
  stop(): void;
}

/** The controller; see the file comment. */
export class DocFollowController implements ReactiveController {
  private followed: Y.Doc | null = null;
  private unfollow: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: DocFollowSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  hostUpdated(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
    this.followed = null;
  }

  /**
   * Begin noting the rows that changes from elsewhere (transactions that applied an update from
   * another client) touch, until `stop`. Without a document nothing is noted.
   */
  arrivals(): Arrivals {
    const doc = this.source.doc();
    const rows = new Set<string>();
    let any = false;
    const stop = doc
      ? observeChanges(doc, (set) => {
          if (set.local) return;
          any = true;
          for (const id of [...set.addedRows, ...set.deletedRows, ...set.movedRows, ...set.changes.map((c) => c.rowId)]) rows.add(id);
        })
      : () => undefined;
    return { touched: (only) => (only === null ? any : only.some((id) => rows.has(id))), stop };
  }

  private follow(): void {
    const doc = this.connected ? this.source.doc() : null;
    if (doc === this.followed) return;
    this.release();
    this.followed = doc;
    if (!doc) return;
    const onUpdate = (): void => {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.source.changed();
      }, this.source.delayMs());
    };
    doc.on('update', onUpdate);
    this.unfollow = () => doc.off('update', onUpdate);
  }

  private release(): void {
    this.unfollow?.();
    this.unfollow = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
