import type { CheckpointDump, SnapshotRecord, StoreDump } from './dump.js';
import { key, memoryRecords, memoryTables } from './memory-records.js';
import { memoryAccessTokens } from './memory-access-tokens.js';
import type { KeptAccessTokenSession } from './access-token-store.js';
import { sanitizeAuditDetail } from './audit-detail.js';
import { checkRecordText, docRefCheck } from './record-text.js';
import { planCompaction, retentionOf, type HistoryRetention } from './retention.js';
import type { AppendItem, DocRecord, DocRef, Storage, StoredDoc, StoredTakeBack, UpdateRecord } from './storage.js';
import { appendedRecord, deletionAmong, DocRecordGoneError } from './storage-records.js';
import { takeBacksToPrune } from './limits.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { sortedRefs } from './stored-docs.js';
import { NoBackupWriterError } from './no-backup-writer.js';

/** Options of {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /** Source of the timestamps written on updates; defaults to the system clock. */
  clock?: () => Date;
  /** How much history compaction keeps; every change for 30 days, then hourly, by default. */
  retention?: Partial<HistoryRetention>;
  /**
   * Writes what the store holds to a file at `path`; `backup` rejects without one. Pass
   * `writeDumpToSqlite` (`sqlite-dump.ts`) for a backup that `openSqliteStorage` opens: this
   * adapter imports no other adapter.
   */
  writeBackup?: (path: string, dump: StoreDump) => Promise<void>;
}

interface DocState {
  updates: UpdateRecord[];
  snapshot: SnapshotRecord | null;
  /** Oldest first. */
  checkpoints: CheckpointDump[];
  /** Oldest first; at most TAKE_BACK_LIMIT of at most TAKE_BACK_BYTES (`AppendItem.takeBacks`). */
  takeBacks: StoredTakeBack[];
  /** `StoredDoc.fresh` of the snapshot, when it was written with them. */
  fresh?: Uint8Array | null;
}

const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);
/** Whether two byte arrays hold the same bytes (as SQL compares two blobs). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/** `lines` from the last to the first, without copying them. */
function* newestFirst<T>(lines: readonly T[]): Iterable<T> {
  for (let i = lines.length - 1; i >= 0; i--) yield lines[i] as T;
}

/**
 * A storage that lives in the process's memory, for tests and throwaway demos. It behaves like
 * the SQLite adapter in everything the contract suite checks, including copying bytes in and out
 * so that callers can't change stored data by mutating their buffers. `backup` hands everything
 * to `opts.writeBackup`.
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * await storage.appendUpdates({ workspace: 'hbi-stockholm', doc: 'plan' }, [{ update, memberId: 'anna' }]);
 * ```
 */
