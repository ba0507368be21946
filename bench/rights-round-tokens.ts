/**
 * bench/rights-round-tokens: what one sign-in costs every server process with open sockets.
 * A sign-in writes a token, which moves the rights version (`RecordStore.rightsVersion`), so each
 * process's next rights round (`LiveRights`, `live-rights.ts`: told by a notice, or polled) reads
 * the rights of its open sockets again. Seeds a workspace with `--tokens` sign-in sessions
 * (default 5,000), `--sockets` of them open (default 200, on 20 activity plans), then
 * `--signins` times (default 100, after 10 unmeasured) writes one new session and runs one round
 * of a `LiveRights` over those sockets, timed from the write's end to the round's end. Prints the
 * store, the token rows the round read (mean per round), its latency in ms (median, p90, mean),
 * and the load average before and after; asserts nothing. Compare commits by running it in each
 * tree, alternated, on the same machine.
 *
 * `npm run bench -- rights-round-tokens --store sqlite|postgres --tokens 5000 --sockets 200 --signins 100`
 * (postgres starts its own server, `tests/support/services.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { syncAuthFor } from '../server/http/sync-auth.js';
import { silentLogger } from '../server/logger.js';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import type { Storage, TokenRecord } from '../server/storage/storage.js';
import { LiveRights, type LiveSocket } from '../server/sync/live-rights.js';
import type { Principal } from '../server/sync/principal.js';
import { startPostgres, type PgServer } from '../tests/support/services.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const store = arg('store', 'sqlite');
const tokenCount = Number(arg('tokens', '5000'));
const socketCount = Number(arg('sockets', '200'));
const signins = Number(arg('signins', '100'));
const WARM_UP = 10;
const DOCS = 20;
const MEMBERS = 50;
const WS = 'bench-ws';
const loadavg = (): string => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-rights-round-'));
let pgServer: PgServer | null = null;
let storage: Storage;
if (store === 'sqlite') storage = openSqliteStorage(path.join(dir, 'samplan.db'));
else if (store === 'postgres') {
  pgServer = await startPostgres();
  storage = await openPostgresStorage(await pgServer.createDb('rightsround'));
} else throw new Error(`--store is sqlite or postgres, not ${store}`);

const at = new Date().toISOString();
const expiresAt = new Date(Date.now() + 8 * 3_600_000).toISOString();
await storage.putWorkspace({ id: WS, name: 'Bänkregion', createdAt: at });
await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
for (let m = 0; m < MEMBERS; m++) await storage.putMember({ workspace: WS, id: `m${m}`, name: `Medlem ${m}`, role: 'editor', units: ['vc-a'] });
for (let d = 0; d < DOCS; d++) {
  await storage.putDocRecord({ workspace: WS, doc: `plan-${d}`, kind: 'activity-plan', title: `Plan ${d}`, ownerUnit: 'vc-a', createdAt: at, updatedAt: at });
}
const session = (id: string, memberId: string): TokenRecord => ({ id, hash: id.padEnd(64, 'a'), workspace: WS, memberId, label: 'session: dialog', createdAt: at, expiresAt, revokedAt: null });
const tokens: TokenRecord[] = [];
for (let i = 0; i < tokenCount; i++) {
  const t = session(`s${String(i).padStart(6, '0')}`, `m${i % MEMBERS}`);
  tokens.push(t);
  await storage.putToken(t);
}

// Token rows handed back to the rights round, however it reads them.
let rows = 0;
const counting = new Proxy(storage, {
  get(target, prop, receiver) {
    const value: unknown = Reflect.get(target, prop, receiver);
    if (typeof value !== 'function' || (prop !== 'listTokens' && prop !== 'getTokens')) return value;
    return async (...args: unknown[]) => {
      const out = (await (value as (...a: unknown[]) => Promise<TokenRecord[]>).apply(target, args)) as TokenRecord[];
      rows += out.length;
      return out;
    };
  },
});

const live = new LiveRights({
  records: counting,
  auth: syncAuthFor(storage, () => new Date()),
  logger: silentLogger(),
  clock: () => new Date(),
  pollMs: 0,
  evict: async () => undefined,
  ...(storage.rightsVersion ? { version: storage.rightsVersion.bind(storage) } : {}),
});
let closed = 0;
for (let s = 0; s < socketCount; s++) {
  const t = tokens[s * Math.floor(tokenCount / socketCount)] as TokenRecord;
  const ref = { workspace: WS, doc: `plan-${s % DOCS}` };
  const record = (await storage.getDocRecord(ref))!;
  let principal: Principal = { workspace: WS, memberId: t.memberId, name: `Medlem ${t.memberId.slice(1)}`, role: 'editor', units: ['vc-a'], tokenId: t.id, expiresAt: t.expiresAt };
  const socket: LiveSocket = {
    ref,
    record,
    get principal() {
      return principal;
    },
    setPrincipal: (p) => void (principal = p),
    close: () => void closed++,
  };
  live.add(socket);
}
await live.recheck();

const before = loadavg();
const ms: number[] = [];
const rowsPerRound: number[] = [];
for (let i = 0; i < WARM_UP + signins; i++) {
  await storage.putToken(session(`new${i}`, `m${i % MEMBERS}`));
  rows = 0;
  const started = performance.now();
  await live.recheck();
  const took = performance.now() - started;
  if (i >= WARM_UP) {
    ms.push(took);
    rowsPerRound.push(rows);
  }
}
const after = loadavg();
if (closed > 0) throw new Error(`${closed} sockets were closed; the bench's rights are wrong`);
ms.sort((a, b) => a - b);
const q = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number;
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const f = (x: number): string => x.toFixed(2);
console.log(
  `store=${store} tokens=${tokenCount} sockets=${socketCount} signins=${signins} rows/round=${f(mean(rowsPerRound))} median=${f(q(0.5))} p90=${f(q(0.9))} mean=${f(mean(ms))} ms load=${before} -> ${after}`,
);

live.stop();
await storage.close();
await pgServer?.stop();
fs.rmSync(dir, { recursive: true, force: true });
