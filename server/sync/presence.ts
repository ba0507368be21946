/**
 * The presence (Yjs awareness) of one room, kept by the server instead of y-protocols' own
 * `Awareness`, for three reasons:
 *
 * - **Ownership.** A connection sets and removes only the client ids it introduced; an entry for an
 *   id another connection holds is dropped, unless both are the same member (a client that
 *   reconnects before the server saw its old socket go). At most `maxClientIds` ids per connection.
 *   Entries that carry a server stamp are states a stock client passes on, and are ignored.
 * - **Content.** A state is at most `maxStateBytes` of JSON and of the shape in
 *   `shared/protocol/awareness.ts`; `user.name`, `role` and `memberId` are replaced by the member's
 *   own, `doc` by the room's document id, a `row` that is neither of the shape the pane makes
 *   row ids in nor a row the document holds is left out (so no member, a viewer neither, sends
 *   text of their own to everyone in the document), and a state with a personnummer anywhere is
 *   dropped.
 * - **Clocks.** Stock clients accept a state only with a clock above the last one they saw for that
 *   id, and a client that reconnects (after a server restart, say) re-sends its unchanged clock, so
 *   its peers ignored it until its renewal ~15 s later. The server therefore stamps every entry it
 *   sends to others with its own clock: strictly increasing and at least the wall time in µs, so
 *   above anything this or an earlier server process sent. The sender gets its entries back with
 *   its own clock (which it ignores), as stock clients count that echo as a sign of life.
 *
 * States not renewed for `outdatedMs` (30 s, as in y-protocols; clients renew every 15 s) are
 * removed and the removal relayed.
 *
 * With several server processes, the states the others relay are kept too (`remote-presence.ts`)
 * and stamped here like local ones, so peers joining this process see everyone at once.
 */
import type { Principal } from './principal.js';
import { awarenessStateSchema } from '../../shared/protocol/awareness.js';
import { NEW_ROW_ID_PATTERN } from '../../shared/doc/ids.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { visitValue } from '../../shared/validate/update-shape.js';
import { decodeAwarenessUpdate, decodeMessage, encodeAwareness, encodeAwarenessUpdate, type AwarenessEntry } from './protocol.js';
import { RemotePresence } from './remote-presence.js';
import { everyShared } from './shared-ticker.js';

/** Why an awareness entry was dropped. */
export type PresenceDrop = 'too-large' | 'shape' | 'personnummer' | 'not-owner' | 'too-many-ids';

/** What a {@link Presence} is built from. */
export interface PresenceOptions<O> {
  /** The room's document id: every relayed state that names a document names this one. */
  docId: string;
  maxStateBytes: number;
  maxClientIds: number;
  /** A state not renewed for this long is removed, in ms. */
  outdatedMs: number;
  /** Send `frame` to every peer but `origin`, and `echo` (when not null) to `origin`. */
  relay(frame: Uint8Array, origin: O | null, echo: Uint8Array | null): void;
  /** Send `frame` to one peer. */
  send(peer: O, frame: Uint8Array): void;
  /** An entry was dropped. */
  dropped(reason: PresenceDrop): void;
  /**
   * Whether the document holds a row of id `row` (asked only for a `row` not of the shape
   * `newRowId` makes); when unset, every row id of `ROW_ID_PATTERN`'s shape is relayed.
   */
  hasRow?: (row: string) => boolean;
  /** Wall time in ms; `Date.now` when unset. */
  now?: () => number;
}

/**
 * Server stamps are wall time in µs (about 1.7e15); a client's own clock counts its changes from 0
 * and never gets near this, so a clock at or above it is one the server issued.
 */
const STAMP_FLOOR = 1e15;

interface Entry<O> {
  owner: O;
  memberId: string;
  json: string;
  updated: number;
}

/** The member fields a relayed state carries. */
type Author = Pick<Principal, 'memberId' | 'name' | 'role'>;

