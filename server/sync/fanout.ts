/**
 * Fan-out between server processes on one shared store (PostgreSQL): what one process commits,
 * the presence it relays and the rights changes it makes reach every other process. The sync
 * layer only sees this interface; `server/fanout/redis.ts` implements it on Redis pub/sub.
 *
 * Messages are hints, never the record: storage numbers every update, and a room applies a
 * published update only when it is the next one it lacks; on a gap, or after the fan-out was
 * down, it reads what it lacks from storage (`CommitLog.receivePublished`). So an update is
 * applied once and in storage order whether messages arrive late, twice, or not at all.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DocRecord, DocRef, MemberRecord } from '../storage/storage.js';
import type { RightsApplied, RightsHooks, RightsUnconfirmed } from './rights.js';

/** A rights change made in one process, replayed as the same hook call in the others. */
export type RightsChange =
  | { hook: 'tokenRevoked'; tokenId: string }
  | { hook: 'tokenExtended'; tokenId: string; expiresAt: string | null }
  | { hook: 'memberChanged'; member: MemberRecord }
  | { hook: 'memberRemoved'; workspace: string; memberId: string }
  | { hook: 'docDeleted'; ref: DocRef }
  | { hook: 'docChanged'; record: DocRecord };

/** What a process hears from the others. */
export interface FanoutHandlers {
  /** Updates `firstSeq`, `firstSeq + 1`, … of `ref` were committed by another process. */
  updates(ref: DocRef, firstSeq: number, updates: Uint8Array[]): void;
  /** A presence frame (y-protocols awareness message, already checked and stamped) for `ref`. */
  awareness(ref: DocRef, frame: Uint8Array): void;
  /** Another process loaded `ref` and asks for the presence of the clients here (answer with `publishAwareness`). */
  presenceAsked(ref: DocRef): void;
  /** Take-backs another process made in `ref` (bytes of `take-back-wire.ts`; see `take-backs.ts`). */
  takeBacks?(ref: DocRef, bytes: Uint8Array): void;
  /**
   * Apply a rights change of another process; once this returns (or its promise settles) the
   * change is in force here, and the fan-out acknowledges it to the process that made it
   * (`Fanout.publishRights`).
   */
  rights(change: RightsChange): void | Promise<void>;
  /**
   * The connection to the others was re-established (both ways): messages may have been missed.
   * Read what is missing from storage, ask the others for the presence of every loaded document
   * and publish this process's own again.
   */
  resync(): void;
  /**
   * `true`: this process may miss the others' rights changes and a change may be confirmed without
   * it (its subscription closed, or its lease in the registry of live processes was not renewed in
   * time, `server/fanout/live-processes.ts`): read rights from storage now and at the fast rate
   * (the rights poll's `pollMs`). `false`: heard again; the slower safety net may resume.
   */
  cut?(on: boolean): void;
}

/**
 * The fan-out as the sync layer uses it. Publishing never throws and never waits, but for
 * {@link Fanout.publishRights}, which may wait for the others' acknowledgements (bounded).
 */
export interface Fanout {
  publishUpdates(ref: DocRef, firstSeq: number, updates: readonly Uint8Array[]): void;
  publishAwareness(ref: DocRef, frame: Uint8Array): void;
  /** Ask the processes that have `ref` loaded for their clients' presence (this one just loaded it). */
  askPresence(ref: DocRef): void;
  /**
   * Tell the processes that have `ref` loaded of take-backs made here (bytes of
   * `take-back-wire.ts`), so that an allowed edit reaching them is not lost to one. Without it a
   * take-back holds only for the clients of the process that made it.
   */
  publishTakeBacks?(ref: DocRef, bytes: Uint8Array): void;
  /**
   * Tell every other process of a rights change made here. Resolves with null once every process
   * that heard it applied it (each acknowledges, `rights-acks.ts`), so that a route answers only
   * when no frame sent after its answer can be taken anywhere; or with words when that could not
   * be confirmed (Redis unreachable, a process silent past the bound): the others then apply it
   * from storage (notices, or their rights poll). Never rejects.
   */
  publishRights(change: RightsChange): Promise<RightsUnconfirmed | null>;
  /**
   * Send what was published so far now. A fan-out may hold the messages of one turn of the event
   * loop to send them together at its end (`quiet-publisher.ts`: one socket write for a group
   * commit's documents); the sync layer flushes before it relays to its own peers, so that the
   * other processes' readers never wait for a local relay.
   */
  flush?(): void;
  /**
   * True while messages flow both ways. Meanwhile the registry asks storage for other processes'
   * writes only every few seconds (a safety net), instead of several times a second.
   */
  connected(): boolean;
  /**
   * Deliver the messages of `ref` (updates, presence, asks) to this process from now on, as its
   * room loads; resolves once they are delivered, so that what was committed before can then be
   * read from storage. A fan-out without it delivers every document's messages to every process.
   * Rejects only when the fan-out closes first.
   */
  watch?(ref: DocRef): Promise<void>;
  /** No longer deliver the messages of `ref` (its room unloaded). */
  unwatch?(ref: DocRef): void;
  /** Start delivering messages of other processes to `handlers` (one set per process). */
  listen(handlers: FanoutHandlers): void;
  close(): Promise<void>;
}

