/**
 * A large document loading holds no other document's edits up: its room is built a piece at a
 * time (`load-doc.ts`, `update-pieces.ts`), the event loop given back between pieces, whether it is
 * stored compacted (a snapshot with the fresh clients' bytes, as every document is once its room
 * has closed) or as a log of updates. Built in one go, a plan of 10,000 rows with 1,900-character
 * comments held the loop 2.6–3.5 s (`bench/export-loop.ts`), and an edit in any other document
 * waited all of it. Here a second room's edits go round (submitted, validated, stored, answered)
 * every few milliseconds while the large one loads: they keep going, and none waits for most of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { encodeFresh } from '../../../server/sync/room-fresh.js';
import { Registry } from '../../../server/sync/registry.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { insertRow, insertRows, rowCount, rowsOf, setCell } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { mainThreadCpuMs } from '../../support/thread-cpu.js';
import { seed, WS } from './seed.js';

const planA = { workspace: WS, doc: 'plan-a' };
const planB = { workspace: WS, doc: 'plan-b' };
const author = { memberId: null, principal: null };
const ROWS = 10_000;
const WORDS = ['promenad', 'hälsosamtal', 'fysisk aktivitet', 'matvanor', 'Tensta', 'äldre', 'samverkan', 'uppföljning'];
const comment = (row: number) => {
  let t = '';
  for (let i = row; t.length < 1_900; i++) t += `${WORDS[i % WORDS.length] as string} `;
  return t.slice(0, 1_900);
};

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** The seeded store in a SQLite file, plan-b grown to {@link ROWS} rows by updates of 100 rows, compacted when asked; a registry over it. */
async function fixture(compacted: boolean): Promise<{ storage: Storage; registry: Registry; big: Y.Doc }> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-load-slices-'));
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
  if (compacted) await storage.compact(planB, Y.encodeStateAsUpdateV2(big), seq, encodeFresh(big));
  const registry = new Registry(roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) }));
  close = async () => {
    await registry.closeAll();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { storage, registry, big };
}

/**
 * Edits of plan-a, each sent 2 ms after the answer to the one before; the third starts `load`, and
 * they go on until it settles: each one's round trip in ms, from when it was due (a client
 * elsewhere sends it then; a loop held meanwhile only takes it in later) to its answer.
 */
async function editsWhile<T>(registry: Registry, storage: Storage, load: () => Promise<T>): Promise<{ rtts: number[]; loaded: T }> {
  const mine = new Y.Doc();
  for (const update of (await storage.loadDoc(planA)).updates) Y.applyUpdate(mine, update);
  const next = (change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(mine);
    change();
    return Y.encodeStateAsUpdate(mine, before);
  };
  let id = '';
  expect(await registry.submit(planA, next(() => (id = insertRow(mine, { title: 'Promenadgrupp' }))), author)).toEqual({ ok: true });
  let loading: Promise<T> | null = null;
  let done = false;
  const rtts: number[] = [];
  for (let n = 0; !done; n++) {
    if (n === 2) {
      loading = load();
      void loading.finally(() => (done = true));
    }
    const due = performance.now() + 2;
    await new Promise((r) => setTimeout(r, 2));
    expect(await registry.submit(planA, next(() => setCell(mine, id, 'title', `Promenadgrupp ${n}`)), author)).toEqual({ ok: true });
    rtts.push(performance.now() - due);
  }
  return { rtts, loaded: await (loading as Promise<T>) };
}

describe.each([
  ['compacted, with the fresh clients\' bytes', true],
  ['as a log of updates', false],
])('a large document stored %s, loading', (_how, compacted) => {
  it('lets another room\'s edits go round meanwhile, and is the document stored', async () => {
    const { storage, registry, big } = await fixture(compacted);
    // The edited room is open, as on a live server.
    await registry.getDoc(planA);
    // The longest stretch of the main thread's CPU time between two ticks of a 2 ms timer.
    let lastCpu = mainThreadCpuMs() ?? 0;
    let busyMs = 0;
    const ticker = setInterval(() => {
      const cpu = mainThreadCpuMs() ?? 0;
      busyMs = Math.max(busyMs, cpu - lastCpu);
      lastCpu = cpu;
    }, 2);
    let t0 = 0;
    const { rtts, loaded: doc } = await editsWhile(registry, storage, () => {
      t0 = performance.now();
      return registry.getDoc(planB);
    });
    const loadMs = performance.now() - t0;
    clearInterval(ticker);
    const longest = Math.max(...rtts);
    console.log(`plan of ${ROWS} rows × 1,900 characters, stored ${compacted ? 'compacted' : 'as a log'}: loaded in ${Math.round(loadMs)} ms; ${rtts.length} edits of another room meanwhile, longest round trip ${Math.round(longest)} ms; loop held at most ${Math.round(busyMs)} ms of CPU`);
    expect(rowCount(doc)).toBe(ROWS);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(big));
    expect(rowsOf(doc).map((r) => r.values)).toEqual(rowsOf(big).map((r) => r.values));
    // Built whole, no edit went round while it loaded (two before it, one after: 3 in all) and the
    // longest waited for all of the load (8.0 of 8.0 s compacted, 2.7 of 2.7 s as a log, at load
    // 37 on 2 cores; the loop held 581 and 186 ms of CPU). A piece at a time, 68 and 33 went round,
    // the longest 28 % and 15 % of the load (loop held 241 and 43 ms of CPU; the 241 is mostly
    // SQLite reading the snapshot and the fresh bytes, 42 MB, in one statement). Both bounds are
    // shares of the load's own time, so a slow machine moves them together. Not the unsliced SQLite
    // read: on a quiet machine the load is shorter (740 ms in a CI run) and that one read a larger
    // share (the longest 424 ms, 57 %), so the bound is three quarters, still under the whole load
    // the old code made every edit wait for.
    expect(rtts.length).toBeGreaterThan(8);
    expect(longest).toBeLessThan(loadMs * 0.75);
  }, 120_000);
});
