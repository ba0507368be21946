/**
 * A store opened as Samplan opens it (`appendsNeedRecord`, `openStorage`) keeps no update row of a
 * document whose record is not stored: a deletion by another connection or process between two
 * edits of a socket refuses the next edit (`DocRecordGoneError`) in the append's own statement,
 * whichever way the append is written (the common commit's one INSERT numbered from what the
 * connection knows, the INSERT numbered from the file, a transaction, a group commit), and leaves
 * no orphan row. A new document's first append carries its record (`creates`), and the rounds'
 * document, which has none, is written through `appendAfter`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openStorage } from '../../../server/storage/open-storage.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { DocRecordGoneError } from '../../../server/storage/storage-records.js';
import type { AppendItem, DocRecord, DocRef, Storage } from '../../../server/storage/storage.js';

const WS = 'hbi-stockholm';
const AT = '2026-03-02T08:00:00.000Z';
const recordOf = (doc: string): DocRecord => ({ workspace: WS, doc, kind: 'activity_plan', title: doc, ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT });
const edit = (byte: number, more: Partial<AppendItem> = {}): AppendItem[] => [{ update: new Uint8Array(24).fill(byte), memberId: 'm-a', ...more }];
const ref = (doc: string): DocRef => ({ workspace: WS, doc });

/** Update rows of the file whose document has no record (the rounds' document aside). */
function orphanRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT count(*) FROM update_rows u JOIN doc_keys k ON u.id >= k.id * 4294967296 AND u.id < (k.id + 1) * 4294967296
         WHERE k.doc <> '~rounds' AND NOT EXISTS (SELECT 1 FROM docs d WHERE d.workspace = k.workspace AND d.doc = k.doc)`,
      )
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

describe('SQLite: two connections on one file, a document deleted in B while A appends', () => {
  let dir: string;
  let file: string;
  let a: Storage;
  let b: Storage;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-needs-record-'));
    file = path.join(dir, 'samplan.db');
    a = openSqliteStorage(file);
    b = openSqliteStorage(file);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** `doc` made through A (record and first update in one append) and edited once more there, then deleted through B. */
  const madeThenDeleted = async (doc: string): Promise<void> => {
    expect(await a.appendUpdates(ref(doc), edit(1, { record: recordOf(doc), creates: true }))).toBe(1);
    expect(await a.appendUpdates(ref(doc), edit(2))).toBe(2);
    await b.deleteDoc(ref(doc));
  };

  it('refuses the common commit (one INSERT numbered from what A stored) and keeps no row', async () => {
    await madeThenDeleted('plan-one');
    await expect(a.appendUpdates(ref('plan-one'), edit(3))).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(await b.loadDoc(ref('plan-one'))).toMatchObject({ updates: [], lastSeq: 0 });
    expect(orphanRows(file)).toBe(0);
  });

  it('refuses an append numbered from the file (a connection that never wrote the document) and one in a transaction', async () => {
    await madeThenDeleted('plan-fresh');
    const c = openSqliteStorage(file);
    try {
      await expect(c.appendUpdates(ref('plan-fresh'), edit(3))).rejects.toBeInstanceOf(DocRecordGoneError);
    } finally {
      await c.close();
    }
    const line = { workspace: WS, doc: 'plan-fresh', memberId: 'm-a', action: 'import', bytes: 24, detail: null };
    await expect(a.appendUpdates(ref('plan-fresh'), edit(4, { audit: [line] }))).rejects.toBeInstanceOf(DocRecordGoneError);
    await expect(a.appendUpdates(ref('plan-fresh'), [...edit(5), ...edit(6)])).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(await a.listAudit(WS, 10)).toEqual([]);
    expect(orphanRows(file)).toBe(0);
  });

  it('refuses a group commit holding a deleted document whole: the other document’s batch is not stored either', async () => {
    await madeThenDeleted('plan-group-gone');
    await a.appendUpdates(ref('plan-group-kept'), edit(1, { record: recordOf('plan-group-kept'), creates: true }));
    await expect(a.appendMany!([{ ref: ref('plan-group-kept'), updates: edit(2) }, { ref: ref('plan-group-gone'), updates: edit(3) }])).rejects.toBeInstanceOf(DocRecordGoneError);
    expect((await b.loadDoc(ref('plan-group-kept'))).lastSeq).toBe(1);
    expect(orphanRows(file)).toBe(0);
    expect(await a.appendMany!([{ ref: ref('plan-group-kept'), updates: edit(4) }])).toEqual([2]);
  });

  it('stores a document that has no record through appendAfter (the rounds’ document)', async () => {
    expect(await a.appendAfter(ref('~rounds'), 0, edit(1))).toBe(1);
    expect(await b.appendAfter(ref('~rounds'), 1, edit(2))).toBe(2);
  });
});

describe('memory: a document deleted between two appends', () => {
  it('refuses the next append and keeps no row; a new document’s first append carries its record', async () => {
    const s = createMemoryStorage();
    await expect(s.appendUpdates(ref('plan-never'), edit(1))).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(await s.appendUpdates(ref('plan-a'), edit(1, { record: recordOf('plan-a'), creates: true }))).toBe(1);
    await s.deleteDoc(ref('plan-a'));
    await expect(s.appendUpdates(ref('plan-a'), edit(2))).rejects.toBeInstanceOf(DocRecordGoneError);
    expect(await s.loadDoc(ref('plan-a'))).toMatchObject({ updates: [], lastSeq: 0 });
    expect(await s.listUpdates(ref('plan-never'), 0, 10)).toEqual([]);
    expect(await s.appendAfter(ref('~rounds'), 0, edit(1))).toBe(1);
    await s.close();
  });
});

describe('openStorage (the server and the samplan commands)', () => {
  it('opens the SQLite store refusing an append to a document with no record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-needs-record-open-'));
    const file = path.join(dir, 'samplan.db');
    try {
      for (const opts of [{ server: true }, {}]) {
        const s = await openStorage({ db: file, databaseUrl: null }, undefined, opts);
        try {
          await expect(s.appendUpdates(ref('plan-none'), edit(1))).rejects.toBeInstanceOf(DocRecordGoneError);
        } finally {
          await s.close();
        }
      }
      expect(orphanRows(file)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
