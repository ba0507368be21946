import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { npmStart, startRefusal, type StartDeps } from '../../server/npm-start.js';
import { lockDatabase, type DatabaseLock } from '../../server/storage/db-lock.js';

/**
 * `npm start` while a server runs on the same database refuses with the lock's sentence before
 * it builds: the build would rewrite `dist/` under the running server.
 */
const root = resolve(__dirname, '../..');
/** An English locale: these tests assert the English lines (`messageLang`). */
const EN = { LANG: 'en_GB.UTF-8' };
const dirs: string[] = [];
const locks: DatabaseLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDb = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-npm-start-'));
  dirs.push(dir);
  return join(dir, 'samplan.db');
};
/** The sentence `samplan serve` refuses with on a held database (what lockDatabase throws). */
const serveRefusal = (db: string): string => {
  try {
    lockDatabase(db);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the database was not held');
};

describe('npm start on a database another server holds', () => {
  // Not building shows in dist/'s time and in the output; a wall-clock bound only flaked under load (36 s at load 30).
  it('refuses with the lock sentence and does not touch dist/', () => {
    const db = tempDb();
    locks.push(lockDatabase(db));
    const dist = join(root, 'dist');
    const before = existsSync(dist) ? statSync(dist).mtimeMs : null;
    const run = spawnSync('npm', ['start', '--', '--lang', 'en', '--db', db, '--port', '0'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, SAMPLAN_DB: undefined, SAMPLAN_DATABASE_URL: undefined } });
    expect(run.stderr).toContain(serveRefusal(db));
    expect(run.status).toBe(1);
    expect(existsSync(dist) ? statSync(dist).mtimeMs : null).toBe(before);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/vite|tsc -p/);
  }, 90_000);
});

describe('startRefusal: the check npm start makes before building', () => {
  it('is the lock sentence of the --db file while a live process holds it', () => {
    const db = tempDb();
    locks.push(lockDatabase(db));
    expect(startRefusal(['--db', db], EN)).toBe(serveRefusal(db));
  });

  it('reads SAMPLAN_DB as serve does', () => {
    const db = tempDb();
    locks.push(lockDatabase(db));
    expect(startRefusal([], { ...EN, SAMPLAN_DB: db })).toBe(serveRefusal(db));
    expect(startRefusal(['--db', tempDb()], { ...EN, SAMPLAN_DB: db })).toBeNull();
  });

  it('is null for a free file, a lock left by a dead process on this host, and PostgreSQL', () => {
    const db = tempDb();
    expect(startRefusal(['--db', db], EN)).toBeNull();
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: 2 ** 22 + 12_345, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    expect(startRefusal(['--db', db], EN)).toBeNull();
    expect(existsSync(`${db}.lock`)).toBe(true);
    expect(startRefusal(['--database-url', 'postgres://samplan@127.0.0.1/samplan'], EN)).toBeNull();
  });

  it('names a configuration mistake before the build, as serve would', () => {
    expect(startRefusal(['--db', 'x.db'], { ...EN, SAMPLAN_DATABASE_URL: 'postgres://samplan@127.0.0.1/samplan' })).toContain('--db names an SQLite file');
  });

  // The build took half a minute and rewrote dist/ before serve refused these.
  it('refuses an option serve does not take, a bad value and a missing one before the build, in serve’s words', () => {
    expect(startRefusal(['--prot', '8821'], EN)).toBe('samplan serve has no option --prot.');
    expect(startRefusal(['--port', '80x'], EN)).toMatch(/port/i);
    expect(startRefusal(['--port'], EN)).toBe('Missing the value of --port.');
    expect(startRefusal(['--db', tempDb()], { ...EN, SAMPLAN_OIDC_ISSUER: 'https://login.example.se', SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: 'hbi-x', SAMPLAN_OIDC_AUTO_PROVISION: 'kanske' })).toContain('SAMPLAN_OIDC_AUTO_PROVISION');
    expect(startRefusal(['--port', '8821', '--db', tempDb()], EN)).toBeNull();
  });
});

describe('npmStart: what it says around the build', () => {
  /** A start whose commands are recorded (the build taking `buildMs` on its clock and ending with `buildCode`), and every line it wrote, in order. */
  const start = async (buildCode: number, buildMs: number, env: Record<string, string> = EN) => {
    const events: string[] = [];
    let clock = 1_000;
    const deps: StartDeps = {
      run: (command, args) => {
        events.push(`run ${command} ${args.join(' ')}`);
        if (args.includes('build')) clock += buildMs;
        return Promise.resolve(args.includes('build') ? buildCode : 0);
      },
      say: (text) => void events.push(`say ${text}`),
      warn: (text) => void events.push(`warn ${text}`),
      now: () => clock,
      env,
    };
    const code = await npmStart(['--db', tempDb(), '--port', '0'], deps);
    return { code, events };
  };

  it('says it is building the pane before the build, and how long the build took after it, before the server starts', async () => {
    const { code, events } = await start(0, 83_240);
    expect(code).toBe(0);
    expect(events[0]).toMatch(/^say samplan: building the server and the task pane .*\n$/);
    expect(events[1]).toBe('run npm run build');
    expect(events[2]).toBe('say samplan: built in 83.2 s; starting the server.\n');
    expect(events[3]).toMatch(/^run .* dist\/server\/cli\.js serve --demo --db /);
    expect(events).toHaveLength(4);
  });

  it('writes the seconds with a decimal comma in Swedish, as Swedish writes them (it wrote 83.2 s)', async () => {
    const { events } = await start(0, 83_240, { LANG: 'sv_SE.UTF-8' });
    expect(events[2]).toBe('say samplan: byggt på 83,2 s; startar servern.\n');
    expect((await start(2, 4_000, { LANG: 'sv_SE.UTF-8' })).events[2]).toBe('warn samplan: bygget misslyckades efter 4,0 s (slutkod 2); servern startades inte.\n');
  });

  it('says a failed build failed, after how long, and that the server was not started', async () => {
    const { code, events } = await start(2, 4_000);
    expect(code).toBe(2);
    expect(events.slice(1)).toEqual(['run npm run build', 'warn samplan: the build failed after 4.0 s (exit code 2); the server was not started.\n']);
  });
});

describe('npmStart on a port that is taken', () => {
  let taken: Server | undefined;
  afterEach(() => void taken?.close());

  it('refuses with serve’s sentence before the build', async () => {
    taken = createServer();
    const port = await new Promise<number>((resolve) => taken?.listen(0, '127.0.0.1', () => resolve((taken?.address() as { port: number }).port)));
    const events: string[] = [];
    const deps: StartDeps = { run: (command, args) => (events.push(`run ${command} ${args.join(' ')}`), Promise.resolve(0)), say: (t) => void events.push(`say ${t}`), warn: (t) => void events.push(`warn ${t}`), now: () => 0, env: EN };
    expect(await npmStart(['--db', tempDb(), '--port', String(port)], deps)).toBe(1);
    expect(events).toEqual([expect.stringMatching(new RegExp(`^warn Port ${port} on 127\\.0\\.0\\.1 is already in use`))]);
  });
});
