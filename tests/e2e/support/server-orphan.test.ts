/**
 * A test server outlives no test run: when the process that started it is killed (SIGKILL, which
 * runs no teardown), the server stops too, instead of holding its port, its SQLite file and a
 * CPU share on a machine that runs the suite again.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** Whether process `pid` is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a test server whose starter is killed', { timeout: 120_000 }, () => {
  it('stops within seconds of its parent’s SIGKILL', async () => {
    // A parent that starts a server as a test file does, says the server's pid, and waits.
    const starter = `const { startServer } = await import(${JSON.stringify(resolve(root, 'tests/e2e/support/server.ts'))});
      const server = await startServer(); console.log('server-pid ' + server.pid); setInterval(() => undefined, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', starter], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const until = Date.now() + 100_000;
    let pid: number | undefined;
    while (pid === undefined && Date.now() < until && parent.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
      pid = Number(/server-pid (\d+)/.exec(out)?.[1]) || undefined;
    }
    if (pid === undefined) throw new Error(`the parent said no server pid:\n${out}`);
    try {
      parent.kill('SIGKILL');
      const gone = Date.now() + 10_000;
      while (alive(pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid)).toBe(false);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
