/**
 * Where rounds live: per workspace one Yjs document of its own (doc id {@link ROUNDS_DOC}, which
 * no document id of the API can take), written only by the server through this store and read
 * back through the shared zod schemas. It holds four maps of JSON texts: `rounds` (id → round),
 * `units` (`round/unit` → status and transitions), `maturity` (round → placements) and
 * `closures` (round → closed or reopened, by whom, when, with the history).
 *
 * Storage is the truth, not this process: every read ({@link RoundsStore.state}) and every write
 * first applies what storage holds beyond what this store has seen (storage's last sequence number,
 * then `listUpdates` after the last sequence it read, or the whole document when those were
 * pruned), so a transition made by another server process on the same database (or the
 * CLI) counts at once. The synchronous lock check reads the loaded state, which {@link
 * RoundsStore.watch} keeps within a poll of storage. Writes are serialised per workspace in this
 * process and durable before the state changes; across processes each write is a compare-and-set
 * on the document's last sequence number (`appendAfter`), decided again on what another process
 * stored first, so no write rests on a state that was no longer storage's (a submit landing
 * after another process's close).
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import {
  placementSchema,
  roundClosureSchema,
  type RoundClosure,
  storedRoundDefSchema,
  unitRoundSchema,
  type Placement,
  type RoundDef,
  type UnitRound,
} from '../../shared/rounds/model.js';
import type { AuditRecord, DocRef, Storage } from '../storage/storage.js';
import { SERVER_DOC_PREFIX } from '../storage/kept-without-record.js';
import { applyStoredHistory } from '../sync/stored-history.js';

/** The reserved document id of a workspace's rounds: kept without a record, as its prefix says (`kept-without-record.ts`; no API document id may start with it). */
export const ROUNDS_DOC = `${SERVER_DOC_PREFIX}rounds`;

/** How many stored updates one catch-up reads at a time. */
const PAGE = 500;

/** A workspace's rounds as read from its document. */
export interface RoundsState {
  rounds: Map<string, RoundDef>;
  /** Keyed by {@link unitKey}. */
  units: Map<string, UnitRound>;
  maturity: Map<string, Placement[]>;
  /** Round id → whether it is closed; a round never closed has none. */
  closures: Map<string, RoundClosure>;
  /** Changes every time the state changes, so derived indexes know when to rebuild. */
  version: number;
}

/** The ids of the closed rounds. */
export function closedRounds(state: Pick<RoundsState, 'closures'>): string[] {
  return [...state.closures.values()].filter((c) => c.closed).map((c) => c.round);
}

/** The key of a unit in a round. */
export function unitKey(round: string, unit: string): string {
  return `${round}/${unit}`;
}

function readMap<T>(doc: Y.Doc, name: string, schema: z.ZodType<T>): Map<string, T> {
  const out = new Map<string, T>();
  doc.getMap<string>(name).forEach((text, key) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) out.set(key, parsed.data);
    } catch {
      // A text that is not JSON was not written by this store; it is left out, not guessed at.
    }
  });
  return out;
}

interface Entry {
  doc: Y.Doc;
  state: RoundsState;
  /** The last stored sequence applied to `doc`. */
  seq: number;
  /** The tail of the queue of catch-ups and writes, which run one at a time. */
  queue: Promise<unknown>;
}

/** The changes one write makes: JSON texts per map and key. */
export interface RoundsWrite {
  rounds?: Record<string, RoundDef>;
  units?: Record<string, UnitRound>;
  maturity?: Record<string, Placement[]>;
  closures?: Record<string, RoundClosure>;
}

/** Told the workspace whose rounds changed, and its new state. */
export type RoundsListener = (workspace: string, state: RoundsState) => void;

/** Reads and writes workspaces' rounds through the storage seam. */
export class RoundsStore {
  private readonly entries = new Map<string, Promise<Entry>>();
  private readonly ready = new Map<string, Entry>();
  private readonly listeners = new Set<RoundsListener>();
  private versions = 0;

  constructor(private readonly storage: Storage) {}

  /** The rounds of a workspace as storage holds them now. */
  async state(workspace: string): Promise<RoundsState> {
    const entry = await this.entry(workspace);
    return this.queued(entry, () => this.catchUp(workspace, entry));
  }

  /** The state if it is loaded already (for the synchronous lock check), else undefined. */
  loaded(workspace: string): RoundsState | undefined {
    return this.ready.get(workspace)?.state;
  }

  /** Listen to changes of any workspace's rounds (own writes and ones read from storage); returns the stop. */
  onChange(listener: RoundsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Read every loaded workspace's rounds from storage every `pollMs` (default 1,000 ms), so the
   * lock check and the listeners follow other processes' transitions. Returns the stop.
   */
  watch(pollMs = 1000): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      // A storage fault shows in /healthz; the next poll tries again.
      void Promise.all([...this.ready.keys()].map((ws) => this.state(ws).catch(() => undefined))).finally(() => (busy = false));
    }, pollMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private entry(workspace: string): Promise<Entry> {
    let p = this.entries.get(workspace);
    if (!p) {
      p = this.load(workspace);
      this.entries.set(workspace, p);
      p.catch(() => this.entries.delete(workspace));
    }
    return p;
  }

