/**
 * `samplan migrate` only reads its source: a file of an older schema version is migrated from an
 * upgraded copy and keeps its own version and bytes; a file a newer Samplan wrote is refused in
 * words before anything is written anywhere. The store opened read-only refuses both.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqliteToPostgres, verifyMigration } from '../../server/migrate.js';
import { DatabaseInUseError } from '../../server/storage/db-lock.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { MIGRATIONS, SchemaVersionError } from '../../server/storage/sqlite-schema.js';
import type { Checkpointer } from '../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { servicesMissing, startPostgres, type PgServer } from '../support/services.js';
import { schemaOf, writeVersionFile, WS } from './storage/schema-files.js';
import { made } from './storage/made.js';

/**
 * SHA-256 of the file's bytes and of its write-ahead log's, and the other files its folder holds.
 * A read-only connection to a file in WAL mode makes an empty `-wal` and a `-shm` (the index of
 * the log, in shared memory) beside it when there are none: SQLite's, holding nothing of the file.
 */
function fingerprint(file: string): { bytes: string; log: string; folder: string[] } {
  const hash = (f: string): string => (fs.existsSync(f) ? createHash('sha256').update(fs.readFileSync(f)).digest('hex') : 'none');
  const wal = `${file}-wal`;
  return {
    bytes: hash(file),
    log: fs.existsSync(wal) && fs.statSync(wal).size > 0 ? hash(wal) : 'empty',
    folder: fs.readdirSync(path.dirname(file)).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')).sort(),
  };
}

/** The names in `dir`, sorted. */
const listing = (dir: string): string[] => fs.readdirSync(dir).sort();

/** A checkpointer that never runs: the store's edits stay in its `-wal` until it closes. */
const noCheckpoints = (): Checkpointer => ({ wrote() {}, write: (transaction) => transaction(), writeWith: (transaction, a, b) => transaction(a, b), runs: () => 0, restarts: () => 0, longestWaitMs: () => 0, stop: async () => {} });

/** A file of this build's schema whose version says a newer Samplan wrote it. */
async function newerFile(file: string): Promise<void> {
  await openSqliteStorage(file).close();
  const db = new Database(file);
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
}

describe('the SQLite store opened read-only', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-readonly-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file of an older or a newer schema version in words, leaving it as it was, and writes nothing', async () => {
    const old = path.join(dir, 'v7.db');
    writeVersionFile(old, 7);
    const before = fingerprint(old);
    expect(() => openSqliteStorage(old, { readonly: true })).toThrow(
      new SchemaVersionError(old, 7, MIGRATIONS.length).message,
    );
    expect(() => openSqliteStorage(old, { readonly: true })).toThrow(`${old} has schema version 7, older than this Samplan's (${MIGRATIONS.length}), and was opened read-only`);
    expect(fingerprint(old)).toEqual(before);
    expect(schemaOf(old).version).toBe(7);

    const newer = path.join(dir, 'newer.db');
    await newerFile(newer);
    expect(() => openSqliteStorage(newer, { readonly: true })).toThrow(`has schema version ${MIGRATIONS.length + 1}, newer than this Samplan's (${MIGRATIONS.length}): a newer Samplan wrote it. Upgrade Samplan`);

    const current = path.join(dir, 'current.db');
    await openSqliteStorage(current).close();
    const folder = listing(dir);
    const s = openSqliteStorage(current, { readonly: true });
    try {
      expect(await s.listWorkspaces()).toEqual([]);
      await expect(s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' })).rejects.toThrow(/readonly/);
    } finally {
      await s.close();
    }
    // The -wal and -shm the read-only connection made are gone again.
    expect(listing(dir)).toEqual(folder);
  });
});

const missing = servicesMissing();

