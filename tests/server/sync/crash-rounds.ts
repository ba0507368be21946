/**
 * Kill -9 rounds against a sync server child process on SQLite: several clients write, the server
 * is killed at a random moment, restarted on the same file, and a fresh client checks that every
 * row any client had received from the server is still there. Shared by the crash test (5 rounds)
 * and `bench/reliability.ts` (20 rounds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertRow } from '../../../shared/doc/index.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { nodeCommand } from '../../support/compiled.js';
import { TOKENS, WS } from './seed.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sqlite-sync-server.ts');

/** One round's figures. */
export interface CrashRound {
  round: number;
  /** Rows the clients wrote in the round. */
  written: number;
  /** Distinct rows that some client had received from the server before the kill (all rounds). */
  seen: number;
  /** Of those, how many were missing after the restart. */
  missing: number;
  /** Time from spawn to listening, ms. */
  startMs: number;
  /** How long the clients wrote before the kill, ms. */
  killAfterMs: number;
}

interface Child {
  port: number;
  process: ChildProcess;
}

async function startChild(db: string): Promise<Child & { startMs: number }> {
  const [node, script] = await nodeCommand(FIXTURE);
  const started = Date.now();
  const child = spawn(node, [...script, db], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { port, process: child, startMs: Date.now() - started };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // The whole process group, so nothing a loader spawned survives.
    process.kill(-(child.pid as number), 'SIGKILL');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const url = (port: number): string => `ws://127.0.0.1:${port}/v1/sync/${WS}/plan-a?token=${TOKENS.coordinator}`;

async function missingRows(port: number, seen: Set<string>): Promise<number> {
  const verifier = new SyncClient(url(port));
  await verifier.synced;
  const rows = verifier.doc.getMap('rows');
  const missing = [...seen].filter((key) => !rows.has(key)).length;
  verifier.close();
  return missing;
}

/** Run `rounds` kill -9 rounds with `writers` clients; returns one line per round. */
export async function runCrashRounds(rounds: number, writers = 3, log: (r: CrashRound) => void = () => undefined): Promise<CrashRound[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-crash-'));
  const db = join(dir, 'crash.db');
  const seen = new Set<string>();
  const results: CrashRound[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const child = await startChild(db);
      const missingBefore = await missingRows(child.port, seen);
      if (results.length > 0) (results[results.length - 1] as CrashRound).missing = missingBefore;
      const clients = Array.from({ length: writers }, () => new SyncClient(url(child.port)));
      await Promise.all(clients.map((c) => c.synced));
      let written = 0;
      const timers = clients.map((client, i) => {
        let n = 0;
        return setInterval(() => {
          client.write((doc) => insertRow(doc, { title: `round ${round}` }, { id: `w${i}r${round}n${n++}` }));
          written++;
        }, 3);
      });
      const killAfterMs = 150 + Math.floor(Math.random() * 600);
      await sleep(killAfterMs);
      await killHard(child.process);
      for (const t of timers) clearInterval(t);
      await Promise.all(clients.map((c) => c.closed));
      clients.forEach((client, i) => {
        for (const key of client.doc.getMap('rows').keys()) if (!key.startsWith(`w${i}r${round}n`)) seen.add(key);
      });
      const line: CrashRound = { round, written, seen: seen.size, missing: 0, startMs: child.startMs, killAfterMs };
      results.push(line);
    }
    const last = await startChild(db);
    (results[results.length - 1] as CrashRound).missing = await missingRows(last.port, seen);
    last.process.kill('SIGTERM');
    await new Promise((r) => last.process.once('exit', r));
    results.forEach(log);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
