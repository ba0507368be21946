/**
 * `samplan stop` with a pid file it cannot read (a folder in its place, a link that loops, content
 * that is no process id) says so in words, in English or Swedish, with what to do, and exits 1
 * having signalled and removed nothing: it once showed the system's bare error (`EISDIR: illegal
 * operation on a directory, read`), or took a file of other content for a stale one and removed it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStart } from '../../server/pid-file.js';
import { cliEn } from './cli-capture.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'samplan-cli-stop-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A database path of its own and its pid file. */
function place(): { db: string; pid: string } {
  const db = join(dir, `samplan-${++n}.db`);
  return { db, pid: `${db}.pid` };
}

describe('samplan stop: a pid file it cannot read', () => {
  it('a folder in its place: says so and what to do, exit 1, the folder left', async () => {
    const { db, pid } = place();
    mkdirSync(pid);
    const run = await cliEn(['stop', '--db', db, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `samplan: samplan stop cannot read the pid file ${pid}: it is a folder. No server was stopped and the file was left as it is. Stop the server where it runs (Ctrl+C, kill <pid> or its service manager); if no server runs on the database, remove ${pid}.`,
    );
    expect(existsSync(pid)).toBe(true);
    const sv = await cliEn(['stop', '--db', db, '--lang', 'sv']);
    expect(sv.code).toBe(1);
    expect(sv.err).toBe(
      `samplan: samplan stop kan inte läsa pid-filen ${pid}: det är en mapp. Ingen server stoppades och filen lämnades som den är. Stoppa servern där den körs (Ctrl+C, kill <pid> eller tjänstehanteraren); kör ingen server på databasen, ta bort ${pid}.`,
    );
  });

  it('content that is no process id: said, and the file is not taken for a stale one and removed', async () => {
    for (const content of ['', 'hello\n', '-5\n', '12abc\n']) {
      const { db, pid } = place();
      writeFileSync(pid, content);
      const run = await cliEn(['stop', '--db', db, '--lang', 'en']);
      expect(run.code, JSON.stringify(content)).toBe(1);
      expect(run.err).toMatch(new RegExp(`^samplan: samplan stop cannot read the pid file ${pid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it holds no process id\\. No server was stopped`));
      expect(readFileSync(pid, 'utf8')).toBe(content);
    }
  });

  it('any other refusal of the system (a link that loops): named in words with its code, no stack, no bare error', async () => {
    const { db, pid } = place();
    symlinkSync(pid, pid);
    const run = await cliEn(['stop', '--db', db, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^samplan: samplan stop cannot read the pid file .*: the system refused to read it \(ELOOP\)\. No server was stopped/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('a file that names a process that is gone is still stale and removed', async () => {
    const { db, pid } = place();
    writeFileSync(pid, '999999999\n');
    const run = await cliEn(['stop', '--db', db]);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/removed a stale pid file/);
    expect(existsSync(pid)).toBe(false);
  });

  it.runIf(processStart(process.pid) !== null)('a file naming a running process without its start time: not signalled, said, kept; with it, stopped', async () => {
    // Any process may hold that id by now (as root, `1` is init); this one is the test's own.
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const gone = new Promise((resolve) => other.once('exit', resolve));
      const otherPid = other.pid as number;
      const { db, pid } = place();
      writeFileSync(pid, `${otherPid}\n`);
      const run = await cliEn(['stop', '--db', db, '--lang', 'en']);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(new RegExp(`^samplan: samplan stop cannot trust the pid file .*: it names process ${otherPid} but not when it started, so there is no telling that process is the server`));
      expect(other.exitCode === null && other.signalCode === null).toBe(true);
      expect(readFileSync(pid, 'utf8')).toBe(`${otherPid}\n`);
      writeFileSync(pid, `${otherPid}\n${processStart(otherPid) as string}\n`);
      expect((await cliEn(['stop', '--db', db])).code).toBe(0);
      await gone;
      expect(other.signalCode).toBe('SIGTERM');
    } finally {
      other.kill('SIGKILL');
    }
  });
});