const KIND = { updates: 0, awareness: 1, rights: 2, ask: 3, takeBacks: 4, applied: 5 } as const;

/** A decoded message; `origin` names the process that sent it. */
export type FanoutMessage =
  | { origin: string; kind: 'updates'; ref: DocRef; firstSeq: number; updates: Uint8Array[] }
  | { origin: string; kind: 'awareness'; ref: DocRef; frame: Uint8Array }
  | { origin: string; kind: 'ask'; ref: DocRef }
  | { origin: string; kind: 'takeBacks'; ref: DocRef; bytes: Uint8Array }
  /** `ack`: the id under which the sender waits for each process's `applied` (absent from senders of earlier versions). */
  | { origin: string; kind: 'rights'; change: RightsChange; ack?: string }
  /** `origin` applied the rights change published under `id`. */
  | { origin: string; kind: 'applied'; id: string };

/** Encode a message as bytes (lib0 encoding: compact, binary-safe). */
export function encodeFanoutMessage(msg: FanoutMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, msg.origin);
  encoding.writeVarUint(e, KIND[msg.kind]);
  if (msg.kind === 'rights') {
    encoding.writeVarString(e, JSON.stringify(msg.change));
    // After the change: a process of an earlier version reads the change and ignores the rest.
    if (msg.ack !== undefined) encoding.writeVarString(e, msg.ack);
    return encoding.toUint8Array(e);
  }
  if (msg.kind === 'applied') {
    encoding.writeVarString(e, msg.id);
    return encoding.toUint8Array(e);
  }
  encoding.writeVarString(e, msg.ref.workspace);
  encoding.writeVarString(e, msg.ref.doc);
  if (msg.kind === 'awareness') {
    encoding.writeVarUint8Array(e, msg.frame);
  } else if (msg.kind === 'takeBacks') {
    encoding.writeVarUint8Array(e, msg.bytes);
  } else if (msg.kind === 'updates') {
    encoding.writeVarUint(e, msg.firstSeq);
    encoding.writeVarUint(e, msg.updates.length);
    for (const u of msg.updates) encoding.writeVarUint8Array(e, u);
  }
  return encoding.toUint8Array(e);
}

/** Decode a message; null for bytes that are not one (another program on the channel). */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage | null {
  try {
    const d = decoding.createDecoder(bytes);
    const origin = decoding.readVarString(d);
    const kind = decoding.readVarUint(d);
    if (kind === KIND.rights) {
      const change = JSON.parse(decoding.readVarString(d)) as RightsChange;
      return decoding.hasContent(d) ? { origin, kind: 'rights', change, ack: decoding.readVarString(d) } : { origin, kind: 'rights', change };
    }
    if (kind === KIND.applied) return { origin, kind: 'applied', id: decoding.readVarString(d) };
    const ref = { workspace: decoding.readVarString(d), doc: decoding.readVarString(d) };
    if (kind === KIND.awareness) return { origin, kind: 'awareness', ref, frame: decoding.readVarUint8Array(d) };
    if (kind === KIND.ask) return { origin, kind: 'ask', ref };
    if (kind === KIND.takeBacks) return { origin, kind: 'takeBacks', ref, bytes: decoding.readVarUint8Array(d) };
    if (kind !== KIND.updates) return null;
    const firstSeq = decoding.readVarUint(d);
    const n = decoding.readVarUint(d);
    const updates: Uint8Array[] = [];
    for (let i = 0; i < n; i++) updates.push(decoding.readVarUint8Array(d));
    return { origin, kind: 'updates', ref, firstSeq, updates };
  } catch {
    return null;
  }
}

