/**
 * What a traced fan-out (`region --trace`) prints per server: for its slowest edits and its median
 * one, where the time from send to the last reader went, and what else the server's main thread
 * ran meanwhile (`edit-trace.ts`), then a summary of the window's callbacks and collections.
 *
 * Per edit, in ms: `total` from the client's send to its last reader; `queued` from the send to
 * the start of the server callback that wrote the edit's first frame (the kernel, and the server's
 * event loop busy with something else); `server` from that start to the edit's last frame written;
 * `readers` from there to the last reader's receipt (the bench client, one process, decoding).
 * Then each other callback of at least 0.3 ms and each collection inside [send, last receipt].
 * A callback's time splits into the main thread's time on a CPU, waiting for one (`runnable`: the
 * machine's other processes had it) and the rest, asleep (I/O, a lock).
 */
import type { TraceDump } from './edit-trace.js';

type Edit = { key: string; sent: number; last: number };

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak' };
const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** Overlap in ms of [s, s + d] with [from, to]. */
const overlap = (s: number, d: number, from: number, to: number): number => Math.max(0, Math.min(s + d, to) - Math.max(s, from));

/**
 * Where the slowest 1 % of edits (those that decide p99) spent their time, averaged: from the send
 * to the last frame written, and how much of that the main thread was runnable but not running
 * (the machine's other processes had the CPU; a callback's waiting time counted in proportion to
 * its overlap), collecting garbage, in `Atomics.wait` and in timer callbacks; then the readers.
 */
function tailLine(slowest: readonly Edit[], tasks: TraceDump['tasks'], dump: TraceDump): string {
  let total = 0;
  let toLast = 0;
  let runnable = 0;
  let gc = 0;
  let waited = 0;
  let timers = 0;
  let n = 0;
  for (const e of slowest) {
    const w = dump.writes[e.key];
    if (!w) continue;
    n++;
    total += e.last - e.sent;
    toLast += w[1] - e.sent;
    for (const [s, d, name, , q] of tasks) {
      const o = overlap(s, d, e.sent, w[1]);
      if (o <= 0) continue;
      runnable += d > 0 ? (q * o) / d : 0;
      if (name.startsWith('Timeout')) timers += o;
    }
    for (const [s, d] of dump.gc) gc += overlap(s, d, e.sent, w[1]);
    for (const [s, d] of dump.waits) waited += overlap(s, d, e.sent, w[1]);
  }
  const m = (x: number): string => f(x / Math.max(1, n));
  return `slowest 1 % (${n} edits), mean ms: total ${m(total)} = to last frame ${m(toLast)} (main thread runnable, not running ${m(runnable)}; GC ${m(gc)}; Atomics.wait ${m(waited)}; timers ${m(timers)}) + readers ${m(total - toLast)}`;
}

/**
 * Where the slowest 1 % of edits' time to the last frame went between the main thread's recorded
 * callbacks (from the thread's CPU and run-queue totals at each callback's start), averaged:
 * asleep (the event loop waiting for I/O: the edit's frame not there yet, because the sender or
 * the kernel had not delivered it; or a collection outside any callback waiting for V8's helper
 * threads), runnable but not running, running (short callbacks below the recording threshold,
 * V8's tasks such as a scavenge); and how much of that time a collection overlapped.
 */
function gapLine(slowest: readonly Edit[], tasks: TraceDump['tasks'], dump: TraceDump): string {
  const sum = { asleep: 0, runnable: 0, running: 0, gc: 0 };
  let n = 0;
  for (const e of slowest) {
    const w = dump.writes[e.key];
    if (!w) continue;
    n++;
    for (let i = 1; i < tasks.length; i++) {
      const a = tasks[i - 1] as TraceDump['tasks'][number];
      const b = tasks[i] as TraceDump['tasks'][number];
      const from = a[0] + a[1];
      const len = b[0] - from;
      if (len <= 0 || b[0] <= e.sent || from >= w[1]) continue;
      const part = overlap(from, len, e.sent, w[1]) / len;
      const cpu = Math.max(0, b[5] - (a[5] + a[3]));
      const queued = Math.max(0, b[6] - (a[6] + a[4]));
      sum.running += Math.min(cpu, len) * part;
      sum.runnable += Math.min(queued, len) * part;
      sum.asleep += Math.max(0, len - cpu - queued) * part;
      for (const [s, d] of dump.gc) sum.gc += overlap(s, d, Math.max(from, e.sent), Math.min(b[0], w[1]));
    }
  }
  const m = (x: number): string => f(x / Math.max(1, n));
  return `slowest 1 % (${n} edits), between callbacks, mean ms of the time to the last frame: asleep ${m(sum.asleep)} (frame not yet delivered, or a collection waiting for helper threads), runnable ${m(sum.runnable)}, running ${m(sum.running)}; a collection meanwhile ${m(sum.gc)}`;
}

/**
 * What the slowest 1 % of edits have in common, as counts of edits: a collection, a timer callback
 * (≥ 0.3 ms) or an `Atomics.wait` between send and last frame; the main thread runnable, not
 * running, for at least half of that time; the readers taking at least half of the total; and in
 * how many stalls they fell (edits whose first frame the same callback wrote share one).
 */
