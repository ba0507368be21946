/**
 * `samplan history drop` of a document whose stored history holds an edit that lost to a stored
 * take-back and that a server's next load writes again (`storeLostEdit`: owner A's edit, made
 * without seeing the take-back of B's refused edit, integrated by a process that is gone). The
 * drop would collect the kept value, so it is refused (exit 1) with words that say what to do,
 * and writes nothing; once a load has written the value (as a room stores its load's writes), the
 * drop goes through and the value stays. A write the load never makes (its author removed) does
 * not hold the drop up. On memory and SQLite, and the command on an SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { dropHistory } from '../../server/history-drop.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { loadDoc } from '../../server/sync/load-doc.js';
import { cli } from './cli-capture.js';
import { seed, WS } from './sync/seed.js';
import { storeLostEdit } from './sync/take-backs-fixture.js';

const ref = { workspace: WS, doc: 'county' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-drop-owed-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything stored for the document, as comparable JSON (every update, snapshot, checkpoint, take-back). */
async function storedOf(s: Storage): Promise<unknown> {
  const got = await s.loadDoc(ref);
  const hex = (b: Uint8Array | null | undefined): string | null => (b ? Buffer.from(b).toString('hex') : null);
  return {
    lastSeq: got.lastSeq,
    snapshot: hex(got.snapshot),
    takeBacks: (got.takeBacks ?? []).map(hex),
    updates: (await s.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).map((u) => [u.seq, u.memberId, hex(u.update)]),
    checkpoints: (await s.listCheckpoints(ref)).length,
  };
}

/** Row ra's measure as the store holds it now (built as a room builds it, owed writes made). */
async function measureOf(s: Storage): Promise<unknown> {
  const loaded = await loadDoc(ref, s, silentLogger());
  return (loaded.doc.getMap('rows').get('ra') as Y.Map<unknown> | undefined)?.get('measure');
}

const stores: [string, () => Storage][] = [
  ['memory', () => createMemoryStorage()],
  ['SQLite', () => openSqliteStorage(path.join(dir, `${Math.random().toString(36).slice(2)}.db`))],
];

describe.each(stores)('history drop of a document owed a rewrite (%s)', (_name, open) => {
  it('refuses and writes nothing until a load has written the value, then drops and keeps it', async () => {
    const s = open();
    try {
      await seed(s);
      await storeLostEdit(s, ref);
      const before = await storedOf(s);
      expect(await dropHistory(s, ref, { dryRun: true })).toEqual({ kind: 'owed', ref });
      expect(await dropHistory(s, ref)).toEqual({ kind: 'owed', ref });
      expect(await storedOf(s)).toEqual(before);
      // What the refusal tells the operator to do: a server's load writes the value, stored as the room stores it.
      const loaded = await loadDoc(ref, s, silentLogger());
      expect(loaded.migration).not.toBeNull();
      await s.appendUpdates(ref, [{ update: loaded.migration as Uint8Array, memberId: null }]);
      expect((await dropHistory(s, ref)).kind).toBe('dropped');
      expect(await measureOf(s)).toBe('Ägarens ändring');
    } finally {
      await s.close();
    }
  });

  it('drops when the load would not write the value (its author removed)', async () => {
    const s = open();
    try {
      await seed(s);
      await storeLostEdit(s, ref);
      await s.deleteMember(WS, 'm-a');
      expect((await dropHistory(s, ref)).kind).toBe('dropped');
      expect(await measureOf(s)).toBe('Hälsodag');
    } finally {
      await s.close();
    }
  });
});

describe('samplan history drop of a document owed a rewrite', () => {
  it('exits 1 naming what to do, and writes nothing', async () => {
    const db = path.join(dir, 'cli.db');
    const s = openSqliteStorage(db);
    await seed(s);
    await storeLostEdit(s, ref);
    const before = await storedOf(s);
    await s.close();
    for (const args of [['--dry-run'], []]) {
      const { code, out, err } = await cli(['history', 'drop', `${WS}/county`, ...args, '--db', db]);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toBe(
        `${WS}/county: edits that lost to a taken-back change are still to be written again by a server's next load of the document, and the drop would lose them; nothing was dropped. Start a server on this store (samplan serve --db ${db}), open ${WS}/county once (in the pane) so its load writes them, then drop again.`,
      );
    }
    const after = openSqliteStorage(db);
    try {
      expect(await storedOf(after)).toEqual(before);
    } finally {
      await after.close();
    }
  });
});
