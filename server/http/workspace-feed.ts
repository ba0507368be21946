/**
 * The workspace-level change feed: who listens to a workspace's document list is told when it
 * changes (a document created, renamed, archived, restored or deleted). The feed reads the list
 * from storage — at once when a route here says it changed, and once a second while anyone
 * listens — so a change made by another server process on the same store (or the CLI) reaches
 * this process's listeners too, without a broker.
 */
import type { DocRecord, Storage } from '../storage/storage.js';

/** A listener gets the workspace's full document list after each change. */
export type FeedListener = (docs: DocRecord[]) => void;

/** The feed of every workspace, created once per app. */
export interface WorkspaceFeed {
  /** Listen to `workspace`; returns the function that stops listening. */
  subscribe(workspace: string, listener: FeedListener): () => void;
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

interface Channel {
  listeners: Set<FeedListener>;
  last: string | null;
  timer: ReturnType<typeof setInterval> | null;
}

/**
 * Create the feed over `storage`; `pollMs` is how often a listened-to workspace is re-read
 * (default 1,000 ms).
 */
export function createWorkspaceFeed(storage: Pick<Storage, 'listDocs'>, opts: { pollMs?: number } = {}): WorkspaceFeed {
  const pollMs = opts.pollMs ?? 1000;
  const channels = new Map<string, Channel>();
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));

  async function check(workspace: string): Promise<void> {
    const channel = channels.get(workspace);
    if (!channel) return;
    const docs = await storage.listDocs(workspace).catch(() => null);
    if (!docs) return; // A storage fault shows in /healthz; the next poll tries again.
    const sig = signature(docs);
    if (sig === channel.last) return;
    channel.last = sig;
    for (const listener of channel.listeners) listener(docs);
  }

  return {
    closed,
    subscribe(workspace, listener) {
      let channel = channels.get(workspace);
      if (!channel) {
        channel = { listeners: new Set(), last: null, timer: null };
        channels.set(workspace, channel);
        void storage.listDocs(workspace).then((docs) => {
          if (channel && channel.last === null) channel.last = signature(docs);
        });
        channel.timer = setInterval(() => void check(workspace), pollMs);
        channel.timer.unref?.();
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
    notify: check,
    close() {
      for (const c of channels.values()) if (c.timer) clearInterval(c.timer);
      channels.clear();
      close();
    },
  };
}
