/**
 * What admission reads from storage (a token's principal, a document's record), kept per process
 * for a short while, so that a connect storm (a server restart, a region opening the same plans
 * at nine) reads each token and each document once instead of once per socket. Sockets admitted
 * from the cache also share one principal and one record object instead of holding copies.
 *
 * Staleness is bounded by the same rules as for open sockets ({@link LiveRights}):
 * - every rights change this process learns of (a REST route's hook, or one published by another
 *   process through the fan-out) bumps the live-rights generation, which empties the cache at
 *   once, and a read that started before the change is not kept;
 * - a change another process made in storage without telling (`samplan token revoke` or `member
 *   add` from the CLI, on the same SQLite file or the same PostgreSQL database) is seen by the next
 *   admission: before an entry is used, storage's version is read (`RecordStore.rightsVersion`
 *   where the store has it: PostgreSQL's counter of token, member and record writes, SQLite's
 *   `PRAGMA data_version` with its own writes of those; else `Storage.dataVersion`), and a move
 *   empties the cache and tells `versionMoved` (the registry then decides the open sockets again
 *   at once, `LiveRights.recheck`). The read is made at the end of the event loop's turn
 *   (`setImmediate`), once for every socket that arrived in that turn: each upgrade is an I/O
 *   callback of its own, and a read made at once (SQLite answers synchronously) was over before
 *   the next socket's callback ran, so a connect storm read the version once per socket (516
 *   reads for 500 sockets in `bench/region`'s cold storm);
 * - where that version moves on every write admission's answers depend on
 *   (`versionCoversRights`: `RecordStore.rightsVersion`, which SQLite's and PostgreSQL's stores
 *   bump in the transaction of every write of tokens, members, removals and document records —
 *   `sqlite.ts` `rightsWrite`, `postgres-queries.ts` `bumpRights` and `deleteDoc`), an entry is
 *   kept until it moves: a connect storm longer than the poll interval reads each token and
 *   record once, not once per socket after the first 500 ms. A principal depends on its token and
 *   member only (`resolveToken`), a record's rights on its owner unit, kind and archive state (the
 *   `updated_at` an append touches without a bump is no rights matter);
 * - otherwise (a store whose version is `Storage.dataVersion`, which the memory store never moves)
 *   an entry is used for at most `ttlMs` (the rights poll interval, 500 ms);
 * - a token's expiry is checked on every hit; only positive answers are kept, so a token or a
 *   document created a moment ago is found at once.
 *
 * Tokens are keyed by the SHA-256 of the secret, never the secret itself.
 */
import { hash } from 'node:crypto';
import type { AuthResult, Principal } from './principal.js';
import type { DocRecord, DocRef } from '../storage/storage.js';
import type { SyncAuth, SyncRecords } from './deps.js';
import { isExpiredAt } from './rights.js';

/** Entries kept at most; past this the cache starts over (a bound, not a working size). */
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  value: T;
  generation: number;
  /** performance.now() when read from storage. */
  at: number;
}

/** What {@link AdmissionCache} reads through and how it learns of rights changes. */
export interface AdmissionCacheDeps {
  auth: Pick<SyncAuth, 'resolve'>;
  records: Pick<SyncRecords, 'getDocRecord'>;
  /** Bumped by every rights change this process learns of (`LiveRights.generation`). */
  generation(): number;
  /** How long an entry is used, in ms; 0 keeps nothing. */
  ttlMs: number;
  /** The current time, for token expiry. */
  clock: () => Date;
  /** Storage's version of rights (see the file's docstring): a move means another process wrote. */
  version?: () => Promise<number>;
  /** Called when `version` was seen to move (not at the first read). */
  versionMoved?: () => void;
  /**
   * `version` moves on every write of tokens, members, removals and document records (a store's
   * `rightsVersion`): entries are then kept until it moves or the generation does, not `ttlMs`.
   */
  versionCoversRights?: boolean;
}

/** Admission's reads, cached per process; see the file's docstring for when an entry is used. */
export class AdmissionCache {
  private readonly principals = new Map<string, Entry<Principal>>();
  private readonly records = new Map<string, Entry<DocRecord>>();
  /** Reads under way, so that sockets arriving together wait for one read (single flight). */
  private readonly reading = new Map<string, { generation: number; answer: Promise<unknown> }>();
  private seenGeneration = 0;
  /** The data version last read, how often it moved, and the read under way. */
  private seenVersion: number | null = null;
  private versionMoves = 0;
  private versionRead: Promise<void> | null = null;
  /** {@link versionRead} waits for the end of this turn and has not read yet: a caller arriving now shares it. */
  private versionQueued = false;
  /** The read that callers arriving during {@link versionRead} wait for (see `checkVersion`). */
  private versionNext: Promise<void> | null = null;

  constructor(private readonly deps: AdmissionCacheDeps) {}

