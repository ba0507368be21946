/**
 * Loads rooms on first use and unloads them after the last holder leaves and a grace period.
 * Concurrent first connections share one load (single flight); a room being unloaded is flushed
 * and snapshotted before the same document can load again.
 */
import type * as Y from 'yjs';
import type { ChangeWatch, DocRecord, DocRef, UpdateAudit } from '../storage/storage.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { StorageUnavailableError } from '../storage/watched.js';
import { applyRightsChange } from './fanout.js';
import { LiveRights } from './live-rights.js';
import { AuditBatch } from './audit-batch.js';
import { AdmissionCache } from './admission-cache.js';
import { Room, type Author, type Refusal, type RoomDeps } from './room.js';
import { refuse } from './offer-checks.js';
import { LoadTurns } from './load-turns.js';
import { ForeignWrites } from './foreign-writes.js';
import { RightsFence, rightsCurrent } from './rights-fence.js';
import { followTitle, TitleRepairs } from './title-follow.js';

/** A hold on a loaded room; the room may unload once every lease is released. */
export interface Lease {
  room: Room;
  /** Give the room back; idempotent. */
  release(): void;
}

/** Counts for `/metrics` and `/healthz`. */
export interface RegistryStats {
  rooms: number;
  connections: number;
}

/** Thrown when a document has no catalogue record. */
export class DocNotFoundError extends Error {
  readonly code = 'doc-not-found';
  constructor(readonly ref: DocRef) {
    super(`No document ${ref.workspace}/${ref.doc}`);
  }
}

interface Entry {
  room: Room;
  holders: number;
  timer: NodeJS.Timeout | null;
}

/** Close reasons of a room unloaded with a code other than a storage failure's. */
const UNLOAD_REASONS: Record<number, string> = {
  [CloseCode.goingAway]: 'Server going away',
  [CloseCode.notFound]: 'Document deleted',
};

function keyOf(ref: DocRef): string {
  return `${ref.workspace}\u0000${ref.doc}`;
}

/** The set of loaded rooms of one server process. */
export class Registry {
  private readonly rooms = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Rooms are loaded a few per turn of the event loop, so a storm of loads lets edits through. */
  private readonly turns = new LoadTurns();
  /** Every open socket and the rights it holds: find and close sockets by token, member or doc. */
  readonly live: LiveRights;
  /** Sockets' audit records (connect, disconnect, refused), written in batches gathered over a few milliseconds. */
  readonly audit: AuditBatch;
  /** While the fan-out is cut, every frame waits for a check of the rights version (`rights-fence.ts`). */
  readonly fence: RightsFence;
  /** Admission's reads (token → principal, document records), shared by a connect storm's sockets. */
  readonly admissions: AdmissionCache;
  /** The look-out for other writers' updates of the loaded rooms. */
  private readonly foreign: ForeignWrites;
  /** Storage's notices of other writers' changes, where it gives them (PostgreSQL). */
  private readonly changes: ChangeWatch | null;
  /** Storage tells of other writers' rights changes now (`ChangeHandlers.listening`). */
  private noticesOn = false;
  /** The fan-out may miss other processes' rights changes (`FanoutHandlers.cut`): rights are polled at the fast rate. */
  private fanoutCut = false;
  /** Rooms whose fan-out subscription just came into place, to look at storage's heads for together. */
  private subscribed: Room[] = [];
  private subscribedCheck: NodeJS.Immediate | null = null;
  /** Peers of every loaded room, kept by the rooms' `onPeers` (a join must not walk every room). */
  private connections = 0;

  /** Drifted titles repaired at load; a title the record guard refuses is warned of once. */
  private readonly titles: TitleRepairs;

