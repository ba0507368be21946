import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeCommand } from '../support/compiled.js';

/**
 * A command runs in this process (`inProcess`, its `main`) unless what is checked needs a process
 * of its own (a server, and a second one refused beside it): each start of the CLI took 12 s at
 * load 20 (the token test's five spawns, 60 s). Such a process is compiled once per test run
 * (`tests/support/compiled.ts`), not run through tsx, which compiles every source file again at
 * each start. The `tsx`
 * wrapper process is not used either: it relays a signal only when the child acknowledges it within
 * 30 ms and otherwise kills the child and exits 143, which a loaded machine turns into a failed
 * clean-shutdown check.
 */
const [NODE, CLI_ARGS] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));

function run(args: string[], env: Record<string, string> = {}) {
  // The English lines are asserted: a locale of neither language is spoken to in Swedish.
  const res = spawnSync(NODE, [...CLI_ARGS, '--lang', 'en', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** Every server started here, ended after the file when a failed test left one running. */
const started = new Set<ChildProcess>();

/** Start `samplan serve`, resolve with the output once the banner is printed. */
function startServe(db: string): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(NODE, [...CLI_ARGS, 'serve', '--demo', '--lang', 'en', '--db', db, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner; output: ${out}`)), 45_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** The CLI's `main` run in this process, with its printed lines captured. */
async function inProcess() {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { main } = await import('../../server/cli.js');
  return {
    // Its English lines are asserted: a locale of neither language is spoken to in Swedish.
    main: (args: string[]) => main(['--lang', 'en', ...args]),
    logged: () => log.mock.calls.map((c) => String(c[0])),
    errors: () => error.mock.calls.map((c) => String(c[0])),
  };
}

describe('samplan CLI', () => {
  // The CLI's modules loaded once before the tests (10–40 s of transforming at load 20), not inside
  // the first test that runs a command here, whose own timeout would pay for it.
  beforeAll(() => import('../../server/cli.js'), 60_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    const left = [...started].filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(left.map((c) => new Promise((done) => (c.once('exit', done), c.kill('SIGKILL')))));
  });
  const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-'));
  const db = join(dir, 'samplan.db');

  // One server on `db` serves the three tests of serving, in this order: its banner, a second server
  // refused beside it, and `stop` ending it (each start of the CLI's server took 1–2 s on CI, 12 s at
  // load 20). A start of its own is made only where the check is about a start: the token reuse.
  let served: ReturnType<typeof startServe> | undefined;
  const serving = () => (served ??= startServe(db));

  it('serve --demo prints the URLs and an admin, a coordinator, an editor and a viewer token, and answers', async () => {
    const { out } = await serving();
    const text = out();
    const url = /Samplan is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    for (const path of ['/playground', '/manifest.xml', '/addin/taskpane.html', '/metrics']) expect(text).toContain(`${url}${path}`);
    // Each printed token is on the line naming its role, and signs in as that role.
    const printed = Object.fromEntries([...text.matchAll(/^ {2}(admin|coordinator|editor|viewer) +\(.*\) +(spl_[A-Za-z0-9_-]{43})$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(printed).sort()).toEqual(['admin', 'coordinator', 'editor', 'viewer']);
    expect(new Set(text.match(/spl_[A-Za-z0-9_-]{43}/g)).size).toBe(4);
    for (const [role, token] of Object.entries(printed)) {
      const session = await fetch(`${url}/v1/session`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await session.json()) as { role: string }).role, role).toBe(role);
    }
    expect(text).toContain(`${url}/playground?a=${printed.editor}&b=${printed.admin}`);
    expect(text).toContain(`${url}/playground?a=${printed.editor}&b=${printed.coordinator}`);
    // A manager's link: one workbook as the viewer, the link ending at the line's end (no `&b=`).
    expect(text).toMatch(new RegExp(`${url}/playground\\?a=${printed.viewer}$`, 'm'));
    // Not ./data/samplan.db: a plain `npm stop` would not find it, so the command names the file.
    expect(text).toContain(`Stop with Ctrl+C, or with \`samplan stop --db ${db}\` from another terminal`);
    const res = await fetch(`${url}/v1/workspaces/hbi-stockholm`, { headers: { authorization: `Bearer ${printed.viewer}` } });
    expect(res.status).toBe(200);
  }, 60_000);

  it('serve refuses to start on a database another server holds, naming the file and the process', async () => {
    const { child } = await serving();
    const second = run(['serve', '--lang', 'en', '--db', db, '--port', '0', '--log-level', 'warn']);
    expect(second.code).toBe(1);
    expect(second.err).toContain(`The database ${db} is already served by another Samplan server (process `);
    const holder = Number(/\(process (\d+) on/.exec(second.err)?.[1]);
    expect(holder).toBe(child.pid);
    expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: holder });
    expect(second.err).toContain(`${db}.lock`);
    // The other commands still work beside the running server.
    const { main } = await inProcess();
    expect(await main(['token', 'list', '--workspace', 'hbi-stockholm', '--db', db])).toBe(0);
  }, 90_000);

  it('stop ends a server in the background cleanly (SIGTERM, exit 0, no pid or lock file left); the next start reuses the demo tokens kept beside the database', async () => {
    const first = await serving();
    const tokens = first.out().match(/spl_[A-Za-z0-9_-]{43}/g) ?? [];
    expect(existsSync(`${db}.pid`)).toBe(true);
    expect(existsSync(`${db}.demo-tokens.json`)).toBe(true);
    const exited = first.child.exitCode !== null ? Promise.resolve(first.child.exitCode) : new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
    // In this process, not spawned: `stop` waits for the server, this process's child, to be gone,
    // and the event loop here, left running by the awaited command, reaps it once it exits.
    const { main, logged, errors } = await inProcess();
    expect(await main(['stop', '--db', db])).toBe(0);
    expect(`${logged().join('\n')}${errors().join('\n')}`).toContain('Stopped the Samplan server');
    expect(await exited).toBe(0);
    expect(existsSync(`${db}.pid`)).toBe(false);
    expect(existsSync(`${db}.lock`)).toBe(false);
    expect(await main(['stop', '--db', db])).toBe(0);
    expect(logged().join('\n')).toContain('No Samplan server is running');

    const second = await startServe(db);
    expect(second.out().match(/spl_[A-Za-z0-9_-]{43}/g)).toEqual(tokens);
    const again = new Promise<number | null>((resolve) => second.child.once('exit', (code) => resolve(code)));
    second.child.kill('SIGTERM');
    expect(await again).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 90_000);

  it('token create, list and revoke work on the database', async () => {
    const { main, logged, errors } = await inProcess();
    expect(await main(['token', 'create', '--workspace', 'hbi-stockholm', '--member', 'chef', '--expires', '30d', '--label', 'Power Query', '--db', db])).toBe(0);
    expect(errors()).toEqual([]);
    const created = logged().join('\n');
    expect(created).toMatch(/shown only this once/);
    const id = /Token ([a-z]+) for chef/.exec(created)?.[1] as string;
    expect(id).toBeDefined();
    expect(created).toMatch(/spl_[A-Za-z0-9_-]{43}/);

    const listedFrom = logged().length;
    expect(await main(['token', 'list', '--workspace', 'hbi-stockholm', '--db', db])).toBe(0);
    const listed = logged().slice(listedFrom).join('\n');
    const line = listed.split('\n').find((l) => l.startsWith(id));
    expect(line).toContain('active');
    expect(line).toContain('Power Query');
    expect(listed).not.toMatch(/spl_/);

    expect(await main(['token', 'revoke', id, '--db', db])).toBe(0);
    const revokedFrom = logged().length;
    expect(await main(['token', 'list', '--db', db])).toBe(0);
    expect(logged().slice(revokedFrom).join('\n').split('\n').find((l) => l.startsWith(id))).toContain('revoked');
  });

  it('exports and imports rows, and backs up the database', async () => {
    const { main, logged } = await inProcess();
    const out = join(dir, 'plan.csv');
    expect(await main(['export', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', '--format', 'csv', '--sep', 'semicolon', '--out', out, '--lang', 'sv', '--db', db])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Aktivitet;Typ');
    writeFileSync(join(dir, 'new.csv'), 'Aktivitet;Typ\nNy rad från CLI;halsodag\n');
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', join(dir, 'new.csv'), '--dry-run', '--json', '--lang', 'en', '--db', db])).toBe(0);
    expect(JSON.parse(logged().at(-1) ?? '')).toMatchObject({ dryRun: true, imported: 1 });
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', out, '--json', '--lang', 'en', '--db', db])).toBe(0);
    expect(JSON.parse(logged().at(-1) ?? '')).toMatchObject({ dryRun: false, imported: 0, updated: 0 });
    const backup = join(dir, 'backup.db');
    expect(await main(['backup', backup, '--db', db])).toBe(0);
    expect(existsSync(backup)).toBe(true);
    expect(await main(['token', 'revoke', 'nope', '--db', db])).toBe(2);
    // Six commands against one database, each opening and closing it: on a busy machine over 20 s.
  }, 60_000);

  it('says in printed lines which columns an import did not read and which formula cells had no value', async () => {
    const { main, errors } = await inProcess();
    writeFileSync(join(dir, 'extra.csv'), 'Aktivitet;Typ;Färg;Ansvarig kollega\nPromenad med extra kolumner;halsodag;blå;Eva\n');
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', join(dir, 'extra.csv'), '--dry-run', '--lang', 'en', '--db', db])).toBe(0);
    expect(errors()).toContain('2 columns "Färg", "Ansvarig kollega" match no column of aktivitetsplan-vc-tensta and would not be read.');
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat', 'Deltagare nådda']);
    plan.addRow(['Stavgång', 'halsodag', 10, { formula: 'C2*2' }]);
    writeFileSync(join(dir, 'formulas.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', join(dir, 'formulas.xlsx'), '--dry-run', '--lang', 'en', '--db', db])).toBe(0);
    expect(errors().at(-1)).toBe('Cell D2 holds a formula but no saved value and was read as empty. Open the file in Excel, save it (Excel then computes the values) and import it again.');
  }, 60_000);

  it('prints which sheet an import read and why, and the columns it read from hidden ones', async () => {
    const { main, errors } = await inProcess();
    const wb = new ExcelJS.Workbook();
    for (const year of ['2025', '2026']) {
      const ws = wb.addWorksheet(year);
      ws.addRow(['Aktivitet', 'Typ', 'Kommentar']);
      ws.addRow([`Stavgång ${year}`, 'halsodag', 'Ta med vatten']);
      ws.getColumn(3).hidden = true;
    }
    wb.views = [{ activeTab: 1, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 12000, height: 8000 }];
    writeFileSync(join(dir, 'years.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', join(dir, 'years.xlsx'), '--dry-run', '--lang', 'en', '--db', db])).toBe(0);
    const printed = errors().join('\n');
    expect(printed).toContain('the sheet "2026" was read, the one open when the workbook was saved');
    expect(printed).toContain('The column "Comment" is hidden in the workbook but was read like the others.');
  }, 60_000);

  it('prints an imported value outside its catalog range and a percent sign on a count, each with its file row', async () => {
    const { main, errors } = await inProcess();
    writeFileSync(join(dir, 'range.csv'), 'Indikator;Enhet;Period;Kön;Värde\nvc-halsosamtal;vc-cli;2026 kv 1;T;-5\nvc-halsosamtal;vc-cli;2026 kv 2;T;12 %\n');
    expect(await main(['import', 'hbi-stockholm', 'indikatorvarden', join(dir, 'range.csv'), '--dry-run', '--lang', 'en', '--db', db])).toBe(1);
    const printed = errors().join('\n');
    expect(printed).toContain('Row 2 of the file: Value: -5 is below 0, the lowest value the indicator catalog gives for Genomförda hälsosamtal.');
    expect(printed).toMatch(/Record 2 would be refused: Row 3 of the file: Value: "12 %" has a percent sign, but the indicator catalog measures Genomförda hälsosamtal in antal/);
  }, 60_000);

  it('refuses a personnummer in an imported row or a token label with a sentence, and stores nothing', async () => {
    const { main, errors } = await inProcess();
    const rows = async (name: string): Promise<string> => {
      expect(await main(['export', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', '--format', 'json', '--out', join(dir, name), '--db', db])).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    const before = await rows('before.json');
    writeFileSync(join(dir, 'pnr.csv'), 'Aktivitet;Typ\nSamtal med Eva 850101\u20131236;halsodag\n');
    expect(await main(['import', 'hbi-stockholm', 'aktivitetsplan-vc-tensta', join(dir, 'pnr.csv'), '--lang', 'en', '--db', db])).toBe(2);
    expect(errors().join('\n')).toMatch(/Record 1 was not imported: .*contains a personal identity number/);
    expect(await main(['token', 'create', '--workspace', 'hbi-stockholm', '--member', 'chef', '--label', 'Evas dator ８５０１０１-１２３６', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/token's label contains a personal identity number/);
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', 'eva', '--name', 'Eva Ek 850101\u00A01236', '--role', 'viewer', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/member's name contains a personal identity number/);
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', '850101-1236', '--name', 'Eva Ek', '--role', 'viewer', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/member's id contains a personal identity number/);
    expect(await rows('after.json')).toBe(before);
    for (const file of [db, `${db}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file);
      for (const needle of ['850101', '８５０１０１', 'Samtal med Eva', 'Evas dator']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
  });

  it("adds, updates and lists members with the API's rules", async () => {
    const { main, logged, errors } = await inProcess();
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer', '--db', db])).toBe(0);
    expect(logged().at(-1)).toBe('Member nina added to hbi-stockholm as viewer.');
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', 'nina', '--name', 'Nina Ek', '--role', 'editor', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/An editor must belong to at least one unit/);
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', 'Nina Ek', '--name', 'Nina Ek', '--role', 'viewer', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/^--id holds a space \(U\+0020\), which an id may not hold; an id has at most 255 characters/);
    // A UPN holding ' is an id as sign-in takes it, lower-cased.
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', "Sean.O'Brien@Region.se", '--name', 'Sean', '--role', 'viewer', '--db', db])).toBe(0);
    expect(logged().at(-1)).toBe("Member sean.o'brien@region.se added to hbi-stockholm as viewer.");
    expect(await main(['member', 'list', '--workspace', 'hbi-stockholm', '--db', db])).toBe(0);
    expect(logged().find((l) => l.startsWith('nina\t'))).toBe('nina\thbi-stockholm\tviewer\t\tNina Ek');
  });

  it('names a mistyped workspace as such, with the ones the database has, and a role that is none in words', async () => {
    const { main, errors, logged } = await inProcess();
    const typo = 'samplan: There is no workspace "hbi-stokholm" in this database; it has hbi-stockholm.';
    for (const args of [
      ['token', 'create', '--workspace', 'hbi-stokholm', '--member', 'chef'],
      ['token', 'list', '--workspace', 'hbi-stokholm'],
      ['member', 'add', '--workspace', 'hbi-stokholm', '--id', 'eva', '--name', 'Eva', '--role', 'viewer'],
      ['member', 'list', '--workspace', 'hbi-stokholm'],
      ['export', 'hbi-stokholm', 'aktivitetsplan-vc-tensta'],
      ['unit', 'list', '--workspace', 'hbi-stokholm'],
      ['rounds', 'list', '--workspace', 'hbi-stokholm'],
      ['report', 'hbi-stokholm', '2025-kv-2'],
    ]) {
      expect(await main([...args, '--db', db]), args.join(' ')).toBe(2);
      expect(errors().at(-1), args.join(' ')).toBe(typo);
    }
    expect(logged().some((l) => l.includes('hbi-stokholm'))).toBe(false);
    expect(await main(['member', 'add', '--workspace', 'hbi-stockholm', '--id', 'eva', '--name', 'Eva', '--role', 'redaktör', '--db', db])).toBe(2);
    expect(errors().at(-1)).toMatch(/^--role must be one of admin, coordinator, editor, viewer: got "redaktör"\.\n/);
  });

  it('stop with a PostgreSQL URL set refuses with a sentence and leaves the SQLite file\'s server running', async () => {
    const pidDb = join(dir, 'pid.db');
    // A process standing for the server that `<db>.pid` names.
    const stand = spawn('sleep', ['60'], { stdio: 'ignore' });
    const standExit = new Promise<NodeJS.Signals | null>((resolve) => stand.once('exit', (_code, signal) => resolve(signal)));
    try {
      writeFileSync(`${pidDb}.pid`, `${stand.pid}\n`);
      const { main, errors, logged } = await inProcess();
      // The file by its variable: --db beside a database URL is refused by the configuration itself.
      process.env.SAMPLAN_DATABASE_URL = 'postgres://samplan@127.0.0.1:5432/samplan';
      process.env.SAMPLAN_DB = pidDb;
      try {
        expect(await main(['stop'])).toBe(2);
      } finally {
        delete process.env.SAMPLAN_DATABASE_URL;
        delete process.env.SAMPLAN_DB;
      }
      expect(errors().join('\n')).toContain('servers on PostgreSQL (--database-url or SAMPLAN_DATABASE_URL is set) are stopped where they run');
      expect(logged().join('\n')).not.toContain('Stopped');
      expect(stand.exitCode).toBeNull();
      expect(stand.signalCode).toBeNull();
    } finally {
      stand.kill('SIGKILL');
      await standExit;
    }
  });

  it('refuses a database file that does not exist instead of creating it empty; workspace create creates it', async () => {
    const { main, errors } = await inProcess();
    const missing = join(dir, 'typo', 'samplann.db');
    for (const args of [['token', 'list'], ['member', 'list'], ['workspace', 'list'], ['backup', join(dir, 'copy.db')]]) {
      expect(await main([...args, '--db', missing])).toBe(2);
    }
    expect(errors().filter((e) => e.startsWith(`samplan: There is no Samplan database at ${missing}. Name the server's file with --db or SAMPLAN_DB`))).toHaveLength(4);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    const fresh = join(dir, 'fresh.db');
    expect(await main(['workspace', 'create', '--id', 'hbi-jonkoping', '--name', 'Hälsofrämjande Jönköping', '--db', fresh])).toBe(0);
    expect(await main(['workspace', 'list', '--db', fresh])).toBe(0);
    expect(await main(['import', 'hbi-jonkoping', 'plan', join(dir, 'rader.csv'), '--db', fresh])).toBe(2);
    expect(errors()).toContain(`samplan: There is no file ${join(dir, 'rader.csv')} to import.`);
    // A folder and an empty file are said so (a raw EISDIR, and an empty file imported as a file of no rows, exit 0).
    expect(await main(['import', 'hbi-jonkoping', 'plan', dir, '--db', fresh])).toBe(2);
    expect(errors()).toContain(`samplan: ${dir} is a folder: name the file in it to import.`);
    writeFileSync(join(dir, 'tom.csv'), '');
    expect(await main(['import', 'hbi-jonkoping', 'plan', join(dir, 'tom.csv'), '--db', fresh])).toBe(2);
    expect(errors()).toContain(`samplan: The file ${join(dir, 'tom.csv')} is empty (0 bytes): nothing was imported.`);
    // A backup into a folder that is not there yet (the README's ./backup/…) makes the folder.
    expect(await main(['backup', join(dir, 'backup', 'samplan-2026-11-25.db'), '--db', fresh])).toBe(0);
    expect(existsSync(join(dir, 'backup', 'samplan-2026-11-25.db'))).toBe(true);
  });

  it('stops with a clear sentence for a bad setting or an unknown command', async () => {
    const { main, errors } = await inProcess();
    process.env.PORT = 'eighty';
    try {
      expect(await main(['serve', '--db', db])).toBe(2);
    } finally {
      delete process.env.PORT;
    }
    expect(errors().join('\n')).toMatch(/PORT must be a number: got "eighty"/);
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['token', 'create', '--workspace', 'hbi-stockholm', '--member', 'chef', '--expires', 'soon', '--db', db])).toBe(2);
    expect(errors().join('\n')).toMatch(/--expires "soon"/);
  });
});