/** Presence of one room, keyed by awareness client id. */
export class Presence<O> {
  private readonly entries = new Map<number, Entry<O>>();
  /** Peers that joined and have sent no awareness frame yet. */
  private readonly unintroduced = new Set<O>();
  private lastStamp = 0;
  /** Stops this room's sweep on the process's shared timer (`shared-ticker.ts`); null while not sweeping. */
  private sweeper: (() => void) | null = null;
  private readonly now: () => number;
  /** States other server processes relayed for this room. */
  private readonly remote: RemotePresence;

  /** @param owned the room's peers, each with the client ids it holds (kept up to date here) */
  constructor(
    private readonly owned: Map<O, Set<number>>,
    private readonly options: PresenceOptions<O>,
  ) {
    this.now = options.now ?? Date.now;
    this.remote = new RemotePresence(options.outdatedMs, this.now);
  }

  /**
   * Take an awareness frame another process checked, stamped and relayed: its entries are
   * remembered for peers joining later, and returned stamped with this process's clock for the
   * peers here (null when nothing is to be passed on, or the frame is not one).
   */
  receiveRemote(frame: Uint8Array): Uint8Array | null {
    const message = decodeMessage(frame);
    const incoming = message.type === 'awareness' ? decodeAwarenessUpdate(message.update) : null;
    if (!incoming) return null;
    const passed = this.remote.take(incoming, (clientId) => this.entries.has(clientId));
    if (passed.length === 0) return null;
    return frameOf(passed.map((entry) => ({ ...entry, clock: this.stamp() })));
  }

  /** The states of this process's own peers, freshly stamped, for another process that asks. */
  local(): { frame: Uint8Array; count: number } {
    const entries = [...this.entries].map(([clientId, entry]) => ({ clientId, clock: this.stamp(), json: entry.json }));
    return { frame: frameOf(entries), count: entries.length };
  }

  /**
   * Whether `incoming` only passes on states the server stamped, of client ids `owner` does not
   * hold: what a stock y-websocket client sends back for every presence change it hears (a peer
   * joining, renewing or leaving). Such a frame changes and relays nothing (see `take`), so it is
   * not counted against the sender's presence rate: in a connect storm every open client hears
   * each join and passes it on, and counting those closed the clients already there (4429).
   */
  echoesOnly(owner: O, incoming: readonly AwarenessEntry[]): boolean {
    return incoming.length > 0 && incoming.every((e) => e.clock >= STAMP_FLOOR && this.entries.get(e.clientId)?.owner !== owner);
  }

  /** Take a connection's awareness entries: keep, stamp and relay what it may set. */
  receive(owner: O, author: Author, incoming: readonly AwarenessEntry[]): void {
    const ids = this.owned.get(owner);
    if (!ids) return;
    const relayed: AwarenessEntry[] = [];
    const echoed: AwarenessEntry[] = [];
    for (const entry of incoming) {
      const json = this.take(owner, ids, author, entry);
      if (json === null) continue;
      relayed.push({ clientId: entry.clientId, clock: this.stamp(), json });
      echoed.push({ ...entry, json });
    }
    this.introduce(owner, author, incoming);
    if (relayed.length === 0) return;
    this.options.relay(frameOf(relayed), owner, frameOf(echoed));
  }

  /**
   * Apply one entry from `owner`; the JSON to relay (`'null'` for a removal), or null when the entry
   * changes nothing or may not be taken.
   */
  private take(owner: O, ids: Set<number>, author: Author, entry: AwarenessEntry): string | null {
    const existing = this.entries.get(entry.clientId);
    const mine = existing?.owner === owner;
    // Stock clients pass on every state they receive; those carry the server's own stamps.
    if (!mine && entry.clock >= STAMP_FLOOR) return null;
    if (existing && !mine && existing.memberId !== author.memberId) return this.drop('not-owner');
    if (entry.json === 'null') {
      if (!existing) return null;
      this.forget(entry.clientId, existing);
      return 'null';
    }
    const json = this.sanitize(entry.json, author);
    if (json === null) return null;
    if (!mine && ids.size >= this.options.maxClientIds) return this.drop('too-many-ids');
    // The same member on a new socket: a client that reconnected before its old socket was seen to go.
    if (existing && !mine) this.forget(entry.clientId, existing);
    // Peers already show an unchanged state; only its owner changes, and nothing is relayed.
    const unchanged = existing !== undefined && !mine && existing.json === json;
    this.entries.set(entry.clientId, { owner, memberId: author.memberId, json, updated: this.now() });
    this.remote.forget(entry.clientId);
    ids.add(entry.clientId);
    this.sweep(true);
    return unchanged ? null : json;
  }

