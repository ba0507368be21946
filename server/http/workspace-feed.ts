/**
 * The workspace-level change feed: who listens to a workspace's document list is told when it
 * changes (a document created, renamed, archived, restored or deleted), and who listens to its
 * units when one is added or renamed (so pulled indicator tables show the new name). The feed
 * reads from storage — at once when a route here says something changed, and once a second
 * while anyone listens — so a change made by another server process on the same store (or the
 * CLI) reaches this process's listeners too, without a broker.
 */
import type { DocRecord, Storage, UnitRecord } from '../storage/storage.js';

/** A listener gets the workspace's full document list after each change. */
export type FeedListener = (docs: DocRecord[]) => void;

/** A listener gets the workspace's full unit list after each change. */
export type UnitsListener = (units: UnitRecord[]) => void;

/** The feed of every workspace, created once per app. */
export interface WorkspaceFeed {
  /** Listen to `workspace`'s documents; returns the function that stops listening. */
  subscribe(workspace: string, listener: FeedListener): () => void;
  /** Listen to `workspace`'s units (code, name, parent); returns the function that stops listening. */
  subscribeUnits(workspace: string, listener: UnitsListener): () => void;
  /** A route changed `workspace`'s documents: read the list now and tell everyone. */
  notify(workspace: string): Promise<void>;
  /** Stop every timer and tell every stream to end. */
  close(): void;
  /** Resolves when the feed is closed (streams wait on it). */
  readonly closed: Promise<void>;
}

function signature(docs: readonly DocRecord[]): string {
  return JSON.stringify(docs.map((d) => [d.doc, d.kind, d.title, d.ownerUnit, d.archivedAt ?? null]));
}

function unitSignature(units: readonly UnitRecord[]): string {
  return JSON.stringify(units.map((u) => [u.code, u.name, u.parent]));
}

interface Channel<T> {
  listeners: Set<(items: T[]) => void>;
  last: string | null;
  timer: ReturnType<typeof setInterval> | null;
}

/** One list per workspace, read every `pollMs` while anyone listens, told on change only. */
function poller<T>(read: (workspace: string) => Promise<T[]>, sign: (items: readonly T[]) => string, pollMs: number) {
  const channels = new Map<string, Channel<T>>();

  async function check(workspace: string): Promise<void> {
    const channel = channels.get(workspace);
    if (!channel) return;
    const items = await read(workspace).catch(() => null);
    if (!items) return; // A storage fault shows in /healthz; the next poll tries again.
    const sig = sign(items);
    if (sig === channel.last) return;
    channel.last = sig;
    for (const listener of channel.listeners) listener(items);
  }

  return {
    check,
    subscribe(workspace: string, listener: (items: T[]) => void): () => void {
      let channel = channels.get(workspace);
      if (!channel) {
        const created: Channel<T> = { listeners: new Set(), last: null, timer: null };
        channels.set(workspace, (channel = created));
        void read(workspace).then(
          (items) => {
            if (created.last === null) created.last = sign(items);
          },
          () => undefined,
        );
        created.timer = setInterval(() => void check(workspace), pollMs);
        created.timer.unref?.();
      }
      channel.listeners.add(listener);
      return () => {
        const c = channels.get(workspace);
        if (!c) return;
        c.listeners.delete(listener);
        if (c.listeners.size === 0) {
          if (c.timer) clearInterval(c.timer);
          channels.delete(workspace);
        }
      };
    },
    close(): void {
      for (const c of channels.values()) if (c.timer) clearInterval(c.timer);
      channels.clear();
    },
  };
}

/**
 * Create the feed over `storage`; `pollMs` is how often a listened-to workspace is re-read
 * (default 1,000 ms).
 */
export function createWorkspaceFeed(storage: Pick<Storage, 'listDocs'> & Partial<Pick<Storage, 'listUnits'>>, opts: { pollMs?: number } = {}): WorkspaceFeed {
  const pollMs = opts.pollMs ?? 1000;
  const docs = poller((ws) => storage.listDocs(ws), signature, pollMs);
  const units = poller((ws) => (storage.listUnits ? storage.listUnits(ws) : Promise.resolve([])), unitSignature, pollMs);
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  return {
    closed,
    subscribe: docs.subscribe,
    subscribeUnits: units.subscribe,
    notify: docs.check,
    close() {
      docs.close();
      units.close();
      close();
    },
  };
}
