/**
 * `samplan history scan` and `samplan history drop` on an SQLite file: the demo workspace scans
 * clean; a number typed into a demo plan and deleted again is named by workspace, document and
 * place with the command that removes it (exit 2), never the number; the drop (dry run first, then
 * --all-flagged) leaves the live rows as they were and the scan clean; a live number is refused
 * (exit 2), naming the place. A stored update that does not decode is named by document, sequence
 * number and time (exit 1, the rest still scanned); the scan said only "No personnummer" before.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listenedClient } from '../support/listened-client.js';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE as WS, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { rowsOf, setCell } from '../../shared/doc/index.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';
import { DAMAGED_UPDATE } from '../support/damaged-update.js';

const PLAN = 'aktivitetsplan-vc-tensta';
const OTHER = 'aktivitetsplan-vc-rinkeby';
const NUMBER = '850101-1236';

/** The stored state of `doc` in `file` as a Y.Doc (snapshot and tail). */
async function stored(file: string, doc: string): Promise<Y.Doc> {
  const s = openSqliteStorage(file);
  try {
    const got = await s.loadDoc({ workspace: WS, doc });
    const y = new Y.Doc();
    y.transact(() => {
      if (got.snapshot) Y.applyUpdateV2(y, got.snapshot);
      for (const u of got.updates) Y.applyUpdate(y, u);
    });
    return y;
  } finally {
    await s.close();
  }
}

/** Append to `doc` what `edit` changes, past the server's checks (as an older Samplan stored it). */
async function edit(file: string, doc: string, change: (y: Y.Doc, rowId: string) => void): Promise<void> {
  const y = await stored(file, doc);
  const sv = Y.encodeStateVector(y);
  const id = rowsOf(y)[0]?.id;
  if (id === undefined) throw new Error(`${doc} has no row`);
  change(y, id);
  const s = openSqliteStorage(file);
  try {
    await s.appendUpdates({ workspace: WS, doc }, [{ update: Y.encodeStateAsUpdate(y, sv), memberId: null }]);
  } finally {
    await s.close();
  }
}

/** The sequence number of `doc`'s last stored update in `file`. */
async function lastSeq(file: string, doc: string): Promise<number> {
  const s = openSqliteStorage(file);
  try {
    return (await s.lastSeqs(WS, [doc])).get(doc) ?? 0;
  } finally {
    await s.close();
  }
}

