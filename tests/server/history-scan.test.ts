/**
 * `samplan history scan` names a stored part that decodes with bytes left over after it as
 * damaged, by its place (the update by sequence number, the snapshot, the checkpoint) and how many
 * bytes, on memory, SQLite and PostgreSQL stores: Yjs applies such bytes without a word (it stops reading at
 * the end of the update), so the scan that only asked Yjs to decode said nothing of them. What a
 * server itself stores (whole updates, with deletions; a V2 snapshot and checkpoint) is not flagged.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import { scanDocHistory, type UndecodablePart } from '../../server/history-scan.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/storage.js';
import { createDoc, insertRows, rowsOf, setCell } from '../../shared/doc/index.js';
import { kindDef } from '../../shared/schema/index.js';
import { servicesMissing } from '../support/services.js';
import { tempStores } from '../support/temp-stores.js';
import { usePostgres } from '../support/use-services.js';

const stores = tempStores();
const WS = 'ws';
const plan = { workspace: WS, doc: 'plan' };
const other = { workspace: WS, doc: 'plan-b' };
const at = '2026-02-01T08:00:00.000Z';

/** `bytes` with `extra` written after them, as a second write over a row's end leaves them. */
const joined = (bytes: Uint8Array, ...extra: number[]): Uint8Array => new Uint8Array([...bytes, ...extra]);

/**
 * `plan`: update 1 (two rows), update 2 (a title changed: an insert and a deletion, whole),
 * update 3 (another title, then 3 bytes), compacted whole at 3. `plan-b`: one row, compacted at 1
 * into a snapshot and checkpoint with 2 bytes after the V2 state.
 */
async function seeded(store: Storage): Promise<Storage> {
  await store.putWorkspace({ id: WS, name: 'Region', createdAt: at });
  for (const ref of [plan, other]) await store.putDocRecord({ ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'vc', createdAt: at, updatedAt: at });
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(doc, [{ title: 'Promenadgrupp' }, { title: 'Hälsodag' }]);
  await store.appendUpdates(plan, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  const [first, second] = rowsOf(doc).map((r) => r.id);
  for (const [row, title, extra] of [[first, 'Stavgång', []], [second, 'Simning', [7, 7, 7]]] as const) {
    const before = Y.encodeStateVector(doc);
    setCell(doc, row ?? '', 'title', title);
    await store.appendUpdates(plan, [{ update: joined(Y.encodeStateAsUpdate(doc, before), ...extra), memberId: null }]);
  }
  await store.compact(plan, Y.encodeStateAsUpdateV2(doc), 3);
  const b = createDoc('activity-plan', { title: 'Plan B', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(b, [{ title: 'Yoga' }]);
  await store.appendUpdates(other, [{ update: Y.encodeStateAsUpdate(b), memberId: null }]);
  await store.compact(other, joined(Y.encodeStateAsUpdateV2(b), 1, 2), 1);
  return store;
}

/** Memory, SQLite and, where it can be started, PostgreSQL (bytes read back from bytea). */
const pg = servicesMissing() === null ? usePostgres() : null;
let pgDbs = 0;
const opens: [string, () => Storage | Promise<Storage>][] = [
  ['memory', () => createMemoryStorage()],
  ['SQLite', () => openSqliteStorage(stores.dbFile('history-scan'))],
  ...(pg ? [['PostgreSQL', async () => openPostgresStorage(await pg.createDb(`history_scan_${++pgDbs}`))] as [string, () => Promise<Storage>]] : []),
];

describe.each(opens)('the history scan of parts with bytes left over (%s)', (_store, open) => {
  it('names an update that decodes with bytes left over by its sequence number and the bytes, and flags no whole part', async () => {
    const store = stores.keep(await seeded(await open()));
    const [third] = await store.listUpdates(plan, 2, 1);
    // Yjs itself applies the update and ignores what follows it: nothing else would say it.
    expect(() => Y.applyUpdate(new Y.Doc(), third?.update ?? new Uint8Array())).not.toThrow();
    const damaged: UndecodablePart[] = [];
    expect(await scanDocHistory(store, plan, damaged)).toEqual([]);
    expect(damaged).toEqual([{ place: { kind: 'update', seq: 3 }, at: third?.at, said: '', trailing: 3 }]);
  });

  it('names a snapshot and a checkpoint with bytes left over after their state', async () => {
    const store = stores.keep(await seeded(await open()));
    const damaged: UndecodablePart[] = [];
    await scanDocHistory(store, other, damaged);
    const [checkpoint] = await store.listCheckpoints(other);
    expect(damaged).toEqual([
      { place: { kind: 'snapshot' }, at: null, said: '', trailing: 2 },
      { place: { kind: 'checkpoint', seq: 1 }, at: checkpoint?.at, said: '', trailing: 2 },
    ]);
  });

  it('says it in samplan history scan, with the place, the time and the bytes, and exits 1', async () => {
    const store = stores.keep(await seeded(await open()));
    const [third] = await store.listUpdates(plan, 2, 1);
    const out: string[] = [];
    const err: string[] = [];
    const code = await historyCommand('scan', [WS], { lang: 'en' }, async (fn) => fn(store), (l) => out.push(l), (l) => err.push(l));
    expect(code).toBe(1);
    const tail = 'its stored history is damaged there. Its bytes were still read for a personnummer. Restore the database from a backup (a file samplan backup made).';
    expect(err).toEqual([
      `${WS}/plan: update 3, stored ${third?.at}, decodes with 3 bytes left over after it (no Samplan server stores such bytes; Yjs ignores them); ${tail}`,
      `${WS}/plan-b: its snapshot decodes with 2 bytes left over after it (no Samplan server stores such bytes; Yjs ignores them); ${tail}`,
      expect.stringMatching(new RegExp(`^${WS}/plan-b: checkpoint 1, stored [0-9T:.-]+Z, decodes with 2 bytes left over after it `)),
      '2 of 3 documents have stored history that does not decode whole.',
    ]);
    expect(out).toEqual(['No personnummer in the stored history of 3 documents.']);
  });
});
