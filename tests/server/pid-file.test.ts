/**
 * `samplan stop` (`stopServer`) signals only the server its pid file names. A file left by a server
 * that was killed (`kill -9`, a crash) may name another process later, once the id is used again:
 * that process was sent SIGTERM. The file holds the process's start time too, and a process that
 * started at another time is not signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { processStart, removePidFile, stopServer, writePidFile } from '../../server/pid-file.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-pid-file-'));
const file = join(dir, 'samplan.db.pid');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A process standing for a server or for someone else's program, and how it ended. */
function stand(): { child: ChildProcess; ended: Promise<NodeJS.Signals | null> } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return { child, ended: new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal))) };
}

describe.skipIf(processStart(process.pid) === null)('stopServer', () => {
  it('leaves alone a process that started after the server the file names, and removes the stale file', async () => {
    const other = stand();
    const pid = other.child.pid as number;
    const start = processStart(pid) as string;
    // The file a server with this id wrote before it was killed: it started earlier than this process.
    writeFileSync(file, `${pid}\n${BigInt(start) - 1000n}\n`);
    expect(await stopServer(file, 1000)).toEqual({ kind: 'not-running', stale: true });
    expect(existsSync(file)).toBe(false);
    expect(other.child.exitCode).toBeNull();
    expect(other.child.signalCode).toBeNull();
  });

  it('stops the process the file names when it started when the file says', async () => {
    const server = stand();
    const pid = server.child.pid as number;
    writeFileSync(file, `${pid}\n${processStart(pid)}\n`);
    expect(await stopServer(file, 5000)).toEqual({ kind: 'stopped', pid });
    expect(await server.ended).toBe('SIGTERM');
  });

  it('writes this process with its start time, and removes only its own file', () => {
    writePidFile(file);
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid}\n${processStart(process.pid)}\n`);
    removePidFile(file);
    expect(existsSync(file)).toBe(false);
  });
});
