import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { offlineCopyName } from '../../../addin/sync/offline-copy.js';
import { insertRows, rowsOf, setCell, setCells } from '../../../shared/doc/index.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { openSide, type Side } from '../excel/helpers.js';
import { eventually, startTestServer, WS, type TestServer } from '../../server/sync/support.js';
import { connectTo, countingSocket, sleep, statusLog, type SocketLog } from './support.js';

let server: TestServer;
const open: DocConnection[] = [];
const sides: Side[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sides.splice(0)) await s.binding.dispose();
  for (const c of open.splice(0)) await c.destroy();
  await server.stop();
});

const PNR = '19811218-9876';
const holds = (doc: Y.Doc, text: string): boolean => Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text));

/** Two synced docs on plan-a with one row; `a` checks with the server's own `checkUpdate`, as the pane wires it. */
async function twoDocs(log?: SocketLog) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const ca = connectTo(server, a, open, {
    checkUpdate: (before, update) => checkUpdate(before, update),
    ...(log ? { WebSocketPolyfill: countingSocket(log) } : {}),
  });
  const cb = connectTo(server, b, open);
  await Promise.all([ca.whenSynced(), cb.whenSynced()]);
  const [id] = insertRows(a, [{ title: 'Hälsodag' }]);
  await eventually(() => rowsOf(b).length === 1);
  return { a, b, ca, cb, id: id as string };
}

