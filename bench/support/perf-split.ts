/**
 * Where a server's main thread spends a measured window, from the kernel's sampler instead of
 * V8's: `perf record -F 999 -g -p <pid>` (Linux `perf`, Debian's linux-perf) over the window, then
 * each sample of the main thread (thread id = process id) put in the first bucket of
 * {@link PERF_BUCKETS} whose frames it holds anywhere on its stack. The same buckets for every
 * server, so Samplan's split is read beside the peers'.
 *
 * Why not the V8 profile (`--profile`): its samples misstate the servers against each other. In
 * one profiled 100-doc fan-out (load ~16) Samplan's non-idle samples were 2.4× the stock server's
 * (760 against 322 ms) where the same run's main-thread CPU was 1.13× (355 against 313 µs per
 * delivered edit): V8's sampler walks the JavaScript stack at every tick, at a cost that grows
 * with the depth and tier of the code; and it sees nothing of the kernel (a commit's `pwrite`
 * and `fcntl`, a relay's socket writes). `perf` at 999 Hz costs a sample's interrupt and works
 * the same for every thread and every server. Each sample stands for about 1 ms of CPU
 * (`cpu-clock` at 999 Hz), so a bucket's samples per second are its ms per second, to set beside
 * the table's "main-thread CPU" row (the two differ by the sampling's granularity: a 5 s window
 * holds a few hundred samples).
 *
 * Without `perf` (or without the right to trace the process) the window measures nothing and
 * says so; the other figures of the run are unaffected.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { SegmentedWindow } from './region-measure.js';
import { parseFrame, TierCounts, TIER_KINDS } from './perf-tiers.js';

/**
 * The buckets, first match wins: a stack frame's symbol containing one of the strings. Order
 * matters: a commit's SQLite call or a relay's socket write is counted as such, whatever event
 * of the loop it ran in; what is left of a socket-read callback is the receive path
 * (WebSocket framing, decoding, checks, applying to the document), what is left of a
 * `setImmediate` callback the JavaScript around Samplan's group commit and relay.
 */
export const PERF_BUCKETS: readonly (readonly [string, readonly string[]])[] = [
  ['SQLite (statements, WAL writes, locks)', ['sqlite3_', 'Statement::JS_', 'Database::JS_']],
  ['socket writes (syscall and kernel)', ['__GI___libc_write', '__libc_writev', '__writev', 'do_writev']],
  ['GC', ['Heap::Scavenge', 'ScavengerCollector', 'MarkCompactCollector', 'Heap::CollectGarbage', 'MinorMarkCompact']],
  ['V8 compiling on the main thread', ['Compiler::Compile', 'Builtins_CompileLazy', 'InstallOptimizedFunctions', 'FinalizeTurbofanCompilationJob']],
  ['socket reads: receive, check, apply (JS and kernel)', ['uv__read']],
  ['setImmediate callbacks: commit and relay JS', ['CheckImmediate']],
  ['timers', ['uv__run_timers']],
  ['waiting in epoll (syscall and kernel)', ['epoll_wait', 'epoll_pwait']],
];

/** Samples of one window: the main thread's by bucket (`other` last), and the process's by thread name. */
export interface PerfSplit {
  seconds: number;
  main: number;
  buckets: [string, number][];
  threads: [string, number][];
  /** The main thread's samples by the kind of code they ran (`perf-tiers.ts`). */
  tiers: TierCounts;
}

