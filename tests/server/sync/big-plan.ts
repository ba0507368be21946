/**
 * A large plan in a SQLite store beside small ones, and a second room's edits going round while
 * something works on it: for the tests that a large document's load, build, export or compaction
 * holds no other document's edits up (`load-slices.test.ts` and the files it names).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { encodeFresh } from '../../../server/sync/room-fresh.js';
import { Registry } from '../../../server/sync/registry.js';
import type { RoomDeps } from '../../../server/sync/room.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { insertRow, insertRows, setCell } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { mainThreadCpuMs } from '../../support/thread-cpu.js';
import { seed, WS } from './seed.js';

export const planA = { workspace: WS, doc: 'plan-a' };
export const planB = { workspace: WS, doc: 'plan-b' };
export const author = { memberId: null, principal: null };
export const ROWS = 10_000;
const WORDS = ['promenad', 'hälsosamtal', 'fysisk aktivitet', 'matvanor', 'Tensta', 'äldre', 'samverkan', 'uppföljning'];
const comment = (row: number) => {
  let t = '';
  for (let i = row; t.length < 1_900; i++) t += `${WORDS[i % WORDS.length] as string} `;
  return t.slice(0, 1_900);
};

/** The store, a registry over it, the large plan as written, and (compacted) the bytes its snapshot row holds. */
export interface BigPlan {
  /** The SQLite file. */
  path: string;
  storage: Storage;
  registry: Registry;
  /** The registry's room deps (a socket's `Connection` takes them). */
  deps: RoomDeps;
  big: Y.Doc;
  compacted: { snapshot: Uint8Array; fresh: Uint8Array } | null;
  close(): Promise<void>;
}

/** The seeded store in a SQLite file, plan-b grown to {@link ROWS} rows with 1,900-character comments by updates of 100 rows, compacted when asked; a registry over it. */
export async function bigPlan(compacted: boolean): Promise<BigPlan> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-big-plan-'));
  const storage = openSqliteStorage(join(dir, 's.db'));
  await seed(storage);
  const big = new Y.Doc();
  for (const update of (await storage.loadDoc(planB)).updates) Y.applyUpdate(big, update);
  const updates: Uint8Array[] = [];
  big.on('update', (u: Uint8Array) => void updates.push(u));
  for (let i = 0; i < ROWS; i += 100) {
    insertRows(big, Array.from({ length: 100 }, (_, j) => ({ title: `Aktivitet ${i + j}`, startDate: '2026-03-12', participantsPlanned: j, comment: comment(i + j) })));
  }
  let seq = 0;
  for (const update of updates) seq = await storage.appendUpdates(planB, [{ update, memberId: null }]);
  const row = compacted ? { snapshot: Y.encodeStateAsUpdateV2(big), fresh: encodeFresh(big) } : null;
  if (row) await storage.compact(planB, row.snapshot, seq, row.fresh);
  const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
  const registry = new Registry(deps);
  return {
    deps,
    path: join(dir, 's.db'),
    storage,
    registry,
    big,
    compacted: row,
    async close() {
      await registry.closeAll();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What {@link editsWhile} measured. */
export interface EditsWhile<T> {
  /** Each edit's round trip in ms, from when it was due to its answer. */
  rtts: number[];
  /** Each edit's due and answer times (`performance.now`). */
  times: { due: number; answered: number }[];
  loaded: T;
  /** ms from the start of `work` to its end. */
  workMs: number;
  /** When `work` started (`performance.now`). */
  workFrom: number;
  /** The longest stretch of the main thread's CPU time between two ticks of a 2 ms timer, in ms (0 where it is not known). */
  heldCpuMs: number;
}

/**
 * Edits of plan-a through `registry` (its room open), each sent 2 ms after the answer to the one
 * before; the third starts `work`, and they go on until it settles: each one's round trip in ms,
 * from when it was due (a client elsewhere sends it then; a loop held meanwhile only takes it in
 * later) to its answer.
 */
export async function editsWhile<T>(registry: Registry, storage: Storage, work: () => Promise<T>): Promise<EditsWhile<T>> {
  await registry.getDoc(planA);
  const mine = new Y.Doc();
  for (const update of (await storage.loadDoc(planA)).updates) Y.applyUpdate(mine, update);
  const next = (change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(mine);
    change();
    return Y.encodeStateAsUpdate(mine, before);
  };
  let id = '';
  expect(await registry.submit(planA, next(() => (id = insertRow(mine, { title: 'Promenadgrupp' }))), author)).toEqual({ ok: true });
  let lastCpu = mainThreadCpuMs() ?? 0;
  let heldCpuMs = 0;
  const ticker = setInterval(() => {
    const cpu = mainThreadCpuMs() ?? 0;
    heldCpuMs = Math.max(heldCpuMs, cpu - lastCpu);
    lastCpu = cpu;
  }, 2);
  let working: Promise<T> | null = null;
  let done = false;
  let t0 = 0;
  let workMs = 0;
  const rtts: number[] = [];
  const times: { due: number; answered: number }[] = [];
  try {
    for (let n = 0; !done; n++) {
      if (n === 2) {
        t0 = performance.now();
        working = work();
        void working.finally(() => {
          workMs = performance.now() - t0;
          done = true;
        });
      }
      const due = performance.now() + 2;
      await new Promise((r) => setTimeout(r, 2));
      expect(await registry.submit(planA, next(() => setCell(mine, id, 'title', `Promenadgrupp ${n}`)), author)).toEqual({ ok: true });
      const answered = performance.now();
      rtts.push(answered - due);
      times.push({ due, answered });
    }
  } finally {
    // One more tick of the timer: work that held the loop last is counted (the answers and the end
    // of the loop above can all come before the timers run again).
    await new Promise((r) => setTimeout(r, 10));
    clearInterval(ticker);
  }
  return { rtts, times, loaded: await (working as Promise<T>), workMs, workFrom: t0, heldCpuMs };
}

/** `fn` run on the next turn of the loop: work that would hold the loop at once holds it while an edit is due, not before the first is sent. */
export function onNextTurn<T>(fn: () => T | Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => setTimeout(() => Promise.resolve().then(fn).then(resolve, reject), 1));
}