  /**
   * After a peer's first awareness frame, send it the states of its own member's other clients,
   * held back at join: until then one of them may be its own id, held by its old socket, and a
   * client that receives its own id with a server stamp adopts that clock and state.
   */
  private introduce(owner: O, author: Author, incoming: readonly AwarenessEntry[]): void {
    if (!this.unintroduced.delete(owner)) return;
    const own = new Set(incoming.map((e) => e.clientId));
    const entries: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.owner !== owner && entry.memberId === author.memberId && !own.has(clientId)) {
        entries.push({ clientId, clock: this.stamp(), json: entry.json });
      }
    }
    for (const [clientId, entry] of this.remote.current()) {
      if (entry.memberId !== '' && entry.memberId === author.memberId && !own.has(clientId)) entries.push({ clientId, clock: this.stamp(), json: entry.json });
    }
    if (entries.length > 0) this.options.send(owner, frameOf(entries));
  }

  /**
   * The member of `owner` was renamed or given another role (`author`, the member as now stored):
   * the states the connection holds are written with it and relayed to everyone else at once, so
   * peers do not show the old name until the client renews its state (every ~15 s). The owner's
   * own client is not sent its states back. A state whose new form may not be relayed is left.
   */
  reauthor(owner: O, author: Author): void {
    const relayed: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.owner !== owner) continue;
      const json = this.sanitize(entry.json, author);
      if (json === null || json === entry.json) continue;
      entry.json = json;
      entry.memberId = author.memberId;
      relayed.push({ clientId, clock: this.stamp(), json });
    }
    if (relayed.length > 0) this.options.relay(frameOf(relayed), owner, null);
  }

  /** Remove every state a connection held (it left), and tell the others. */
  removeAll(owner: O, ids: Iterable<number>): void {
    this.unintroduced.delete(owner);
    const removed: AwarenessEntry[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry || entry.owner !== owner) continue;
      this.entries.delete(id);
      removed.push({ clientId: id, clock: this.stamp(), json: 'null' });
    }
    if (removed.length > 0) this.options.relay(frameOf(removed), null, null);
  }

  /**
   * A peer joined as `memberId`: everyone's presence but its member's, freshly stamped, as one
   * awareness frame (its member's other clients follow its first awareness frame).
   */
  joined(peer: O, memberId: string): { frame: Uint8Array; count: number } {
    this.unintroduced.add(peer);
    if (this.entries.size === 0 && this.remote.size === 0) return NOBODY;
    return this.snapshot(peer, memberId);
  }

  /** Everyone's presence but `peer`'s own (and `memberId`'s when given), freshly stamped. */
  snapshot(peer: O, memberId: string | null = null): { frame: Uint8Array; count: number } {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.owner !== peer && entry.memberId !== memberId) entries.push({ clientId, clock: this.stamp(), json: entry.json });
    }
    for (const [clientId, entry] of this.remote.current()) {
      if (entry.memberId === '' || entry.memberId !== memberId) entries.push({ clientId, clock: this.stamp(), json: entry.json });
    }
    return { frame: frameOf(entries), count: entries.length };
  }

  /** The relayed state of a client id, as JSON, or undefined. */
  stateOf(clientId: number): string | undefined {
    return this.entries.get(clientId)?.json;
  }

  /** Stop the sweep timer. */
  destroy(): void {
    this.sweep(false);
    this.entries.clear();
  }

  private forget(clientId: number, entry: Entry<O>): void {
    this.entries.delete(clientId);
    this.owned.get(entry.owner)?.delete(clientId);
  }

  /** The state as relayed, or null (counted as dropped) when it may not be relayed. */
  private sanitize(json: string, author: Author): string | null {
    if (Buffer.byteLength(json) > this.options.maxStateBytes) return this.drop('too-large');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return this.drop('shape');
    }
    const parsed = awarenessStateSchema.safeParse(value);
    if (!parsed.success) return this.drop('shape');
    const state = parsed.data;
    // Whatever document the client named, it is present in this one.
    if (Object.hasOwn(value as object, 'doc')) state.doc = this.options.docId;
    else delete state.doc;
    // A row id the pane makes (12 characters, `NEW_ROW_ID_PATTERN`) is relayed though the document
    // may not hold it yet: a row made offline is named before the offline edit that made it
    // arrives. Any other id (up to 64 characters an import kept) only while the document holds
    // it, so a `row` never carries more than 12 characters of the sender's choosing.
    if (typeof state.row === 'string' && !NEW_ROW_ID_PATTERN.test(state.row) && this.options.hasRow && !this.options.hasRow(state.row)) state.row = undefined;
    // A row id the guard reads a number in (one made before it read so, which the document may
    // hold) is left out, not the whole state: the person stays shown, the id never reaches peers.
    if (typeof state.row === 'string' && findPersonnummer(state.row) !== null) state.row = undefined;
    if (state.row === undefined) delete state.row;
    if (state.user) {
      const { color } = state.user;
      state.user = { name: nameOf(author), ...(color ? { color } : {}), role: author.role, memberId: author.memberId };
    }
    // Each text as the peers will read it, not only the JSON: JSON escapes a tab, a line break or
    // any other control character (`\t`, `\u0001`), so a personnummer spelt with one between its
    // digits would pass a scan of the serialized state.
    if (visitValue(state, (text) => findPersonnummer(text) !== null)) return this.drop('personnummer');
    const out = JSON.stringify(state);
    if (findPersonnummer(out)) return this.drop('personnummer');
    return out;
  }

  private drop(reason: PresenceDrop): null {
    this.options.dropped(reason);
    return null;
  }

  private stamp(): number {
    this.lastStamp = Math.max(this.lastStamp + 1, this.now() * 1000);
    return this.lastStamp;
  }

  private sweep(on: boolean): void {
    if (on && !this.sweeper) {
      // One timer for every room's sweep, not one per room: a state goes between `outdatedMs` and a tenth more after its last renewal.
      this.sweeper = everyShared(Math.max(100, Math.floor(this.options.outdatedMs / 10)), () => this.removeOutdated());
    } else if (!on && this.sweeper) {
      this.sweeper();
      this.sweeper = null;
    }
  }

  private removeOutdated(): void {
    const before = this.now() - this.options.outdatedMs;
    const removed: AwarenessEntry[] = [];
    for (const [clientId, entry] of [...this.entries]) {
      if (entry.updated > before) continue;
      this.forget(clientId, entry);
      removed.push({ clientId, clock: this.stamp(), json: 'null' });
    }
    if (this.entries.size === 0) this.sweep(false);
    if (removed.length > 0) this.options.relay(frameOf(removed), null, null);
  }
}

/** The member's name, or its id when the name itself holds a personnummer. */
function nameOf(author: Author): string {
  if (!findPersonnummer(author.name)) return author.name;
  return findPersonnummer(author.memberId) ? '?' : author.memberId;
}

function frameOf(entries: readonly AwarenessEntry[]): Uint8Array {
  return encodeAwareness(encodeAwarenessUpdate(entries));
}

/** What a peer joining a room where nobody is present gets: nothing to send. */
const NOBODY: { frame: Uint8Array; count: number } = { frame: frameOf([]), count: 0 };
