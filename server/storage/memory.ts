import { sanitizeAuditDetail } from './audit-detail.js';
import type { CheckpointDump, SnapshotRecord, StoreDump } from './dump.js';
import { checkRecordText, docRefCheck } from './record-text.js';
import { planCompaction, retentionOf, type HistoryRetention } from './retention.js';
import type {
  AppendItem,
  AuditRecord,
  DocRecord,
  DocRef,
  MemberRecord,
  RemovalRecord,
  Storage,
  StoredDoc,
  StoredTakeBack,
  TokenRecord,
  UnitRecord,
  UpdateRecord,
  WorkspaceRecord,
} from './storage.js';
import { takeBacksToPrune } from './limits.js';

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

const key = (workspace: string, id: string): string => `${workspace}\u0000${id}`;
const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);
/** Whether two byte arrays hold the same bytes (as SQL compares two blobs). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
const byString = <T>(pick: (value: T) => string) => (a: T, b: T): number =>
  pick(a) < pick(b) ? -1 : pick(a) > pick(b) ? 1 : 0;

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
  const workspaces = new Map<string, WorkspaceRecord>();
  const units = new Map<string, UnitRecord>();
  const docRecords = new Map<string, DocRecord>();
  const members = new Map<string, MemberRecord>();
  const removals = new Map<string, RemovalRecord>();
  const tokens = new Map<string, TokenRecord>();
  const audit: AuditRecord[] = [];
  const docs = new Map<string, DocState>();
  let closed = false;

  const open = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  const checkRef = docRefCheck();
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
  const inWorkspace = <T extends { workspace: string }>(values: Iterable<T>, workspace: string): T[] =>
    [...values].filter((v) => v.workspace === workspace);

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
  });
  const keepCheckpoint = (ref: DocRef, state: DocState, seq: number, data: Uint8Array): void => {
    const added = { seq, at: state.updates.find((u) => u.seq === seq)?.at ?? now() };
    const plan = planCompaction(state.checkpoints, added, clock(), retention);
    state.checkpoints = [...state.checkpoints.filter((c) => !plan.drop.includes(c.seq)), { ...ref, ...added, data: copyBytes(data) }];
    state.updates = state.updates.filter((u) => u.seq > plan.pruneUpto);
  };

  /** Appends in one synchronous step, so `appendAfter`'s check and its write happen at once. */
  const append = (ref: DocRef, updates: AppendItem[]): number => {
    open();
    if (updates.length > 0) checkRef(ref);
    const state = stateOf(ref);
    let seq = lastSeqOf(state);
    const at = now();
    for (const { update, memberId, takeBacks } of updates) {
      seq += 1;
      state.updates.push({ seq, at, memberId, update: copyBytes(update) });
      for (const t of takeBacks ?? []) state.takeBacks.push({ at: t.at, data: copyBytes(t.data) });
    }
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
    async appendAfter(ref, afterSeq, updates) {
      open();
      if (updates.length > 0) checkRef(ref);
      if (lastSeqOf(stateOf(ref)) !== afterSeq) return null;
      return append(ref, updates);
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
    async replaceHistory(ref, snapshot, atSeq, dropTakeBacks) {
      open();
      checkRef(ref);
      const state = stateOf(ref);
      if (atSeq < 1 || lastSeqOf(state) !== atSeq) return false;
      state.updates = [];
      state.checkpoints = [];
      state.snapshot = { ...ref, uptoSeq: atSeq, at: now(), data: copyBytes(snapshot) };
      state.fresh = null;
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

    async putWorkspace(ws) {
      open();
      checkRecordText.workspace(ws);
      workspaces.set(ws.id, { ...ws });
    },
    async getWorkspace(id) {
      open();
      const ws = workspaces.get(id);
      return ws ? { ...ws } : null;
    },
    async listWorkspaces() {
      open();
      return [...workspaces.values()].map((w) => ({ ...w })).sort(byString((w) => w.id));
    },

    async putUnit(unit) {
      open();
      checkRecordText.unit(unit);
      units.set(key(unit.workspace, unit.code), { ...unit });
    },
    async listUnits(workspace) {
      open();
      return inWorkspace(units.values(), workspace).map((u) => ({ ...u })).sort(byString((u) => u.code));
    },

    async putDocRecord(rec) {
      open();
      checkRecordText.document(rec);
      docRecords.set(key(rec.workspace, rec.doc), { ...rec });
    },
    async getDocRecord(ref) {
      open();
      const rec = docRecords.get(key(ref.workspace, ref.doc));
      return rec ? { ...rec } : null;
    },
    async getDocRecords(workspace, ids) {
      open();
      return [...new Set(ids)].flatMap((doc) => {
        const rec = docRecords.get(key(workspace, doc));
        return rec ? [{ ...rec }] : [];
      });
    },
    async listDocs(workspace) {
      open();
      return inWorkspace(docRecords.values(), workspace).map((d) => ({ ...d })).sort(byString((d) => d.doc));
    },
    async deleteDoc(ref) {
      open();
      docRecords.delete(key(ref.workspace, ref.doc));
      docs.delete(key(ref.workspace, ref.doc));
    },

    async putMember(member) {
      open();
      checkRecordText.member(member);
      members.set(key(member.workspace, member.id), { ...member, units: [...member.units] });
      removals.delete(key(member.workspace, member.id));
    },
    async updateMember(member) {
      open();
      checkRecordText.member(member);
      if (!members.has(key(member.workspace, member.id))) return false;
      members.set(key(member.workspace, member.id), { ...member, units: [...member.units] });
      return true;
    },
    async getMember(workspace, id) {
      open();
      const m = members.get(key(workspace, id));
      return m ? { ...m, units: [...m.units] } : null;
    },
    async listMembers(workspace) {
      open();
      return inWorkspace(members.values(), workspace)
        .map((m) => ({ ...m, units: [...m.units] }))
        .sort(byString((m) => m.id));
    },
    async deleteMember(workspace, id, removal) {
      open();
      const record = removal ? { workspace, id, removedBy: removal.by, removedAt: removal.at } : null;
      if (record) checkRecordText.removal(record);
      const removed = members.delete(key(workspace, id));
      if (removed && record) removals.set(key(workspace, id), record);
      return removed;
    },
    async getRemoval(workspace, id) {
      open();
      const r = removals.get(key(workspace, id));
      return r ? { ...r } : null;
    },
    async listRemovals(workspace) {
      open();
      return inWorkspace(removals.values(), workspace)
        .map((r) => ({ ...r }))
        .sort(byString((r) => r.id));
    },

    async putToken(token) {
      open();
      checkRecordText.token(token);
      const revokedAt = tokens.get(token.id)?.revokedAt ?? token.revokedAt;
      tokens.set(token.id, { ...token, revokedAt });
    },
    async getTokenByHash(hash) {
      open();
      const t = [...tokens.values()].find((tok) => tok.hash === hash);
      return t ? { ...t } : null;
    },
    async getToken(workspace, id) {
      open();
      const t = tokens.get(id);
      return t && t.workspace === workspace ? { ...t } : null;
    },
    async getTokens(workspace, ids) {
      open();
      const found = [...new Set(ids)].flatMap((id) => tokens.get(id) ?? []).filter((t) => t.workspace === workspace);
      return found.map((t) => ({ ...t })).sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async listTokens(workspace) {
      open();
      return inWorkspace(tokens.values(), workspace)
        .map((t) => ({ ...t }))
        .sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async listMemberTokens(workspace, memberId) {
      open();
      return inWorkspace(tokens.values(), workspace)
        .filter((t) => t.memberId === memberId)
        .map((t) => ({ ...t }))
        .sort(byString((t) => `${t.createdAt}\u0000${t.id}`));
    },
    async revokeToken(id, at) {
      open();
      const t = tokens.get(id);
      if (!t || t.revokedAt !== null) return false;
      t.revokedAt = at;
      return true;
    },

    async appendAudit(records) {
      open();
      for (const r of records) audit.push({ ...r, detail: sanitizeAuditDetail(r.detail) });
    },
    async listAudit(workspace, limit) {
      open();
      return inWorkspace(audit, workspace)
        .reverse()
        .slice(0, Math.max(0, limit))
        .map((r) => ({ ...r }));
    },

    async backup(path) {
      open();
      if (!opts.writeBackup) throw new Error('This in-memory store has no backup writer; it keeps no files.');
      await opts.writeBackup(path, dump());
    },
    async close() {
      closed = true;
    },
  };
}
