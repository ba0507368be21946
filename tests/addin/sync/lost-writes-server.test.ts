/**
 * What a colleague's change took away from this pane, over a real server: the send gate's
 * `serverHas` (what the server is known to hold) tells an edit made
 * offline in a row deleted meanwhile from one the server had taken before the delete.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchLostWrites, type LostWrite } from '../../../addin/sync/lost-writes.js';
import { deleteRow, getRow, insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { eventually } from '../../server/sync/support.js';
import { IDBFactory } from 'fake-indexeddb';
import { connectTo, serverPerTest } from './support.js';

const t = serverPerTest();

async function twoPanes() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const ca = connectTo(t.server, a, t.open);
  const cb = connectTo(t.server, b, t.open);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  const [id] = insertRows(a, [{ title: 'Hälsodag i Tensta' }]) as [string];
  await eventually(() => rowsOf(b).length === 1);
  const lostA: LostWrite[] = [];
  watchLostWrites(a, (l) => lostA.push(...l), { serverHas: (id) => ca.serverHas(id) });
  return { a, b, ca, cb, id, lostA };
}

it('an edit made offline in a row a colleague deleted meanwhile is told, with its text', async () => {
  const { a, b, ca, cb, id, lostA } = await twoPanes();
  ca.disconnect();
  setCell(a, id, 'targetGroup', 'Föräldrar på förskolan');
  deleteRow(b, id);
  await eventually(() => cb.status.pendingLocalChanges === 0);
  ca.connect();
  await eventually(() => getRow(a, id) === undefined);
  expect(lostA).toMatchObject([{ kind: 'row-deleted', rowId: id, column: 'targetGroup', mine: 'Föräldrar på förskolan' }]);
});

it('a row deleted after the server took the edit is not told', async () => {
  const { a, b, ca, cb, id, lostA } = await twoPanes();
  setCell(a, id, 'targetGroup', 'Föräldrar på förskolan');
  await eventually(() => ca.status.pendingLocalChanges === 0 && getRow(b, id)?.values.targetGroup === 'Föräldrar på förskolan');
  deleteRow(b, id);
  await eventually(() => cb.status.pendingLocalChanges === 0 && getRow(a, id) === undefined);
  expect(lostA).toEqual([]);
});

it('two people offline set one cell: one of them is told, with both values', async () => {
  const { a, b, ca, cb, id, lostA } = await twoPanes();
  const lostB: LostWrite[] = [];
  watchLostWrites(b, (l) => lostB.push(...l), { serverHas: (id) => cb.serverHas(id) });
  ca.disconnect();
  cb.disconnect();
  setCell(a, id, 'targetGroup', 'Föräldrar');
  setCell(b, id, 'targetGroup', 'Seniorer');
  ca.connect();
  await eventually(() => ca.status.pendingLocalChanges === 0);
  cb.connect();
  await eventually(() => cb.status.pendingLocalChanges === 0 && getRow(a, id)?.values.targetGroup === getRow(b, id)?.values.targetGroup);
  const kept = getRow(a, id)?.values.targetGroup;
  expect([...lostA, ...lostB]).toMatchObject([{ kind: 'overwritten', mine: kept === 'Föräldrar' ? 'Seniorer' : 'Föräldrar', kept }]);
});

it('an edit typed offline, the pane closed and opened again offline, in a row deleted meanwhile: told from the offline copy', async () => {
  const g = globalThis as { indexedDB?: unknown };
  const saved = g.indexedDB;
  g.indexedDB = new IDBFactory();
  try {
    const first = new Y.Doc();
    const b = new Y.Doc();
    const c1 = connectTo(t.server, first, t.open, { indexeddb: true });
    const cb = connectTo(t.server, b, t.open);
    await Promise.all([c1.whenSynced(), cb.whenSynced()]);
    const [id] = insertRows(first, [{ title: 'Hälsodag i Tensta' }]) as [string];
    await eventually(() => rowsOf(b).length === 1 && c1.status.pendingLocalChanges === 0);
    c1.disconnect();
    setCell(first, id, 'targetGroup', 'Föräldrar på förskolan');
    // The pane closes with the edit only in its offline copy, and opens again later.
    await c1.destroy();
    deleteRow(b, id);
    await eventually(() => cb.status.pendingLocalChanges === 0);
    const again = new Y.Doc();
    const lost: LostWrite[] = [];
    const c2 = connectTo(t.server, again, t.open, { indexeddb: true, connect: false });
    watchLostWrites(again, (l) => lost.push(...l), { serverHas: (i) => c2.serverHas(i), madeHere: (i) => c2.madeHere(i) });
    await c2.whenLoaded;
    expect(getRow(again, id)?.values.targetGroup).toBe('Föräldrar på förskolan');
    c2.connect();
    await eventually(() => getRow(again, id) === undefined);
    expect(lost).toMatchObject([{ kind: 'row-deleted', rowId: id, column: 'targetGroup', mine: 'Föräldrar på förskolan' }]);
  } finally {
    g.indexedDB = saved;
  }
});