/** Splits `perf script -F comm,tid,ip,sym` output of process `pid` (see {@link PERF_BUCKETS}). */
export function splitPerfScript(text: string, pid: number, seconds: number): PerfSplit {
  const counts = new Map<string, number>(PERF_BUCKETS.map(([name]) => [name, 0]));
  counts.set('other', 0);
  const threads = new Map<string, number>();
  let main = 0;
  const tiers = new TierCounts();
  // A sample is a header line (`comm tid`) and its frames, each a tab-indented line (`ip symbol`), then a blank line.
  for (const sample of text.split(/\n\s*\n/)) {
    const lines = sample.split('\n').filter((l) => l.trim() !== '');
    const header = lines.find((l) => !l.startsWith('\t'));
    if (!header) continue;
    const parts = header.trim().split(/\s+/);
    const tid = Number(parts[parts.length - 1]);
    const comm = parts.slice(0, -1).join(' ') || '?';
    threads.set(comm, (threads.get(comm) ?? 0) + 1);
    if (tid !== pid) continue;
    main++;
    const frameLines = lines.filter((l) => l.startsWith('\t'));
    tiers.add(frameLines.map(parseFrame));
    const frames = frameLines.join('\n');
    const bucket = PERF_BUCKETS.find(([, keys]) => keys.some((k) => frames.includes(k)))?.[0] ?? 'other';
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return { seconds, main, buckets: [...counts], threads: [...threads].sort((a, b) => b[1] - a[1]), tiers };
}

/** One printed line per bucket: ms per second (samples at 999 Hz) and share of the main thread's samples. */
export function perfLines(title: string, split: PerfSplit): string[] {
  const perSecond = (n: number): string => ((n * 1000) / 999 / split.seconds).toFixed(2);
  const share = (n: number): string => (split.main > 0 ? `${((100 * n) / split.main).toFixed(1)} %` : '—');
  return [
    `${title}: main thread ${perSecond(split.main)} ms/s sampled (${split.main} samples over ${split.seconds.toFixed(1)} s); threads: ${split.threads.map(([c, n]) => `${c} ${perSecond(n)}`).join(', ')}`,
    ...split.buckets.map(([name, n]) => `  ${name}: ${perSecond(n)} ms/s, ${share(n)}`),
    `  by the code it ran: ${TIER_KINDS.filter((k) => (split.tiers.kinds.get(k) ?? 0) > 0)
      .map((k) => {
        const parts = [...(split.tiers.parts.get(k) ?? [])].map(([p, n]) => `${p} ${perSecond(n)}`).join(', ');
        return `${k} ${perSecond(split.tiers.kinds.get(k) ?? 0)}${parts ? ` (${parts})` : ''}`;
      })
      .join('; ')} ms/s`,
    `  busiest JavaScript functions (with the builtins they called): ${[...split.tiers.functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([f, n]) => `${f} ${perSecond(n)}`)
      .join(', ')}`,
    `  busiest builtins called from JavaScript: ${[...split.tiers.builtins]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([f, n]) => `${f} ${perSecond(n)}`)
      .join(', ')}`,
  ];
}

/** How long a `perf` control command may wait for its acknowledgement, ms. */
const ACK_MS = 10_000;

/**
 * The measured window of process `pid` sampled by `perf record` (see the module comment), in
 * segments: one `perf` for all of them, started with its events off (`-D -1`) and switched on for
 * each segment and off after it through its control descriptors (`--control fd:3,4`, each command
 * acknowledged), so that what falls between two segments (another server's window, a pause) is not
 * sampled and the rates are over the segments' own seconds. `report` gets the split at `finish`, or
 * a sentence saying why there is none.
 */
export function perfWindow(pid: number, report: (split: PerfSplit | string) => void): SegmentedWindow {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-perf-'));
  const file = join(dir, 'perf.data');
  let child: ChildProcess | null = null;
  let startedAt = 0;
  let seconds = 0;
  let failed: string | null = null;
  /** Who waits for the next acknowledgement, in the order the commands were written. */
  const acks: (() => void)[] = [];
  const command = async (cmd: 'enable' | 'disable'): Promise<void> => {
    const control = child?.stdio[3] as Writable | undefined;
    if (failed || !control) return;
    let timer: NodeJS.Timeout | undefined;
    const acked = new Promise<void>((resolve) => {
      acks.push(resolve);
      timer = setTimeout(() => {
        failed ??= `perf did not acknowledge '${cmd}' within ${ACK_MS} ms`;
        resolve();
      }, ACK_MS);
    });
    control.write(`${cmd}\n`);
    await acked;
    clearTimeout(timer);
  };
  const spawnPerf = async (): Promise<void> => {
    const running = spawn('perf', ['record', '-q', '-F', '999', '-g', '-D', '-1', '--control', 'fd:3,4', '-p', String(pid), '-o', file], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    child = running;
    let stderr = '';
    running.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // Each acknowledgement is `ack\n` (with a trailing NUL): one waiter told per one seen.
    (running.stdio[4] as Readable).on('data', (d: Buffer) => {
      for (let n = d.toString().split('ack').length - 1; n > 0; n--) acks.shift()?.();
    });
    for (const s of [running.stdio[3], running.stdio[4]]) (s as Writable | Readable).on('error', () => undefined);
    running.once('error', (err) => (failed = `perf did not start: ${err.message}`));
    running.once('exit', (code) => {
      failed ??= `perf record ended early (exit ${code}): ${stderr.trim().slice(0, 200)}`;
      for (const tell of acks.splice(0)) tell();
    });
    // Ready once perf has written its file's header.
    const until = Date.now() + 10_000;
    while (!failed && !(existsSync(file) && statSync(file).size > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  };
  return {
    async start() {
      if (!child) await spawnPerf();
      await command('enable');
      startedAt = performance.now();
    },
    async end() {
      seconds += (performance.now() - startedAt) / 1000;
      await command('disable');
    },
    async finish() {
      const running = child;
      if (running && running.exitCode === null) {
        const exited = new Promise((r) => running.once('exit', r));
        const wasFailed = failed;
        running.kill('SIGINT');
        await exited;
        // Its exit after the SIGINT is the end asked for, not a failure.
        failed = wasFailed;
      }
      try {
        if (failed) return report(failed);
        if (!running) return report('perf was never started (no segment)');
        const script = spawnSync('perf', ['script', '-i', file, '-F', 'comm,tid,ip,sym'], { encoding: 'utf8', maxBuffer: 1 << 30 });
        if (script.status !== 0) return report(`perf script failed: ${(script.stderr ?? '').trim().slice(0, 200)}`);
        // BENCH_PERF_KEEP=<dir>: each window's samples are kept there as text, to read by hand.
        const keep = process.env.BENCH_PERF_KEEP;
        if (keep) writeFileSync(join(keep, `perf-${pid}-${Date.now()}.txt`), script.stdout);
        report(splitPerfScript(script.stdout, pid, seconds));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
