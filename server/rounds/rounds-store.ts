/**
 * Where rounds live: per workspace one Yjs document of its own (doc id {@link ROUNDS_DOC}, which
 * no document id of the API can take), written only by the server through this store and read
 * back through the shared zod schemas. It holds three maps of JSON texts: `rounds` (id → round),
 * `units` (`round/unit` → status and transitions) and `maturity` (round → placements).
 *
 * Writes are serialised per workspace and durable (`appendUpdates`) before the in-memory state
 * changes, so what the locks and the API see is what storage holds. One server process serves a
 * database (`db-lock.ts`), so the cached state is the only writer's.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import {
  placementSchema,
  roundDefSchema,
  unitRoundSchema,
  type Placement,
  type RoundDef,
  type UnitRound,
} from '../../shared/rounds/model.js';
import type { Storage } from '../storage/storage.js';

/** The reserved document id of a workspace's rounds (a `~` no API document id may start with). */
export const ROUNDS_DOC = '~rounds';

/** A workspace's rounds as read from its document. */
export interface RoundsState {
  rounds: Map<string, RoundDef>;
  /** Keyed by {@link unitKey}. */
  units: Map<string, UnitRound>;
  maturity: Map<string, Placement[]>;
  /** Changes every time the state changes, so derived indexes know when to rebuild. */
  version: number;
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
  /** The tail of the write queue. */
  queue: Promise<unknown>;
}

/** The changes one write makes: JSON texts per map and key. */
export interface RoundsWrite {
  rounds?: Record<string, RoundDef>;
  units?: Record<string, UnitRound>;
  maturity?: Record<string, Placement[]>;
}

/** Reads and writes workspaces' rounds through the storage seam. */
export class RoundsStore {
  private readonly entries = new Map<string, Promise<Entry>>();
  private versions = 0;

  constructor(private readonly storage: Storage) {}

  /** The rounds of a workspace, loaded from storage on first use. */
  async state(workspace: string): Promise<RoundsState> {
    return (await this.entry(workspace)).state;
  }

  /** The state if it is loaded already (for the synchronous lock check), else undefined. */
  loaded(workspace: string): RoundsState | undefined {
    return this.ready.get(workspace)?.state;
  }

  private readonly ready = new Map<string, Entry>();

  private entry(workspace: string): Promise<Entry> {
    let p = this.entries.get(workspace);
    if (!p) {
      p = this.load(workspace);
      this.entries.set(workspace, p);
      p.then(
        (e) => this.ready.set(workspace, e),
        () => this.entries.delete(workspace),
      );
    }
    return p;
  }

  private async load(workspace: string): Promise<Entry> {
    const stored = await this.storage.loadDoc({ workspace, doc: ROUNDS_DOC });
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    const entry: Entry = { doc, state: this.read(doc), queue: Promise.resolve() };
    this.ready.set(workspace, entry);
    return entry;
  }

  private read(doc: Y.Doc): RoundsState {
    return {
      rounds: readMap(doc, 'rounds', roundDefSchema),
      units: readMap(doc, 'units', unitRoundSchema),
      maturity: readMap(doc, 'maturity', placementSchema.array()),
      version: ++this.versions,
    };
  }

  /**
   * Make a change: `decide` sees the current state and returns the write (or throws to refuse);
   * the write is stored before the state changes. Writes of one workspace run one at a time.
   */
  async change<T>(workspace: string, memberId: string | null, decide: (state: RoundsState) => { write: RoundsWrite; result: T }): Promise<T> {
    const entry = await this.entry(workspace);
    const run = entry.queue.then(async () => {
      const { write, result } = decide(entry.state);
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
      await this.storage.appendUpdates({ workspace, doc: ROUNDS_DOC }, [{ update, memberId }]);
      entry.doc.destroy();
      entry.doc = next;
      entry.state = this.read(next);
      return result;
    });
    entry.queue = run.catch(() => undefined);
    return run;
  }
}
