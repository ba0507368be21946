import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { openSide, plain, tableById, type Side } from '../excel/helpers.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';

const SHEET = 'plan-a';
let server: TestServer;
const conns: DocConnection[] = [];
const sides: Side[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sides.splice(0)) await s.binding.dispose();
  for (const c of conns.splice(0)) await c.destroy();
  await server.stop();
});

async function person(doc: Y.Doc): Promise<{ side: Side; conn: DocConnection }> {
  const conn = connectDoc({ serverUrl: server.url, workspace: WS, docId: 'plan-a', token: TOKENS.coordinator, doc, indexeddb: false, WebSocketPolyfill: WebSocket, maxBackoffMs: 100 });
  conns.push(conn);
  await conn.whenSynced();
  const side = await openSide(doc, 'activity-plan', { docId: 'plan-a' });
  sides.push(side);
  return { side, conn };
}

const same = (a: Side, b: Side): boolean =>
  JSON.stringify(plain(a.doc)) === JSON.stringify(plain(b.doc)) && JSON.stringify(tableById(a)) === JSON.stringify(tableById(b));

async function converge(a: Side, b: Side): Promise<void> {
  await eventually(async () => {
    await Promise.all([a.settle(), b.settle()]);
    return same(a, b);
  }, 5_000, 'both workbooks and docs identical');
}

describe('two workbooks through the sync server', () => {
  it('type, paste 500 rows, delete, sort and filter: both workbooks and docs end identical', async () => {
    const seed = new Y.Doc();
    insertRows(seed, [{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]);
    const { side: a } = await person(seed);
    const { side: b } = await person(new Y.Doc());
    await converge(a, b);

    a.host.user.type(SHEET, 'B2', 'Hälsodag i Fittja');
    await converge(a, b);
    expect(b.host.read(SHEET, 'B2')[0]?.[0]).toBe('Hälsodag i Fittja');

    const before = { a: a.syncs(), b: b.syncs() };
    b.host.user.paste(SHEET, 'B4', Array.from({ length: 500 }, (_, i) => [`Klistrad ${i}`]));
    await converge(a, b);
    expect(rowsOf(a.doc)).toHaveLength(502);
    expect(b.syncs() - before.b).toBeLessThanOrEqual(2);
    expect(a.syncs() - before.a).toBeLessThanOrEqual(2);

    a.host.user.deleteTableRows(a.binding.tableName, 2, 10);
    a.host.user.sortTable(a.binding.tableName, 'Aktivitet', false);
    b.host.user.filterTable(b.binding.tableName, 'Aktivitet', ['Promenad']);
    await converge(a, b);
    expect(rowsOf(b.doc)).toHaveLength(492);
    expect(b.host.readTable(b.binding.tableName).rows[0]?.[1]).toBe('Hälsodag i Fittja');
  });

  it('edits made offline on both sides merge when A reconnects', async () => {
    const seed = new Y.Doc();
    insertRows(seed, [{ title: 'Ett' }, { title: 'Två' }]);
    const { side: a, conn } = await person(seed);
    const { side: b } = await person(new Y.Doc());
    await converge(a, b);
    conn.disconnect();
    a.host.user.type(SHEET, 'B2', 'Ett (A offline)');
    a.host.user.type(SHEET, 'B4', 'Tre (A offline)');
    b.host.user.type(SHEET, 'R2', 'Ansvarig (B)');
    b.host.user.type(SHEET, 'B3', 'Två (B)');
    await Promise.all([a.settle(), b.settle()]);
    expect(conn.status.pendingLocalChanges).toBeGreaterThan(0);
    conn.connect();
    await converge(a, b);
    expect(rowsOf(b.doc).map((r) => [r.values.title, r.values.responsible ?? null])).toEqual([
      ['Ett (A offline)', 'Ansvarig (B)'],
      ['Två (B)', null],
      ['Tre (A offline)', null],
    ]);
  });
});
