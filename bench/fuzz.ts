/**
 * bench/fuzz: the whole server (HTTP, `/healthz`, sync on SQLite) in a child process, sent frames
 * made by structure-aware mutation of real updates (other content of every Yjs kind, other
 * parents, keys and ids, re-sent ids, deletes of something else, trailing bytes, personnummer in
 * every spelling) and by plain byte mutation, from several sockets at once, each frame followed
 * by a probe that the server must answer or close on. `/healthz` is polled all along. Prints
 * frames tried, refused by close code and reason, left open, stored, server crashes (must be 0),
 * the worst `/healthz` time, and whether the database file or its WAL holds a personnummer or a
 * byte of a refused frame (each frame carries a unique marker). Exits 1 on a crash or a leak.
 *
 *   npx tsx bench/fuzz.ts            # FUZZ_FRAMES=2000, FUZZ_SOCKETS=8
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { encodeSyncStep2, encodeUpdate } from '../server/sync/protocol.js';
import { deleteRow, insertRow, setCell } from '../shared/doc/index.js';
import { BASE_ROW, FUZZ_TOKENS, FUZZ_WS, seedFuzz, type FuzzDoc } from './support/fuzz-seed.js';
import { editUpdate, mutateUpdate, prng, stateUpdate } from '../tests/support/yjs-forge/mutate-update.js';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 2000);
const SOCKETS = Number(process.env.FUZZ_SOCKETS ?? 8);
const PROBE_TIMEOUT_MS = 5000;
const PNR_FORMS = ['19121212-1212', '191212121212', '121212-1212', '1212121212'];
const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Child {
  process: ChildProcess;
  port: number;
  exited: boolean;
}

async function startChild(db: string, onCrash: () => void): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, 'support', 'fuzz-server.ts'), db], { stdio: ['ignore', 'pipe', 'inherit'] });
  const child: Child = { process: proc, port: 0, exited: false };
  proc.once('exit', (code, signal) => {
    child.exited = true;
    if (!stopping.has(proc)) {
      process.stderr.write(`server exited: code ${code}, signal ${signal}\n`);
      onCrash();
    }
  });
  child.port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', () => reject(new Error('server did not start')));
  });
  return child;
}

const stopping = new WeakSet<ChildProcess>();
async function stopChild(child: Child): Promise<void> {
  if (child.exited) return;
  stopping.add(child.process);
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGTERM');
  await exited;
}

/** Real edits of a document's stored state, to mutate. */
function corpus(d: FuzzDoc): Target {
  const make = (edit: (c: Y.Doc) => void): Uint8Array => editUpdate(d.base, edit);
  const seeds = [
    stateUpdate(d.base),
    make((c) => setCell(c, BASE_ROW, 'comment', 'ny kommentar')),
    make((c) => insertRow(c, d.row('ny rad'))),
    make((c) => deleteRow(c, BASE_ROW)),
    make((c) => c.getMap('meta').set('title', 'ny titel')),
    make((c) => (c.getMap<Y.Map<unknown>>('rows').get(BASE_ROW) as Y.Map<unknown>).delete(d.kind === 'action-plan' ? 'unit' : 'comment')),
  ];
  return { doc: d.doc, base: d.base, seeds };
}

interface Target {
  doc: string;
  base: Y.Doc;
  seeds: Uint8Array[];
}

interface Tally {
  tried: number;
  open: number;
  refused: Map<string, number>;
  refusedMarkers: string[];
  unanswered: number;
}

/** Send a frame and a probe; 'open' when the probe is answered, else the close code and reason. */
function sendProbed(ws: WebSocket, frame: Uint8Array): Promise<'open' | 'timeout' | { code: number; reason: string }> {
  return new Promise((resolve) => {
    const done = (r: 'open' | 'timeout' | { code: number; reason: string }): void => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
      clearTimeout(timer);
      resolve(r);
    };
    const onMessage = (data: Buffer): void => {
      if (data[0] === 1) done('open');
    };
    const onClose = (code: number, reason: Buffer): void => done({ code, reason: reason.toString() });
    const timer = setTimeout(() => done('timeout'), PROBE_TIMEOUT_MS);
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(frame);
    ws.send(Uint8Array.of(3));
  });
}

function open(port: number, doc: string, token: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/sync/${FUZZ_WS}/${doc}?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(null));
  });
}