describe('the pane checks a local change against the state before it', () => {
  it('refuses a personnummer written into an existing row, takes it back, names it, and stays connected', async () => {
    const log: SocketLog = { attempts: 0, sent: [] };
    const { a, b, ca, id } = await twoDocs(log);
    const seen = statusLog(ca);
    setCell(a, id, 'title', `Ring ${PNR}`);
    expect(ca.status.lastRefusal?.code).toBe(0);
    expect(ca.status.lastRefusal?.message.sv).toMatch(/personnummer/);
    expect(ca.status.lastRefusal?.message.en).toMatch(/identity number/);
    expect(rowsOf(a)[0]?.values.title).toBe('Hälsodag');
    expect(holds(a, '9876')).toBe(false);

    setCell(a, id, 'responsible', 'Anna');
    await eventually(() => rowsOf(b)[0]?.values.responsible === 'Anna', 3000, 'a later change to arrive');
    await eventually(() => ca.status.pendingLocalChanges === 0);
    expect(rowsOf(b)[0]?.values.title).toBe('Hälsodag');
    expect(holds(b, '9876')).toBe(false);
    expect(seen.map((s) => s.state)).not.toContain('reconnecting');
    expect(seen.map((s) => s.state)).not.toContain('refused');
    expect(log.attempts).toBe(1);
  });

  it('refuses the last part of a personnummer split over three neighbouring cells, names the three columns, and takes it back', async () => {
    const { a, b, ca, id } = await twoDocs();
    setCells(a, id, { startDate: '1981', endDate: '1218' });
    await eventually(() => rowsOf(b)[0]?.values.endDate === '1218', 3000, 'the first two parts to arrive');
    setCell(a, id, 'responsible', '9876');
    expect(ca.status.lastRefusal?.code).toBe(0);
    expect(ca.status.lastRefusal?.message.sv).toBe('Kolumnerna «Startdatum», «Slutdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(rowsOf(a)[0]?.values.responsible).toBeUndefined();
    expect(holds(a, '9876')).toBe(false);
    setCell(a, id, 'responsible', 'Anna');
    await eventually(() => rowsOf(b)[0]?.values.responsible === 'Anna', 3000, 'a later change to arrive');
    expect(holds(b, '9876')).toBe(false);
    expect(ca.status.state).toBe('online');
  });

  it('refuses the serial written across an empty column, with punctuation at its edges, names the two columns, and takes it back', async () => {
    const { a, b, ca, id } = await twoDocs();
    setCell(a, id, 'startDate', '(811218');
    await eventually(() => rowsOf(b)[0]?.values.startDate === '(811218', 3000, 'the date part to arrive');
    setCell(a, id, 'responsible', '9876).');
    expect(ca.status.lastRefusal?.message.sv).toBe('Kolumnerna «Startdatum» och «Ansvarig» tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(rowsOf(a)[0]?.values.responsible).toBeUndefined();
    expect(holds(a, '9876')).toBe(false);
    expect(ca.status.state).toBe('online');
  });

  it('refuses a row that is not a map of cells (a text holding a personnummer) from any writer, and takes it back', async () => {
    const { a, b, ca } = await twoDocs();
    a.getMap('rows').set('r-text', new Y.Text(`Ring ${PNR}`) as never);
    expect(ca.status.lastRefusal?.code).toBe(0);
    expect(a.getMap('rows').has('r-text')).toBe(false);
    expect(holds(a, '9876')).toBe(false);

    insertRows(a, [{ title: 'Promenad' }]);
    await eventually(() => rowsOf(b).length === 2, 3000, 'a later row to arrive');
    expect(ca.status.state).toBe('online');
    expect(b.getMap('rows').has('r-text')).toBe(false);
  });

  it('refuses a cell of an unknown column, takes it back, and stops sending rather than send its key (the server refuses even the empty placeholder)', async () => {
    const { a, b, ca, id } = await twoDocs();
    setCell(a, id, 'not-a-column', 'x');
    expect(ca.status.lastRefusal?.message.sv).toMatch(/not-a-column/);
    expect(rowsOf(a)[0]?.values).not.toHaveProperty('not-a-column');
    expect(ca.status.state).toBe('refused');
    expect(ca.status.refusal?.message.sv).toMatch(/öppna det igen/);
    insertRows(a, [{ title: 'Efter' }]);
    expect(ca.status.pendingLocalChanges).toBeGreaterThan(0);
    await sleep(200);
    expect(rowsOf(b)).toHaveLength(1);
    expect(holds(b, 'not-a-column')).toBe(false);
    // Trying again does not pretend the change can go now.
    ca.connect();
    expect(ca.status.state).toBe('refused');
  });

  it('takes back a refused row deletion mixed with a refused value, restoring the row as it was', async () => {
    const { a, b, ca, id } = await twoDocs();
    setCell(a, id, 'responsible', 'Anna');
    await eventually(() => rowsOf(b)[0]?.values.responsible === 'Anna');
    a.transact(() => {
      a.getMap('rows').delete(id);
      insertRows(a, [{ title: PNR }]);
    });
    expect(ca.status.lastRefusal?.code).toBe(0);
    expect(rowsOf(a).map((r) => r.values)).toEqual([expect.objectContaining({ title: 'Hälsodag', responsible: 'Anna' })]);
    insertRows(a, [{ title: 'Efteråt' }]);
    await eventually(() => rowsOf(b).length === 2, 3000, 'a later row to arrive');
    expect(rowsOf(b).map((r) => r.values.title).sort()).toEqual(['Efteråt', 'Hälsodag']);
  });

  it('keeps a refused change out of the offline copy', async () => {
    const a = new Y.Doc();
    const ca = connectTo(server, a, open, { docId: 'plan-b', indexeddb: true, connect: false });
    await ca.whenLoaded;
    const [id] = insertRows(a, [{ title: 'Start' }]);
    setCell(a, id as string, 'title', PNR);
    expect(ca.status.lastRefusal?.code).toBe(0);
    await sleep(50);
    await ca.destroy();
    open.splice(open.indexOf(ca), 1);

    const reopened = new Y.Doc();
    const idb = new IndexeddbPersistence(offlineCopyName({ workspace: WS, docId: 'plan-b', member: 'coordinator' }), reopened);
    await idb.whenSynced;
    expect(rowsOf(reopened).map((r) => r.values.title)).toEqual(['Start']);
    expect(holds(reopened, '9876')).toBe(false);
    // Deleted, not only closed: no later test or file opens this copy.
    await idb.clearData();
  });

  it('takes a refused change back in the sheet too', async () => {
    const { a, ca, id } = await twoDocs();
    const side = await openSide(a, 'activity-plan', { docId: 'plan-a' });
    sides.push(side);
    await side.settle();
    const titleOf = (): unknown => side.host.read('plan-a', 'B2')[0]?.[0];
    expect(titleOf()).toBe('Hälsodag');
    a.transact(() => setCell(a, id, 'title', PNR));
    expect(ca.status.lastRefusal?.code).toBe(0);
    await side.settle();
    await eventually(async () => {
      await side.settle();
      return titleOf() === 'Hälsodag';
    });
    expect(rowsOf(a)[0]?.values.title).toBe('Hälsodag');
  });
});
