/**
 * Memory and cold load of one big document (`bench/sync.ts`, part `memory`), each figure beside a
 * baseline measured the same way in the same run.
 *
 * Cold load, in this process against the seeded SQLite file, medians of `runs` with every value
 * printed (each run loads the room afresh: `Registry.closeAll` between them):
 * - **until an edit can be taken**: `Registry.acquire` and the room's Y.Doc built from storage
 *   (`Room.doc`). A stored document with fresh bytes (`fresh-state.ts`, written by the first
 *   close) is not built by `acquire` (`room-fresh.ts`, `Unbuilt`); the first update builds it, so
 *   the build is part of the first edit's wait. Its baseline: `Y.applyUpdateV2` of the same snapshot
 *   into a new Y.Doc, nothing else.
 * - **until a fresh client is answered**: `acquire`, a peer's join and its sync step 1 with the
 *   empty state vector, until the step 2 is handed to the peer: served from the stored bytes,
 *   nothing built.
 *
 * Memory: each server in its own process (`servers.ts`), `process.memoryUsage()` after two full
 * collections before the document is opened and while two clients hold it as a session leaves it:
 * the first gave the server the document (the peers, which keep nothing across a restart, get it
 * as the region bench seeds them: an update of the whole state; Samplan loads it from SQLite),
 * the second then received all of it, then the first edited a cell, which reached the second (the
 * edit makes Samplan build its Y.Doc, `room-fresh.ts`), then a third joined and received all of
 * the edited doc, and a second edit reached it. The baseline is a bare
 * Node process with the servers' flags that applies the same snapshot and keeps the Y.Doc
 * (`bare-doc.ts`). RSS growth is compared with the bare process's RSS growth, not with the Y.Doc's
 * `heapUsed`: RSS also holds what V8 committed for the heap and did not give back (the young
 * generation, pages freed by the collections after the load's peak) and malloc's arenas.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Storage } from '../../server/storage/storage.js';
import { Registry } from '../../server/sync/registry.js';
import { roomDepsOf } from '../../server/sync/route.js';
import { syncAuthFor } from '../../server/http/sync-auth.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { setCell } from '../../shared/doc/index.js';
import { BENCH_WS } from './bench-seed.js';
import { compiledScript, nodeFlags, withServer, type ServerKind, type ServerMemory } from './servers.js';
import { SyncClient } from './sync-client.js';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One cold-load run's times, ms. */
export interface ColdLoad {
  /** `acquire` and the Y.Doc built from storage: the room can take an edit. */
  editable: number;
  /** `acquire`, join and sync step 1 (empty state vector) until the step 2 is handed to the peer. */
  freshAnswered: number;
  /** `Y.applyUpdateV2` of the same snapshot into a new Y.Doc. */
  bareApply: number;
}

/**
 * `runs` cold loads of `doc` from `storage` (which must hold it with its fresh bytes, or be given a
 * first load that writes them: one untimed load and close runs first), interleaved with the bare
 * apply of `snapshot`, each after a full collection (`gc`).
 */
export async function coldLoads(storage: Storage, doc: string, snapshot: Uint8Array, runs: number, gc: () => void, logger: Logger): Promise<ColdLoad[]> {
  const registry = new Registry(roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger }));
  const ref = { workspace: BENCH_WS, doc };
  // A snapshot stored without fresh bytes is built at load; its close writes them, as any first load's does.
  (await registry.acquire(ref)).release();
  await registry.closeAll();
  const out: ColdLoad[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    let t = performance.now();
    let lease = await registry.acquire(ref);
    if (lease.room.built) throw new Error('the stored document was built by acquire: the cold-load figures would not be what they say');
    void lease.room.doc;
    const editable = performance.now() - t;
    lease.release();
    await registry.closeAll();

    gc();
    let answered = 0;
    const peer = { send: () => void answered++, close: () => undefined };
    t = performance.now();
    lease = await registry.acquire(ref);
    lease.room.join(peer);
    const step1Frames = answered;
    lease.room.answerStep1(peer, Y.encodeStateVector(new Y.Doc()));
    const freshAnswered = performance.now() - t;
    if (answered === step1Frames || lease.room.built) throw new Error('the fresh client was not answered from the stored bytes');
    lease.room.leave(peer);
    lease.release();
    await registry.closeAll();

    gc();
    t = performance.now();
    const bare = new Y.Doc();
    Y.applyUpdateV2(bare, snapshot);
    const bareApply = performance.now() - t;
    bare.destroy();
    out.push({ editable, freshAnswered, bareApply });
  }
  return out;
}