/**
 * Rights hooks that act here and tell the other processes to act the same. The hooks of tokens,
 * members and documents resolve once every other process applied the change too (or with words saying it
 * could not be confirmed; {@link Fanout.publishRights}): the route answers after that.
 */
export function publishingRights(local: RightsHooks, fanout: Fanout): RightsHooks {
  return {
    tokenRevoked(tokenId) {
      void local.tokenRevoked(tokenId);
      return fanout.publishRights({ hook: 'tokenRevoked', tokenId });
    },
    tokenExtended(tokenId, expiresAt) {
      void local.tokenExtended(tokenId, expiresAt);
      return fanout.publishRights({ hook: 'tokenExtended', tokenId, expiresAt });
    },
    memberChanged(member) {
      void local.memberChanged(member);
      return fanout.publishRights({ hook: 'memberChanged', member });
    },
    memberRemoved(workspace, memberId) {
      void local.memberRemoved(workspace, memberId);
      return fanout.publishRights({ hook: 'memberRemoved', workspace, memberId });
    },
    docChanged(record) {
      local.docChanged(record);
      return fanout.publishRights({ hook: 'docChanged', record });
    },
    async docDeleted(ref) {
      // Every process closes the document's sockets and unloads its room before the data goes.
      const others = fanout.publishRights({ hook: 'docDeleted', ref });
      await local.docDeleted(ref);
      await others;
    },
  };
}

/** Replay a change from another process on the local hooks; resolves once it is in force here. */
export async function applyRightsChange(local: RightsHooks, change: RightsChange): Promise<void> {
  switch (change.hook) {
    case 'tokenRevoked':
      return void (await local.tokenRevoked(change.tokenId));
    case 'tokenExtended':
      return void (await local.tokenExtended(change.tokenId, change.expiresAt));
    case 'memberChanged':
      return void (await local.memberChanged(change.member));
    case 'memberRemoved':
      return void (await local.memberRemoved(change.workspace, change.memberId));
    case 'docChanged':
      return void (await local.docChanged(change.record));
    case 'docDeleted':
      return local.docDeleted(change.ref);
  }
}

/**
 * Rights hooks that apply each change on `first` and then on `second` (the sync layer's live
 * rights and the app's open event streams); what they answer: the first words either gave, once
 * both settled.
 */
export function bothRights(first: RightsHooks, second: RightsHooks): RightsHooks {
  const both = (a: RightsApplied, b: RightsApplied): RightsApplied =>
    a === undefined && b === undefined ? undefined : Promise.all([a, b]).then(([x, y]) => x ?? y ?? null);
  return {
    tokenRevoked: (tokenId) => both(first.tokenRevoked(tokenId), second.tokenRevoked(tokenId)),
    tokenExtended: (tokenId, expiresAt) => both(first.tokenExtended(tokenId, expiresAt), second.tokenExtended(tokenId, expiresAt)),
    memberChanged: (member) => both(first.memberChanged(member), second.memberChanged(member)),
    memberRemoved: (workspace, memberId) => both(first.memberRemoved(workspace, memberId), second.memberRemoved(workspace, memberId)),
    docChanged: (record) => both(first.docChanged(record), second.docChanged(record)),
    docDeleted: async (ref) => void (await Promise.all([first.docDeleted(ref), second.docDeleted(ref)])),
  };
}

/**
 * `fanout`, whose listener also applies the rights changes of other processes on `hooks` before
 * they are acknowledged (the app's open event streams, which the sync layer does not hold).
 */
export function alsoApplyingRights(fanout: Fanout, hooks: RightsHooks): Fanout {
  return {
    ...fanout,
    listen: (handlers) =>
      fanout.listen({ ...handlers, rights: async (change) => void (await Promise.all([applyRightsChange(hooks, change), handlers.rights(change)])) }),
  };
}
