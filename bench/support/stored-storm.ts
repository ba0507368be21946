/**
 * The fair cold connect storm of `bench/region`: every server, freshly started, loads the same
 * plans from its own storage while 500 clients connect. In the plain cold storm the peers serve
 * empty documents (the stock `@y/websocket-server` keeps nothing across a restart, Hocuspocus'
 * SQLite file starts empty) while Samplan loads and serves its stored plans; here each peer is
 * first given the plans through its own storage:
 *
 * - the stock server runs with `YPERSISTENCE` (y-leveldb, its own persistence: each update stored
 *   as it comes, a document read back when first opened after a restart);
 * - Hocuspocus with its SQLite extension, on a file that already holds the plans;
 * - Samplan on its SQLite file seeded as for every other storm (`seedRegion`).
 *
 * A peer is seeded by starting it, sending the plan through one client per document, waiting
 * until a second client per document receives it (the server applied it), closing them and
 * waiting until the plans are stored (Hocuspocus stores on a debounce, and at once when the
 * last client of a document leaves: its file is read until every document has a row; LevelDB
 * writes each update when it is applied, the writes of the last few milliseconds are given half
 * a second), then stopping it; then it is started again and one client per document must get
 * the plan (else it is seeded again, three times at most), and stopped. It is started again for
 * the storm, cold.
 *
 * A client of this storm counts as done once it holds the plan (its state vector is the plan's),
 * not at its first sync step 2: the stock server answers the first clients of a document before
 * LevelDB has read it (its `bindState` is not awaited) and sends the plan as an update later.
 * The clients apply every update (not the light clients of the other storms), the same code for
 * every server. A storm whose clients do not get the plan within 60 s fails with that message,
 * so a seeding that was not stored cannot pass as a fast storm.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { BenchServer, ServerKind, StartOptions } from './servers.js';
import { SyncClient, syncFrame } from './sync-client.js';
import { regionDoc } from './region-seed.js';
import { specsOf, type StormResult } from './region-measure.js';
import { stormSlice } from './storm-clients.js';
import { runStorm, type ClientPool } from './client-pool.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How the storm starts servers: `startBenchServer` of `servers.ts`, or a stand-in. */
export type Start = (kind: ServerKind, db: string, opts?: StartOptions) => Promise<BenchServer>;

/** `promise`, or a rejection saying `what` after `ms` (a client whose socket failed never syncs). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What a storm whose clients did not get the stored plan is refused with (`within … s` follows). */
const notHeld = (kind: ServerKind, count: number): string => `${kind}: ${count} clients did not hold the stored plan (was the seeding stored?)`;

/** Open one client per name in `docs` at once, in the bench process; resolves when each holds `stateVector` (rejects after `timeoutMs`). */
function connectHolding(server: BenchServer, docs: readonly string[], stateVector: Uint8Array, timeoutMs = 60_000): Promise<SyncClient[]> {
  return stormSlice(specsOf(server, docs), { holding: stateVector }, timeoutMs, notHeld(server.kind, docs.length));
}

