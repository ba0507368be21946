/**
 * `samplan --help`, `--version` and a mistake on the command line load no package: the CLI once
 * imported every command's modules at its start (the server, Yjs, Hono, better-sqlite3, pg,
 * ExcelJS), 1.1–1.4 s of CPU before it printed its usage. What a process loads is recorded by a
 * module resolve hook registered before the CLI starts; a command that runs is the control that
 * the hook sees what is loaded.
 */
import { spawnSync } from 'node:child_process';
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
beforeAll(async () => {
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'register.mjs'), REGISTER);
  command = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Run the CLI with `args`; its exit code, stdout and the npm packages it loaded (tsx, which runs the sources outside a test run, left out). */
function loads(args: string[]): { code: number | null; out: string; packages: string[] } {
  const file = join(dir, `loads-${++runs}.txt`);
  writeFileSync(file, '');
  const [node, cliArgs] = command;
  const res = spawnSync(node, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...cliArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SAMPLAN_LOADS_FILE: file },
    timeout: 60_000,
  });
  const urls = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined && p !== 'tsx'));
  return { code: res.status, out: res.stdout, packages: [...packages].sort() };
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

  it('a command that runs loads what it uses (the store), on an SQLite file no PostgreSQL driver', () => {
    const run = loads(['workspace', 'list', '--db', ':memory:']);
    expect(run.code).toBe(0);
    expect(run.packages).toContain('better-sqlite3');
    expect(run.packages).not.toContain('pg');
  });

  it('a command given a database URL loads the PostgreSQL driver', () => {
    // Nothing listens on port 1: the store is refused, after pg was loaded to reach it.
    const postgres = loads(['workspace', 'list', '--database-url', 'postgres://samplan@127.0.0.1:1/samplan']);
    expect(postgres.code).not.toBe(0);
    expect(postgres.packages).toContain('pg');
  });
});
