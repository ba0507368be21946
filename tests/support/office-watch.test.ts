import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { watchOffice } from './office-watch.js';
import { groupRuns, runs } from './process-state.js';

const SCRIPT = path.join(import.meta.dirname, 'office-watch.sh');

/** Processes and folders a test made, ended and removed after it whatever happened. */
const made: { groups: number[]; dirs: string[]; children: ChildProcess[] } = { groups: [], dirs: [], children: [] };

afterEach(() => {
  for (const pgid of made.groups) signalGroup(pgid, 'SIGKILL');
  for (const child of made.children) child.kill('SIGKILL');
  for (const dir of made.dirs) fs.rmSync(dir, { recursive: true, force: true });
  made.groups = [];
  made.dirs = [];
  made.children = [];
});

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** A run's scratch folder, named as `global-setup.ts` names them. */
function runDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-test-run-'));
  made.dirs.push(dir);
  return dir;
}

/**
 * A stand-in for the resident office, started as `office-convert.ts` starts it: detached, a group
 * of its own, a launcher (`oosplash`) with a child (`soffice.bin`); the group's id written to the
 * run's `office/pid`. Resolves with the group's id and the child's pid.
 */
async function office(dir: string): Promise<{ group: number; inner: number }> {
  const launcher = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  launcher.on('error', () => undefined);
  made.groups.push(launcher.pid as number);
  const inner = await new Promise<number>((resolve) => launcher.stdout.once('data', (b: Buffer) => resolve(Number(String(b).trim()))));
  fs.mkdirSync(path.join(dir, 'office'));
  fs.writeFileSync(path.join(dir, 'office', 'pid'), String(launcher.pid));
  return { group: launcher.pid as number, inner };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('the watch of a run’s resident office', () => {
  it('stops the office’s whole process group and removes the run’s folder when the run’s process is killed with SIGKILL', async () => {
    const dir = runDir();
    const { group, inner } = await office(dir);
    // The run's process: it holds the watch's pipe, as vitest's main process does, and dies unwarned.
    const run = spawn(
      process.execPath,
      ['-e', `require('node:child_process').spawn('sh', ${JSON.stringify([SCRIPT, dir])}, { stdio: ['pipe', 'ignore', 'ignore'], detached: true }).unref(); console.log('watching'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    run.on('error', () => undefined);
    made.children.push(run);
    await new Promise((resolve) => run.stdout.once('data', resolve));
    expect(runs(inner)).toBe(true);
    run.kill('SIGKILL');
    // Ended, not yet reaped: the stand-in's `sleep`, left by its shell, is reaped by init.
    await eventually(() => !groupRuns(group), 10_000, 'the office group to end');
    expect(runs(inner)).toBe(false);
    await eventually(() => !fs.existsSync(dir), 5_000, 'the run folder to be removed');
  });

  it('ignores signals sent to the run’s process group, and acts once the run’s pipe ends', async () => {
    const dir = runDir();
    const { group } = await office(dir);
    const watch = watchOffice(dir);
    made.children.push(watch);
    // Signalled once its traps are set, as a run's signals come: when it waits in `cat` (its child).
    const children = `/proc/${watch.pid}/task/${watch.pid}/children`;
    await eventually(() => fs.readFileSync(children, 'utf8').trim() !== '', 10_000, 'the watch to wait on its pipe');
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) watch.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([watch.exitCode, watch.signalCode]).toEqual([null, null]);
    expect(groupRuns(group)).toBe(true);
    // The write end closed, as the kernel closes it when the run's process exits.
    watch.stdin?.destroy();
    expect(await exited(watch)).toBe(0);
    await eventually(() => !groupRuns(group), 5_000, 'the office group to end');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('goes on once the office’s processes have ended, not waiting for them to be reaped', async () => {
    const dir = runDir();
    // The office's one process in a group of its own, a child of a process that never reaps it
    // (`exec sleep`): once stopped it stays a zombie, as the office's processes do until init reaps them.
    const parent = spawn('sh', ['-c', 'setsid sleep 60 & echo $!; exec sleep 120'], { stdio: ['ignore', 'pipe', 'ignore'] });
    parent.on('error', () => undefined);
    made.children.push(parent);
    const group = await new Promise<number>((resolve) => parent.stdout.once('data', (b: Buffer) => resolve(Number(String(b).trim()))));
    made.groups.push(group);
    await eventually(() => groupRuns(group), 5_000, 'the office stand-in to run');
    fs.mkdirSync(path.join(dir, 'office'));
    fs.writeFileSync(path.join(dir, 'office', 'pid'), String(group));
    const started = Date.now();
    const watch = watchOffice(dir);
    made.children.push(watch);
    watch.stdin?.end();
    expect(await exited(watch)).toBe(0);
    const took = Date.now() - started;
    expect(groupRuns(group)).toBe(false);
    expect(fs.readFileSync(`/proc/${group}/stat`, 'utf8')).toMatch(/\) Z /);
    // A watch that waits while the group answers signal 0 sends SIGKILL only after 5 s.
    console.info(`the watch ended ${took} ms after the run's pipe`);
    expect(took).toBeLessThan(5_000);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('with no office started, removes only the run’s folder; a folder not named as a run’s is left', async () => {
    const dir = runDir();
    const watch = watchOffice(dir);
    watch.stdin?.end();
    expect(await exited(watch)).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);

    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-other-'));
    made.dirs.push(other);
    const otherWatch = watchOffice(other);
    otherWatch.stdin?.end();
    expect(await exited(otherWatch)).toBe(0);
    expect(fs.existsSync(other)).toBe(true);
  });

  it('stops the run’s PostgreSQL and Redis and removes their folders and the run’s compiled folder once the run’s pipe ends', async () => {
    const dir = runDir();
    const compiledRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-compiled-'));
    made.dirs.push(compiledRoot);
    fs.mkdirSync(path.join(compiledRoot, path.basename(dir), 'cli-0123456789ab'), { recursive: true });
    const other = path.join(compiledRoot, 'samplan-test-run-other');
    fs.mkdirSync(other);
    // Stand-ins named as services.ts names them: a Redis by its pid, a PostgreSQL by its postmaster.pid.
    const server = (): ChildProcess => {
      const child = spawn('sleep', ['60'], { stdio: 'ignore' });
      child.on('error', () => undefined);
      made.children.push(child);
      return child;
    };
    const redis = server();
    const postgres = server();
    const redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-redis-'));
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pg-'));
    made.dirs.push(redisDir, pgDir);
    fs.mkdirSync(path.join(pgDir, 'data'));
    fs.writeFileSync(path.join(pgDir, 'data', 'postmaster.pid'), `${postgres.pid}\n${pgDir}/data\n`);
    fs.mkdirSync(path.join(dir, 'services'));
    fs.writeFileSync(path.join(dir, 'services', path.basename(redisDir)), `${redisDir}\n${redis.pid}\n`);
    fs.writeFileSync(path.join(dir, 'services', path.basename(pgDir)), `${pgDir}\n`);
    const watch = watchOffice(dir, compiledRoot);
    watch.stdin?.end();
    expect(await exited(watch)).toBe(0);
    await eventually(() => redis.signalCode !== null && postgres.signalCode !== null, 10_000, 'the Redis and PostgreSQL stand-ins to end');
    expect([redis.signalCode, postgres.signalCode]).toEqual(['SIGINT', 'SIGINT']);
    expect([redisDir, pgDir, path.join(compiledRoot, path.basename(dir)), dir].filter((d) => fs.existsSync(d))).toEqual([]);
    // Another run's compiled folder stays.
    expect(fs.existsSync(other)).toBe(true);
  });
});
