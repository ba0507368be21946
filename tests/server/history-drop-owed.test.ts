/**
 * `samplan history drop` of a document whose stored history holds an edit that lost to a stored
 * take-back and that a server's next load writes again (`storeLostEdit`: owner A's edit, made
 * without seeing the take-back of B's refused edit, integrated by a process that is gone). The
 * drop makes the writes that load would make itself, into the new snapshot, so the value stays,
 * and a load after the drop writes nothing more; a write the load never makes (its author
 * removed) is not made. A document with no record (no server opens it, so nothing else could
 * ever write its values) drops too, its authors asked only whether they are still members. On
 * memory, SQLite and PostgreSQL, and the command on an SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { dropHistory } from '../../server/history-drop.js';
import { silentLogger } from '../../server/logger.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { SERVER_DOC_PREFIX } from '../../server/storage/kept-without-record.js';
import type { DocRef, Storage } from '../../server/storage/storage.js';
import { decodeFresh } from '../../server/sync/fresh-state.js';
import { loadDoc } from '../../server/sync/load-doc.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';
import { seed, WS } from './sync/seed.js';
import { storeLostEdit } from './sync/take-backs-fixture.js';

const ref = { workspace: WS, doc: 'county' };
/**
 * A document stored without a record: no server opens it. Every store appends only to a document
 * whose record is stored, but for the ids the server keeps for itself (`~`, `kept-without-record.ts`),
 * so it has such an id (`seed` makes no record for it).
 */
const bare = { workspace: WS, doc: `${SERVER_DOC_PREFIX}utan-post` };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-drop-owed-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything stored for the document, as comparable JSON (every update, snapshot, checkpoint, take-back). */
async function storedOf(s: Storage, at: DocRef = ref): Promise<unknown> {
  const got = await s.loadDoc(at);
  const hex = (b: Uint8Array | null | undefined): string | null => (b ? Buffer.from(b).toString('hex') : null);
  return {
    lastSeq: got.lastSeq,
    snapshot: hex(got.snapshot),
    takeBacks: (got.takeBacks ?? []).map(hex),
    updates: (await s.listUpdates(at, 0, Number.MAX_SAFE_INTEGER)).map((u) => [u.seq, u.memberId, hex(u.update)]),
    checkpoints: (await s.listCheckpoints(at)).length,
  };
}

/** Row ra's measure as the store holds it now, built as a room builds it, and what that load writes (null: nothing). */
async function measureOf(s: Storage, at: DocRef = ref): Promise<{ measure: unknown; writes: Uint8Array | null }> {
  const loaded = await loadDoc(at, s, silentLogger());
  try {
    return { measure: (loaded.doc.getMap('rows').get('ra') as Y.Map<unknown> | undefined)?.get('measure'), writes: loaded.migration };
  } finally {
    loaded.doc.destroy();
  }
}

