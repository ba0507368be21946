/**
 * `samplan history drop` and the history scan: a personnummer typed into a document and deleted
 * again stays in its stored updates, snapshot and checkpoints, where the live-state check of
 * `migrate` does not look. The scan names the places (never the number); the drop replaces the
 * history by the checked live state, leaving the live rows as they were, and refuses a document
 * whose live state holds one. On memory, SQLite and PostgreSQL. The history is written through the
 * store's own methods, as an older Samplan stored it (today's server refuses the number at the door).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTEMPTS, dropHistory, HistoryDropError } from '../../server/history-drop.js';
import { scanDocHistory } from '../../server/history-scan.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { createDoc, markMade } from '../../shared/doc/create.js';
import { kindDef } from '../../shared/schema/index.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';

const ref = { workspace: 'ws1', doc: 'plan-a' };
const AT = '2026-01-01T00:00:00.000Z';
const NUMBER = '850101-1236';

const rowsMapOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('rows');
const append = (s: Storage, update: Uint8Array) => s.appendUpdates(ref, [{ update, memberId: 'anna' }]);

/** What a reader sees of the stored document: its rows and meta, as JSON. */
async function live(s: Storage): Promise<unknown> {
  const stored = await s.loadDoc(ref);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
  });
  return { rows: doc.getMap('rows').toJSON(), meta: doc.getMap('meta').toJSON() };
}

/**
 * A plan whose row r1 had the number typed (update 2), compacted while it was live (snapshot and
 * checkpoint 2), then changed (update 3) and a row added (update 4). Resolves with the writer's
 * copy, which holds the whole history.
 */
async function typedThenDeleted(s: Storage): Promise<Y.Doc> {
  await s.putWorkspace({ id: 'ws1', name: 'Region', createdAt: AT });
  await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', createdAt: AT, updatedAt: AT });
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: kindDef('activity-plan').schemaVersion });
  markMade(doc);
  const r1 = new Y.Map<unknown>();
  rowsMapOf(doc).set('r1', r1);
  r1.set('activity', 'Promenad');
  await append(s, Y.encodeStateAsUpdate(doc));
  const step = async (edit: () => void): Promise<void> => {
    const before = Y.encodeStateVector(doc);
    edit();
    await append(s, Y.encodeStateAsUpdate(doc, before));
  };
  await step(() => r1.set('activity', `Ring Eva ${NUMBER}`));
  await s.compact(ref, Y.encodeStateAsUpdateV2(doc), 2);
  await step(() => r1.set('activity', 'Ring Eva'));
  await step(() => {
    const r2 = new Y.Map<unknown>();
    rowsMapOf(doc).set('r2', r2);
    r2.set('activity', 'Cirkelträning');
  });
  return doc;
}

interface Fixture {
  s: Storage;
  cleanup(): Promise<void>;
}

