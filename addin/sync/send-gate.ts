/**
 * Everything between the pane's Y.Doc and the socket on the way out: each local change is
 * checked against the state *before* it (a shadow doc of what was checked), refused ones are
 * taken back out of the doc, accepted ones are stored offline and sent in frames under the
 * limit, and the server's answers to our pings tell which changes it has taken (the honest
 * pending count). The shadow, not the doc, is what a reconnect sends from, so a change that
 * was refused locally is never sent.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Localized } from '../../shared/schema/types.js';
import { revertTransaction } from './revert.js';
import { ofOtherMaking } from '../../shared/validate/other-making.js';
import { decodeWholeUpdate } from '../../shared/validate/update-structs.js';
import { UpdateTooLargeError, updatesSince } from './update-frames.js';

/** The verdict of a local pre-send check; same shape as `shared/validate`'s `checkUpdate`. */
export type UpdateVerdict = { ok: true } | { ok: false; code: string; message: Localized };

/** Checks one local update against `before`, a doc holding the state just before it. */
export type UpdateCheck = (before: Y.Doc, update: Uint8Array) => UpdateVerdict;

/** What the gate needs from the connection around it. */
export interface GateHooks {
  /** Sends one y-websocket frame, or returns false when there is no open socket. */
  send(frame: Uint8Array): boolean;
  /** Stores an update in the offline copy (IndexedDB), if there is one; `origin` is the doc transaction's. */
  store(update: Uint8Array, origin: unknown): void;
  /** A local change was refused by the check (and taken back), or cannot be sent at all (`stuck`). */
  refused(verdict: Extract<UpdateVerdict, { ok: false }>, stuck: boolean): void;
  /** The pending count may have changed; `pending` is its value now. */
  pendingChanged(pending: number): void;
}

/** Origin of the transactions that take a refused change back out of the doc. */
export const REVERT_ORIGIN = Symbol('samplan:revert-refused-change');

const messageSync = 0;

function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const TOO_LARGE: Localized = {
  sv: 'En enskild ändring är större än vad servern tar emot i ett meddelande och kan inte skickas. Den finns kvar här; dela upp den (t.ex. klistra in färre rader åt gången).',
  en: 'A single change is larger than the server accepts in one message and cannot be sent. It is kept here; split it up (e.g. paste fewer rows at a time).',
};

const STUCK: Localized = {
  sv: 'En vägrad ändring kunde inte tas bort helt, så inget mer skickas från det här fönstret. Stäng dokumentet och öppna det igen.',
  en: 'A refused change could not be fully taken back, so nothing more is sent from this pane. Close the document and open it again.',
};

const READ_ONLY_UNSENT: Localized = {
  sv: 'Ändringar som gjordes här har inte sparats på servern och skickas inte, eftersom du nu bara får läsa dokumentet (din roll eller dina enheter har ändrats, eller dokumentet är arkiverat). De finns kvar i den här datorn och skickas när du får skriva i det igen.',
  en: 'Changes made here were not stored on the server and are not sent, as you may now only read the document (your role or your units changed, or the document is archived). They are kept on this computer and sent when you may write to it again.',
};

/**
 * One doc's outgoing side. `trusted` origins (the provider, the offline store) are applied to
 * the shadow without a check; every other origin is a local writer and is checked.
 */
