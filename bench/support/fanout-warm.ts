/**
 * The warm-ups of `bench/region`'s and `bench/sync`'s fan-outs ({@link warmFanout} for one server,
 * {@link warmFanoutsInterleaved} for servers about to be alternated) and the edit {@link drive}
 * that the warm-ups and the measured windows (`fanoutWindow` of `fanout.ts`) share.
 */
import { setCell } from '../../shared/doc/index.js';
import type { FanoutSetup } from './fanout.js';
import type { SyncClient } from './sync-client.js';
import { majorGc } from './major-gc.js';
import { windowOrder } from '../scale/windows.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `rate` edits/s for `seconds`, round robin over the writers, each a cell of the writer's row;
 * recorded (its keys awaited at the readers) or not (a warm-up).
 */
export async function drive(f: FanoutSetup, rate: number, seconds: number, record: boolean): Promise<void> {
  const start = performance.now();
  let done = 0;
  let asked = 0;
  while (performance.now() - start < seconds * 1000) {
    // Warming up, the bench hook is asked something once a second, as it is at the window's start:
    // Node's stream code is then optimized knowing the hook's pipes beside the clients' sockets.
    // Unasked, the first question of the window threw it out in every server ("wrong map" in ~15
    // of Node's stream functions, `support/v8-tiers.ts`) and it was compiled again in the window.
    if (!record && performance.now() - start >= asked * 1000) {
      asked++;
      await f.server.cpu();
    }
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; done < due; done++) {
      const w = f.sent % f.writers.length;
      const key = `${f.tag}-${f.sent++}`;
      const writer = f.writers[w] as SyncClient;
      writer.write((doc) => setCell(doc, f.rowIds[w] as string, 'comment', key));
      // Stamped as the frame was handed to the socket, after this process's Yjs work: a stall
      // of the bench in that work is not the server's latency (readers see it in a later turn).
      if (record) {
        f.sentAt.set(key, writer.lastSentAt);
        f.measured++;
      }
    }
    await sleep(1);
  }
}

/**
 * The warm-up: `seconds` of unrecorded edits at `rate`, then a major collection in the server
 * (`collect` of the bench hook, every server alike) and in the bench process (`--expose-gc`,
 * `run-bench.ts`). What the connects and the warm-up left in the young generation (each
 * connection's objects, Samplan's documents built from storage at their first edit) would
 * otherwise be promoted by the window's first scavenges and counted per edit. A major collection as
 * V8 makes one itself (`major-gc.ts`), not `mem`'s memory-reducing ones, which deoptimized what
 * the warm-up had optimized (every server's, Samplan's edit path the most) right before the windows.
 */
export async function warmFanout(f: FanoutSetup, rate: number, seconds: number): Promise<void> {
  await drive(f, rate, seconds, false);
  await collectAfterWarm([f]);
}

/**
 * The tail of every warm-up: 200 ms for the last edits' frames to settle, then each server's
 * major collection (`collect` of the bench hook) one right after the other, then the bench
 * process's (`majorGc`). `wait` is a parameter for tests.
 */
async function collectAfterWarm(setups: readonly FanoutSetup[], wait: (ms: number) => Promise<void> = sleep): Promise<void> {
  await wait(200);
  for (const f of setups) await f.server.collect();
  majorGc();
}

/**
 * The warm-up of servers about to be alternated (`alternate.ts`): each gets `seconds` of
 * unrecorded edits at `rate`, driven in slices of `sliceSeconds` in the order of
 * {@link windowOrder}, then every server's major collection (as {@link warmFanout}) one right
 * after the other and the bench process's. Warmed one after the other instead, the first server
 * sat idle for the others' warm-ups ((n − 1) × 30 s) before its windows, and V8's memory reducer
 * (memory-reducing full collections of an idle process, armed by the collection after its warm-up)
 * threw out what its warm-up had optimized: measured in `bench/region` (100 docs × 5, two identical
 * Samplan servers on copies of one file), whichever was warmed first spent 1.3–1.5× the CPU per
 * delivered edit of the other (245.8/286.3 against 176.9/189.1 µs; 239.8 against 161.3 with the
 * warm-up order reversed, the cost following it), and none with the servers started
 * `--no-memory-reducer` (147.5 against 175.5). Interleaved, every server's last warm edits are
 * at most one slice per other server before the windows.
 *
 * The collection arms the reducer of every server again, and one that found its process idle
 * later, between its windows, threw the code out inside them (V8's log of one interleaved run:
 * Hocuspocus 69 and 16 "weak objects" deoptimizations 0–30 s into the alternation, its CPU per
 * delivered edit 288.9 µs against 212.1 warmed last, one after the other, in the same half hour).
 * So every server is then left idle `reducerWaitMs` (12 s: the reducer looks 8 s after a full
 * collection and makes at most three, 0.5 s apart), when the reducers run, and warmed again for
 * `rewarmSeconds` each, interleaved likewise, so that the windows run on code compiled after them.
 * `slice` (one slice of one server's unrecorded edits) and `wait` are parameters for tests.
 */
export async function warmFanoutsInterleaved(
  setups: readonly FanoutSetup[],
  rate: number,
  seconds: number,
  {
    sliceSeconds = 1,
    reducerWaitMs = 12_000,
    rewarmSeconds = 5,
    slice = (f, r, s) => drive(f, r, s, false),
    wait = sleep,
  }: {
    sliceSeconds?: number;
    reducerWaitMs?: number;
    rewarmSeconds?: number;
    slice?: (f: FanoutSetup, rate: number, seconds: number) => Promise<void>;
    wait?: (ms: number) => Promise<void>;
  } = {},
): Promise<void> {
  const interleaved = async (total: number): Promise<void> => {
    const slices = Math.max(1, Math.round(total / sliceSeconds));
    for (const which of windowOrder(setups.length, slices)) await slice(setups[which] as FanoutSetup, rate, total / slices);
  };
  await interleaved(seconds);
  await collectAfterWarm(setups, wait);
  if (seconds <= 0 || rewarmSeconds <= 0) return;
  await wait(reducerWaitMs);
  await interleaved(Math.min(rewarmSeconds, seconds));
}