  constructor(private readonly deps: RoomDeps) {
    this.audit = new AuditBatch(deps.records, deps.logger);
    this.titles = new TitleRepairs(deps.records, deps.clock ?? (() => new Date()), deps.logger);
    const rightsVersion = deps.records.rightsVersion?.bind(deps.records);
    this.live = new LiveRights({
      records: deps.records,
      auth: deps.auth,
      logger: deps.logger,
      clock: deps.clock ?? (() => new Date()),
      pollMs: deps.options.rightsPollMs,
      evict: (ref) => this.evict(ref),
      recordChanged: (record) => this.rooms.get(keyOf(record))?.room.recordChanged(record),
      ...(rightsVersion ? { version: rightsVersion } : {}),
    });
    this.fence = new RightsFence(() => rightsCurrent(this.live, rightsVersion));
    this.admissions = new AdmissionCache({
      auth: deps.auth,
      records: deps.records,
      generation: () => this.live.generation,
      ttlMs: deps.options.rightsPollMs,
      clock: deps.clock ?? (() => new Date()),
      version: rightsVersion ?? (() => deps.storage.dataVersion()),
      versionCoversRights: rightsVersion !== undefined,
      // Another process changed rights in storage: the open sockets are decided again now, not at the next poll.
      versionMoved: () => void this.live.recheck(),
    });
    deps.fanout?.listen({
      updates: (ref, firstSeq, updates) => this.rooms.get(keyOf(ref))?.room.receivePublished(firstSeq, updates),
      awareness: (ref, frame) => this.rooms.get(keyOf(ref))?.room.receivePublishedAwareness(frame),
      presenceAsked: (ref) => this.rooms.get(keyOf(ref))?.room.announcePresence(),
      takeBacks: (ref, bytes) => this.rooms.get(keyOf(ref))?.room.receiveTakeBacks(bytes),
      rights: (change) => applyRightsChange(this.live, change),
      resync: () => this.resync(),
      cut: (on) => {
        this.fanoutCut = on;
        this.fence.set(on);
        this.live.listening(this.noticesOn && !on);
        // Read at once: a change may have been confirmed without this process already.
        if (on) this.live.noticed();
      },
    });
    this.foreign = new ForeignWrites({
      storage: deps.storage,
      fanout: deps.fanout,
      logger: deps.logger,
      pollMs: deps.options.foreignPollMs,
      rooms: () => [...this.rooms.values()].map((entry) => entry.room),
    });
    // Told by storage instead of asking it on timers: rights changes of any writer; appends of the
    // `samplan` commands and of processes whose fan-out is down (this one's appends are not told
    // while its fan-out is connected: the others hear them through it).
    this.changes =
      deps.storage.watchChanges?.(
        {
          rights: (notice) => this.live.noticed(notice),
          appends: () => this.foreign.noticed(),
          listening: (on) => {
            this.noticesOn = on;
            // Cut from the fan-out, rights are read at the fast rate even while storage tells of changes.
            this.live.listening(on && !this.fanoutCut);
            this.foreign.listening(on);
          },
        },
        { appendsPublished: () => deps.fanout?.connected() ?? false },
      ) ?? null;
  }

  /**
   * Hold the room of a document, loading it if needed. Pass the record when the caller already
   * has it; otherwise it is read from storage and a missing one throws {@link DocNotFoundError}.
   */
  async acquire(ref: DocRef, record?: DocRecord): Promise<Lease> {
    const key = keyOf(ref);
    for (let pending = this.unloading.get(key); pending; pending = this.unloading.get(key)) await pending;
    let entry = this.rooms.get(key);
    if (!entry) {
      let loading = this.loading.get(key);
      if (!loading) {
        loading = this.load(key, ref, record);
        this.loading.set(key, loading);
        const forget = (): void => void this.loading.delete(key);
        loading.then(forget, forget);
      }
      entry = await loading;
    }
    const held = entry;
    held.holders++;
    if (held.timer) clearTimeout(held.timer);
    held.timer = null;
    let released = false;
    return {
      room: held.room,
      release: () => {
        if (released) return;
        released = true;
        this.release(key, held);
      },
    };
  }

  /** Run `fn` with the room of a document held, then release it. */
  async withDoc<T>(ref: DocRef, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const lease = await this.acquire(ref);
    try {
      return await fn(lease.room);
    } finally {
      lease.release();
    }
  }

  /**
   * Apply what other processes stored of `ref` since its room last read storage (a room loaded now
   * has it all): before a change that must follow theirs, a rename in the document's turn (`DocTurns`).
   */
  async catchUp(ref: DocRef): Promise<void> {
    await this.withDoc(ref, (room) => room.checkForeign());
  }