describe('samplan history', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-cli-history-'));
  const seeded = path.join(dir, 'seeded.db');
  beforeAll(async () => {
    const s = openSqliteStorage(seeded);
    await seedDemo(s, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger(), tokenFile: null });
    await s.close();
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** A copy of the seeded file for one case, so that no case reads what another wrote. */
  let copies = 0;
  const seededCopy = (): string => {
    const db = path.join(dir, `samplan-${++copies}.db`);
    fs.copyFileSync(seeded, db);
    return db;
  };

  it('scans the demo workspace clean', async () => {
    const { code, out, err } = await cliEn(['history', 'scan', '--db', seededCopy()]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^No personnummer in the stored history of \d+ documents\.$/);
  });

  it('names a typed-then-deleted number by document and place, drops it, and leaves the live rows', async () => {
    const db = seededCopy();
    let row = '';
    await edit(db, PLAN, (y, id) => ((row = id), setCell(y, id, 'activity', `Ring Eva ${NUMBER}`)));
    await edit(db, PLAN, (y, id) => setCell(y, id, 'activity', 'Ring Eva'));
    const seq = await lastSeq(db, PLAN);
    const scan = await cliEn(['history', 'scan', '--db', db]);
    expect(scan.code).toBe(2);
    expect(scan.err).toContain(`${WS}/${PLAN}: a personnummer in its stored history at update ${seq - 1} `);
    expect(scan.err).toContain(`remove it with samplan history drop ${WS}/${PLAN} --db ${db}`);
    expect(scan.err).toMatch(/\n1 of \d+ documents hold a personnummer in their stored history\.$/);
    expect(scan.out + scan.err).not.toMatch(/850101|1236/);
    expect((await cliEn(['history', 'scan', `${WS}/${OTHER}`, '--db', db])).code).toBe(0);

    const rows = (await stored(db, PLAN)).getMap('rows').toJSON();
    expect(JSON.stringify(rows)).toContain('"Ring Eva"');
    // The dry run writes nothing: the file's bytes are compared, not scanned again (a scan of the
    // workspace reads all 26 documents' history, about 1 s of CPU).
    const files = () => [db, `${db}-wal`].map((file) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null));
    const before = files();
    const dry = await cliEn(['history', 'drop', `${WS}/${PLAN}`, '--dry-run', '--db', db]);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toMatch(new RegExp(`^${WS}/${PLAN}: would drop \\d+ updates?, .*dry run, nothing written\\)\\. A personnummer was held at update ${seq - 1}\\.$`));
    expect(files()).toEqual(before);

    const drop = await cliEn(['history', 'drop', '--all-flagged', '--db', db]);
    expect(drop).toMatchObject({ code: 0, err: '' });
    expect(drop.out).toContain(`${WS}/${PLAN}: history dropped (`);
    expect(drop.out).toContain(`the live state at update ${seq} is its only snapshot, the next edit is update ${seq + 1}. A personnummer was held at update ${seq - 1}.`);
    expect(drop.out.split('\n')).toHaveLength(1);
    expect((await stored(db, PLAN)).getMap('rows').toJSON()).toEqual(rows);
    expect((await cliEn(['history', 'scan', '--db', db])).code).toBe(0);
    // Nor in the file's pages, freed or not, nor its log (no server holds them here).
    for (const file of [db, `${db}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).toString('latin1')).not.toContain(NUMBER);
    expect(row).not.toBe('');
  });

  it('names a stored update that does not decode by document, sequence number and time, and scans the rest (exit 1)', async () => {
    const db = seededCopy();
    const s = openSqliteStorage(db);
    try {
      await s.appendUpdates({ workspace: WS, doc: OTHER }, [{ update: DAMAGED_UPDATE, memberId: null }]);
    } finally {
      await s.close();
    }
    const seq = await lastSeq(db, OTHER);
    await edit(db, PLAN, (y, id) => setCell(y, id, 'activity', `Ring Eva ${NUMBER}`));
    const scan = await cliEn(['history', 'scan', '--db', db]);
    expect(scan.code).toBe(2);
    const lines = scan.err.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${WS}/${OTHER}: update ${seq}, stored \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, does not decode \\(Yjs said: .+\\); its stored history is damaged there\\. Its bytes were still read for a personnummer\\. Restore the database from a backup`));
    // The number is in a live cell: named as the live state's, at its path, not as deleted text.
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${WS}/${PLAN}: a personnummer in its live state at rows/[^/]+/activity \\(stored at update `)));
    expect(lines).toContainEqual(expect.stringMatching(/^1 of \d+ documents have stored history that does not decode whole\.$/));
    // Without the number, the damaged update alone: the scan ends, says what it read, and exits 1.
    const alone = await cliEn(['history', 'scan', `${WS}/${OTHER}`, '--db', db]);
    expect(alone.code).toBe(1);
    expect(alone.out).toBe('No personnummer in the stored history of 1 document.');
    expect(alone.err.split('\n')).toEqual([expect.stringMatching(new RegExp(`^${WS}/${OTHER}: update ${seq}, stored `)), '1 of 1 document has stored history that does not decode whole.']);
  });

  it('refuses to drop a history whose live state holds a number (exit 2), naming the place, not the number', async () => {
    const db = seededCopy();
    let row = '';
    await edit(db, OTHER, (y, id) => ((row = id), setCell(y, id, 'activity', `Ring Eva ${NUMBER}`)));
    const before = fs.readFileSync(db);
    const { code, out, err } = await cliEn(['history', 'drop', `${WS}/${OTHER}`, '--db', db]);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe(`${WS}/${OTHER}: its live state holds text the guard refuses at rows/${row}/activity (a personnummer); nothing was dropped. Change the text at that place (on a server, in the document), then drop again.`);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses a document that is not there as every command does (exit 2), and says a never-edited one has nothing to drop (exit 0)', async () => {
    const db = seededCopy();
    const notThere = `samplan: There is no document "${WS}/no-such-plan" in this database: no record and nothing stored under that id (samplan history scan ${WS} lists what it holds).`;
    expect(await cliEn(['history', 'drop', `${WS}/no-such-plan`, '--db', db])).toEqual({ code: 2, out: '', err: notThere });
    expect(await cliEn(['history', 'scan', `${WS}/no-such-plan`, '--db', db])).toEqual({ code: 2, out: '', err: notThere });
    const s = openSqliteStorage(db);
    try {
      await s.putDocRecord({ workspace: WS, doc: 'tom-plan', kind: 'activity-plan', title: 'Tom', ownerUnit: 'vc-tensta', createdAt: '2026-01-15T10:00:00.000Z', updatedAt: '2026-01-15T10:00:00.000Z' });
    } finally {
      await s.close();
    }
    expect(await cliEn(['history', 'drop', `${WS}/tom-plan`, '--db', db])).toEqual({ code: 0, err: '', out: `${WS}/tom-plan: nothing is stored of its history (it was never edited); nothing to drop.` });
    expect(await cliEn(['history', 'scan', `${WS}/tom-plan`, '--db', db])).toEqual({ code: 0, err: '', out: 'No personnummer in the stored history of 1 document.' });
  });

  it('says so for a malformed name', async () => {
    const db = seededCopy();
    const bad = await cliEn(['history', 'drop', `${WS}/`, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^"hbi-stockholm\/" is not <workspace>\/<doc>/);
  });
});

describe.skipIf(servicesMissing() !== null)('samplan history on PostgreSQL', () => {
  const server = usePostgres();

  it('names the place, drops it and scans clean, with --database-url', async () => {
    const url = await server.createDb('cli_history');
    const s = await openPostgresStorage(url);
    const ref = { workspace: 'ws1', doc: 'plan-a' };
    try {
      await s.putWorkspace({ id: 'ws1', name: 'Region', createdAt: '2026-01-01T00:00:00.000Z' });
      await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
      const y = new Y.Doc();
      const row = new Y.Map<unknown>();
      for (const text of [`Ring Eva ${NUMBER}`, 'Ring Eva']) {
        const sv = Y.encodeStateVector(y);
        if (!row.doc) y.getMap('rows').set('r1', row);
        row.set('activity', text);
        await s.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(y, sv), memberId: null }]);
      }
    } finally {
      await s.close();
    }
    const scan = await cliEn(['history', 'scan', '--database-url', url]);
    expect(scan.code).toBe(2);
    expect(scan.err).toContain('ws1/plan-a: a personnummer in its stored history at update 1 ');
    expect(scan.err).toContain('remove it with samplan history drop ws1/plan-a --database-url <url>');
    expect(scan.out + scan.err).not.toMatch(/850101|1236/);
    const drop = await cliEn(['history', 'drop', 'ws1/plan-a', '--database-url', url]);
    expect(drop).toEqual({
      code: 0,
      err: '',
      out: [
        'ws1/plan-a: history dropped (2 updates, 0 checkpoints, 0 take-backs); the live state at update 2 is its only snapshot, the next edit is update 3. A personnummer was held at update 1.',
        'On PostgreSQL the dropped bytes are still in the table files: deleted rows stay on disk until their tables are rewritten. Run VACUUM FULL update_log, snapshots, checkpoints, take_backs; in psql (or give the drop --vacuum) to remove them; it locks those tables while it runs, so a server\'s edits wait. Backups, dumps and WAL archives made before the drop still hold them.',
      ].join('\n'),
    });
    expect(await cliEn(['history', 'scan', 'ws1', '--database-url', url])).toEqual({ code: 0, err: '', out: 'No personnummer in the stored history of 2 documents.' });
    // With --vacuum the tables are rewritten: each gets new files (VACUUM FULL), the old ones holding the deleted rows go.
    const files = async (): Promise<string[]> => {
      const c = listenedClient({ connectionString: url });
      await c.connect();
      try {
        return (await c.query("SELECT t, pg_relation_filenode(t::regclass)::text AS f FROM unnest(ARRAY['update_log', 'snapshots', 'checkpoints', 'take_backs']) AS t")).rows.map((r: { f: string }) => r.f);
      } finally {
        await c.end();
      }
    };
    const before = await files();
    const vacuumed = await cliEn(['history', 'drop', 'ws1/plan-a', '--vacuum', '--database-url', url]);
    expect(vacuumed.code).toBe(0);
    expect(vacuumed.out.split('\n')[1]).toBe('Tables rewritten (VACUUM FULL update_log, snapshots, checkpoints, take_backs): the dropped bytes are no longer in their files. Backups, dumps and WAL archives made before the drop still hold them.');
    const after = await files();
    for (let i = 0; i < before.length; i++) expect(after[i]).not.toBe(before[i]);
  });

  it('refuses --vacuum on SQLite and with --dry-run as a usage error (exit 2), before anything is dropped', async () => {
    const url = await server.createDb('cli_history_vacuum');
    expect(await cliEn(['history', 'drop', 'ws1/plan-a', '--vacuum', '--dry-run', '--database-url', url])).toMatchObject({ code: 2, out: '' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-cli-vacuum-'));
    try {
      const db = path.join(dir, 'samplan.db');
      await openSqliteStorage(db).close();
      const got = await cliEn(['history', 'drop', 'ws1/plan-a', '--vacuum', '--db', db]);
      expect(got).toMatchObject({ code: 2, out: '' });
      expect(got.err).toContain('--vacuum is for PostgreSQL (--database-url): SQLite overwrites the dropped bytes as it drops them.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
