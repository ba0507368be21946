/**
 * `stopOffice`, the run's teardown of its resident office (`office-convert.ts`): once the office's
 * processes have ended it goes on, not waiting for them to be reaped (a zombie still answers
 * signal 0), and it leaves a run without an office alone. `officeConvert` starts the office again
 * when it went away during the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { hasOffice, officeConvert, stopOffice } from './office-convert.js';
import { groupRuns } from './process-state.js';
import { RUN_DIR_ENV } from './run-dir.js';

const made: { children: ChildProcess[]; dirs: string[] } = { children: [], dirs: [] };

afterEach(() => {
  for (const child of made.children) child.kill('SIGKILL');
  for (const dir of made.dirs) fs.rmSync(dir, { recursive: true, force: true });
  made.children = [];
  made.dirs = [];
});

function runDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-test-run-'));
  made.dirs.push(dir);
  return dir;
}

describe('stopOffice', () => {
  it('goes on once the office’s processes have ended, not waiting for them to be reaped', async () => {
    const dir = runDir();
    // The office's one process in a group of its own, a child of a process that never reaps it
    // (`exec sleep`): once stopped it stays a zombie, as the office's processes do until init reaps them.
    const parent = spawn('sh', ['-c', 'setsid sleep 60 & echo $!; exec sleep 120'], { stdio: ['ignore', 'pipe', 'ignore'] });
    parent.on('error', () => undefined);
    made.children.push(parent);
    const group = await new Promise<number>((resolve) => parent.stdout.once('data', (b: Buffer) => resolve(Number(String(b).trim()))));
    await eventually(() => groupRuns(group), 5_000, 'the office stand-in to run');
    fs.mkdirSync(path.join(dir, 'office'));
    fs.writeFileSync(path.join(dir, 'office', 'pid'), String(group));
    const started = Date.now();
    await stopOffice(dir);
    const took = Date.now() - started;
    expect(groupRuns(group)).toBe(false);
    expect(fs.readFileSync(`/proc/${group}/stat`, 'utf8')).toMatch(/\) Z /);
    // A stop that waits while the group answers signal 0 sends SIGKILL only after 5 s.
    console.info(`stopOffice returned after ${took} ms`);
    expect(took).toBeLessThan(5_000);
  });

  it('does nothing for a run that started no office', async () => {
    await expect(stopOffice(runDir())).resolves.toBeUndefined();
  });
});

describe('officeConvert', () => {
  it.runIf(hasOffice() || process.env.CI)('starts the office again when it went away during the run, and converts', { timeout: 120_000 }, async () => {
    // An office of this test's own (its own run folder), so that the run's office is left alone.
    const dir = runDir();
    const before = process.env[RUN_DIR_ENV];
    process.env[RUN_DIR_ENV] = dir;
    try {
      const input = path.join(dir, 'plan.csv');
      fs.writeFileSync(input, 'Aktivitet,Deltagare\nHälsodag,12\n');
      // The run's office as a conversion left it, then gone: a group of its own that has ended.
      const gone = spawn('sh', ['-c', 'exit 0'], { detached: true, stdio: 'ignore' });
      await new Promise((resolve) => gone.once('exit', resolve));
      fs.mkdirSync(path.join(dir, 'office'));
      fs.writeFileSync(path.join(dir, 'office', 'pid'), String(gone.pid));
      await eventually(() => !groupRuns(gone.pid as number), 10_000, 'the ended group to be gone');
      // The old client waited START_S (120 s) for the gone office's pipe, then failed.
      officeConvert([input], 'ods', path.join(dir, 'out'));
      expect(fs.statSync(path.join(dir, 'out', 'plan.ods')).size).toBeGreaterThan(0);
      const group = Number(fs.readFileSync(path.join(dir, 'office', 'pid'), 'utf8'));
      expect(group).not.toBe(gone.pid);
      expect(groupRuns(group)).toBe(true);
    } finally {
      await stopOffice(dir);
      if (before === undefined) delete process.env[RUN_DIR_ENV];
      else process.env[RUN_DIR_ENV] = before;
    }
  });
});
