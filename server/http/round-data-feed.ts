/**
 * Which documents that completeness and the roll-up read have changed: the workspace's
 * `indicator-values`, `activity-plan` and `indicator-catalog` documents, by the time storage
 * says each was last written (`updatedAt`, touched by every stored edit), plus any such document
 * created or deleted. One timer per listened-to workspace reads the list once a second, so an
 * edit stored by another server process (or the CLI) is seen too, without a broker.
 */
import type { DocRecord, Storage } from '../storage/storage.js';

/** The kinds whose rows completeness and the roll-up count (`server/http/round-data.ts`). */
export const ROUND_DATA_KINDS: ReadonlySet<string> = new Set(['indicator-values', 'activity-plan', 'indicator-catalog']);

/** Told the ids of the documents that changed since the last time. */
export type RoundDataListener = (docs: string[]) => void;

/** The feed of every workspace, one per app. */
export interface RoundDataFeed {
  /** Listen to `workspace`; returns the stop. */
  subscribe(workspace: string, listener: RoundDataListener): () => void;
  /** Read `workspace` now and tell its listeners what changed (the timer does this every `pollMs`). */
  check(workspace: string): Promise<void>;
  /** Stop every timer. */
  close(): void;
}

/** Document id → last write, for the kinds above. */
function stamps(docs: readonly DocRecord[]): Map<string, string> {
  return new Map(docs.filter((d) => ROUND_DATA_KINDS.has(d.kind)).map((d) => [d.doc, d.updatedAt]));
}

/** The ids whose stamp differs between `before` and `after` (appeared, disappeared or written). */
export function changedDocs(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [doc, at] of after) if (before.get(doc) !== at) out.push(doc);
  for (const doc of before.keys()) if (!after.has(doc)) out.push(doc);
  return out.sort();
}

interface Channel {
  listeners: Set<RoundDataListener>;
  last: Map<string, string> | null;
  timer: ReturnType<typeof setInterval>;
  reading: boolean;
}

/**
 * The feed over `storage`; `pollMs` is how often a listened-to workspace is read (default 1,000).
 *
 * @example
 * const feed = createRoundDataFeed(storage);
 * const stop = feed.subscribe('hbi-stockholm', (docs) => console.log('changed', docs));
 */
export function createRoundDataFeed(storage: Pick<Storage, 'listDocs'>, opts: { pollMs?: number } = {}): RoundDataFeed {
  const pollMs = opts.pollMs ?? 1000;
  const channels = new Map<string, Channel>();

  async function check(workspace: string): Promise<void> {
    const channel = channels.get(workspace);
    if (!channel || channel.reading) return;
    channel.reading = true;
    try {
      const docs = await storage.listDocs(workspace).catch(() => null);
      if (!docs) return; // A storage fault shows in /healthz; the next tick tries again.
      const now = stamps(docs);
      const before = channel.last;
      channel.last = now;
      if (!before) return;
      const changed = changedDocs(before, now);
      if (changed.length > 0) for (const l of [...channel.listeners]) l(changed);
    } finally {
      channel.reading = false;
    }
  }

  return {
    subscribe(workspace, listener) {
      let channel = channels.get(workspace);
      if (!channel) {
        const timer = setInterval(() => void check(workspace), pollMs);
        timer.unref?.();
        channel = { listeners: new Set(), last: null, timer, reading: false };
        channels.set(workspace, channel);
        void check(workspace);
      }
      channel.listeners.add(listener);
      return () => {
        const c = channels.get(workspace);
        if (!c) return;
        c.listeners.delete(listener);
        if (c.listeners.size > 0) return;
        clearInterval(c.timer);
        channels.delete(workspace);
      };
    },
    check,
    close() {
      for (const c of channels.values()) clearInterval(c.timer);
      channels.clear();
    },
  };
}