/** A process's memory before the document and while it holds it. */
export interface Held {
  before: ServerMemory;
  after: ServerMemory;
}

/**
 * Start `kind` on `db` and measure it before `doc` is opened and while two clients hold it (see
 * the top of this file): the first client gives the peers `state` (V1, the whole document of
 * `rows` rows; Samplan has it stored), a second one receives all of it, then the first edits a
 * cell of the first row and the second receives the edit: a document as a session leaves it.
 * Rejects when the second client does not hold the whole document within 30 s, or the edit within 10 s.
 */
export async function serverHolding(kind: ServerKind, db: string, doc: string, state: Uint8Array, rows: number): Promise<Held> {
  return withServer(kind, db, async (s) => {
    const before = await s.mem();
    const writer = new SyncClient(s.url(doc), s.framing(doc));
    const clients = [writer];
    try {
      await writer.synced;
      // Applied here, the state goes to the server as the client's update: the peers' whole document.
      if (!kind.startsWith('samplan')) Y.applyUpdate(writer.doc, state);
      const until = performance.now() + 30_000;
      /** A second client once it holds the whole document (the peers store what they are sent after a while). */
      const holdingClient = async (): Promise<SyncClient> => {
        for (;;) {
          const c = new SyncClient(s.url(doc), s.framing(doc));
          await c.synced;
          if (c.doc.getMap('rows').size === rows) return c;
          c.close();
          if (performance.now() > until) throw new Error(`${kind}: the document was not held within 30 s (${c.doc.getMap('rows').size} of ${rows} rows read back)`);
          await sleep(100);
        }
      };
      let reader = await holdingClient();
      clients.push(reader);
      const firstRow = [...writer.doc.getMap('rows').keys()].sort()[0] as string;
      const edit = async (value: string): Promise<void> => {
        writer.write((d) => setCell(d, firstRow, 'comment', value));
        const editUntil = performance.now() + 10_000;
        while (reader.doc.getMap<Y.Map<unknown>>('rows').get(firstRow)?.get('comment') !== value) {
          if (performance.now() > editUntil) throw new Error(`${kind}: the edit did not reach the reading client within 10 s`);
          await sleep(20);
        }
      };
      await edit('bench-edit-1');
      // A client that joins a built doc is answered from the doc; an edit after it moves the doc on.
      reader = await holdingClient();
      clients.push(reader);
      await edit('bench-edit-2');
      return { before, after: await s.mem() };
    } finally {
      for (const c of clients) c.close();
    }
  });
}

/** The bare process of `bare-doc.ts` holding `snapshot` (V2), written to `file` for it. */
export async function bareHolding(snapshot: Uint8Array, file: string): Promise<Held> {
  writeFileSync(file, snapshot);
  const script = await compiledScript(join(here, 'bare-doc.ts'));
  const child = spawn(process.execPath, [...nodeFlags('bare'), '--expose-gc', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('BARE '));
  if (code !== 0 || !line) throw new Error(`bare-doc.ts ended with ${code} and no figures`);
  return JSON.parse(line.slice('BARE '.length)) as Held;
}

/** The growth of each `process.memoryUsage()` figure from `before` to `after`, bytes. */
export function growth({ before, after }: Held): ServerMemory {
  return {
    rss: after.rss - before.rss,
    heapUsed: after.heapUsed - before.heapUsed,
    heapTotal: after.heapTotal - before.heapTotal,
    external: after.external - before.external,
    arrayBuffers: after.arrayBuffers - before.arrayBuffers,
  };
}
