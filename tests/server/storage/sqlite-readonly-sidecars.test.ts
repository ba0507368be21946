/**
 * The SQLite store opened read-only leaves the folder as it found it, also when the file has a
 * `-wal` without its `-shm` (a server that died, its files copied without the index): the
 * connection would make a `-shm` there that no read-only close removes, so a copy is read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpointer } from '../../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { WS } from './schema-files.js';

/** A checkpointer that never runs: the store's edits stay in its `-wal` until it closes. */
const noCheckpoints = (): Checkpointer => ({ wrote() {}, write: (transaction) => transaction(), writeWith: (transaction, a, b) => transaction(a, b), runs: () => 0, restarts: () => 0, longestWaitMs: () => 0, stop: async () => {} });

/** The folder's names with each file's bytes, in hex. */
const folder = (dir: string): Record<string, string> =>
  Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('hex')]));

describe('the SQLite store opened read-only', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-ro-sidecars-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the edits of a -wal that has no -shm and leaves the folder as it found it', async () => {
    const work = path.join(dir, 'work');
    const moved = path.join(dir, 'moved');
    fs.mkdirSync(work);
    fs.mkdirSync(moved);
    const live = path.join(work, 'live.db');
    const s = openSqliteStorage(live, { startCheckpointer: noCheckpoints });
    await s.putWorkspace({ id: WS, name: 'Region Stockholm', createdAt: '2026-03-02T09:00:00.000Z' });
    const file = path.join(moved, 'samplan.db');
    for (const suffix of ['', '-wal']) fs.copyFileSync(`${live}${suffix}`, `${file}${suffix}`);
    await s.close();
    const before = folder(moved);
    expect(Object.keys(before)).toEqual(['samplan.db', 'samplan.db-wal']);

    const reader = openSqliteStorage(file, { readonly: true });
    try {
      expect((await reader.listWorkspaces()).map((w) => w.id)).toEqual([WS]);
    } finally {
      await reader.close();
    }
    expect(folder(moved)).toEqual(before);
  });

  it('leaves a file without sidecars without them', async () => {
    const file = path.join(dir, 'samplan.db');
    await openSqliteStorage(file).close();
    const before = folder(dir);
    expect(Object.keys(before)).toEqual(['samplan.db']);
    const reader = openSqliteStorage(file, { readonly: true });
    await reader.listWorkspaces();
    await reader.close();
    expect(folder(dir)).toEqual(before);
  });
});