export function createMemoryStorage(opts: MemoryStorageOptions = {}): Storage {
  const clock = opts.clock ?? (() => new Date());
  const now = (): string => clock().toISOString();
  const retention = retentionOf(opts.retention);
  const tables = memoryTables();
  const { workspaces, units, docRecords, members, removals, tokens, audit } = tables;
  const docs = new Map<string, DocState>();
  /** The sessions started from access tokens (`AccessTokenStore`), by session token id. */
  const accessTokenSessions = new Map<string, KeptAccessTokenSession>();
  let closed = false;

  const open = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  const records = memoryRecords(tables, open, (ref) => docs.delete(key(ref.workspace, ref.doc)));
  const checkRef = docRefCheck();
  /** Whether the line of the document's deletion is kept (`deletionAmong`, as the SQL stores look). */
  const deletionKept = (ref: DocRef): boolean => deletionAmong(newestFirst(audit), ref);
  const stateOf = (ref: DocRef): DocState => {
    const k = key(ref.workspace, ref.doc);
    let state = docs.get(k);
    if (!state) {
      state = { updates: [], snapshot: null, checkpoints: [], takeBacks: [] };
      docs.set(k, state);
    }
    return state;
  };
  const lastSeqOf = (state: DocState): number =>
    Math.max(state.updates.at(-1)?.seq ?? 0, state.snapshot?.uptoSeq ?? 0);

  const dump = (): StoreDump => ({
    workspaces: [...workspaces.values()],
    units: [...units.values()],
    docs: [...docRecords.values()],
    members: [...members.values()],
    tokens: [...tokens.values()],
    audit: [...audit],
    updates: [...docs.entries()].flatMap(([k, s]) => {
      const [workspace = '', doc = ''] = k.split('\u0000');
      return s.updates.map((u) => ({ workspace, doc, ...u }));
    }),
    snapshots: [...docs.values()].flatMap((s) => (s.snapshot ? [s.fresh ? { ...s.snapshot, fresh: s.fresh } : s.snapshot] : [])),
    checkpoints: [...docs.values()].flatMap((s) => s.checkpoints),
    takeBacks: [...docs.entries()].flatMap(([k, s]) => {
      const [workspace = '', doc = ''] = k.split('\u0000');
      return s.takeBacks.map((t) => ({ workspace, doc, at: t.at, data: copyBytes(t.data) }));
    }),
    removals: [...removals.values()].map((r) => ({ ...r })),
    accessTokenSessions: [...accessTokenSessions.values()].map((a) => ({ ...a })),
  });
  const keepCheckpoint = (ref: DocRef, state: DocState, seq: number, data: Uint8Array): void => {
    const added = { seq, at: state.updates.find((u) => u.seq === seq)?.at ?? now() };
    const plan = planCompaction(state.checkpoints, added, clock(), retention);
    state.checkpoints = [...state.checkpoints.filter((c) => !plan.drop.includes(c.seq)), { ...ref, ...added, data: copyBytes(data) }];
    state.updates = state.updates.filter((u) => u.seq > plan.pruneUpto);
  };

  /**
   * Appends in one synchronous step, so `appendAfter`'s check and its write happen at once. Only
   * for a document whose record is stored (or made by the batch), or one kept without a record
   * (`keptWithoutRecord`, the rounds): else `DocRecordGoneError`, nothing stored.
   */
  const append = (ref: DocRef, updates: AppendItem[]): number => {
    open();
    if (updates.length > 0) checkRef(ref);
    // The records the changes leave, made before anything is stored: a record refused by the
    // guard, or a change over a record no longer stored (`appendedRecord`), refuses the whole append.
    const records = new Map<string, DocRecord>();
    for (const { record, creates } of updates) {
      if (!record) continue;
      checkRecordText.document(record);
      const k = key(record.workspace, record.doc);
      records.set(k, appendedRecord(records.get(k) ?? docRecords.get(k) ?? null, record, creates, deletionKept));
    }
    const own = key(ref.workspace, ref.doc);
    if (updates.length > 0 && !keptWithoutRecord(ref) && !records.has(own) && !docRecords.has(own)) {
      throw new DocRecordGoneError(ref, deletionKept(ref) ? 'deleted' : 'unknown');
    }
    const state = stateOf(ref);
    let seq = lastSeqOf(state);
    const at = now();
    for (const { update, memberId, takeBacks, audit: lines } of updates) {
      seq += 1;
      state.updates.push({ seq, at, memberId, update: copyBytes(update) });
      for (const t of takeBacks ?? []) state.takeBacks.push({ at: t.at, data: copyBytes(t.data) });
      for (const r of lines ?? []) audit.push({ ...r, at, detail: sanitizeAuditDetail(r.detail) });
    }
    for (const [k, record] of records) docRecords.set(k, record);
    if (updates.some((u) => u.takeBacks?.length)) state.takeBacks = state.takeBacks.slice(takeBacksToPrune(state.takeBacks.map((t) => t.data.byteLength)));
    const rec = docRecords.get(key(ref.workspace, ref.doc));
    if (rec && updates.length > 0) rec.updatedAt = at;
    return seq;
  };
  return {
    async loadDoc(ref) {
      open();
      const state = docs.get(key(ref.workspace, ref.doc));
      if (!state) return { snapshot: null, updates: [], lastSeq: 0 } satisfies StoredDoc;
      const upto = state.snapshot?.uptoSeq ?? 0;
      return {
        snapshot: state.snapshot ? copyBytes(state.snapshot.data) : null,
        updates: state.updates.filter((u) => u.seq > upto).map((u) => copyBytes(u.update)),
        lastSeq: lastSeqOf(state),
        ...(state.takeBacks.length > 0 ? { takeBacks: state.takeBacks.map((t) => copyBytes(t.data)) } : {}),
        ...(state.fresh ? { fresh: copyBytes(state.fresh) } : {}),
      };
    },
    async lastSeqs(workspace, ids) {
      open();
      return new Map(ids.map((doc) => {
        const state = docs.get(key(workspace, doc));
        return [doc, state ? lastSeqOf(state) : 0];
      }));
    },
    appendUpdates: async (ref, updates) => append(ref, updates),
    async appendAfter(ref, afterSeq, updates, lines) {
      open();
      if (updates.length > 0) checkRef(ref);
      if (lastSeqOf(stateOf(ref)) !== afterSeq) return null;
      const seq = append(ref, updates);
      for (const r of lines ?? []) audit.push({ ...r, detail: sanitizeAuditDetail(r.detail) });
      return seq;
    },
    async compact(ref, snapshot, uptoSeq, fresh, replacing) {
      open();
      checkRef(ref);
      const state = stateOf(ref);
      const last = lastSeqOf(state);
      if (uptoSeq > last) throw new RangeError(`cannot compact up to ${uptoSeq}: last sequence is ${last}`);
      // The same state's fresh clients' answer for a snapshot stored without one, or with damaged ones: kept, nothing else written.
      if (fresh && state.snapshot?.uptoSeq === uptoSeq && (!state.fresh || (replacing && sameBytes(state.fresh, replacing)))) state.fresh = copyBytes(fresh);
      if (uptoSeq <= (state.snapshot?.uptoSeq ?? 0)) return;
      state.snapshot = { ...ref, uptoSeq, at: now(), data: copyBytes(snapshot) };
      state.fresh = fresh ? copyBytes(fresh) : null;
      keepCheckpoint(ref, state, uptoSeq, snapshot);
    },
    async putFresh(ref, uptoSeq, fresh, replacing) {
      open();
      checkRef(ref);
      const state = stateOf(ref);
      if (state.snapshot?.uptoSeq !== uptoSeq) return false;
      if (state.fresh && !(replacing && Buffer.compare(state.fresh, replacing) === 0)) return false;
      state.fresh = copyBytes(fresh);
      return true;
    },
    async replaceHistory(ref, snapshot, atSeq, dropTakeBacks, fresh) {
      open();
      checkRef(ref);
      const state = stateOf(ref);
      if (atSeq < 1 || lastSeqOf(state) !== atSeq) return false;
      state.updates = [];
      state.checkpoints = [];
      state.snapshot = { ...ref, uptoSeq: atSeq, at: now(), data: copyBytes(snapshot) };
      state.fresh = copyBytes(fresh);
      state.takeBacks = state.takeBacks.filter((t) => !dropTakeBacks.some((d) => sameBytes(d, t.data)));
      return true;
    },
    async listUpdates(ref, afterSeq, limit) {
      open();
      const state = docs.get(key(ref.workspace, ref.doc));
      if (!state) return [];
      return state.updates
        .filter((u) => u.seq > afterSeq)
        .slice(0, Math.max(0, limit))
        .map((u) => ({ ...u, update: copyBytes(u.update) }));
    },
    async loadTakeBacks(ref) {
      open();
      return (docs.get(key(ref.workspace, ref.doc))?.takeBacks ?? []).map((t) => copyBytes(t.data));
    },
    async listStoredDocs(workspace) {
      open();
      const refs = new Map<string, DocRef>();
      for (const r of docRecords.values()) refs.set(key(r.workspace, r.doc), { workspace: r.workspace, doc: r.doc });
      for (const [k, state] of docs) {
        const [ws = '', doc = ''] = k.split('\u0000');
        if (state.updates.length > 0 || state.snapshot || state.checkpoints.length > 0 || state.takeBacks.length > 0) refs.set(k, { workspace: ws, doc });
      }
      return sortedRefs([...refs.values()].filter((r) => workspace === undefined || r.workspace === workspace));
    },
    async listCheckpoints(ref) {
      open();
      return (docs.get(key(ref.workspace, ref.doc))?.checkpoints ?? []).map(({ seq, at }) => ({ seq, at }));
    },
    async getCheckpoint(ref, seq) {
      open();
      const found = docs.get(key(ref.workspace, ref.doc))?.checkpoints.find((c) => c.seq === seq);
      return found ? copyBytes(found.data) : null;
    },
    async dataVersion() {
      open();
      // One process holds this store; nobody else writes to it.
      return 0;
    },
    async checkWritable() {
      open();
    },

    ...records,
    ...memoryAccessTokens(accessTokenSessions, tokens, open, (lines) => {
      for (const r of lines) audit.push({ ...r, detail: sanitizeAuditDetail(r.detail) });
    }),

    async backup(path) {
      open();
      if (!opts.writeBackup) throw new NoBackupWriterError('memory');
      await opts.writeBackup(path, dump());
    },
    async close() {
      closed = true;
    },
  };
}
