import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeCommand } from '../../support/compiled.js';
import { lockDatabase } from '../../../server/storage/db-lock.js';
import { openSqliteStorage, type SqliteStorageOptions } from '../../../server/storage/sqlite.js';
import { encodeEntries, JOURNAL_MAGIC } from '../../../server/storage/sqlite-journal-file.js';
import { JournalGapError, JournalMismatchError } from '../../../server/storage/sqlite-journal-recover.js';
import { journalAskedFor, JournalNotTakenInError, journalWanted } from '../../../server/storage/sqlite-journal-store.js';
import { openStorage } from '../../../server/storage/open-storage.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import type { Storage } from '../../../server/storage/storage.js';
import { made } from './made.js';
import { appendUntilKilled } from './append-kill.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const edit = (n: number) => ({ update: new Uint8Array([n]), memberId: 'anna' });

describe('the append journal of an SQLite store (<db>.journal)', () => {
  let dir: string;
  let file: string;
  let journal: string;
  const open = (opts: SqliteStorageOptions = {}): Storage => openSqliteStorage(file, { journal: true, journalFlushMs: 60_000, ...opts });
  /** Rows of `update_rows` as another connection sees them (what SQLite holds, not the journal). */
  const storedRows = (): number => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM update_rows').pluck().get() as number;
    } finally {
      db.close();
    }
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-journal-'));
    file = path.join(dir, 'samplan.db');
    journal = `${file}.journal`;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is kept by a serving store only: not in memory, read-only, under full durability, or with SAMPLAN_SQLITE_JOURNAL=off', () => {
    expect(journalWanted(file, { journal: true }, {})).toBe(true);
    expect(journalWanted(file, {}, {})).toBe(false);
    expect(journalWanted(':memory:', { journal: true }, {})).toBe(false);
    expect(journalWanted(file, { journal: true, readonly: true }, {})).toBe(false);
    expect(journalWanted(file, { journal: true, durability: 'full' }, {})).toBe(false);
    expect(journalWanted(file, { journal: true }, { SAMPLAN_SQLITE_JOURNAL: 'off' })).toBe(false);
  });

  it("is off for the server's store unless SAMPLAN_SQLITE_JOURNAL=on: measured, it cost more CPU than the commits it replaces", async () => {
    expect([journalAskedFor({}), journalAskedFor({ SAMPLAN_SQLITE_JOURNAL: 'off' }), journalAskedFor({ SAMPLAN_SQLITE_JOURNAL: ' On ' })]).toEqual([false, false, true]);
    const saved = process.env.SAMPLAN_SQLITE_JOURNAL;
    delete process.env.SAMPLAN_SQLITE_JOURNAL;
    try {
      const s = await openStorage({ db: file, databaseUrl: null }, undefined, { server: true });
      await made(s, ref);
      await s.appendUpdates(ref, [edit(1)]);
      // Committed to SQLite at once: no journal beside the file.
      expect([fs.existsSync(journal), storedRows()]).toEqual([false, 1]);
      await s.close();
    } finally {
      if (saved === undefined) delete process.env.SAMPLAN_SQLITE_JOURNAL;
      else process.env.SAMPLAN_SQLITE_JOURNAL = saved;
    }
  });

  it('writes each commit to the journal, numbered as SQLite would, and takes them in at the flush timer', async () => {
    let s = open({ journalFlushMs: 30 });
    await made(s, ref, other);
    expect(await s.appendUpdates(ref, [edit(1), edit(2)])).toBe(2);
    // The commit log's synchronous append (`withNow`).
    expect((s.appendUpdates as unknown as { now: Storage['appendUpdates'] }).now(ref, [edit(3)])).toBe(3);
    expect(await s.appendMany!([{ ref, updates: [edit(4)] }, { ref: other, updates: [edit(5)] }])).toEqual([4, 1]);
    expect(storedRows()).toBe(0);
    expect(fs.statSync(journal).size).toBeGreaterThan(JOURNAL_MAGIC.length);
    await new Promise((r) => setTimeout(r, 150));
    expect(storedRows()).toBe(5);
    expect(fs.statSync(journal).size).toBe(JOURNAL_MAGIC.length);
    await s.close();
    expect(fs.existsSync(journal)).toBe(false);
    // Readable only by whom the database is, as its -wal: a journal found with other bits gets the database's.
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(journal, JOURNAL_MAGIC);
    fs.chmodSync(journal, 0o644);
    s = open();
    expect(await s.appendUpdates(ref, [edit(6)])).toBe(5);
    expect(fs.statSync(journal).mode & 0o777).toBe(0o600);
    await s.close();
  });

  it('answers reads, compaction, last numbers and deletion with what was journaled, at once', async () => {
    const s = open();
    await made(s, ref, other);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    expect(await s.appendUpdates(ref, [])).toBe(2);
    expect(await s.lastSeqs(ref.workspace, [ref.doc, other.doc])).toEqual(new Map([[ref.doc, 2], [other.doc, 0]]));
    expect(storedRows()).toBe(0);
    expect((await s.listUpdates(ref, 0, 10)).map((u) => [u.seq, u.update[0]])).toEqual([[1, 1], [2, 2]]);
    await s.appendUpdates(ref, [edit(3)]);
    expect((await s.loadDoc(ref)).lastSeq).toBe(3);
    await s.appendUpdates(ref, [edit(4)]);
    await s.compact(ref, new Uint8Array([9]), 4);
    expect((await s.listCheckpoints(ref)).map((c) => c.seq)).toEqual([4]);
    // A batch the journal does not take (an audit line) goes to SQLite after a flush, numbered on.
    expect(await s.appendUpdates(ref, [{ ...edit(5), audit: [{ workspace: ref.workspace, doc: ref.doc, memberId: 'anna', action: 'edit', bytes: 1, detail: null }] }])).toBe(5);
    expect(await s.appendUpdates(ref, [edit(6)])).toBe(6);
    await s.deleteDoc(ref, [{ at: new Date().toISOString(), ...ref, memberId: 'anna', action: 'delete', bytes: 0, detail: null }]);
    const refused = await s.appendUpdates(ref, [edit(7)]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DocRecordGoneError);
    expect((refused as DocRecordGoneError).gone).toBe('deleted');
    await expect(s.appendUpdates({ ...ref, doc: 'plan-never-made' }, [edit(1)])).rejects.toMatchObject({ gone: 'unknown' });
    await s.close();
    expect(storedRows()).toBe(0);
  });

  it('stores the bytes as they were appended, and moves the record\'s updatedAt as a direct append does', async () => {
    let now = Date.parse('2026-03-02T08:00:00.000Z');
    const s = open({ clock: () => new Date(now) });
    await made(s, ref);
    now += 120_000;
    const bytes = new Uint8Array([1, 2, 3]);
    await s.appendUpdates(ref, [{ update: bytes, memberId: 'anna' }]);
    bytes.fill(0);
    expect((await s.getDocRecord(ref))?.updatedAt).toBe('2026-03-02T08:02:00.000Z');
    expect([...(await s.loadDoc(ref)).updates[0]!]).toEqual([1, 2, 3]);
    await s.close();
  });

  it('refuses the appends after a flush SQLite refused, until a flush succeeds, and loses none', async () => {
    const lines: string[] = [];
    const s = open({ logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) });
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1)]);
    const side = new Database(file);
    side.exec("CREATE TRIGGER refuse BEFORE INSERT ON update_rows BEGIN SELECT RAISE(ABORT, 'disk refused by the test'); END");
    await expect(s.listUpdates(ref, 0, 10)).rejects.toThrow('disk refused by the test');
    await expect(s.appendUpdates(ref, [edit(2)])).rejects.toThrow('disk refused by the test');
    // The server's look whether the store takes writes again (after a fault) asks the journal too.
    await expect(s.checkWritable()).rejects.toThrow('disk refused by the test');
    side.exec('DROP TRIGGER refuse');
    side.close();
    expect(await s.appendUpdates(ref, [edit(2)])).toBe(2);
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2]);
    await s.close();
    // Three failed flushes, told once; and once that it works again.
    const told = lines.map((l) => JSON.parse(l).msg as string).filter((m) => m.startsWith('journal flush'));
    expect(told).toEqual(['journal flush failed; retried at each tick and append, told again once it succeeds', 'journal flush succeeded again']);
  });

  it('takes in a journal left behind at the next open: a crash between a flush and its truncation stores nothing twice, a torn tail is left out', async () => {
    const s = open();
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    const flushedLeft = fs.readFileSync(journal);
    await s.appendUpdates(ref, [edit(3)]);
    const withThird = fs.readFileSync(journal);
    await s.listUpdates(ref, 0, 1);
    await s.close();
    // The flush committed rows 1–3, but the file still held rows 1–2 (no truncation), then a torn entry.
    fs.writeFileSync(journal, Buffer.concat([flushedLeft, withThird.subarray(flushedLeft.length, withThird.length - 1)]));
    const lines: string[] = [];
    let again = open({ logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) });
    expect((await again.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3]);
    // The edits of a torn tail are lost (a crashed machine): said as a warning, not as a routine line.
    expect(lines.map((l) => JSON.parse(l)).filter((l) => l.code === 'JOURNAL_TORN_TAIL').map((l) => [l.level, l.tornBytes])).toEqual([[40, withThird.length - 1 - flushedLeft.length]]);
    await again.close();
    // Rows journaled and never flushed (a killed process): taken in.
    fs.writeFileSync(journal, Buffer.concat([JOURNAL_MAGIC, encodeEntries([{ ...ref, firstSeq: 4, atMs: Date.now(), items: [edit(4), { update: new Uint8Array([5]), memberId: null }] }])]));
    again = open();
    expect((await again.listUpdates(ref, 3, 10)).map((u) => [u.seq, u.update[0], u.memberId])).toEqual([[4, 4, 'anna'], [5, 5, null]]);
    await again.close();
  });

  it('keeps the journal beside the file a link names, so that a store opened through either spelling takes it in', async () => {
    const link = path.join(dir, 'link.db');
    fs.symlinkSync(file, link);
    const s = openSqliteStorage(link, { journal: true, journalFlushMs: 60_000 });
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    // Beside the database file itself, as its -wal and <db>.lock are: not beside the link.
    expect([fs.existsSync(journal), fs.existsSync(`${link}.journal`)]).toEqual([true, false]);
    await s.close();
    // Rows journaled and never flushed (a killed server started on the file): the store opened through the link takes them in.
    fs.writeFileSync(journal, Buffer.concat([JOURNAL_MAGIC, encodeEntries([{ ...ref, firstSeq: 3, atMs: Date.now(), items: [edit(3)] }])]));
    const again = openSqliteStorage(link, { journal: true, journalFlushMs: 60_000 });
    expect((await again.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3]);
    await again.close();
  });

  it('refuses in words a journal with a gap, or one not this database\'s, and keeps it', async () => {
    const s = openSqliteStorage(file);
    await made(s, ref);
    await s.close();
    const left = Buffer.concat([JOURNAL_MAGIC, encodeEntries([{ ...ref, firstSeq: 7, atMs: Date.now(), items: [edit(7)] }])]);
    fs.writeFileSync(journal, left);
    expect(() => open()).toThrow(JournalGapError);
    expect(() => open()).toThrow(/holds update 7 of hbi-stockholm\/plan-husby, but the database's last update of it is 0/);
    expect(fs.readFileSync(journal)).toEqual(left);
    // A read-only store (`samplan migrate`'s source) will not read past it either.
    expect(() => openSqliteStorage(file, { readonly: true })).toThrow(JournalNotTakenInError);
    // Another database's journal copied beside this one: a document it has no record of, or a row
    // stored under the same number with other bytes (a crash's leftover would hold the same).
    fs.rmSync(journal);
    const direct = openSqliteStorage(file);
    await direct.appendUpdates(ref, [edit(1)]);
    await direct.close();
    for (const foreign of [{ ...other, firstSeq: 1, atMs: Date.now(), items: [edit(1)] }, { ...ref, firstSeq: 1, atMs: Date.now(), items: [edit(9), edit(2)] }]) {
      const copied = Buffer.concat([JOURNAL_MAGIC, encodeEntries([foreign])]);
      fs.writeFileSync(journal, copied);
      expect(() => open()).toThrow(JournalMismatchError);
      expect(() => open()).toThrow(/the journal is not this database's/);
      expect(fs.readFileSync(journal)).toEqual(copied);
    }
    expect(storedRows()).toBe(1);
  });

  it('pauses for another store on the file in the same process, which sees every edit', async () => {
    const s = open();
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1)]);
    const guest = openSqliteStorage(file);
    expect((await guest.loadDoc(ref)).lastSeq).toBe(1);
    expect(await s.appendUpdates(ref, [edit(2)])).toBe(2);
    expect(await guest.appendUpdates(ref, [edit(3)])).toBe(3);
    // Paused, the server's look for other writers' rows (an empty batch) reads SQLite.
    expect(await s.appendUpdates(ref, [])).toBe(3);
    expect(await s.lastSeqs(ref.workspace, [ref.doc])).toEqual(new Map([[ref.doc, 3]]));
    await guest.close();
    expect(await s.appendUpdates(ref, [edit(4)])).toBe(4);
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3, 4]);
    await s.close();
  });

  it('refuses a second journaling store on a file whose journal is live, leaving the first one\'s edits to it', async () => {
    const s = open();
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1)]);
    // A second server on the file (a test's or the bench's, which hold no <db>.lock).
    expect(() => open()).toThrow(/already has a journal|already journaled/);
    expect(await s.appendUpdates(ref, [edit(2)])).toBe(2);
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2]);
    await s.close();
  });

  it('has a live owner without <db>.lock flush for a read-only store, which sees every edit and leaves it journaling', async () => {
    const s = open();
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    // A test or bench server holds no <db>.lock: its journal is live all the same.
    const reader = openSqliteStorage(file, { readonly: true });
    expect((await reader.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2]);
    await reader.close();
    expect(await s.appendUpdates(ref, [edit(3)])).toBe(3);
    expect(storedRows()).toBe(2);
    // A server holding <db>.lock: its edits still pending are read too.
    const lock = lockDatabase(file);
    const again = openSqliteStorage(file, { readonly: true });
    expect((await again.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 3]);
    await again.close();
    lock.release();
    await s.close();
  });

  it('pauses for a command in another process, which sees every journaled edit and numbers after them', async () => {
    const s = open();
    await made(s, ref);
    await s.appendUpdates(ref, [edit(1), edit(2)]);
    const [node, script] = await nodeCommand(fileURLToPath(new URL('./append-child.ts', import.meta.url)));
    const child = spawn(node, [...script, file, 'guest'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.on('exit', resolve));
    expect(out.trim().split('\n')).toEqual(['2', '3']);
    expect(await s.appendUpdates(ref, [edit(4)])).toBe(4);
    expect((await s.loadDoc(ref)).updates.map((u) => u[0])).toEqual([1, 2, 0, 4]);
    await s.close();
  }, 60_000);

  // As the SQLite kill test in sqlite.test.ts, with the journal of a server's store.
  it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
    const { acknowledged, signal } = await appendUntilKilled(file, 'journal');
    expect(signal).toBe('SIGKILL');
    expect(fs.statSync(journal).size).toBeGreaterThan(JOURNAL_MAGIC.length);
    const s = open();
    const loaded = await s.loadDoc(ref);
    await s.close();
    expect(loaded.lastSeq).toBeGreaterThanOrEqual(acknowledged);
    expect(loaded.updates).toHaveLength(loaded.lastSeq);
  }, 120_000);
});