  private async load(workspace: string): Promise<Entry> {
    const doc = await this.loadDoc(workspace);
    const entry: Entry = { doc: doc.doc, state: this.read(doc.doc), seq: doc.seq, queue: Promise.resolve() };
    this.ready.set(workspace, entry);
    return entry;
  }

  private async loadDoc(workspace: string): Promise<{ doc: Y.Doc; seq: number }> {
    const stored = await this.storage.loadDoc(ref(workspace));
    const doc = new Y.Doc();
    applyStoredHistory(doc, ref(workspace), stored);
    return { doc, seq: stored.lastSeq };
  }

  private read(doc: Y.Doc): RoundsState {
    return {
      rounds: readMap(doc, 'rounds', storedRoundDefSchema),
      units: readMap(doc, 'units', unitRoundSchema),
      maturity: readMap(doc, 'maturity', placementSchema.array()),
      closures: readMap(doc, 'closures', roundClosureSchema),
      version: ++this.versions,
    };
  }

  /** Run `fn` after the entry's earlier catch-ups and writes. */
  private queued<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(fn);
    entry.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Apply what storage holds beyond `entry.seq` (inside the queue); the state is rebuilt only when
   * something changed. Storage's last sequence number is read first: when it is `entry.seq`
   * nothing is read, and when the updates listed after `entry.seq` do not start right after it or
   * end before that number (the log was compacted and its rows pruned, so there may be none to
   * list at all), the whole document is read again.
   */
  private async catchUp(workspace: string, entry: Entry): Promise<RoundsState> {
    const before = Y.encodeStateVector(entry.doc);
    const last = (await this.storage.lastSeqs(workspace, [ROUNDS_DOC])).get(ROUNDS_DOC) ?? 0;
    while (entry.seq < last) {
      const page = await this.storage.listUpdates(ref(workspace), entry.seq, PAGE);
      if (page.length === 0 || (page[0] as { seq: number }).seq !== entry.seq + 1) {
        // The log before these was compacted away: read the whole document again.
        const fresh = await this.loadDoc(workspace);
        entry.doc.destroy();
        entry.doc = fresh.doc;
        entry.seq = fresh.seq;
        break;
      }
      for (const u of page) Y.applyUpdate(entry.doc, u.update);
      entry.seq = page.at(-1)?.seq ?? entry.seq;
    }
    if (!sameVector(before, Y.encodeStateVector(entry.doc))) this.changed(workspace, entry);
    return entry.state;
  }

  private changed(workspace: string, entry: Entry): void {
    entry.state = this.read(entry.doc);
    for (const l of this.listeners) l(workspace, entry.state);
  }

  /**
   * Make a change: `decide` sees the current state (storage's, caught up) and returns the write
   * (or throws to refuse); the write is stored before the state changes. Writes of one workspace
   * run one at a time in this process, and across processes the write is stored only if storage
   * still holds exactly the state `decide` saw (`appendAfter`, a compare-and-set on the rounds
   * document's last sequence number): when another process wrote first, its write is read and
   * `decide` runs again on it, so a submit decided before a close stored by another process is
   * refused as if it came after. The `audit` lines `decide` returns are stored in the write's
   * transaction (`appendAfter`). Rejects with {@link RoundsBusyError} after {@link CHANGE_TRIES}
   * such losses in a row.
   */
  async change<T>(
    workspace: string,
    memberId: string | null,
    decide: (state: RoundsState) => { write: RoundsWrite; result: T; audit?: readonly AuditRecord[] },
  ): Promise<T> {
    const entry = await this.entry(workspace);
    return this.queued(entry, async () => {
      for (let tries = 0; tries < CHANGE_TRIES; tries++) {
        const { write, result, audit } = decide(await this.catchUp(workspace, entry));
        const next = new Y.Doc();
        Y.applyUpdate(next, Y.encodeStateAsUpdate(entry.doc));
        const before = Y.encodeStateVector(next);
        next.transact(() => {
          for (const [name, values] of Object.entries(write) as [string, Record<string, unknown>][]) {
            const map = next.getMap<string>(name);
            for (const [key, value] of Object.entries(values)) map.set(key, JSON.stringify(value));
          }
        });
        const update = Y.encodeStateAsUpdate(next, before);
        // The change's audit lines are stored with it (both, or neither).
        const seq = await this.storage.appendAfter(ref(workspace), entry.seq, [{ update, memberId }], audit);
        if (seq === null) {
          next.destroy();
          // Another process wrote since the catch-up: the next turn's catch-up reads it (the whole
          // document when its log was compacted past what can be listed) and decides again.
          continue;
        }
        entry.doc.destroy();
        entry.doc = next;
        entry.seq = seq;
        this.changed(workspace, entry);
        return result;
      }
      throw new RoundsBusyError(workspace);
    });
  }
}

/** How many times in a row {@link RoundsStore.change} decides again after another process wrote first. */
export const CHANGE_TRIES = 20;

/** Other processes kept writing the workspace's rounds first ({@link CHANGE_TRIES} times in a row): nothing was stored. */
export class RoundsBusyError extends Error {
  constructor(readonly workspace: string) {
    super(`the rounds of ${workspace} were changed by other server processes ${CHANGE_TRIES} times while this change was decided; nothing was stored`);
  }
}

function ref(workspace: string): DocRef {
  return { workspace, doc: ROUNDS_DOC };
}

function sameVector(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