function commonLine(slowest: readonly Edit[], tasks: TraceDump['tasks'], dump: TraceDump, owner: (t: number) => TraceDump['tasks'][number] | undefined): string {
  const c = { gc: 0, timer: 0, wait: 0, runnable: 0, readers: 0 };
  const stalls = new Set<unknown>();
  let n = 0;
  for (const e of slowest) {
    const w = dump.writes[e.key];
    if (!w) continue;
    n++;
    stalls.add(owner(w[0]) ?? e.key);
    const to = w[1];
    let runnable = 0;
    let timer = false;
    for (const [s, d, name, , q] of tasks) {
      const o = overlap(s, d, e.sent, to);
      if (o <= 0) continue;
      runnable += d > 0 ? (q * o) / d : 0;
      timer ||= name.startsWith('Timeout') && d >= 0.3;
    }
    if (timer) c.timer++;
    if (dump.gc.some(([s, d]) => overlap(s, d, e.sent, to) > 0)) c.gc++;
    if (dump.waits.some(([s, d]) => overlap(s, d, e.sent, to) > 0)) c.wait++;
    if (runnable >= (to - e.sent) / 2) c.runnable++;
    if (e.last - to >= (e.last - e.sent) / 2) c.readers++;
  }
  return `slowest 1 % in common (${n} edits, ${stalls.size} stalls): a collection ${c.gc}, a timer callback ${c.timer}, Atomics.wait ${c.wait}; main thread runnable, not running, ≥ half the time to the last frame ${c.runnable}; readers ≥ half the total ${c.readers}`;
}

/** The lines of a traced window's report for server `label`. */
export function traceReport(label: string, edits: readonly Edit[], dump: TraceDump): string[] {
  const out: string[] = [];
  const done = edits.filter((e) => Number.isFinite(e.last)).sort((a, b) => b.last - b.sent - (a.last - a.sent));
  const tasks = [...dump.tasks].sort((a, b) => a[0] - b[0]);
  const owner = (t: number): TraceDump['tasks'][number] | undefined => tasks.find(([s, d]) => s <= t && t <= s + d);
  const line = (rank: string, e: Edit): void => {
    const w = dump.writes[e.key];
    const own = w ? owner(w[0]) : undefined;
    const start = own?.[0] ?? NaN;
    const parts = [
      `${rank} ${e.key}: total ${f(e.last - e.sent)}`,
      `queued ${f(start - e.sent)}`,
      `server ${w ? f(w[1] - start) : '–'} (${own ? `${own[2]} ${f(own[1])}: CPU ${f(own[3])}, runnable ${f(own[4])}` : 'no callback found'}, ${w?.[2] ?? 0} writes)`,
      `readers ${w ? f(e.last - w[1]) : '–'}`,
    ];
    const others = tasks
      .filter((t) => t !== own && t[0] < e.last && t[0] + t[1] > e.sent && t[1] >= 0.3)
      .map(([s, d, n, c, q]) => `${n} ${f(d)} (CPU ${f(c)}, runnable ${f(q)}) @${f(s - e.sent)}`);
    const waits = dump.waits.filter(([s, d]) => s < e.last && s + d > e.sent).map(([s, d]) => `wait ${f(d)} @${f(s - e.sent)}`);
    const gcs = dump.gc.filter(([s, d]) => s < e.last && s + d > e.sent).map(([s, d, k]) => `GC ${GC_KINDS[k] ?? k} ${f(d)} @${f(s - e.sent)}`);
    out.push(`${parts.join(', ')}${others.length || gcs.length || waits.length ? ` | meanwhile: ${[...waits, ...gcs, ...others].join('; ')}` : ''}`);
  };
  out.push(`### ${label}: ${done.length} edits traced`);
  done.slice(0, 6).forEach((e, i) => line(`#${i + 1}`, e));
  const median = done[Math.floor(done.length / 2)];
  if (median) line('median', median);
  out.push(tailLine(done.slice(0, Math.max(1, Math.ceil(done.length / 100))), tasks, dump));
  out.push(gapLine(done.slice(0, Math.max(1, Math.ceil(done.length / 100))), tasks, dump));
  out.push(commonLine(done.slice(0, Math.max(1, Math.ceil(done.length / 100))), tasks, dump, owner));
  const byName = new Map<string, { n: number; ms: number; max: number; cpu: number; queued: number }>();
  for (const [, d, n, c, q] of dump.tasks) {
    const s = byName.get(n) ?? { n: 0, ms: 0, max: 0, cpu: 0, queued: 0 };
    s.n++;
    s.ms += d;
    s.cpu += c;
    s.queued += q;
    s.max = Math.max(s.max, d);
    byName.set(n, s);
  }
  const top = [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  out.push(`callbacks (socket reads all, others ≥ 0.3 ms): ${top.map(([n, s]) => `${n} ×${s.n} ${f(s.ms)} ms: CPU ${f(s.cpu)}, runnable ${f(s.queued)}, slept ${f(s.ms - s.cpu - s.queued)} (max ${f(s.max)})`).join('; ')}`);
  const waited = dump.waits.reduce((a, [, d]) => a + d, 0);
  out.push(`Atomics.wait: ×${dump.waits.length} ${f(waited)} ms (max ${f(Math.max(0, ...dump.waits.map(([, d]) => d)))})`);
  const gcBy = new Map<number, { n: number; ms: number; max: number }>();
  for (const [, d, k] of dump.gc) {
    const s = gcBy.get(k) ?? { n: 0, ms: 0, max: 0 };
    s.n++;
    s.ms += d;
    s.max = Math.max(s.max, d);
    gcBy.set(k, s);
  }
  out.push(`collections: ${[...gcBy].map(([k, s]) => `${GC_KINDS[k] ?? k} ×${s.n} ${f(s.ms)} ms (max ${f(s.max)})`).join('; ') || 'none'}`);
  return out;
}
