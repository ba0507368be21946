/**
 * A benchmark that fails, or is stopped by SIGTERM, after starting its server processes
 * and Redis leaves nothing running: the server process and Redis are gone, its folder removed,
 * and its output pipe closes (a server left running, its stderr the bench's, would hold it open).
 * Which benchmarks install the peer servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BENCHES_WITH_PEERS, needsPeers } from '../../bench/support/peers.js';
import { servicesMissing } from '../support/services.js';

const fixture = fileURLToPath(new URL('./fixtures/bench-dies.ts', import.meta.url));
const runner = fileURLToPath(new URL('./fixtures/runner-of-dies.ts', import.meta.url));
const benchDir = fileURLToPath(new URL('../../bench/', import.meta.url));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
  });

/** Within this the fixture's pipes close, or something it started holds them. */
const CLOSE_MS = 45_000;

/**
 * Run the fixture and, once it printed READY and its server and Redis answer, make it die with
 * `kill`. Resolves with whether its pipes closed within {@link CLOSE_MS}, its exit code, and what
 * is left of what it started (a server process left is killed here afterwards). `script` is the
 * fixture itself or the benchmark runner started on it.
 */
async function dies(mode: 'fail' | 'wait', kill: (proc: ChildProcess) => void, script = fixture) {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
  const ready = await new Promise<string[]>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => line.startsWith('READY ') && resolve(line.split(' ').slice(1)));
    proc.once('exit', () => reject(new Error(`the fixture exited before READY: ${err}`)));
  });
  const [server, port, dir] = [Number(ready[0]), Number(ready[1]), ready[2] as string];
  expect(alive(server)).toBe(true);
  expect(await listening(port)).toBe(true);
  kill(proc);
  const code = await Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), CLOSE_MS))]);
  const left = { code, err, server: alive(server), redis: await listening(port), folder: existsSync(dir) };
  if (left.server) process.kill(server, 'SIGKILL');
  return left;
}

describe.skipIf(servicesMissing() !== null)('a benchmark that dies stops what it started', () => {
  it('on a failure after its servers started', async () => {
    const left = await dies('fail', (proc) => proc.stdin?.write('fail\n'));
    expect(left).toMatchObject({ code: 1, server: false, redis: false, folder: false });
    expect(left.err).toContain('forced failure');
  }, 120_000);

  // SIGINT (Ctrl+C) takes the same path, with 130.
  it('on SIGTERM', async () => {
    const left = await dies('wait', (proc) => proc.kill('SIGTERM'));
    expect(left).toMatchObject({ code: 143, server: false, redis: false, folder: false });
  }, 120_000);

  // `npm run bench` runs each benchmark as a child of the runner: the signal must reach it.
  it('on SIGTERM to the benchmark runner', async () => {
    const left = await dies('wait', (proc) => proc.kill('SIGTERM'), runner);
    expect(left).toMatchObject({ code: 143, server: false, redis: false, folder: false });
  }, 120_000);
});

/** The processes whose parent is `parent`, with their command lines (read from `/proc`). */
function childrenOf(parent: number): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // `pid (comm) state ppid …`: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) found.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

// `bench/region` runs long fan-out windows against a server child: a SIGTERM in one of them must
// stop that server and remove its `samplan-region-*` folder, as for `scale` (it left both).
describe.skipIf(process.platform !== 'linux')('bench/region stopped by SIGTERM', () => {
  it('stops its server and removes its folder', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'samplan-region-teardown-'));
    const args = ['--runs', '1', '--parts', 'fanout', '--servers', 'samplan', '--fanout-docs', '2', '--per-doc', '2'];
    const proc = spawn(process.execPath, ['--import', 'tsx', join(benchDir, 'region.ts'), ...args, '--one-doc-clients', '2', '--seconds', '300'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TMPDIR: tmp },
    });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
    try {
      // Wait (at most 90 s, it compiles and seeds first) for its server child and its folder.
      let server: number | undefined;
      for (let waited = 0; server === undefined && waited < 90_000 && proc.exitCode === null; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        server = childrenOf(proc.pid!).find((c) => c.cmd.includes('samplan-server'))?.pid;
      }
      expect(server, `no server child started: ${err}`).toBeDefined();
      expect(readdirSync(tmp).filter((f) => f.startsWith('samplan-region-'))).toHaveLength(1);
      proc.kill('SIGTERM');
      const code = await Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), CLOSE_MS))]);
      const left = { code, server: alive(server!), folders: readdirSync(tmp).filter((f) => f.startsWith('samplan-region-')) };
      if (left.server) process.kill(server!, 'SIGKILL');
      expect(left).toEqual({ code: 143, server: false, folders: [] });
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('benchmark peers', () => {
  it('are installed for the benchmarks that start a peer server, and for no other (scale needs none)', () => {
    const starts = readdirSync(benchDir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /['"](hocuspocus|y-websocket-server)['"]/.test(readFileSync(join(benchDir, f), 'utf8')))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(starts).toEqual([...BENCHES_WITH_PEERS].sort());
    expect(needsPeers(['scale'])).toBe(false);
    expect(needsPeers(['validate', 'scale', 'reliability'])).toBe(false);
    expect(needsPeers(['scale', 'sync'])).toBe(true);
  });
});