  /**
   * The current, durable state of a document as a Y.Doc: it holds no update whose write is pending
   * or failed. Read it at once: the doc is live and is released when its room unloads. Never
   * write to it; use {@link Registry.submit}. Rejects with a StorageUnavailableError when storage
   * cannot give the document back.
   */
  async getDoc(ref: DocRef): Promise<Y.Doc> {
    const settledDoc = async (room: Room): Promise<Y.Doc> => {
      // Built a piece at a time while the room's other work goes on, then settled: what it holds is stored.
      await room.builtDoc();
      await room.settled();
      return room.doc;
    };
    try {
      return await this.withDoc(ref, settledDoc);
    } catch (err) {
      // The room could not be reloaded after a failed write and was dropped: load it afresh once.
      if (!(err instanceof StorageUnavailableError)) throw err;
      return this.withDoc(ref, settledDoc);
    }
  }

  /**
   * Apply a server-side update (an import, say) through the same path as a socket's: validated,
   * persisted, then relayed. With a principal its rights are checked as for a socket. `audit`,
   * the audit lines of the change, and `record`, the document's record as it leaves it, are stored in
   * the update's transaction (`OfferOptions.audit`, `OfferOptions.record`). `update` may be a
   * function that makes it from the live doc (what is stored and what is being stored), called
   * right before the offer; `audit` is read after it ran.
   * A write that fails is answered as a refusal `unavailable` with the fault (`Refusal.fault`).
   */
  submit(ref: DocRef, update: Uint8Array | ((live: Y.Doc) => Uint8Array), author: Author, audit?: readonly UpdateAudit[], record?: DocRecord): Promise<{ ok: true } | Refusal> {
    return this.withDoc(ref, async (room) => {
      // A document not built yet is built a piece at a time first, not whole by the offer.
      await room.builtDoc();
      // Made from the live doc and offered in one step: nothing is applied between, so the update
      // follows every edit taken before it (Yjs keeps its title over theirs, not by client id).
      const bytes = typeof update === 'function' ? update(room.doc) : update;
      const offer = room.offer(bytes, author, null, { ...(audit ? { audit } : {}), ...(record ? { record } : {}) });
      if (!offer.ok) return offer;
      // The title this change left, read before anything else is taken: its follow writes that one only.
      const wrote = room.title;
      try {
        await offer.persisted;
      } catch (err) {
        // Its write failed: nothing of it (nor its audit lines) is stored, and the room reloads; refused as while it does.
        return { ...refuse(CloseCode.unavailable, 'unavailable', 'Document temporarily unavailable'), fault: err };
      }
      // With a record stored, the room takes it as stored (`followTitle` reads it back).
      if (offer.writesTitle || record) await this.followTitle(room, offer.persisted, author.memberId, wrote);
      return { ok: true as const };
    });
  }

  /**
   * An update by `memberId` taken in `room` wrote `meta.title`, leaving `wrote` (read as it was
   * taken): its record follows once it is durable, audited, unless a later change retitled the
   * document meanwhile (`title-follow.ts`); never rejects.
   */
  async followTitle(room: Room, persisted: Promise<void>, memberId: string | null, wrote: unknown): Promise<void> {
    await followTitle(room, this.deps.records, persisted, this.deps.clock ?? (() => new Date()), this.deps.logger, memberId, wrote);
  }

  /** Loaded rooms and connected sockets (peers of loaded rooms). Constant time: read on every join and leave. */
  stats(): RegistryStats {
    return { rooms: this.rooms.size, connections: this.connections };
  }

  /**
   * Close the sockets of one document with 4404, flush and unload its room (a load under way is
   * waited for first); resolves once no room of it is loaded. For deleting a document (its
   * take-backs are stored with it and deleted with it, so one re-created under its id starts without them).
   */
  async evict(ref: DocRef): Promise<void> {
    const key = keyOf(ref);
    await this.loading.get(key)?.catch(() => undefined);
    const entry = this.rooms.get(key);
    if (entry) await this.unload(key, entry, CloseCode.notFound, true);
    await this.unloading.get(key);
  }

  /**
   * Resolves once a loaded room of `ref` has stored what it took (`Room.settled`), closing nothing;
   * at once when none is loaded. Rejects with a `StorageUnavailableError` (503) when a write of
   * the room failed before it was stored: what storage holds then lacks an edit the room took.
   */
  async settle(ref: DocRef): Promise<void> {
    await this.loading.get(keyOf(ref))?.catch(() => undefined);
    await this.rooms.get(keyOf(ref))?.room.settled({ refuseFault: true });
  }

