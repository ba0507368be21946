/**
 * `samplan history drop` while a server that journals its edits (`SAMPLAN_SQLITE_JOURNAL=on`,
 * `<db>.journal`) holds an edit SQLite has not taken in yet: the drop's store joins the journal's
 * owner, which writes its journal into the database and pauses while the drop runs. The pending
 * edit is neither lost (it is in the live state the drop keeps as the only snapshot) nor brought
 * back after it (no update row under the drop's snapshot, nothing of the dropped text in what the
 * store holds of the document or in the journal), and the server numbers its next edit after the
 * drop's snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { cliEn } from './cli-capture.js';
import { seed, WS } from './sync/seed.js';

const ref = { workspace: WS, doc: 'plan-a' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-drop-journal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The document's map `meta` as `s` loads it. */
async function metaOf(s: Storage): Promise<Record<string, unknown>> {
  const stored = await s.loadDoc(ref);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('meta').toJSON();
}

/**
 * Whether `text` is in anything `s` stores of the document (its snapshot, its update rows) or in
 * the journal beside `file`. Freed pages and the write-ahead log keep old bytes while a server
 * holds the file, until `samplan history drop --vacuum` with no server running (`cli-history.ts`).
 */
async function storedAnywhere(s: Storage, file: string, text: string): Promise<boolean> {
  const needle = Buffer.from(text);
  const stored = await s.loadDoc(ref);
  const rows = await s.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER);
  const journal = `${file}.journal`;
  return [stored.snapshot, ...stored.updates, ...rows.map((r) => r.update)].some((b) => b !== null && Buffer.from(b).includes(needle)) || (fs.existsSync(journal) && fs.readFileSync(journal).includes(needle));
}

/** The update rows SQLite held once the seed was stored (taken in before the edits): the seeded documents' one each, none of the journaled edits. */
function sqliteRowsBefore(raw: Database.Database): number {
  return Number(raw.prepare('SELECT count(*) FROM doc_keys').pluck().get());
}

describe('samplan history drop beside a journaling server', () => {
  it('keeps the pending edit in the snapshot it leaves, brings back nothing it dropped, and the server goes on after it', async () => {
    const file = path.join(dir, 'samplan.db');
    const s = openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 });
    let seeded = 0;
    try {
      await seed(s);
      const doc = new Y.Doc();
      const stored = await s.loadDoc(ref);
      if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      const edit = (key: string, value: string): Uint8Array => {
        const before = Y.encodeStateVector(doc);
        doc.getMap('meta').set(key, value);
        return Y.encodeStateAsUpdate(doc, before);
      };
      seeded = stored.lastSeq;
      await s.appendUpdates(ref, [{ update: edit('note', 'Utkast som ska bort'), memberId: 'm-a' }]);
      // The pending edit: journaled, not yet in SQLite (the flush timer is a minute away).
      expect(await s.appendUpdates(ref, [{ update: edit('note', 'Hälsodag i maj'), memberId: 'm-a' }])).toBe(seeded + 2);
      expect(fs.statSync(`${file}.journal`).size).toBeGreaterThan(4);
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare('SELECT count(*) FROM update_rows').pluck().get()).toBe(sqliteRowsBefore(raw));
      raw.close();

      const dropped = await cliEn(['history', 'drop', `${WS}/plan-a`, '--db', file]);
      expect(dropped).toMatchObject({ code: 0, err: '' });
      expect(dropped.out).toContain(`the live state at update ${seeded + 2} is its only snapshot, the next edit is update ${seeded + 3}`);

      // Not lost: the server's own reads and a store opened after both show it.
      expect((await metaOf(s)).note).toBe('Hälsodag i maj');
      // Not resurrected: no update row under the snapshot, the dropped text nowhere.
      expect(await s.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
      expect(await storedAnywhere(s, file, 'Utkast som ska bort')).toBe(false);

      expect(await s.appendUpdates(ref, [{ update: edit('note', 'Hälsodag i juni'), memberId: 'm-a' }])).toBe(seeded + 3);
    } finally {
      await s.close();
    }
    const after = openSqliteStorage(file);
    try {
      expect((await metaOf(after)).note).toBe('Hälsodag i juni');
      expect((await after.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).map((u) => u.seq)).toEqual([seeded + 3]);
      expect(await storedAnywhere(after, file, 'Utkast som ska bort')).toBe(false);
    } finally {
      await after.close();
    }
  });
});
