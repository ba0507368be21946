import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import {
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../../../server/sync/protocol.js';
import { insertRow } from '../../../shared/doc/index.js';
import { eventually, rawClient, SEEDED_SEQ, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

// Most mutated frames are refused (4400) now, each costing a reconnect; 3,000 keep the run well under
// a minute when the box is quiet, and inside the deadline when other test files share its 2 cores.
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3_000);
/** How long a live socket may take to answer the probe: generous, for a loaded box. */
const PROBE_DEADLINE_MS = 10_000;
const WORKERS = Number(process.env.FUZZ_WORKERS ?? 64);
const PROBE = new Uint8Array([3]);

let server: TestServer;
afterEach(async () => server?.stop());

/** mulberry32: a seeded PRNG, so a failing run can be repeated. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): Uint8Array[] {
  const doc = new Y.Doc();
  insertRow(doc, { title: 'Hälsodag', participantsReached: 42 }, { id: 'fuzz-row' });
  const update = Y.encodeStateAsUpdate(doc);
  const pnr = new Y.Doc();
  pnr.getMap('meta').set('note', '19121212-1212');
  const awareness = encodeAwarenessUpdate([{ clientId: 99, clock: 1, json: '{"user":{"name":"Fuzz"}}' }]);
  return [
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeUpdate(update),
    encodeSyncStep2(update),
    encodeUpdate(Y.encodeStateAsUpdate(pnr)),
    encodeAwareness(awareness),
    PROBE,
  ];
}

function* fuzzFrames(random: () => number, count: number): Generator<Uint8Array> {
  const seeds = corpus();
  const byte = (): number => Math.floor(random() * 256);
  for (let i = 0; i < count; i++) {
    const base = seeds[Math.floor(random() * seeds.length)] as Uint8Array;
    const frame = Array.from(base);
    switch (Math.floor(random() * 6)) {
      case 0: // random bytes
        yield new Uint8Array(Math.floor(random() * 64)).map(byte);
        continue;
      case 1: // flip a few bytes
        for (let k = 0; k < 1 + random() * 3; k++) frame[Math.floor(random() * frame.length)] = byte();
        break;
      case 2: // truncate
        frame.length = Math.floor(random() * frame.length);
        break;
      case 3: // append garbage
        for (let k = 0; k < random() * 8; k++) frame.push(byte());
        break;
      case 4: // a well-framed sync message around random bytes
        yield Uint8Array.from([0, Math.floor(random() * 3), 16, ...Array.from({ length: 16 }, byte)]);
        continue;
      default: // a huge varint where a length or type goes
        frame.splice(Math.floor(random() * frame.length), 0, 0xff, 0xff, 0xff, 0xff, 0x0f);
    }
    yield Uint8Array.from(frame);
  }
}

/** Resolves true on the next awareness frame (the answer to the probe). */
function awarenessAnswer(c: RawClient): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = (data: Buffer): void => {
      if (data[0] !== 1) return;
      c.ws.off('message', listener);
      resolve(true);
    };
    c.ws.on('message', listener);
    c.ws.once('close', () => c.ws.off('message', listener));
  });
}

/** Send each frame followed by a query-awareness probe; reconnect whenever the server closes. */
async function fuzzWorker(frames: Iterator<Uint8Array>, stats: { sent: number; closes: Map<number, number>; unanswered: string[] }): Promise<void> {
  let conn: RawClient | null = null;
  for (let next = frames.next(); !next.done; next = frames.next()) {
    if (!conn) {
      conn = rawClient(server, 'plan-a', TOKENS.editorB);
      await conn.opened;
    }
    const c: RawClient = conn;
    c.send(next.value);
    c.send(PROBE);
    stats.sent++;
    const alive = await Promise.race([
      c.closed.then(({ code }) => {
        stats.closes.set(code, (stats.closes.get(code) ?? 0) + 1);
        return false;
      }),
      awarenessAnswer(c),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_DEADLINE_MS)).then((answered) => {
        if (!answered && c.ws.readyState === c.ws.OPEN) stats.unanswered.push(Buffer.from(next.value).toString('hex'));
        return answered;
      }),
    ]);
    if (!alive) {
      c.ws.terminate();
      conn = null;
    }
  }
  conn?.ws.terminate();
}

// Under `npm test` this shares 2 cores with other files; quiet, it takes well under a minute.
describe('sync under fuzzing', () => {
  it(`stays up through ${FRAMES} random and mutated frames, honest clients keep syncing, nothing bad is stored`, async () => {
    server = await startTestServer();
    const honestUrl = `${server.base}/plan-a?token=${TOKENS.coordinator}`;
    const writer = new SyncClient(honestUrl);
    const reader = new SyncClient(honestUrl);
    await Promise.all([writer.synced, reader.synced]);
    let written = 0;
    const ticker = setInterval(() => {
      writer.write((doc) => insertRow(doc, { title: 'ärlig rad' }, { id: `honest-${written++}` }));
    }, 10);

    const seed = Date.now();
    const frames = fuzzFrames(prng(seed), FRAMES);
    const stats = { sent: 0, closes: new Map<number, number>(), unanswered: [] as string[] };
    await Promise.all(Array.from({ length: WORKERS }, () => fuzzWorker(frames, stats)));
    clearInterval(ticker);

    process.stdout.write(`fuzz: ${stats.sent} frames, closes ${JSON.stringify([...stats.closes])}\n`);
    expect(stats.unanswered, `seed ${seed}`).toEqual([]);
    expect(stats.sent, `seed ${seed}`).toBe(FRAMES);
    expect(stats.closes.get(4400) ?? 0).toBeGreaterThan(100);
    const honestRows = (): string[] => [...reader.doc.getMap('rows').keys()].filter((k) => k.startsWith('honest-'));
    await eventually(() => honestRows().length === written, 15_000, 'reader has every honest row');
    expect(written).toBeGreaterThan(20);
    expect([...reader.doc.getMap('rows').keys()].sort()).toEqual(honestRows().sort());

    const stored = await server.storage.listUpdates({ workspace: WS, doc: 'plan-a' }, SEEDED_SEQ, 100_000);
    expect(new Set(stored.map((u) => u.memberId))).toEqual(new Set(['m-coord']));
    writer.close();
    reader.close();
  }, 300_000);
});
