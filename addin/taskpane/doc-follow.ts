/**
 * Keeps a view of what the server stored of a document (History) in step with the open Y.Doc:
 * every change to it — a colleague's edit arriving, one's own — calls `changed` once the document
 * has been quiet for `delayMs`, so a burst of typing is one fetch, not one per keystroke. A
 * colleague's edit reaches the pane only after the server stored it (updates are persisted
 * before they are relayed), so the fetch then finds it. One's own edit may not be stored by
 * then (offline, a slow server): when the server confirms own edits (the connection's pending
 * count falls; it confirms only what is durable), `changed` is called again, after the same quiet.
 *
 * It also tells the restore's check which rows changed from elsewhere while it waited for the
 * server ({@link DocFollowController.arrivals}): an edit that arrives between asking the server
 * for the later edits and writing the restore may be missing from the server's answer, and the
 * restore would overwrite it unseen. An edit the signed-in member made on another device (its
 * writer's presence, which the server vouches for, names the member) is theirs, not someone else's;
 * a deletion, which names no writer, is told apart, for the check to ask the server whose it was.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { observeChanges, type ChangeSet } from '../../shared/doc/index.js';
import type { AwarenessLike, SyncHandle } from './ports.js';

/** What the controller reads of the document's connection: its pending count, and who is present. */
export type FollowSync = Pick<SyncHandle, 'state' | 'subscribe' | 'awareness'>;

/** What the controller needs from its host. */
export interface DocFollowSource {
  /** The open document the view shows, or null. */
  doc(): Y.Doc | null;
  /** How long the document must be quiet before `changed`, in ms. */
  delayMs(): number;
  /** The document changed: fetch what the view shows again. */
  changed(): void;
  /** The document's connection, or null (none: own edits are taken as stored within the quiet time). */
  sync?(): FollowSync | null;
  /** The signed-in member's id, or null: an arrival written by them on another device is not someone else's. */
  me?(): string | null;
}

/**
 * Whose `set`, a change from elsewhere, is, as far as the open document can tell: `mine` when it
 * adds writes only and each of its writers is a client whose presence names `me` (the server sets
 * a presence's member id to the connected member's own, so a colleague's client never names
 * `me`); `others` when a writer is someone else's, or `me` or the presence is unknown; `unsure`
 * when it deletes (a row, or a cell's value) and the writes it adds, if any, are `me`'s: a
 * deletion names no writer, so one made on the member's other device looks like anyone's. The
 * server knows (`Arrivals.unsure`).
 */
function whoseChange(set: ChangeSet, me: string | null, awareness: AwarenessLike | null): 'mine' | 'others' | 'unsure' {
  if (me === null || !awareness) return 'others';
  const states = awareness.getStates();
  const own = set.writers.every((client) => (states.get(client)?.user as { memberId?: unknown } | undefined)?.memberId === me);
  if (!own) return 'others';
  const deletes = set.deletedRows.length > 0 || set.changes.some((c) => c.after === undefined);
  if (deletes) return 'unsure';
  return set.writers.length > 0 ? 'mine' : 'others';
}

/** Rows changed from elsewhere since {@link DocFollowController.arrivals} began noting them. */
export interface Arrivals {
  /** True when a change from elsewhere by someone else touched one of `rows` (any row when null): added, deleted, moved or a cell. */
  touched(rows: readonly string[] | null): boolean;
  /**
   * True when, since the last {@link Arrivals.settle}, a change from elsewhere whose author the
   * document cannot tell (a deletion, `whoseChange`) touched one of `rows` (any row when null).
   * The server can: it stores an edit before it relays it, so an answer asked for after the
   * change arrived holds it, with its author.
   */
  unsure(rows: readonly string[] | null): boolean;
  /** Forget the unsure changes noted so far, as the server is asked again: its answer holds them. */
  settle(): void;
  /** Stop noting. */
  stop(): void;
}

/** The controller; see the file comment. */
export class DocFollowController implements ReactiveController {
  private followed: Y.Doc | null = null;
  private followedSync: FollowSync | null = null;
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
    this.followedSync = null;
  }

  /**
   * Begin noting the rows that changes from elsewhere (transactions that applied an update from
   * another client) touch, until `stop`: those by someone else, and apart those whose author the
   * document cannot tell ({@link whoseChange}); not those the signed-in member wrote on another
   * device. Without a document nothing is noted.
   */
  arrivals(): Arrivals {
    const doc = this.source.doc();
    const me = this.source.me?.() ?? null;
    const awareness = this.source.sync?.()?.awareness ?? null;
    const others = new Set<string>();
    let unsure = new Set<string>();
    let anyOthers = false;
    let anyUnsure = false;
    const stop = doc
      ? observeChanges(doc, (set) => {
          if (set.local) return;
          const whose = whoseChange(set, me, awareness);
          if (whose === 'mine') return;
          const rows = whose === 'others' ? others : unsure;
          if (whose === 'others') anyOthers = true;
          else anyUnsure = true;
          for (const id of [...set.addedRows, ...set.deletedRows, ...set.movedRows, ...set.changes.map((c) => c.rowId)]) rows.add(id);
        })
      : () => undefined;
    const hits = (rows: Set<string>, any: boolean, only: readonly string[] | null) => (only === null ? any : only.some((id) => rows.has(id)));
    return {
      touched: (only) => hits(others, anyOthers, only),
      unsure: (only) => hits(unsure, anyUnsure, only),
      settle: () => {
        unsure = new Set();
        anyUnsure = false;
      },
      stop,
    };
  }

  private follow(): void {
    const doc = this.connected ? this.source.doc() : null;
    const sync = doc ? (this.source.sync?.() ?? null) : null;
    if (doc === this.followed && sync === this.followedSync) return;
    this.release();
    this.followed = doc;
    this.followedSync = sync;
    if (!doc) return;
    const onUpdate = (): void => {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.source.changed();
      }, this.source.delayMs());
    };
    doc.on('update', onUpdate);
    let pending = sync?.state().pending ?? 0;
    // The fetch after the quiet time may have come before the server stored one's own edit.
    const onStatus = (): void => {
      const now = sync?.state().pending ?? 0;
      if (now < pending) onUpdate();
      pending = now;
    };
    const unsubscribe = sync ? sync.subscribe(onStatus) : () => undefined;
    this.unfollow = () => {
      doc.off('update', onUpdate);
      unsubscribe();
    };
  }

  private release(): void {
    this.unfollow?.();
    this.unfollow = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