/** Short, stable reason text: the close reason without row ids and numbers. */
function reasonKey(code: number, reason: string): string {
  return `${code} ${reason.replace(/row \S+/g, 'row …').replace(/\d+/g, 'N').slice(0, 60)}`;
}

async function worker(id: number, child: () => Child, targets: readonly Target[], next: () => number | null, tally: Tally): Promise<void> {
  const random = prng(Date.now() + id);
  let ws: WebSocket | null = null;
  let target = targets[id % targets.length] as Target;
  for (let i = next(); i !== null; i = next()) {
    if (!ws) {
      target = targets[Math.floor(random() * targets.length)] as Target;
      ws = await open(child().port, target.doc, FUZZ_TOKENS.editor);
      if (!ws) {
        await sleep(50);
        continue;
      }
    }
    const marker = `FZM${i}Q`;
    const seed = target.seeds[Math.floor(random() * target.seeds.length)] as Uint8Array;
    const update = mutateUpdate(random, target.base, seed, marker);
    const frame = random() < 0.5 ? encodeUpdate(update) : encodeSyncStep2(update);
    tally.tried++;
    const answer = await sendProbed(ws, frame);
    if (answer === 'open') {
      tally.open++;
      continue;
    }
    if (answer === 'timeout') tally.unanswered++;
    else {
      const key = reasonKey(answer.code, answer.reason);
      tally.refused.set(key, (tally.refused.get(key) ?? 0) + 1);
    }
    tally.refusedMarkers.push(marker);
    ws.terminate();
    ws = null;
  }
  ws?.terminate();
}

/** Polls `/healthz` until stopped; the worst answer time in ms. */
function pollHealth(child: () => Child): { stop: () => Promise<{ worst: number; polls: number; failed: number }> } {
  let running = true;
  let worst = 0;
  let polls = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${child().port}/healthz`);
        await res.arrayBuffer();
        if (!res.ok) failed++;
      } catch {
        failed++;
      }
      worst = Math.max(worst, performance.now() - started);
      polls++;
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { worst, polls, failed };
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'samplan-fuzz-'));
const db = join(dir, 'fuzz.db');
let crashes = 0;
let child: Child;
const restart = (): void => {
  crashes++;
  void startChild(db, restart).then((c) => (child = c));
};
const seeding = openSqliteStorage(db);
const targets = (await seedFuzz(seeding)).map(corpus);
await seeding.close();
child = await startChild(db, restart);
const tally: Tally = { tried: 0, open: 0, refused: new Map(), refusedMarkers: [], unanswered: 0 };
let issued = 0;
const started = performance.now();
const health = pollHealth(() => child);
await Promise.all(Array.from({ length: SOCKETS }, (_, id) => worker(id, () => child, targets, () => (issued < FRAMES ? issued++ : null), tally)));
const healthz = await health.stop();
const seconds = (performance.now() - started) / 1000;
await stopChild(child);

const storage = openSqliteStorage(db);
let stored = 0;
for (const { doc } of targets) {
  // Sequence numbers after the created state and the coordinator's base row.
  const loaded = await storage.loadDoc({ workspace: FUZZ_WS, doc });
  stored += loaded.lastSeq - 2;
}
await storage.close();
const bytes = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
const pnrInDb = PNR_FORMS.filter((f) => bytes.includes(f));
const leaked = tally.refusedMarkers.filter((m) => bytes.includes(m));
rmSync(dir, { recursive: true, force: true });

console.table([
  { measure: 'frames tried', value: tally.tried },
  { measure: 'left the socket open (taken or changed nothing)', value: tally.open },
  { measure: 'updates stored', value: stored },
  { measure: 'refused (closed)', value: tally.tried - tally.open - tally.unanswered },
  { measure: 'unanswered within 5 s', value: tally.unanswered },
  { measure: 'server crashes', value: crashes },
  { measure: `worst /healthz (${healthz.polls} polls, ${healthz.failed} failed)`, value: `${healthz.worst.toFixed(1)} ms` },
  { measure: 'personnummer forms in db + WAL', value: pnrInDb.length },
  { measure: 'refused frames with a byte in db + WAL', value: leaked.length },
  { measure: 'run time', value: `${seconds.toFixed(1)} s` },
]);
console.table([...tally.refused].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ 'refused by': reason, count })));
process.exit(crashes > 0 || pnrInDb.length > 0 || leaked.length > 0 || tally.unanswered > 0 ? 1 : 0);