function owedCases(name: string, open: () => Promise<Storage>): void {
  describe(`history drop of a document owed a rewrite (${name})`, () => {
    it('writes the value a load would write into the new snapshot, drops, and a load after it writes nothing', async () => {
      const s = await open();
      try {
        await seed(s);
        await storeLostEdit(s, ref);
        const before = await storedOf(s);
        expect(await dropHistory(s, ref, { dryRun: true })).toMatchObject({ kind: 'would-drop', rewritten: 1, record: true });
        expect(await storedOf(s)).toEqual(before);
        expect(await dropHistory(s, ref)).toMatchObject({ kind: 'dropped', rewritten: 1, record: true });
        expect(await s.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
        expect(await measureOf(s)).toEqual({ measure: 'Ägarens ändring', writes: null });
        // The fresh clients' bytes stored with it are that state, the value written again in it.
        const fresh = decodeFresh((await s.loadDoc(ref)).fresh ?? new Uint8Array(0));
        const served = new Y.Doc();
        Y.applyUpdate(served, fresh?.update ?? new Uint8Array(0));
        expect((served.getMap('rows').get('ra') as Y.Map<unknown> | undefined)?.get('measure')).toBe('Ägarens ändring');
      } finally {
        await s.close();
      }
    });

    it('drops without the value when the load would not write it (its author removed)', async () => {
      const s = await open();
      try {
        await seed(s);
        await storeLostEdit(s, ref);
        await s.deleteMember(WS, 'm-a');
        expect(await dropHistory(s, ref)).toMatchObject({ kind: 'dropped', rewritten: 0, record: true });
        expect(await measureOf(s)).toEqual({ measure: 'Hälsodag', writes: null });
      } finally {
        await s.close();
      }
    });

    it('drops a document with no record, keeping the value of an author still a member and not that of one removed', async () => {
      const s = await open();
      try {
        await seed(s);
        await storeLostEdit(s, bare);
        expect(await s.getDocRecord(bare)).toBeNull();
        expect(await dropHistory(s, bare)).toMatchObject({ kind: 'dropped', rewritten: 1, record: false });
        expect(await measureOf(s, bare)).toEqual({ measure: 'Ägarens ändring', writes: null });
        const other = { workspace: WS, doc: `${SERVER_DOC_PREFIX}utan-post-2` };
        await storeLostEdit(s, other);
        await s.deleteMember(WS, 'm-a');
        expect(await dropHistory(s, other)).toMatchObject({ kind: 'dropped', rewritten: 0, record: false });
        expect(await measureOf(s, other)).toEqual({ measure: 'Hälsodag', writes: null });
      } finally {
        await s.close();
      }
    });
  });
}

owedCases('memory', async () => createMemoryStorage());
owedCases('SQLite', async () => openSqliteStorage(path.join(dir, `${Math.random().toString(36).slice(2)}.db`)));

describe.skipIf(servicesMissing() !== null)('postgres', () => {
  const server = usePostgres();
  let n = 0;
  owedCases('PostgreSQL', async () => openPostgresStorage(await server.createDb(`owed${n++}`)));
});

describe('samplan history drop of a document owed a rewrite', () => {
  it('says which values it writes again, with a record and without one', async () => {
    const db = path.join(dir, 'cli.db');
    const s = openSqliteStorage(db);
    await seed(s);
    await storeLostEdit(s, ref);
    await storeLostEdit(s, bare);
    const before = [await storedOf(s), await storedOf(s, bare)];
    await s.close();
    const dry = await cliEn(['history', 'drop', `${WS}/county`, '--dry-run', '--db', db]);
    expect(dry).toEqual({
      code: 0,
      out: `${WS}/county: would drop 4 updates, 0 checkpoints, 0 take-backs, keeping the live state at update 4 as its only snapshot (dry run, nothing written). 1 value that lost to a taken-back change would be written again into it, the writes a server's next load would make (each author's rights asked as they are now). The history held no personnummer.`,
      err: '',
    });
    const reopened = openSqliteStorage(db);
    try {
      expect([await storedOf(reopened), await storedOf(reopened, bare)]).toEqual(before);
    } finally {
      await reopened.close();
    }
    const withRecord = await cliEn(['history', 'drop', `${WS}/county`, '--db', db]);
    expect(withRecord).toMatchObject({ code: 0, err: '' });
    expect(withRecord.out).toContain(`1 value that lost to a taken-back change was written again into it, the writes a server's next load would make (each author's rights asked as they are now).`);
    const without = await cliEn(['history', 'drop', `${WS}/${bare.doc}`, '--db', db]);
    expect(without).toMatchObject({ code: 0, err: '' });
    expect(without.out).toContain(
      "1 value that lost to a taken-back change was written again into it, each as its author left it (the document has no record, so only whether each author is still a member was asked; a removed member's value is not kept).",
    );
    const after = openSqliteStorage(db);
    try {
      expect((await measureOf(after)).measure).toBe('Ägarens ändring');
      expect((await measureOf(after, bare)).measure).toBe('Ägarens ändring');
    } finally {
      await after.close();
    }
  });
});
