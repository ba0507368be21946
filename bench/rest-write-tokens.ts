/**
 * bench/rest-write-tokens: how long one REST write takes in a workspace holding many tokens
 * (sign-in sessions), where the write's rights are read again at the write (`write-rights.ts`,
 * `current-principal.ts`). Seeds a workspace with `--tokens` sign-in sessions (default 5,000) and
 * an admin's API token, then renames a unit `--writes` times (default 200, after 30 unmeasured)
 * through the app in process (`app.request`, no socket), one after the other. Prints the store,
 * the per-write latency in ms (median, p90, p99, mean) and the load average before and after;
 * asserts nothing. Compare commits by running it in each tree, alternated, on the same machine.
 *
 * `npm run bench -- rest-write-tokens --store sqlite|postgres|memory --tokens 5000 --writes 200`
 * (postgres starts its own server, `tests/support/services.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../server/app.js';
import { createToken } from '../server/auth/tokens.js';
import { silentLogger } from '../server/logger.js';
import { createMemoryStorage } from '../server/storage/memory.js';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import type { Storage } from '../server/storage/storage.js';
import { startPostgres, type PgServer } from '../tests/support/services.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const store = arg('store', 'sqlite');
const tokenCount = Number(arg('tokens', '5000'));
const writes = Number(arg('writes', '200'));
const WARM_UP = 30;
const WS = 'bench-ws';
const loadavg = (): string => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-rest-write-'));
let pgServer: PgServer | null = null;
let storage: Storage;
if (store === 'sqlite') storage = openSqliteStorage(path.join(dir, 'samplan.db'));
else if (store === 'memory') storage = createMemoryStorage();
else if (store === 'postgres') {
  pgServer = await startPostgres();
  storage = await openPostgresStorage(await pgServer.createDb('restwrite'));
} else throw new Error(`--store is sqlite, postgres or memory, not ${store}`);

const clock = () => new Date();
const at = clock().toISOString();
await storage.putWorkspace({ id: WS, name: 'Bänkregion', createdAt: at });
await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: 'region' });
await storage.putMember({ workspace: WS, id: 'admin', name: 'Admin', role: 'admin', units: ['region'] });
await storage.putMember({ workspace: WS, id: 'eda', name: 'Eda', role: 'editor', units: ['vc-a'] });
const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
for (let i = 0; i < tokenCount; i++) {
  const id = `s${String(i).padStart(6, '0')}`;
  await storage.putToken({ id, hash: id.padEnd(64, 'a'), workspace: WS, memberId: i % 2 ? 'eda' : 'admin', label: 'session: dialog', createdAt: at, expiresAt, revokedAt: null });
}
const { secret } = await createToken(storage, { workspace: WS, memberId: 'admin', label: 'bench', clock });
const samplan = createApp({ storage, logger: silentLogger(), clock, publicUrl: 'http://bench.test' });

const before = loadavg();
const ms: number[] = [];
for (let i = 0; i < WARM_UP + writes; i++) {
  const started = performance.now();
  const res = await samplan.app.request(`/v1/workspaces/${WS}/units/vc-a`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Vårdcentral A ${i}` }),
  });
  await res.arrayBuffer();
  const took = performance.now() - started;
  if (!res.ok) throw new Error(`write ${i} answered ${res.status}`);
  if (i >= WARM_UP) ms.push(took);
}
const after = loadavg();
ms.sort((a, b) => a - b);
const q = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number;
const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
const f = (x: number): string => x.toFixed(2);
console.log(`store=${store} tokens=${tokenCount} writes=${writes} median=${f(q(0.5))} p90=${f(q(0.9))} p99=${f(q(0.99))} mean=${f(mean)} ms load=${before} -> ${after}`);

await samplan.close();
await storage.close();
await pgServer?.stop();
fs.rmSync(dir, { recursive: true, force: true });
