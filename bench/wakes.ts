/**
 * Wake-ups of idle server processes, per thread: one Samplan process on SQLite, one on PostgreSQL +
 * Redis (as `bench/scale` starts them) and the stock `@y/websocket-server`, each started fresh with
 * nothing connected; after `--warmup` s, the context switches (voluntary + involuntary, from
 * `/proc/<pid>/task/<tid>/status`) of each thread over `--seconds` s, as wakes per second. A thread
 * that sleeps and is woken counts one voluntary switch per wake, so this counts timers, polls and
 * keep-alives that fire while nothing happens.
 *
 * With `--docs <n>` each server first gets `--per-doc` (2) synced clients on each of n documents
 * that then send nothing (as `bench/scale` holds them before its edits); with `--presence 1` each
 * of them first sets a presence state, as the pane does, one after another over 3 s (the window
 * ends before a pane would renew it).
 *
 *   npm run bench -- wakes --runs 3 --seconds 10
 *
 * Found with it (issue 18): the ~80–110 wakes a second every bench server had with nothing to do —
 * Samplan on SQLite, on PostgreSQL + Redis and the stock server alike, all on the main thread —
 * were the bench hook's own event-loop delay monitor, a libuv timer every 10 ms
 * (`monitorEventLoopDelay({ resolution: 10 })`, strace: `epoll_pwait(…, 1)` then `(…, 0)` a
 * hundred times a second). `bench-hook.ts` now arms it only between `loop start` and `loop`, over
 * the connect storms that read it. Idle, nothing connected, wakes/s old → new, alternated, one
 * run each, load 16–28: SQLite 89.2 / 59.2 / 95.3 → 10.4 / 0.6 / 0.7 (the 10.4: V8's compiler
 * threads and the checkpointer just after start), PostgreSQL + Redis 93.2 / 74.0 / 93.7 → 1.7 /
 * 2.3 / 1.3, stock 91.1 / 64.8 / 93.7 → 0.3 / 0.1 / 0.2. What is left on PostgreSQL + Redis is the
 * process lease (`live-processes.ts`): a renewal every 2 s and its reply, ~1 wake/s, kept for the
 * rights acknowledgement.
 *   npm run bench -- wakes --runs 3 --docs 100
 *
 * With clients connected, Samplan on SQLite woke ~5–8 times a second from its rights poll (500 ms)
 * and foreign-writes poll (300 ms); the server's store is now told of the `samplan` commands'
 * commits through `<db>.notice` (`server/storage/sqlite-notices.ts`) and polls every 5 s as a safety
 * net. Old main / new alternated, one run each, `--servers samplan,y-websocket-server --docs 1
 * --per-doc 50` (load 25–33), Samplan wakes/s (main thread) with stock beside it: old 7.7 (7.4),
 * 7.9 (7.4), 5.8 (5.6); new 1.4 (1.0), 1.0 (0.6), 1.0 (0.6); stock 0.4–1.0. `--docs 100
 * --per-doc 2`, Samplan only: old 7.0 (6.7), 6.0 (5.7), 6.9 (6.6); new 0.9 (0.7), 1.5 (0.8), 1.1 (0.7).
 * Part of `npm run bench`: with its defaults 9 server runs of 13 s each plus their starts and
 * PostgreSQL's and Redis's (not timed as a whole).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { encodeAwareness, encodeAwarenessUpdate } from '../server/sync/protocol.js';
import type { Storage } from '../server/storage/storage.js';
import { holdDocs } from './support/region-measure.js';
import { regionState, seedRegion } from './support/region-seed.js';
import type { SyncClient } from './support/sync-client.js';
import { startBenchServer, stopBenchServers, type ServerKind } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import { startPostgres, startRedis } from '../tests/support/services.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    servers: { type: 'string', default: ['samplan', 'samplan-pg', 'y-websocket-server'].join(',') },
    docs: { type: 'string', default: '0' },
    'per-doc': { type: 'string', default: '2' },
    presence: { type: 'string', default: '0' },
  },
  strict: true,
});
const RUNS = Number(flags.runs);
const SECONDS = Number(flags.seconds);
const WARMUP = Number(flags.warmup);
const KINDS = flags.servers.split(',') as ServerKind[];
/** Documents held open by synced clients that send nothing (0: nothing connected), and clients on each. */
const DOCS = Number(flags.docs);
const PER_DOC = Number(flags['per-doc']);
/** `--presence 1`: each client sets one presence state once synced, as a pane does (renewed every 15 s, outdated after 30). */
const PRESENCE = flags.presence === '1';

/** Context switches (voluntary + involuntary) of every thread of `pid` so far, by tid, with the thread's name. */
function switches(pid: number): Map<number, { name: string; n: number }> {
  const out = new Map<number, { name: string; n: number }>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '?';
      const v = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      const nv = Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      out.set(Number(tid), { name: Number(tid) === pid ? 'main' : name, n: v + nv });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

stopOnSignals();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-bench-wakes-'));
onTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
onTeardown(stopBenchServers);
const needsPg = KINDS.includes('samplan-pg');
const pg = needsPg ? await startPostgres() : null;
if (pg) onTeardown(() => pg.destroy());
const redis = needsPg ? await startRedis() : null;
if (redis) onTeardown(() => redis.destroy());
if (redis) process.env.SAMPLAN_REDIS_URL = redis.url;
const state = regionState();
async function seeded(storage: Storage): Promise<void> {
  if (DOCS > 0) await seedRegion(storage, DOCS, state);
  await storage.close();
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const kind of KINDS) {
      let db = path.join(dir, `${kind}-${run}.db`);
      if (kind === 'samplan-pg') {
        db = await pg!.createDb(`wakes${run}`);
        await seeded(await openPostgresStorage(db));
      } else if (kind.startsWith('samplan')) await seeded(openSqliteStorage(db));
      const server = await startBenchServer(kind, db);
      const clients: SyncClient[] = [];
      for (let i = 0; i < PER_DOC && DOCS > 0; i++) clients.push(...(await holdDocs(server, DOCS, state)));
      // Spread over 3 s (the server's presence sweep period), as panes opened at different times
      // send theirs: sent at once, every room's sweep timer fell due together and woke it once.
      for (const [i, c] of PRESENCE ? clients.entries() : []) {
        c.sendRaw(encodeAwareness(encodeAwarenessUpdate([{ clientId: 1 + i, clock: 1, json: JSON.stringify({ user: { name: `Läsare ${i}` } }) }])));
        await sleep(3000 / clients.length);
      }
      await sleep(WARMUP * 1000);
      const before = switches(server.pid);
      const t0 = performance.now();
      await sleep(SECONDS * 1000);
      const after = switches(server.pid);
      const s = (performance.now() - t0) / 1000;
      const byName = new Map<string, number>();
      let total = 0;
      for (const [tid, a] of after) {
        const d = a.n - (before.get(tid)?.n ?? 0);
        total += d;
        byName.set(a.name, (byName.get(a.name) ?? 0) + d);
      }
      const parts = [...byName].filter(([, n]) => n > 0).map(([name, n]) => `${name} ${(n / s).toFixed(1)}`);
      console.log(`run ${run} ${kind.padEnd(20)} wakes/s ${(total / s).toFixed(1).padStart(6)}  (${parts.join(', ')})  load ${(os.loadavg()[0] ?? 0).toFixed(1)}`);
      for (const c of clients) c.close();
      await server.stop();
    }
  }
} finally {
  await teardown();
}