export class SendGate {
  /** The doc as far as it was checked (plus everything from the server and the offline store). */
  readonly shadow = new Y.Doc();
  private seq = 0;
  private acked = 0;
  private ackedAtOpen = 0;
  /** Local changes that can never be sent (after a refusal that could not be taken back). */
  private held = 0;
  private stuck = false;
  /** For each ping (our sync step 1) in flight on this socket: the local seq and the state (a state vector) it acknowledges. */
  private pings: Array<{ seq: number; state: Uint8Array } | null> = [];
  /** What the server is known to hold (client → clock): its step 1 and the answers to our pings. */
  private known = new Map<number, number>();
  private knownAtOpen = new Map<number, number>();
  /** The server's state at its first step 1, and the doc's state once its offline copy was loaded. */
  private firstServer: Map<number, number> | null = null;
  private copy: Map<number, number> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly check: UpdateCheck,
    private readonly trusted: (origin: unknown) => boolean,
    private readonly hooks: GateHooks,
    private readonly maxFrameBytes: number,
    /**
     * The person may read but not write this document: nothing is sent, not even the empty
     * answer to the server's sync step 1 (the server closes a non-writer that sends an update).
     */
    private readonly readOnly = false,
  ) {
    const existing = Y.encodeStateAsUpdate(doc);
    if (doc.store.clients.size > 0) this.offer(existing, null);
    doc.on('update', this.onUpdate);
  }

  /** Local changes the server has not confirmed yet (including ones that cannot be sent). */
  get pending(): number {
    return this.seq - this.acked + this.held;
  }

  /** Stops listening to the doc. */
  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.shadow.destroy();
  }

  /** A socket opened; y-websocket sends its sync step 1 right after, whose answer confirms nothing. */
  opened(): void {
    this.pings = [null];
    this.ackedAtOpen = this.acked;
    this.knownAtOpen = new Map(this.known);
  }

  /**
   * The socket closed. When the server could not store what it took on that socket (`lost`),
   * the changes it confirmed there count as pending again; the next connect re-sends them.
   */
  closed(lost: boolean): void {
    this.pings = [];
    if (lost) {
      this.acked = this.ackedAtOpen;
      this.known = new Map(this.knownAtOpen);
    }
    this.hooks.pendingChanged(this.pending);
  }

  /**
   * Handles one sync message from the server (replaces y-websocket's handler): the server's
   * step 1 is answered from the shadow, in frames under the limit; a step 2 confirms our
   * oldest ping; updates are applied to the doc with `origin`.
   * Returns true when the message was a step 2 (the doc is in sync).
   */
  receive(decoder: decoding.Decoder, origin: unknown): boolean {
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      this.catchUp(payload);
      return false;
    }
    // The server holds another making of this id (the document this copy is of was deleted and a
    // new one made under its id): its state is not merged into this copy, which the server refuses
    // in turn (4410), so the copy keeps only its own rows for the person to keep or give up.
    if (type === syncProtocol.messageYjsSyncStep2 && this.otherMaking(payload)) return false;
    try {
      Y.applyUpdate(this.doc, payload, origin);
    } catch {
      // An update that does not decode changes nothing here; the next sync step brings the state.
    }
    if (type !== syncProtocol.messageYjsSyncStep2) return false;
    const confirms = this.pings.shift();
    if (confirms != null) {
      this.acked = Math.max(this.acked, confirms.seq);
      this.learn(Y.decodeStateVector(confirms.state));
    }
    // A stuck gate sends nothing more: a ping would confirm changes the server never got.
    if (this.pings.length === 0 && this.seq > this.acked && !this.stuck) this.ping();
    this.hooks.pendingChanged(this.pending);
    return true;
  }

  /** Whether the server's `update` is of another making than this doc's (`shared/validate/other-making.ts`). */
  private otherMaking(update: Uint8Array): boolean {
    if (this.doc.store.clients.size === 0) return false;
    try {
      const decoded = decodeWholeUpdate(update);
      return decoded !== null && ofOtherMaking(this.doc, decoded.structs);
    } catch {
      return false;
    }
  }

  /** Whether the server is known to hold the struct `id` (its sync step 1, the answers to our pings). */
  serverHas(id: Y.ID): boolean {
    return id.clock < (this.known.get(id.client) ?? 0);
  }

  /**
   * Whether the struct `id` of another client than the doc's own was made on this computer: it
   * came with the offline copy (`copyLoaded`) and the server lacked it at its first step 1.
   */
  madeHere(id: Y.ID): boolean {
    if (!this.copy || !this.firstServer || id.client === this.doc.clientID) return false;
    return id.clock < (this.copy.get(id.client) ?? 0) && id.clock >= (this.firstServer.get(id.client) ?? 0);
  }

  /** The offline copy is loaded into the doc: `state` is the doc's state vector then. */
  copyLoaded(state: Map<number, number>): void {
    this.copy = state;
  }

  private learn(state: Map<number, number>): void {
    for (const [client, clock] of state) if (clock > (this.known.get(client) ?? 0)) this.known.set(client, clock);
  }

  /** True while something local can never be sent (see {@link GateHooks.refused} with `stuck`). */
  get isStuck(): boolean {
    return this.stuck;
  }

  private catchUp(serverState: Uint8Array): void {
    const theirs = Y.decodeStateVector(serverState);
    this.firstServer ??= theirs;
    this.learn(theirs);
    if (this.readOnly) {
      // Edits made here before the document became read-only (offline, in IndexedDB) are never sent
      // from a read-only pane: they stay here, counted as pending, and the person is told.
      if (!this.stuck && this.ahead(serverState)) this.block({ ok: false, code: 'read-only', message: READ_ONLY_UNSENT }, true);
      return this.ping();
    }
    // What the server lacks from before this session (offline edits in IndexedDB) is pending too.
    if (this.seq === this.acked && this.ahead(serverState)) {
      this.seq++;
      this.hooks.pendingChanged(this.pending);
    }
    // A change that cannot be sent (too large) stays here, named; the server, which holds its
    // answer to a step 1 naming writes it lacks until the pane answers or asks again
    // (`server/sync/held-answers.ts`), is asked again, so the pane still gets what others wrote.
    if (!this.sendFrames(serverState, syncProtocol.messageYjsSyncStep2)) return this.askState();
    this.ping();
  }

  /** Sends sync step 1 for the server's state only: its step 2 confirms none of the local changes. */
  private askState(): void {
    if (this.hooks.send(syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.doc)))) this.pings.push(null);
  }

  private ahead(serverState: Uint8Array): boolean {
    const theirs = Y.decodeStateVector(serverState);
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.shadow))) if (clock > (theirs.get(client) ?? 0)) return true;
    return false;
  }

  /** Sends sync step 1; the server answers every frame in order, so its step 2 confirms all sent before. */
  private ping(): void {
    const state = Y.encodeStateVector(this.doc);
    if (this.hooks.send(syncFrame(syncProtocol.messageYjsSyncStep1, state))) this.pings.push({ seq: this.seq, state });
  }

  /** Sends what the shadow has beyond `since`; false when it could not (no socket, or too large). */
  private sendFrames(since: Uint8Array, type: number): boolean {
    let updates: Uint8Array[];
    try {
      updates = updatesSince(this.shadow, since, this.maxFrameBytes - 16);
    } catch (err) {
      if (!(err instanceof UpdateTooLargeError)) throw err;
      this.block({ ok: false, code: 'too-large', message: TOO_LARGE }, false);
      return false;
    }
    for (const update of updates) if (!this.hooks.send(syncFrame(type, update))) return false;
    return true;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (this.trusted(origin)) {
      Y.applyUpdate(this.shadow, update, origin);
      this.hooks.store(update, origin);
      return;
    }
    if (origin === REVERT_ORIGIN) {
      // The refused change is deleted and garbage-collected now: send its empty placeholders
      // (later changes build on them) together with the values written back.
      this.offer(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.shadow)), null);
      return;
    }
    // A change that builds on something the shadow lacks (a refusal that could not be taken
    // back) is judged together with that: the check then sees all of it.
    if (this.lacks(tr.beforeState)) return this.offer(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.shadow)), null);
    this.offer(update, tr);
  };

  private lacks(state: Map<number, number>): boolean {
    for (const [client, clock] of state) if (Y.getState(this.shadow.store, client) < clock) return true;
    return false;
  }

  /** Checks a local update; sends it, or takes it back out of the doc (when `tr` is known). */
  private offer(update: Uint8Array, tr: Y.Transaction | null): void {
    if (this.stuck) {
      this.held++;
      this.hooks.pendingChanged(this.pending);
      return;
    }
    const verdict = this.check(this.shadow, update);
    if (verdict.ok) return this.accept(update);
    if (tr === null) return this.block({ ok: false, code: verdict.code, message: { sv: `${STUCK.sv} ${verdict.message.sv}`, en: `${STUCK.en} ${verdict.message.en}` } }, true);
    this.hooks.refused(verdict, false);
    revertTransaction(this.doc, this.shadow, tr, REVERT_ORIGIN);
  }

  private accept(update: Uint8Array): void {
    const before = Y.encodeStateVector(this.shadow);
    Y.applyUpdate(this.shadow, update);
    this.hooks.store(update, null);
    this.seq++;
    const sent = update.byteLength <= this.maxFrameBytes - 16
      ? this.hooks.send(syncFrame(syncProtocol.messageYjsUpdate, update))
      : this.sendFrames(before, syncProtocol.messageYjsUpdate);
    if (sent && this.pings.length === 0) this.ping();
    this.hooks.pendingChanged(this.pending);
  }

  /**
   * Something local can never be sent: nothing more is sent from this doc, and the user is told
   * why. `unsent` counts it as pending when it is not counted yet.
   */
  private block(verdict: Extract<UpdateVerdict, { ok: false }>, unsent: boolean): void {
    this.stuck = true;
    if (unsent) this.held++;
    this.hooks.refused(verdict, true);
    this.hooks.pendingChanged(this.pending);
  }
}
