/**
 * bench/sign-in-end-rows: how long ending a sign-in's other sessions takes
 * (`AccessTokenStore.revokeSameSignIn`) when the store keeps many sessions started from access
 * tokens. The lookup finds the session's own row by `token_id`, which is not the first column of
 * `access_token_sessions`' primary key (`token_key, token_id`): the schema's index on `token_id`
 * (SQLite 15, PostgreSQL 13) finds it; without it the lookup reads the table through. Seeds
 * `--rows` sessions (default 10,000), two per access token, then ends `--ends` sign-ins (default
 * 200, after 20 unmeasured), each by revoking one session and timing `revokeSameSignIn`, which
 * revokes its sibling in the same write transaction (the SQLite writer's lock is held meanwhile).
 * Prints the store, whether the index was dropped by hand for comparison (`--without-index`),
 * the query plan of the lookup, the per-call latency in ms (median, p90, p99, mean) and the load
 * average before and after; asserts nothing.
 *
 * `npm run bench -- sign-in-end-rows --store sqlite|postgres --rows 10000 --ends 200 [--without-index]`
 * (postgres starts its own server, `tests/support/services.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStorage } from '../server/storage/postgres.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import type { Storage } from '../server/storage/storage.js';
import { startPostgres, type PgServer } from '../tests/support/services.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const store = arg('store', 'sqlite');
const rowCount = Number(arg('rows', '10000'));
const ends = Number(arg('ends', '200'));
const index = !process.argv.includes('--without-index');
const WARM_UP = 20;
const WS = 'bench-ws';
const loadavg = (): string => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
if (ends + WARM_UP > rowCount / 2) throw new Error(`--rows ${rowCount} holds ${rowCount / 2} sign-ins, fewer than --ends ${ends} and ${WARM_UP} unmeasured`);

/** The lookup of `revokeSameSignIn` without its write, for the plan: the same joins and conditions. */
const LOOKUP = `SELECT s.token_id FROM access_token_sessions mine JOIN access_token_sessions s ON s.token_key = mine.token_key WHERE mine.token_id = 's0000000'`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-sign-in-end-'));
let pgServer: PgServer | null = null;
let storage: Storage;
/** Runs SQL on the store's database beside the store (the index dropped by hand, the plan), answering each row's first column. */
let sql: (text: string) => Promise<string[]>;
let closeSql: () => Promise<void>;
if (store === 'sqlite') {
  const file = path.join(dir, 'samplan.db');
  storage = openSqliteStorage(file);
  const db = new Database(file);
  sql = async (text) => {
    const statement = db.prepare(text);
    if (!statement.reader) {
      statement.run();
      return [];
    }
    return statement.all().map((r) => String((r as { detail: unknown }).detail));
  };
  closeSql = async () => void db.close();
} else if (store === 'postgres') {
  pgServer = await startPostgres();
  const url = await pgServer.createDb('signinend');
  storage = await openPostgresStorage(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  sql = async (text) => (await client.query(text)).rows.map((r: Record<string, unknown>) => String(Object.values(r)[0]));
  closeSql = () => client.end();
} else throw new Error(`--store is sqlite or postgres, not ${store}`);

const at = new Date().toISOString();
const until = new Date(Date.now() + 3_600_000).toISOString();
await storage.putWorkspace({ id: WS, name: 'Bänkregion', createdAt: at });
await storage.putMember({ workspace: WS, id: 'eda', name: 'Eda', role: 'editor', units: [] });
const id = (i: number): string => `s${String(i).padStart(7, '0')}`;
const seeded = performance.now();
// In batches: one statement at a time would take PostgreSQL's round trips 10,000 times over.
for (let i = 0; i < rowCount; i += 50) {
  const batch = Array.from({ length: Math.min(50, rowCount - i) }, (_, k) => i + k);
  await Promise.all(batch.map((n) => storage.putToken({ id: id(n), hash: id(n).padEnd(64, 'a'), workspace: WS, memberId: 'eda', label: 'session: sso', createdAt: at, expiresAt: until, revokedAt: null })));
  await Promise.all(batch.map((n) => storage.noteAccessTokenSession({ key: String(Math.floor(n / 2)).padStart(64, '0'), tokenId: id(n), until }, at)));
}
const seedMs = performance.now() - seeded;
if (!index) await sql('DROP INDEX access_token_sessions_by_token');
if (store === 'postgres') await sql('ANALYZE access_token_sessions');
const plan = await sql(`${store === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${LOOKUP}`);

const before = loadavg();
const ms: number[] = [];
for (let i = 0; i < WARM_UP + ends; i++) {
  const own = id(2 * i);
  await storage.revokeToken(own, at);
  const started = performance.now();
  const revoked = await storage.revokeSameSignIn(own, at, WS);
  const took = performance.now() - started;
  if (revoked.join() !== id(2 * i + 1)) throw new Error(`ending ${own} revoked ${revoked.join(', ') || 'nothing'}`);
  if (i >= WARM_UP) ms.push(took);
}
const after = loadavg();
ms.sort((a, b) => a - b);
const q = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number;
const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
const f = (x: number): string => x.toFixed(3);
console.log(`store=${store} rows=${rowCount} index=${index ? "token_id (the schema's)" : 'none (dropped by hand)'} seeded in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`plan: ${plan.join(' | ')}`);
console.log(`revokeSameSignIn x${ends}: median=${f(q(0.5))} p90=${f(q(0.9))} p99=${f(q(0.99))} mean=${f(mean)} ms load=${before} -> ${after}`);

await closeSql();
await storage.close();
await pgServer?.stop();
fs.rmSync(dir, { recursive: true, force: true });
