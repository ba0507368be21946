/**
 * The workspace-level change feed: who listens to a workspace's document list is told when it
 * changes (a document created, renamed, archived, restored or deleted), and who listens to its
 * units when one is added or renamed (so pulled indicator tables show the new name), and who listens
 * to its members when one is added, changed (role, units, name) or removed (so a pane follows its
 * own rights while it is open), and who listens to its tokens when one is revoked or its expiry
 * moves (so a stream ends with its listener's right, `stream-rights.ts`). The feed
 * reads from storage — at once when a route here says something changed, and once a second
 * while anyone listens — so a change made by another server process on the same store (or the
 * CLI) reaches this process's listeners too, without a broker.
 */
import type { DocRecord, MemberRecord, Storage, TokenRecord, UnitRecord } from '../storage/storage.js';

/** A listener gets the workspace's full document list after each change. */
export type FeedListener = (docs: DocRecord[]) => void;

/** A listener gets the workspace's full unit list after each change. */
export type UnitsListener = (units: UnitRecord[]) => void;

/** A listener gets the workspace's full member list after each change. */
export type MembersListener = (members: MemberRecord[]) => void;

/** A listener gets the workspace's full token list after a token is added, revoked or its expiry moves. */
export type TokensListener = (tokens: TokenRecord[]) => void;

/** The feed of every workspace, created once per app. */
export interface WorkspaceFeed {
  /** Listen to `workspace`'s documents; returns the function that stops listening. */
  subscribe(workspace: string, listener: FeedListener): () => void;
  /** Listen to `workspace`'s units (code, name, parent); returns the function that stops listening. */
  subscribeUnits(workspace: string, listener: UnitsListener): () => void;
  /** Listen to `workspace`'s members (id, name, role, units); returns the function that stops listening. */
  subscribeMembers(workspace: string, listener: MembersListener): () => void;
  /** A route changed `workspace`'s documents: read the list now and tell everyone. */
  notify(workspace: string): Promise<void>;
  /** A route changed or removed a member of `workspace`: read the members now and tell everyone. */
  notifyMembers(workspace: string): Promise<void>;
  /** Listen to `workspace`'s tokens (id, revokedAt, expiresAt); returns the function that stops listening. */
  subscribeTokens(workspace: string, listener: TokensListener): () => void;
  /** A route revoked or extended a token of `workspace`: read the tokens now and tell everyone. */
  notifyTokens(workspace: string): Promise<void>;
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

/** What a member's rights and name are made of; the order of units as stored. */
export function memberSignature(m: Pick<MemberRecord, 'id' | 'name' | 'role' | 'units'>): string {
  return JSON.stringify([m.id, m.name, m.role, m.units]);
}

function membersSignature(members: readonly MemberRecord[]): string {
  return members.map(memberSignature).join('\n');
}

function tokensSignature(tokens: readonly TokenRecord[]): string {
  return JSON.stringify(tokens.map((t) => [t.id, t.revokedAt, t.expiresAt]));
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
export function createWorkspaceFeed(
  storage: Pick<Storage, 'listDocs'> & Partial<Pick<Storage, 'listUnits' | 'listMembers' | 'listTokens'>>,
  opts: { pollMs?: number } = {},
): WorkspaceFeed {
  const pollMs = opts.pollMs ?? 1000;
  const docs = poller((ws) => storage.listDocs(ws), signature, pollMs);
  const units = poller((ws) => (storage.listUnits ? storage.listUnits(ws) : Promise.resolve([])), unitSignature, pollMs);
  const members = poller((ws) => (storage.listMembers ? storage.listMembers(ws) : Promise.resolve([])), membersSignature, pollMs);
  const tokens = poller((ws) => (storage.listTokens ? storage.listTokens(ws) : Promise.resolve([])), tokensSignature, pollMs);
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  return {
    closed,
    subscribe: docs.subscribe,
    subscribeUnits: units.subscribe,
    subscribeMembers: members.subscribe,
    notify: docs.check,
    notifyMembers: members.check,
    subscribeTokens: tokens.subscribe,
    notifyTokens: tokens.check,
    close() {
      docs.close();
      units.close();
      members.close();
      tokens.close();
      close();
    },
  };
}