describe.skipIf(missing !== null)('samplan migrate leaves its source as it was', () => {
  let server: PgServer;
  let dir: string;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-migrate-source-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a file of an older schema version from an upgraded copy: the file keeps its version and bytes, and no copy is left', async () => {
    const file = path.join(dir, 'v7.db');
    writeVersionFile(file, 7);
    const before = fingerprint(file);
    const lines: string[] = [];
    const url = await server.createDb('fromv7');
    const report = await migrateSqliteToPostgres(file, url, (line) => lines.push(line.en));
    expect(report.mismatched).toEqual([]);
    expect(report.tables.find((t) => t.name === 'take_backs')).toEqual({ name: 'take_backs', source: 1, target: 1 });
    expect(fingerprint(file)).toEqual(before);
    expect(listing(dir)).toEqual(['v7.db']);
    expect(lines[0]).toBe(`${file} has schema version 7, this Samplan's is ${MIGRATIONS.length}: migrating from an upgraded copy, ${file}.migrate-${process.pid}; the file itself is not changed.`);
    // Verifying again later reads the file the same way, and still changes nothing.
    expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [] });
    expect(fingerprint(file)).toEqual(before);
    expect(listing(dir)).toEqual(['v7.db']);
    expect(schemaOf(file).version).toBe(7);
    const dst = await openPostgresStorage(url);
    try {
      expect((await dst.listUpdates({ workspace: WS, doc: 'plan' }, 0, 100)).map((u) => u.seq)).toEqual([7, 8, 9, 10, 11, 12]);
    } finally {
      await dst.close();
    }
  }, 120_000);

  it('leaves the folder of a file of the current schema as it found it: no -wal or -shm made by reading it stays', async () => {
    const file = path.join(dir, 'samplan.db');
    const s = openSqliteStorage(file);
    await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' });
    await s.close();
    const before = listing(dir);
    expect(before).toEqual(['samplan.db']);
    const url = await server.createDb('current');
    expect(await migrateSqliteToPostgres(file, url)).toMatchObject({ mismatched: [] });
    expect(listing(dir)).toEqual(before);
    expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [] });
    expect(listing(dir)).toEqual(before);
    // Verifying holds the file's lock as the copy does: while a live server holds it (here this
    // test's parent process), verification is refused in words, and nothing is made beside the file.
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-03-02T09:00:00.000Z' }));
    await expect(verifyMigration(file, url)).rejects.toThrow(DatabaseInUseError);
    expect(listing(dir)).toEqual(['samplan.db', 'samplan.db.lock']);
  }, 120_000);

  it('leaves a -wal that has no -shm as it found it, reading a copy, and copies the edits the log holds', async () => {
    const live = path.join(dir, 'live.db');
    const s = openSqliteStorage(live, { startCheckpointer: noCheckpoints });
    await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' });
    // A log without its index: a server that died, copied without its -shm.
    const file = path.join(dir, 'moved.db');
    for (const suffix of ['', '-wal']) fs.copyFileSync(`${live}${suffix}`, `${file}${suffix}`);
    await s.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
    const before = { files: listing(dir), ...fingerprint(file) };
    expect(before.files).toEqual(['moved.db', 'moved.db-wal']);
    expect(before.log).not.toBe('empty');
    const url = await server.createDb('moved');
    expect(await migrateSqliteToPostgres(file, url)).toMatchObject({ mismatched: [] });
    expect({ files: listing(dir), ...fingerprint(file) }).toEqual(before);
    expect(await verifyMigration(file, url)).toMatchObject({ mismatched: [] });
    expect({ files: listing(dir), ...fingerprint(file) }).toEqual(before);
    const dst = await openPostgresStorage(url);
    try {
      expect((await dst.listWorkspaces()).map((w) => w.id)).toEqual([WS]);
    } finally {
      await dst.close();
    }
  }, 120_000);

  it('keeps the -wal and -shm a server that died left, with their bytes, and copies the edits its log holds', async () => {
    const live = path.join(dir, 'live.db');
    const s = openSqliteStorage(live, { startCheckpointer: noCheckpoints });
    await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' });
    // The files as a kill -9 leaves them: the edit only in the log.
    const file = path.join(dir, 'crashed.db');
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(`${live}${suffix}`, `${file}${suffix}`);
    await s.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
    const before = listing(dir);
    expect(before).toEqual(['crashed.db', 'crashed.db-shm', 'crashed.db-wal']);
    const wal = fingerprint(file).log;
    expect(wal).not.toBe('empty');
    const url = await server.createDb('crashed');
    expect(await migrateSqliteToPostgres(file, url)).toMatchObject({ mismatched: [] });
    expect(listing(dir)).toEqual(before);
    expect(fingerprint(file).log).toBe(wal);
    const dst = await openPostgresStorage(url);
    try {
      expect((await dst.listWorkspaces()).map((w) => w.id)).toEqual([WS]);
    } finally {
      await dst.close();
    }
  }, 120_000);

  it('refuses a file whose journal a dead server left, read from a copy too, before writing anything to either side', async () => {
    const live = path.join(dir, 'live.db');
    const s = openSqliteStorage(live, { journal: true, journalFlushMs: 60_000, startCheckpointer: noCheckpoints });
    await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' });
    await made(s, { workspace: WS, doc: 'plan' });
    await s.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: new Uint8Array([1]), memberId: null }]);
    // A server killed with its last edit in the journal, copied without its -shm: read from a copy.
    const file = path.join(dir, 'moved.db');
    for (const suffix of ['', '-wal', '.journal']) fs.copyFileSync(`${live}${suffix}`, `${file}${suffix}`);
    await s.close();
    const before = { files: listing(dir), ...fingerprint(file) };
    const url = await server.createDb('journaled');
    await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(`${file}.journal holds edits not yet taken into the database`);
    expect({ files: listing(dir), ...fingerprint(file) }).toEqual(before);
    const dst = await openPostgresStorage(url);
    try {
      expect(await dst.listWorkspaces()).toEqual([]);
    } finally {
      await dst.close();
    }
  }, 120_000);

  it('refuses a file a newer Samplan wrote, in words, before writing anything to either side', async () => {
    const file = path.join(dir, 'newer.db');
    await newerFile(file);
    const before = fingerprint(file);
    const url = await server.createDb('newer');
    await expect(migrateSqliteToPostgres(file, url)).rejects.toThrow(
      `The SQLite file ${file} has schema version ${MIGRATIONS.length + 1}, newer than this Samplan's (${MIGRATIONS.length}): a newer Samplan wrote it. Upgrade Samplan; the file was not changed.`,
    );
    expect(fingerprint(file)).toEqual(before);
    const dst = await openPostgresStorage(url);
    try {
      expect(await dst.listWorkspaces()).toEqual([]);
      expect(await dst.listAudit(WS, 10)).toEqual([]);
    } finally {
      await dst.close();
    }
  }, 120_000);
});
