/**
 * `samplan --help`, `--version` and a mistake on the command line load no package: the CLI once
 * imported every command's modules at its start (the server, Yjs, Hono, better-sqlite3, pg,
 * ExcelJS), 1.1–1.4 s of CPU before it printed its usage. What a process loads is recorded by a
 * module resolve hook registered before the CLI starts; a command that runs is the control that
 * the hook sees what is loaded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCommand } from '../support/compiled.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-loads-'));
const HOOKS = `import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(file, result.url + '\\n');
  return result;
}
`;
const REGISTER = `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { file: process.env.SAMPLAN_LOADS_FILE } });
`;

let command: [string, string[]];
let runsCommand: [string, string[]];
beforeAll(async () => {
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'register.mjs'), REGISTER);
  command = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
  runsCommand = await nodeCommand(join(process.cwd(), 'tests', 'support', 'cli-runs.ts'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Start `[node, args]` with `more` after them and `env`; its exit code, stdout, stderr and the npm packages it loaded (tsx, which runs the sources outside a test run, left out). */
function started([node, args]: [string, string[]], more: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string; packages: string[]; urls: string[] } {
  const file = join(dir, `loads-${++runs}.txt`);
  writeFileSync(file, '');
  const res = spawnSync(node, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...args, ...more], {
    encoding: 'utf8',
    env: { ...process.env, ...env, SAMPLAN_LOADS_FILE: file },
    timeout: 60_000,
  });
  const urls = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined && p !== 'tsx'));
  return { code: res.status, out: res.stdout, err: res.stderr, packages: [...packages].sort(), urls };
}

/** Run the CLI with `args`, as {@link started}. */
function loads(args: string[]): { code: number | null; out: string; packages: string[]; urls: string[] } {
  return started(command, args);
}

/** Mistakes of commands whose arguments are checked without zod, on the SQLite file `db`: an id, a name, a period, a round id of workspace, unit and rounds too. */
function ZOD_FREE_MISTAKES(db: string): string[][] {
  const on = ['--db', db];
  return [
    ['import', 'ws', 'plan', join(dir, 'none.csv'), ...on],
    ['export', 'ws', 'plan', '--format', 'pdf', ...on],
    ['export', 'ws', 'plan', '--out', `${db}-wal`, ...on],
    ['report', 'ws', '2026-kv-1', '--lang', 'de', ...on],
    ['backup', db, ...on],
    ['migrate', '--from', db, '--to', 'mysql://db.example/samplan'],
    ['history', 'drop', 'ws/plan', '--vacuum', ...on],
    ['workspace', 'create', '--id', 'A B', '--name', 'Region', ...on],
    ['workspace', 'create', '--id', 'ws', '--name', ' ', ...on],
    ['workspace', 'rename', 'ws', '--name', 'a\u202eb', ...on],
    ['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', ...on],
    ['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', '--name', 'VC A', '--parent', 'Region', ...on],
    ['unit', 'rename', '--workspace', 'ws', '--name', 'VC A', ...on],
    ['rounds', 'define', '--workspace', 'ws', '--period', 'sometime', '--due', '2026-04-15', ...on],
    ['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', '15/4', ...on],
    ['rounds', 'close', 'Kv 1', '--workspace', 'ws', ...on],
    ['rounds', 'reopen', 'x'.repeat(65), '--workspace', 'ws', ...on],
  ];
}

