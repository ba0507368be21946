/**
 * Which documents that completeness and the roll-up read have changed: the workspace's
 * `indicator-values`, `activity-plan` and `indicator-catalog` documents, by each one's last
 * stored sequence number (`lastSeqs`, moved by every stored edit; `updatedAt` alone is kept only
 * to within a minute) and record time, plus any such document created or deleted. One timer per listened-to workspace reads the list once a second, so an
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

/** Document id → its record time and last sequence number, for the kinds above. */
async function stamps(storage: Pick<Storage, 'listDocs' | 'lastSeqs'>, workspace: string): Promise<Map<string, string>> {
  const docs = (await storage.listDocs(workspace)).filter((d: DocRecord) => ROUND_DATA_KINDS.has(d.kind));
  const seqs = await storage.lastSeqs(workspace, docs.map((d) => d.doc));
  // Archiving or restoring changes what completeness and the roll-up count (`round-data.ts`), though no row changed.
  return new Map(docs.map((d) => [d.doc, `${d.updatedAt}#${seqs.get(d.doc) ?? 0}#${d.archivedAt ?? ''}`]));
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
  /** The read under way, if any; the next one starts after it. */
  reading: Promise<void> | null;
}

/**
 * The feed over `storage`; `pollMs` is how often a listened-to workspace is read (default 1,000).
 *
 * @example
 * const feed = createRoundDataFeed(storage);
 * const stop = feed.subscribe('hbi-stockholm', (docs) => console.log('changed', docs));
 */
export function createRoundDataFeed(storage: Pick<Storage, 'listDocs' | 'lastSeqs'>, opts: { pollMs?: number } = {}): RoundDataFeed {
  const pollMs = opts.pollMs ?? 1000;
  const channels = new Map<string, Channel>();

  async function read(workspace: string, channel: Channel): Promise<void> {
    const now = await stamps(storage, workspace).catch(() => null);
    if (!now) return; // A storage fault shows in /healthz; the next tick tries again.
    const before = channel.last;
    channel.last = now;
    if (!before) return;
    const changed = changedDocs(before, now);
    if (changed.length > 0) for (const l of [...channel.listeners]) l(changed);
  }

  /** Reads `workspace` once; a read already under way is waited for first, so the read starts after the call. */
  async function check(workspace: string): Promise<void> {
    const channel = channels.get(workspace);
    if (!channel) return;
    const previous = channel.reading;
    const next = (async () => {
      await previous;
      await read(workspace, channel);
    })();
    channel.reading = next;
    try {
      await next;
    } finally {
      if (channel.reading === next) channel.reading = null;
    }
  }

  return {
    subscribe(workspace, listener) {
      let channel = channels.get(workspace);
      if (!channel) {
        // A tick while a read is under way is skipped, so a slow storage never piles reads up.
        const timer = setInterval(() => void (channels.get(workspace)?.reading ? undefined : check(workspace)), pollMs);
        timer.unref?.();
        channel = { listeners: new Set(), last: null, timer, reading: null };
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
