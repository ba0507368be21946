/**
 * The running server's process id, in `<db>.pid` next to its database, so that `samplan stop`
 * (`npm stop`) can stop a server `npm start` left running in the background. Written once the
 * server listens, removed when it stops; a file whose process is gone is stale and ignored.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { processAlive, realDatabasePath } from './storage/db-lock.js';

/** The pid file of the server on `db` (named after its real path, as its lock is); null for an in-memory database. */
export function pidFileOf(db: string): string | null {
  return db === ':memory:' ? null : `${realDatabasePath(db)}.pid`;
}

/** Record this process as the server on the file's database. */
export function writePidFile(file: string): void {
  writeFileSync(file, `${process.pid}\n`);
}

/** Remove the file if it still names this process. */
export function removePidFile(file: string): void {
  if (readPid(file) === process.pid) rmSync(file, { force: true });
}

function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** What {@link stopServer} found: stopped (pid), nothing running, or still running after the wait. */
export type StopResult = { kind: 'stopped'; pid: number } | { kind: 'not-running'; stale: boolean } | { kind: 'timeout'; pid: number };

/**
 * Send SIGTERM to the server named in `file` and wait up to `timeoutMs` (ms) for it to exit
 * (it closes sockets, flushes and closes storage first). A stale file is removed.
 */
export async function stopServer(file: string, timeoutMs = 15_000): Promise<StopResult> {
  const pid = readPid(file);
  if (pid === null || !processAlive(pid)) {
    const stale = existsSync(file);
    rmSync(file, { force: true });
    return { kind: 'not-running', stale };
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return { kind: 'stopped', pid };
    await new Promise((done) => setTimeout(done, 100));
  }
  return { kind: 'timeout', pid };
}