  /** The principal a secret stands for, as `SyncAuth.resolve` answers it. */
  async resolve(token: string | undefined): Promise<AuthResult> {
    if (token === undefined || this.deps.ttlMs <= 0) return this.deps.auth.resolve(token);
    if (this.deps.version) await this.checkVersion();
    // One-shot hash: no Hash object per socket (a twentieth of `createHash`'s cost, Node ≥ 20.12).
    const key = hash('sha256', token, 'base64');
    const hit = this.fresh(this.principals, key);
    if (hit) {
      return isExpiredAt(hit.expiresAt, this.deps.clock().getTime()) ? { ok: false, reason: 'expired' } : { ok: true, principal: hit };
    }
    return this.once(`t${key}`, async (generation, at) => {
      const result = await this.deps.auth.resolve(token);
      if (result.ok) this.keep(this.principals, key, { value: result.principal, generation, at });
      return result;
    });
  }

  /**
   * A document's record, as `getDocRecord` answers it (null when there is none).
   *
   * @param opts.versionRead The caller's own {@link resolve} of a token, made after its socket
   *   arrived, answered ok: storage's version was read then, so it is not read again (one read per
   *   socket, not two). A write finished before the socket came is seen either way.
   */
  async record(ref: DocRef, opts: { versionRead?: boolean } = {}): Promise<DocRecord | null> {
    if (this.deps.ttlMs <= 0) return this.deps.records.getDocRecord(ref);
    if (this.deps.version && !opts.versionRead) await this.checkVersion();
    const key = `${ref.workspace}\u0000${ref.doc}`;
    const hit = this.fresh(this.records, key);
    if (hit) return hit;
    return this.once(`d${key}`, async (generation, at) => {
      const record = await this.deps.records.getDocRecord(ref);
      if (record) this.keep(this.records, key, { value: record, generation, at });
      return record;
    });
  }

  /** Rights changes this process learnt of, plus moves of storage's data version. */
  private generation(): number {
    return this.deps.generation() + this.versionMoves;
  }

  /**
   * Read storage's data version (one read for the sockets arriving together); a move empties the
   * cache. A caller that finds a read queued for the end of this turn joins it: it reads after the
   * caller came. A caller that finds a read under way waits for the next one: the read under way
   * may have read the version before a write that finished before this caller came (a token
   * revoked a moment ago), and so would let it in on a cached answer. Every caller arriving during
   * one read shares that next read.
   */
  private checkVersion(): Promise<void> {
    if (this.versionRead === null || this.versionQueued) return this.versionRead ?? this.readVersion();
    this.versionNext ??= this.versionRead
      .catch(() => undefined)
      .then(() => {
        this.versionNext = null;
        // Another caller may have queued or started a read in the meantime; it reads after ours came.
        return this.versionRead ?? this.readVersion();
      });
    return this.versionNext;
  }

  /** One read of storage's data version, made at the end of this turn of the event loop, as {@link checkVersion} describes. */
  private readVersion(): Promise<void> {
    const read = this.deps.version as () => Promise<number>;
    this.versionQueued = true;
    const done = new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        // From here on, a caller waits for the next read: this one may precede its coming.
        this.versionQueued = false;
        try {
          read().then(resolve, reject);
        } catch (err) {
          reject(err);
        }
      });
    })
      .then((version) => {
        const moved = this.seenVersion !== null && version !== this.seenVersion;
        this.seenVersion = version;
        if (!moved) return;
        this.versionMoves++;
        this.deps.versionMoved?.();
      })
      .finally(() => {
        if (this.versionRead === done) this.versionRead = null;
      });
    this.versionRead = done;
    return done;
  }

  /** Join the read of `key` under way since the current generation, or start it. */
  private once<T>(key: string, read: (generation: number, at: number) => Promise<T>): Promise<T> {
    const generation = this.generation();
    const running = this.reading.get(key);
    if (running && running.generation === generation) return running.answer as Promise<T>;
    const answer = read(generation, performance.now());
    const entry = { generation, answer };
    this.reading.set(key, entry);
    const done = (): void => {
      if (this.reading.get(key) === entry) this.reading.delete(key);
    };
    answer.then(done, done);
    return answer;
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    this.sync();
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if ((this.deps.versionCoversRights === true && this.deps.version !== undefined) || performance.now() - entry.at < this.deps.ttlMs) return entry.value;
    map.delete(key);
    return undefined;
  }

  /** Keep an entry unless a rights change happened while it was read. */
  private keep<T>(map: Map<string, Entry<T>>, key: string, entry: Entry<T>): void {
    this.sync();
    if (entry.generation !== this.seenGeneration) return;
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, entry);
  }

  /** Forget everything once the generation moved. */
  private sync(): void {
    const generation = this.generation();
    if (generation === this.seenGeneration) return;
    this.seenGeneration = generation;
    this.principals.clear();
    this.records.clear();
  }
}