function historyCases(name: string, make: () => Promise<Fixture>): void {
  describe(`history scan and drop: ${name}`, () => {
    let fx: Fixture;
    let s: Storage;
    beforeEach(async () => {
      fx = await make();
      s = fx.s;
    });
    afterEach(() => fx.cleanup());

    it('finds the deleted number in the update, snapshot and checkpoint that hold it, naming the places only', async () => {
      await typedThenDeleted(s);
      expect(await scanDocHistory(s, ref)).toEqual(['update 2', 'snapshot', 'checkpoint 2']);
    });

    it('drop leaves the live rows as they were and the history clean; the next edit follows it', async () => {
      const writer = await typedThenDeleted(s);
      const before = await live(s);
      expect(before).toMatchObject({ rows: { r1: { activity: 'Ring Eva' }, r2: { activity: 'Cirkelträning' } } });
      const result = await dropHistory(s, ref);
      expect(result).toEqual({ kind: 'dropped', ref, seq: 4, flagged: ['update 2', 'snapshot', 'checkpoint 2'], removed: { updates: 4, checkpoints: 1, takeBacks: 0, snapshot: 1 }, rewritten: 0, record: true });
      expect(await live(s)).toEqual(before);
      expect(await scanDocHistory(s, ref)).toEqual([]);
      expect(await s.listUpdates(ref, 0, 100)).toEqual([]);
      expect(await s.listCheckpoints(ref)).toEqual([]);
      // The writer's copy (the old history) edits on: its update builds on ids the snapshot keeps.
      const sv = Y.encodeStateVector(writer);
      rowsMapOf(writer).get('r2')?.set('activity', 'Cirkelträning, tisdagar');
      expect(await append(s, Y.encodeStateAsUpdate(writer, sv))).toBe(5);
      expect(await live(s)).toMatchObject({ rows: { r1: { activity: 'Ring Eva' }, r2: { activity: 'Cirkelträning, tisdagar' } } });
      expect(await scanDocHistory(s, ref)).toEqual([]);
    });

    it('drops the take-backs that hold a number and keeps the others', async () => {
      const writer = await typedThenDeleted(s);
      const sv = Y.encodeStateVector(writer);
      rowsMapOf(writer).get('r2')?.set('activity', 'Cirkelträning, torsdagar');
      const kept = new Uint8Array([1, 2, 3]);
      const takeBacks = [{ at: 1, data: new TextEncoder().encode(`r1 ${NUMBER}`) }, { at: 2, data: kept }];
      await s.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(writer, sv), memberId: null, takeBacks }]);
      expect(await scanDocHistory(s, ref)).toEqual(['update 2', 'snapshot', 'checkpoint 2', 'take-back 1']);
      expect(await dropHistory(s, ref)).toMatchObject({ kind: 'dropped', seq: 5, removed: { takeBacks: 1 } });
      expect((await s.loadDoc(ref)).takeBacks).toEqual([kept]);
      expect(await scanDocHistory(s, ref)).toEqual([]);
    });

    it('refuses a document whose stored updates build on changes it does not hold, when they hold a number', async () => {
      await typedThenDeleted(s);
      // An update of a client whose earlier changes were never stored: Yjs keeps it pending, as it came.
      const orphan = new Y.Doc();
      const row = new Y.Map<unknown>();
      orphan.getMap('rows').set('r9', row);
      const sv = Y.encodeStateVector(orphan);
      row.set('activity', `Ring ${NUMBER}`);
      await append(s, Y.encodeStateAsUpdate(orphan, sv));
      const stored = await s.loadDoc(ref);
      expect(await dropHistory(s, ref)).toEqual({ kind: 'refused', ref, places: ['stored updates that build on changes the store does not hold (kept as they came, a personnummer in them)'] });
      expect(await s.loadDoc(ref)).toEqual(stored);
    });

    it('a dry run tells what would go and writes nothing', async () => {
      await typedThenDeleted(s);
      const stored = await s.loadDoc(ref);
      const result = await dropHistory(s, ref, { dryRun: true });
      expect(result).toMatchObject({ kind: 'would-drop', seq: 4, flagged: ['update 2', 'snapshot', 'checkpoint 2'], removed: { updates: 4, checkpoints: 1, snapshot: 1 } });
      expect(await s.loadDoc(ref)).toEqual(stored);
      expect(await scanDocHistory(s, ref)).toEqual(['update 2', 'snapshot', 'checkpoint 2']);
    });

    it('refuses a document whose live state holds a number, naming the place, writing nothing', async () => {
      const writer = await typedThenDeleted(s);
      const sv = Y.encodeStateVector(writer);
      rowsMapOf(writer).get('r2')?.set('note', `pnr ${NUMBER}`);
      await append(s, Y.encodeStateAsUpdate(writer, sv));
      const stored = await s.loadDoc(ref);
      const result = await dropHistory(s, ref);
      expect(result).toEqual({ kind: 'refused', ref, places: ['rows/r2/note (a personnummer)'] });
      expect(JSON.stringify(result)).not.toMatch(/850101|1236/);
      expect(await s.loadDoc(ref)).toEqual(stored);
    });
  });
}

historyCases('memory', async () => {
  const s = createMemoryStorage();
  return { s, cleanup: () => s.close() };
});

historyCases('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-history-drop-'));
  const s = openSqliteStorage(path.join(dir, 'samplan.db'));
  return {
    s,
    async cleanup() {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe.skipIf(servicesMissing() !== null)('postgres', () => {
  const server = usePostgres();
  let n = 0;
  historyCases('postgres', async () => {
    const s = await openPostgresStorage(await server.createDb(`history${n++}`));
    return { s, cleanup: () => s.close() };
  });
});

describe('history drop beside a writer', () => {
  it('reads again when an edit lands between its read and its write, and gives up in words after a few', async () => {
    const s = createMemoryStorage();
    const writer = await typedThenDeleted(s);
    const replace = s.replaceHistory?.bind(s);
    if (!replace) throw new Error('no replaceHistory');
    // A server's edit commits just before each of the first `edits` writes.
    let edits = 2;
    let calls = 0;
    s.replaceHistory = async (...args) => {
      calls++;
      if (edits-- > 0) {
        const sv = Y.encodeStateVector(writer);
        rowsMapOf(writer).get('r2')?.set('activity', `Cirkelträning ${calls}`);
        await append(s, Y.encodeStateAsUpdate(writer, sv));
      }
      return replace(...args);
    };
    expect(await dropHistory(s, ref)).toMatchObject({ kind: 'dropped', seq: 6 });
    expect(calls).toBe(3);
    expect(await live(s)).toMatchObject({ rows: { r2: { activity: 'Cirkelträning 2' } } });
    expect(await scanDocHistory(s, ref)).toEqual([]);
    edits = Infinity;
    calls = 0;
    const error = await dropHistory(s, ref).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HistoryDropError);
    expect((error as Error).message).toBe(`ws1/plan-a was written to ${ATTEMPTS} times while its history was read; nothing was dropped. Try again when it is quieter.`);
    expect(calls).toBe(ATTEMPTS);
  });
});
