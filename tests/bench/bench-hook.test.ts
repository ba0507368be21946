import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const hook = fileURLToPath(new URL('../../bench/support/bench-hook.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'samplan-bench-hook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child process with the bench hook installed, and a function sending a line and reading the answer. */
function child(): { ask(line: string): Promise<string>; stop(): void } {
  const script = `import { installBenchHook } from ${JSON.stringify(hook)}; installBenchHook(); setInterval(() => { let x = 0; for (let i = 0; i < 2e5; i++) x += Math.sqrt(i); globalThis.sink = x; }, 1);`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: proc.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    ask: (line) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        proc.stdin.write(`${line}\n`);
      }),
    stop: () => void proc.kill('SIGKILL'),
  };
}

describe('bench hook: CPU profile of a window', () => {
  it('writes a V8 CPU profile of the time between profile start and profile stop, and can do so again', async () => {
    const c = child();
    try {
      for (const n of [1, 2]) {
        expect(await c.ask('profile start')).toBe('PROFILE started');
        await new Promise((r) => setTimeout(r, 200));
        const file = join(dir, `p${n}.cpuprofile`);
        expect(await c.ask(`profile stop ${file}`)).toBe(`PROFILE ${file}`);
        const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: unknown[]; samples: unknown[]; startTime: number; endTime: number };
        expect(profile.nodes.length).toBeGreaterThan(1);
        expect(profile.samples.length).toBeGreaterThan(10);
        // The window, not the process's life: about the 200 ms waited.
        expect((profile.endTime - profile.startTime) / 1000).toBeLessThan(5000);
      }
    } finally {
      c.stop();
    }
  }, 30_000);

  it('answers PROFILE none to a stop without a start, or when the file cannot be written', async () => {
    const c = child();
    try {
      expect(await c.ask(`profile stop ${join(dir, 'never.cpuprofile')}`)).toBe('PROFILE none');
      expect(await c.ask('profile start')).toBe('PROFILE started');
      expect(await c.ask(`profile stop ${join(dir, 'no-such-folder', 'p.cpuprofile')}`)).toBe('PROFILE none');
      // The hook still answers afterwards.
      expect(await c.ask('cpu')).toMatch(/^CPU \d+ \d+$/);
    } finally {
      c.stop();
    }
  }, 30_000);
});