/** Rows of Hocuspocus' SQLite file (`documents`, one per stored document); 0 while the table is not there. */
function storedRows(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT count(*) AS n FROM documents WHERE length(data) > 0").get() as { n: number } | undefined;
    return row?.n ?? 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Give a peer the plans through its own storage at `path` (see the file's docstring): `docCount`
 * documents holding `state`. Resolves once they are stored and the server is stopped; rejects
 * when Hocuspocus has not stored them within 30 s.
 */
export async function seedPeer(start: Start, kind: ServerKind, path: string, docCount: number, state: Uint8Array): Promise<void> {
  const docs = Array.from({ length: docCount }, (_, i) => regionDoc(i));
  const stateVector = Y.encodeStateVector(stateDoc(state));
  for (let attempt = 1; ; attempt++) {
    // Stored means read back after a restart: one client per document must get the plan.
    let server: BenchServer | null = null;
    try {
      await sendPlans(start, kind, path, docs, state, stateVector);
      server = await start(kind, path, { persist: true });
      const readers = await connectHolding(server, docs, stateVector, 15_000);
      for (const c of readers) c.close();
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      console.warn(`${kind}: seeding failed or the plans were not all read back after a restart; seeding again (${String(err)})`);
    } finally {
      await server?.stop();
    }
  }
}

/** One seeding round of {@link seedPeer}: start, send the plans, wait for them to be stored, stop. */
async function sendPlans(start: Start, kind: ServerKind, path: string, docs: readonly string[], state: Uint8Array, stateVector: Uint8Array): Promise<void> {
  const docCount = docs.length;
  const server = await start(kind, path, { persist: true });
  try {
    const writers = docs.map((doc) => new SyncClient(server.url(doc), server.framing(doc), true));
    try {
      await within(Promise.all(writers.map((c) => c.synced)), 30_000, `${kind}: ${docCount} seeding clients not synced`);
    } catch (err) {
      for (const c of writers) c.close();
      throw err;
    }
    for (const c of writers) c.sendRaw(syncFrame(2, state));
    const readers = await connectHolding(server, docs, stateVector).finally(() => {
      for (const c of writers) c.close();
    });
    for (const c of readers) c.close();
    if (kind === 'hocuspocus') {
      const until = performance.now() + 30_000;
      while (storedRows(path) < docCount) {
        if (performance.now() > until) throw new Error(`hocuspocus: ${storedRows(path)} of ${docCount} plans stored after 30 s`);
        await sleep(100);
      }
    } else {
      // LevelDB writes each update as it is applied; checked by reading the plans back after a restart.
      await sleep(500);
    }
  } finally {
    await server.stop();
  }
}

function stateDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * The storm: `docCount × perDoc` clients connecting at once to a server just started on storage
 * that holds the plans, until every client holds its plan. The figures are those of
 * `connectStorm` (no edit probe here: `probeMaxMs` is NaN); the clients run in the bench process,
 * or spread over `pool`'s processes.
 *
 * @param path Samplan's seeded SQLite file, or the peer's storage seeded by {@link seedPeer}
 * @param state the plan every document holds (V1 update)
 */
export async function storedColdStorm(
  start: Start,
  kind: ServerKind,
  path: string,
  docCount: number,
  perDoc: number,
  state: Uint8Array,
  pool: ClientPool | null = null,
): Promise<StormResult> {
  const server = await start(kind, path, { persist: true });
  try {
    const stateVector = Y.encodeStateVector(stateDoc(state));
    const docs = Array.from({ length: docCount * perDoc }, (_, i) => regionDoc(i % docCount));
    const cpuBefore = await server.cpu();
    await server.loopStart();
    const storm = await runStorm(pool, specsOf(server, docs), { holding: stateVector }, 60_000, notHeld(kind, docs.length));
    const cpuMs = ((await server.cpu()) - cpuBefore) / 1000;
    const loopMaxMs = (await server.loop()).max;
    await storm.close();
    return { ms: storm.ms, cpuMs, loopMaxMs, clientCpuMs: storm.clientCpuMs, probeMaxMs: NaN, bytesPerClient: storm.bytesPerClient };
  } finally {
    await server.stop();
  }
}

/**
 * Run the bench's own client code (ws, `SyncClient`, Yjs decoding) once against a server of
 * `kind` on throwaway storage at `path` (Samplan's seeded by the caller) before anything is
 * measured, where the storms' clients will run (the bench process, or `pool`'s processes):
 * otherwise the first storm of a fresh bench process, always Samplan's (the first server of
 * every run), pays for compiling and optimizing that code in its clients' CPU and its time, and
 * the peers measured after it do not. `docCount × perDoc` clients connect and each sends `state`
 * back once synced (the warm storm's `sendBack`), then as many connect until they hold it.
 */
export async function warmClients(start: Start, kind: ServerKind, path: string, docCount: number, perDoc: number, state: Uint8Array, pool: ClientPool | null = null): Promise<void> {
  const server = await start(kind, path);
  try {
    const specs = specsOf(server, Array.from({ length: docCount * perDoc }, (_, i) => regionDoc(i % docCount)));
    const sending = await runStorm(pool, specs, { sendBack: state }, 60_000, `${kind}: ${specs.length} warm-up clients not synced`);
    const holding = await runStorm(pool, specs, { holding: Y.encodeStateVector(stateDoc(state)) }, 60_000, notHeld(kind, specs.length)).finally(() => sending.close());
    await holding.close();
  } finally {
    await server.stop();
  }
}
