import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { made } from './made.js';

/**
 * The common commit numbers its row as the last this connection stored plus one; these are the
 * cases where that number is not the file's next one, and the append must still get it right.
 */
describe('SQLite append numbering from the last number this connection stored', () => {
  let dir: string;
  let file: string;
  const open: Storage[] = [];
  const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
  const one = (byte: number) => [{ update: new Uint8Array(30).fill(byte), memberId: 'm-a' }];
  const firstBytes = async (s: Storage): Promise<number[]> => (await s.loadDoc(ref)).updates.map((u) => u[0] as number);
  const store = (): Storage => {
    const s = openSqliteStorage(file);
    open.push(s);
    return s;
  };
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-seq-'));
    file = path.join(dir, 'samplan.db');
    // The documents the cases append to, made (their records stored) before any connection appends.
    const maker = openSqliteStorage(file);
    await made(maker, ref, { workspace: ref.workspace, doc: 'other' });
    await maker.close();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('numbers after the updates another connection appended meanwhile (samplan import), so the room sees them as foreign', async () => {
    const server = store();
    const cli = store();
    for (let i = 1; i <= 3; i++) expect(await server.appendUpdates(ref, one(i))).toBe(i);
    expect(await cli.appendUpdates(ref, one(4))).toBe(4);
    expect(await cli.appendUpdates(ref, [...one(5), ...one(6)])).toBe(6);
    // The server's next number would be 4: taken, so it is numbered after the file's last.
    expect(await server.appendUpdates(ref, one(7))).toBe(7);
    expect(await server.appendUpdates(ref, one(8))).toBe(8);
    expect(await firstBytes(cli)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('starts again at 1 after the document was deleted, and continues after a snapshot that pruned every row', async () => {
    const s = store();
    for (let i = 1; i <= 3; i++) await s.appendUpdates(ref, one(i));
    await s.deleteDoc(ref);
    await made(s, ref);
    expect(await s.appendUpdates(ref, one(9))).toBe(1);
    expect(await firstBytes(s)).toEqual([9]);
    await s.compact(ref, new Uint8Array([0]), 1);
    expect(await s.appendUpdates(ref, one(10))).toBe(2);
    expect((await s.loadDoc(ref)).lastSeq).toBe(2);
  });

  it('is not moved by a group commit that rolled back', async () => {
    const s = store();
    await s.appendUpdates(ref, one(1));
    await s.appendUpdates(ref, one(2));
    const other = { workspace: 'hbi-stockholm', doc: 'other' };
    // The second batch's row breaks a NOT NULL column, so the whole group is rolled back.
    const bad = [{ update: null as unknown as Uint8Array, memberId: null }];
    await expect(s.appendMany?.([{ ref, updates: one(3) }, { ref: other, updates: bad }])).rejects.toThrow();
    expect(await s.appendUpdates(ref, one(4))).toBe(3);
    expect(await firstBytes(s)).toEqual([1, 2, 4]);
  });
  it('does not number a row under a snapshot another connection compacted to, pruning the rows after the last it knew', async () => {
    const server = store();
    let ms = Date.parse('2026-03-02T08:30:00Z');
    const cli = openSqliteStorage(file, { clock: () => new Date(ms), retention: { keepEveryChangeMs: 60_000, checkpointEveryMs: 60_000 } });
    open.push(cli);
    for (let i = 1; i <= 3; i++) expect(await server.appendUpdates(ref, one(i))).toBe(i);
    await cli.appendUpdates(ref, one(4));
    await cli.appendUpdates(ref, one(5));
    ms += 3_600_000; // the rows are past the retention of every change: the compaction prunes them
    await cli.compact(ref, new Uint8Array([0]), 5);
    expect(await cli.listUpdates(ref, 0, 10)).toEqual([]);
    // The server last stored 3; 4 is free again but lies under the snapshot (upto 5), where a load never reads it.
    expect(await server.appendUpdates(ref, one(6))).toBe(6);
    expect(await firstBytes(cli)).toEqual([6]);
  });

  it('does not leave a gap when another connection deleted and re-created the document', async () => {
    const server = store();
    const cli = store();
    for (let i = 1; i <= 3; i++) await server.appendUpdates(ref, one(i));
    await cli.deleteDoc(ref);
    await made(cli, ref);
    expect(await cli.appendUpdates(ref, one(4))).toBe(1);
    expect(await server.appendUpdates(ref, one(5))).toBe(2);
    expect((await cli.listUpdates(ref, 0, 10)).map((u) => u.seq)).toEqual([1, 2]);
  });

  /** The calls of `get` and `run` (every connection's statements share one prototype) made by `body`. */
  const countStatements = async (body: () => Promise<void>): Promise<{ gets: number; runs: number }> => {
    const probe = new Database(':memory:');
    const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { get: () => unknown; run: () => unknown };
    probe.close();
    const gets = vi.spyOn(statement, 'get');
    const runs = vi.spyOn(statement, 'run');
    try {
      await body();
      return { gets: gets.mock.calls.length, runs: runs.mock.calls.length };
    } finally {
      gets.mockRestore();
      runs.mockRestore();
    }
  };

  it('numbers a group commit from the last numbers it stored, and the commits after it too: no insertNext (a read with RETURNING) in either', async () => {
    const s = store();
    const other = { workspace: 'hbi-stockholm', doc: 'other' };
    for (let i = 1; i <= 2; i++) {
      await s.appendUpdates(ref, one(i));
      await s.appendUpdates(other, one(i));
    }
    const counted = await countStatements(async () => {
      // Two documents in one transaction (the group commit of a turn with two rooms to write), twice.
      expect(await s.appendMany?.([{ ref, updates: one(3) }, { ref: other, updates: [...one(3), ...one(4)] }])).toEqual([3, 4]);
      expect(await s.appendMany?.([{ ref, updates: one(4) }, { ref: other, updates: one(5) }])).toEqual([4, 5]);
      // Then each alone, the common commit.
      expect(await s.appendUpdates(ref, one(5))).toBe(5);
      expect(await s.appendUpdates(other, one(6))).toBe(6);
    });
    expect(counted.gets).toBe(0);
    // One INSERT per row (7), and each group's BEGIN IMMEDIATE and COMMIT (better-sqlite3 runs them as statements too).
    expect(counted.runs).toBe(7 + 2 * 2);
    expect(await firstBytes(s)).toEqual([1, 2, 3, 4, 5]);
    expect((await s.listUpdates(other, 0, 10)).map((u) => u.update[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('numbers a group commit after the updates another connection appended meanwhile', async () => {
    const server = store();
    const cli = store();
    const other = { workspace: 'hbi-stockholm', doc: 'other' };
    for (let i = 1; i <= 2; i++) {
      await server.appendUpdates(ref, one(i));
      await server.appendUpdates(other, one(i));
    }
    expect(await cli.appendUpdates(ref, one(3))).toBe(3);
    // The server's next number for `ref` would be 3: taken, so its row is numbered after the file's last.
    expect(await server.appendMany?.([{ ref, updates: [...one(4), ...one(5)] }, { ref: other, updates: one(3) }])).toEqual([5, 3]);
    expect(await server.appendUpdates(ref, one(6))).toBe(6);
    expect(await firstBytes(cli)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is not moved by a group commit that rolled back after numbering a row from what it knew', async () => {
    const s = store();
    const other = { workspace: 'hbi-stockholm', doc: 'other' };
    await s.appendUpdates(ref, one(1));
    await s.appendMany?.([{ ref, updates: one(2) }, { ref: other, updates: one(1) }]);
    const bad = [{ update: null as unknown as Uint8Array, memberId: null }];
    await expect(s.appendMany?.([{ ref, updates: one(3) }, { ref: other, updates: bad }])).rejects.toThrow();
    expect(await s.appendUpdates(ref, one(4))).toBe(3);
    expect(await s.appendMany?.([{ ref, updates: one(5) }, { ref: other, updates: one(2) }])).toEqual([4, 2]);
    expect(await firstBytes(s)).toEqual([1, 2, 4, 5]);
  });

  it('stores the common commit with one statement: no PRAGMA data_version read (a read transaction of its own) before its INSERT', async () => {
    const s = store();
    for (let i = 1; i <= 2; i++) await s.appendUpdates(ref, one(i));
    const counted = await countStatements(async () => {
      for (let i = 3; i <= 12; i++) expect(await s.appendUpdates(ref, one(i))).toBe(i);
    });
    expect(counted).toEqual({ gets: 0, runs: 10 });
    expect(await firstBytes(s)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
