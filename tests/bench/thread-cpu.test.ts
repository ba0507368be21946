import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mainThreadDelta, otherThreadsMsPerSecond, PLATFORM_THREAD, threadCpu, type ThreadCpu } from '../../bench/support/thread-cpu.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { made } from '../server/storage/made.js';

const module = fileURLToPath(new URL('../../bench/support/thread-cpu.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'samplan-thread-cpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const thread = (tid: number, name: string, ms: number, sysMs = 0, runs = 0): ThreadCpu => ({ tid, name, ms, sysMs, runs });

describe('bench threads by name', () => {
  it("names the threads Node started before any work (V8's platform workers), never the main thread", () => {
    const script = `import { nameStartupThreads, threadCpu } from ${JSON.stringify(module)};
      const named = nameStartupThreads();
      console.log(JSON.stringify({ named, pid: process.pid, threads: threadCpu(process.pid) }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { named, pid, threads } = JSON.parse(out.trim().split('\n').at(-1) as string) as { named: number; pid: number; threads: { tid: number; name: string }[] };
    // Node starts 4 V8 platform workers by default (--v8-pool-size), and more threads of its own.
    expect(named).toBeGreaterThanOrEqual(4);
    expect(threads.find((t) => t.tid === pid)?.name).toBe('node');
    expect(threads.filter((t) => t.name === PLATFORM_THREAD)).toHaveLength(named);
  }, 30_000);

  it("names SQLite's checkpointer thread sqlite-ckpt while it runs", async () => {
    const countNamed = (): number => (threadCpu(process.pid) ?? []).filter((t) => t.name === 'sqlite-ckpt').length;
    const before = countNamed();
    const storage = openSqliteStorage(join(dir, 'named.db'));
    // The worker starts at the first checkpoint's time after the first write (the record's, then the update's).
    await made(storage, { workspace: 'ws', doc: 'plan' });
    await storage.appendUpdates({ workspace: 'ws', doc: 'plan' }, [{ update: new Uint8Array(10), memberId: null }]);
    const deadline = Date.now() + 20_000;
    while (countNamed() === before && Date.now() < deadline) await sleep(50);
    expect(countNamed()).toBe(before + 1);
    await storage.close();
    const gone = Date.now() + 20_000;
    while (countNamed() > before && Date.now() < gone) await sleep(50);
    expect(countNamed()).toBe(before);
  }, 60_000);

  it('gives each other thread its CPU per second of the window, the busiest first, a new one from zero', () => {
    const before = [thread(10, 'node', 500), thread(11, PLATFORM_THREAD, 20), thread(12, PLATFORM_THREAD, 30)];
    const after = [thread(10, 'node', 900), thread(11, PLATFORM_THREAD, 21), thread(12, PLATFORM_THREAD, 40), thread(13, 'sqlite-ckpt', 4)];
    expect(otherThreadsMsPerSecond(10, before, after, 2000)).toEqual([
      { name: PLATFORM_THREAD, msPerSecond: 5 },
      { name: 'sqlite-ckpt', msPerSecond: 2 },
      { name: PLATFORM_THREAD, msPerSecond: 0.5 },
    ]);
    expect(otherThreadsMsPerSecond(10, null, after, 2000)).toEqual([]);
  });

  it("gives the main thread's CPU, its kernel part and how often it was put on a CPU between two readings", () => {
    const before = [thread(10, 'node', 500, 100, 40), thread(11, PLATFORM_THREAD, 20, 5, 7)];
    const after = [thread(10, 'node', 900, 160, 90), thread(11, PLATFORM_THREAD, 30, 9, 9)];
    expect(mainThreadDelta(10, before, after)).toEqual({ ms: 400, sysMs: 60, runs: 50 });
    expect(mainThreadDelta(10, null, after)).toEqual({ ms: NaN, sysMs: NaN, runs: NaN });
  });

  it("reads this process's main thread with its kernel time within its CPU time and its runs counted", () => {
    // 100 ms of reading /proc, mostly in the kernel: its part of the main thread grows with them.
    const start = Date.now();
    while (Date.now() - start < 100) readFileSync('/proc/self/stat');
    const main = threadCpu(process.pid)?.find((t) => t.tid === process.pid);
    expect(main?.ms).toBeGreaterThan(0);
    expect(main?.sysMs).toBeGreaterThan(0);
    expect(main?.sysMs).toBeLessThanOrEqual(main?.ms ?? 0);
    expect(main?.runs).toBeGreaterThan(0);
  });
});