describe('samplan: what a start loads', () => {
  it('--help, a command’s --help and --version load no package', () => {
    expect(loads(['--help'])).toMatchObject({ code: 0, packages: [] });
    expect(loads(['export', '--help'])).toMatchObject({ code: 0, packages: [] });
    expect(loads(['--version'])).toMatchObject({ code: 0, packages: [] });
  });

  it('a mistyped command, an unknown option and a missing argument load no package', () => {
    expect(loads(['exprot'])).toMatchObject({ code: 2, packages: [] });
    expect(loads(['member', 'list', '--bogus'])).toMatchObject({ code: 2, packages: [] });
    expect(loads(['export', 'hbi-stockholm'])).toMatchObject({ code: 2, packages: [] });
  });

  it('a mistake in a command’s arguments, settings or files is said before its modules are loaded: no package but zod, which reads the settings and some commands’ arguments', () => {
    const db = join(dir, 'samplan.db');
    writeFileSync(db, '');
    const on = ['--db', db];
    const mistakes = [
      ['serve', '--port', 'abc'],
      ['serve', '--oidc-issuer', 'x', '--oidc-client-id', 'c', '--oidc-workspace', 'ws'],
      ['token', 'create', '--workspace', 'ws', '--member', 'nina', '--expires', 'sometime', ...on],
      ['token', 'create', '--workspace', 'ws', '--member', 'nina', '--label', 'session: x', ...on],
      ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina', '--role', 'boss', ...on],
      ...ZOD_FREE_MISTAKES(db),
    ];
    const run = started(runsCommand, [], { SAMPLAN_CLI_RUNS: JSON.stringify(mistakes) });
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out.trim().split('\n').at(-1) ?? '[]')).toEqual(mistakes.map(() => 2));
    // Each said in its own sentence, none by a failure's stack.
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(run.packages.filter((p) => p !== 'zod')).toEqual([]);
  });

  it('a mistake in the arguments of import, export, report, backup, migrate, history, workspace, unit or rounds loads no package, not even zod: their arguments are checked before the settings are read', () => {
    const db = join(dir, 'samplan.db');
    writeFileSync(db, '');
    const mistakes = ZOD_FREE_MISTAKES(db);
    const run = started(runsCommand, [], { SAMPLAN_CLI_RUNS: JSON.stringify(mistakes) });
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out.trim().split('\n').at(-1) ?? '[]')).toEqual(mistakes.map(() => 2));
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(run.packages).toEqual([]);
  });

  it('a command that runs loads what it uses (the store), on an SQLite file no PostgreSQL driver', () => {
    const run = loads(['workspace', 'list', '--db', ':memory:']);
    expect(run.code).toBe(0);
    expect(run.packages).toContain('better-sqlite3');
    expect(run.packages).not.toContain('pg');
  });

  it('a server on an SQLite file loads neither the PostgreSQL driver nor the Redis client, nor the readers of imported files (saxes, iconv-lite’s decoders)', async () => {
    // Each took 0.1–0.3 s of CPU at every start (load 12–14), and a test run starts some fifty
    // servers. The XML parser of workbooks and the decoder of single-byte text files are imported
    // by the first import that reads such a file.
    const file = join(dir, `loads-${++runs}.txt`);
    writeFileSync(file, '');
    const [node, args] = command;
    const child = spawn(node, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...args, 'serve', '--lang', 'en', '--port', '0', '--db', join(dir, 'serve.db'), '--log-level', 'warn'], {
      env: { ...process.env, SAMPLAN_LOADS_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise((done) => child.once('exit', done));
    try {
      await Promise.race([
        new Promise<void>((up) => child.stdout.on('data', () => /running at http/.test(out) && up())),
        exited.then(() => Promise.reject(new Error(`the server exited:\n${out}`))),
      ]);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const urls = readFileSync(file, 'utf8').split('\n');
    const packages = urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]);
    expect(packages).toContain('better-sqlite3');
    expect(packages).not.toContain('pg');
    expect(packages).not.toContain('ioredis');
    expect(packages).not.toContain('saxes');
    // Of iconv-lite, the code tables alone, which the personnummer net reads every update's bytes by
    // (`shared/validate/raw-scan-readings.ts`): not its decoders.
    expect(new Set(urls.filter((u) => u.includes('/node_modules/iconv-lite/')).map((u) => u.replace(/^.*\/node_modules\/iconv-lite\//, '')))).toEqual(new Set(['encodings/sbcs-data-generated.js']));
  }, 60_000);

  it('an import of a text file loads iconv-lite’s decoders, which read it', () => {
    // Read before the workspace is looked for: the command then stops, as none is in the store.
    const csv = join(dir, 'windows-1252.csv');
    writeFileSync(csv, Buffer.from('Aktivitet;Plats\r\nG\xe5tur;Tensta\r\n', 'latin1'));
    const run = loads(['import', 'ws', 'plan', csv, '--db', ':memory:', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.urls.some((u) => u.endsWith('/node_modules/iconv-lite/lib/index.js'))).toBe(true);
  });

  it('a command given a database URL loads the PostgreSQL driver', () => {
    // Nothing listens on port 1: the store is refused, after pg was loaded to reach it.
    const postgres = loads(['workspace', 'list', '--database-url', 'postgres://samplan@127.0.0.1:1/samplan']);
    expect(postgres.code).not.toBe(0);
    expect(postgres.packages).toContain('pg');
  });
});
