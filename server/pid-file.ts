/**
 * The running server's process id, in `<db>.pid` next to its database, so that `samplan stop`
 * (`npm stop`) can stop a server `npm start` left running in the background. Written once the
 * server listens, removed when it stops; a file whose process is gone is stale and ignored.
 *
 * A process id is used again once its process is gone, so a file a server left behind (killed by
 * `kill -9`, a crash, a power cut) may name someone else's process later: `samplan stop` would have
 * sent that process SIGTERM. The file therefore also holds the process's start time as the kernel
 * counts it (`/proc/<pid>/stat`, field 22, on Linux), and a file whose process started at another
 * time is stale like one whose process is gone. Where there is no `/proc` (macOS), or in a file an
 * earlier Samplan wrote, the process id alone decides, as before.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { processAlive, realDatabasePath } from './storage/db-lock.js';
import { digits } from '../shared/i18n/number-words.js';


/** A process id as a sentence names it: its digits, or `?` when the file names none. */
const pidWords = (pid: number | undefined): string => (pid === undefined ? '?' : digits(pid));

/** The pid file of the server on `db` (named after its real path, as its lock is); null for an in-memory database. */
export function pidFileOf(db: string): string | null {
  return db === ':memory:' ? null : `${realDatabasePath(db)}.pid`;
}

/**
 * When process `pid` started, in clock ticks after the machine's boot (`/proc/<pid>/stat`, field
 * 22, read after the command name, which may hold spaces and brackets); null where that cannot be
 * read (no such process, no `/proc`).
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

/** Record this process as the server on the file's database: its id and, where known, its start time. */
export function writePidFile(file: string): void {
  const start = processStart(process.pid);
  writeFileSync(file, `${process.pid}\n${start === null ? '' : `${start}\n`}`);
}

/** Remove the file if it still names this process; one that cannot be read (a folder in its place, other content) is not this process's, and is left. */
export function removePidFile(file: string): void {
  let named: { pid: number } | null;
  try {
    named = readPid(file);
  } catch {
    return;
  }
  if (named?.pid === process.pid) rmSync(file, { force: true });
}

/**
 * `samplan stop` could not read the pid file, or it holds no process id: nothing was signalled or
 * removed. `message` says in English what is wrong and what to do, `sv` the same in Swedish; the
 * CLI exits 1 with it (`cli-failure.ts`).
 */
export class PidFileUnreadableError extends Error {
  /** The sentence in Swedish. */
  readonly sv: string;

  constructor(
    readonly file: string,
    /**
     * Why: no permission to read it, a folder in its place, something else the system refused (its
     * code), content that is no process id, or (`no-start`) a running process named without the
     * start time this system can check it by.
     */
    readonly why: 'permission' | 'folder' | 'content' | 'no-start' | string,
    options?: ErrorOptions & { pid?: number },
  ) {
    const what =
      why === 'no-start'
        ? {
            sv: `den anger process ${pidWords(options?.pid)} men inte när den startade, så det går inte att veta att den processen är servern (en fil från en äldre Samplan, eller skriven för hand)`,
            en: `it names process ${pidWords(options?.pid)} but not when it started, so there is no telling that process is the server (a file of an older Samplan, or written by hand)`,
          }
        : why === 'permission'
        ? { sv: 'den här användaren får inte läsa den', en: 'this user may not read it' }
        : why === 'folder'
          ? { sv: 'det är en mapp', en: 'it is a folder' }
          : why === 'content'
            ? { sv: 'den innehåller inget processnummer', en: 'it holds no process id' }
            : { sv: `systemet vägrade läsa den (${why})`, en: `the system refused to read it (${why})` };
    const todo =
      why === 'permission'
        ? {
            sv: 'Kör samplan stop som den användare som startade servern (eller ge läsrätt till filen).',
            en: 'Run samplan stop as the user who started the server (or give read permission to the file).',
          }
        : {
            sv: `Stoppa servern där den körs (Ctrl+C, kill <pid> eller tjänstehanteraren); kör ingen server på databasen, ta bort ${file}.`,
            en: `Stop the server where it runs (Ctrl+C, kill <pid> or its service manager); if no server runs on the database, remove ${file}.`,
          };
    const verb = why === 'no-start' ? { sv: 'kan inte lita på', en: 'cannot trust' } : { sv: 'kan inte läsa', en: 'cannot read' };
    super(`samplan stop ${verb.en} the pid file ${file}: ${what.en}. No server was stopped and the file was left as it is. ${todo.en}`, options);
    this.name = 'PidFileUnreadableError';
    this.sv = `samplan stop ${verb.sv} pid-filen ${file}: ${what.sv}. Ingen server stoppades och filen lämnades som den är. ${todo.sv}`;
  }
}

/**
 * The process the file names and its start time; null when there is no file. Throws
 * {@link PidFileUnreadableError} for a file it may not read, a folder in its place, or content
 * that is no process id (a file Samplan did not write, or cut short).
 */
function readPid(file: string): { pid: number; start: string | null } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'ENOENT') return null;
    throw new PidFileUnreadableError(file, code === 'EACCES' || code === 'EPERM' ? 'permission' : code === 'EISDIR' ? 'folder' : code, { cause: err });
  }
  const [first, second] = text.trim().split('\n');
  if (!/^\d+$/.test(first?.trim() ?? '')) throw new PidFileUnreadableError(file, 'content');
  const pid = Number.parseInt(first ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new PidFileUnreadableError(file, 'content');
  const start = second?.trim() ?? '';
  return { pid, start: /^\d+$/.test(start) ? start : null };
}

/** Whether the server the file names is still running: its process is there and, when both are known, started when the file says. */
function serverRunning(named: { pid: number; start: string | null }): boolean {
  if (!processAlive(named.pid)) return false;
  const now = named.start === null ? null : processStart(named.pid);
  return now === null || now === named.start;
}

/** What {@link stopServer} found: stopped (pid), nothing running, or still running after the wait. */
export type StopResult = { kind: 'stopped'; pid: number } | { kind: 'not-running'; stale: boolean } | { kind: 'timeout'; pid: number };

/**
 * Send SIGTERM to the server named in `file` and wait up to `timeoutMs` (ms) for it to exit
 * (it closes sockets, flushes and closes storage first). A stale file (its process gone, or another
 * process started since under the same id) is removed and nothing is signalled. Throws
 * {@link PidFileUnreadableError} for a file it cannot read, that holds no process id, or that
 * names a running process without the start time this system can check it by, with nothing
 * signalled or removed.
 */
export async function stopServer(file: string, timeoutMs = 15_000): Promise<StopResult> {
  const named = readPid(file);
  if (named === null || !serverRunning(named)) {
    const stale = existsSync(file);
    rmSync(file, { force: true });
    return { kind: 'not-running', stale };
  }
  const { pid } = named;
  // A file Samplan writes holds the start time where the system counts one (Linux): one without it
  // names a process by its id alone, which may be anyone's by now (as root, `1` is init).
  if (named.start === null && processStart(pid) !== null) throw new PidFileUnreadableError(file, 'no-start', { pid });
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return { kind: 'stopped', pid };
    await new Promise((done) => setTimeout(done, 100));
  }
  return { kind: 'timeout', pid };
}
