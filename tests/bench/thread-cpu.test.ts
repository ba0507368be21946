import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { otherThreadsMsPerSecond, PLATFORM_THREAD, threadCpu } from '../../bench/support/thread-cpu.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';

const module = fileURLToPath(new URL('../../bench/support/thread-cpu.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'samplan-thread-cpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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
    // The worker starts with the first write.
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
    const before = [
      { tid: 10, name: 'node', ms: 500 },
      { tid: 11, name: PLATFORM_THREAD, ms: 20 },
      { tid: 12, name: PLATFORM_THREAD, ms: 30 },
    ];
    const after = [
      { tid: 10, name: 'node', ms: 900 },
      { tid: 11, name: PLATFORM_THREAD, ms: 21 },
      { tid: 12, name: PLATFORM_THREAD, ms: 40 },
      { tid: 13, name: 'sqlite-ckpt', ms: 4 },
    ];
    expect(otherThreadsMsPerSecond(10, before, after, 2000)).toEqual([
      { name: PLATFORM_THREAD, msPerSecond: 5 },
      { name: 'sqlite-ckpt', msPerSecond: 2 },
      { name: PLATFORM_THREAD, msPerSecond: 0.5 },
    ]);
    expect(otherThreadsMsPerSecond(10, null, after, 2000)).toEqual([]);
  });
});