  /** Close every socket with `code`, flush and snapshot every room, and unload them all. */
  async closeAll(code: number = CloseCode.goingAway): Promise<void> {
    this.changes?.stop();
    this.live.stop();
    this.foreign.stop();
    if (this.subscribedCheck) clearImmediate(this.subscribedCheck);
    this.subscribedCheck = null;
    await Promise.allSettled([...this.loading.values()]);
    const closing = [...this.rooms.entries()].map(([key, entry]) => this.unload(key, entry, code, true));
    await Promise.allSettled([...closing, ...this.unloading.values()]);
    await this.audit.flush();
  }

  private async load(key: string, ref: DocRef, known?: DocRecord): Promise<Entry> {
    const record = known ?? (await this.deps.records.getDocRecord(ref));
    if (!record) throw new DocNotFoundError(ref);
    const room = await this.turns.run(() => Room.load(ref, record, this.deps));
    // Before anyone holds it, the record handed to the room's first peers is the repaired one; the title is read
    // without building a room served unbuilt from its stored fresh state (`room-fresh.ts`).
    await this.titles.repair(room);
    const entry: Entry = { room, holders: 0, timer: null };
    room.onBroken = () => void this.unload(key, entry, CloseCode.unavailable, true);
    room.onPeers = (delta) => {
      this.connections += delta;
    };
    this.rooms.set(key, entry);
    this.deps.metrics.rooms(this.rooms.size);
    this.foreign.watch();
    this.subscribe(key, entry);
    return entry;
  }

  /**
   * Hear the other processes about a room that just loaded. Where the fan-out delivers documents'
   * messages only once asked (`Fanout.watch`, Redis), an update committed between the load's read
   * and the subscription would otherwise wait for the next message of that document or the storage
   * poll (seconds): once subscribed, the room reads storage's head and catches up (with the other
   * rooms subscribed in the same turn, in one read). Then the clients of other processes are asked
   * for, so that the first peers here see them at once, not at their renewal, and the answers
   * reach this process.
   */
  private subscribe(key: string, entry: Entry): void {
    const fanout = this.deps.fanout;
    if (!fanout) return;
    const ask = (): void => {
      if (this.rooms.get(key) === entry) fanout.askPresence(entry.room.ref);
    };
    if (!fanout.watch) return ask();
    fanout.watch(entry.room.ref).then(
      () => {
        if (this.rooms.get(key) !== entry) return;
        this.subscribed.push(entry.room);
        this.subscribedCheck ??= setImmediate(() => {
          this.subscribedCheck = null;
          // Their messages were never delivered here, take-backs among them: read those stored too.
          void this.foreign.checkOf(this.subscribed.splice(0), true);
        });
        ask();
      },
      (err: unknown) => this.deps.logger.warn({ err, ref: entry.room.ref }, 'subscribing to the other processes\' messages of a document failed'),
    );
  }

  /**
   * The link to the other processes is back after messages may have been lost: every room reads
   * the updates it lacks, and presence is learnt again both ways (the others' states and removals
   * of the outage were never delivered, and this process's were dropped), at once instead of at
   * the clients' next renewal (15 s).
   */
  private resync(): void {
    void this.foreign.checkOf([...this.rooms.values()].map((entry) => entry.room), true);
    for (const { room } of this.rooms.values()) {
      this.deps.fanout?.askPresence(room.ref);
      room.announcePresence();
    }
  }

  private release(key: string, entry: Entry): void {
    entry.holders--;
    if (entry.holders > 0) return;
    entry.timer = setTimeout(() => void this.unload(key, entry), this.deps.options.graceMs);
    entry.timer.unref();
  }

  private unload(key: string, entry: Entry, code: number = CloseCode.goingAway, force = false): Promise<void> {
    if (this.rooms.get(key) !== entry || (!force && entry.holders > 0)) return Promise.resolve();
    if (entry.timer) clearTimeout(entry.timer);
    this.rooms.delete(key);
    this.deps.fanout?.unwatch?.(entry.room.ref);
    this.deps.metrics.rooms(this.rooms.size);
    const closing = entry.room
      .close(code, UNLOAD_REASONS[code] ?? 'Storage failure')
      .catch((err: unknown) => this.deps.logger.error({ err, ref: entry.room.ref }, 'unloading a room failed'))
      .finally(() => {
        if (this.unloading.get(key) === closing) this.unloading.delete(key);
      });
    this.unloading.set(key, closing);
    return closing;
  }
}
