import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { connectIndicatorSource, type ConnectedIndicatorSource } from '../../../addin/indicators/connect-indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { createDoc, insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';
import { CATALOG, VALUES } from './fixture.js';

let server: TestServer;
const open: DocConnection[] = [];
const pulls: PulledTable[] = [];
const sources: ConnectedIndicatorSource[] = [];

beforeEach(async () => {
  server = await startTestServer();
  const at = '2026-01-01T00:00:00.000Z';
  for (const [doc, kind] of [['katalog', 'indicator-catalog'], ['varden', 'indicator-values']] as const) {
    await server.storage.putDocRecord({ workspace: WS, doc, kind, title: doc, ownerUnit: 'county', createdAt: at, updatedAt: at });
  }
});
afterEach(async () => {
  for (const p of pulls.splice(0)) await p.dispose();
  for (const s of sources.splice(0)) await s.destroy();
  for (const c of open.splice(0)) await c.destroy();
  await server.stop();
});

async function connected(docId: string, token: string, doc: Y.Doc): Promise<void> {
  const c = connectDoc({ serverUrl: server.url, workspace: WS, docId, token, doc, indexeddb: false, WebSocketPolyfill: WebSocket, maxBackoffMs: 100 });
  open.push(c);
  await c.whenSynced();
}

describe('a manager with a viewer token', () => {
  it('pulls the table over read-only connections and sees a coordinator change arrive in one sync', async () => {
    const catalog = createDoc('indicator-catalog', { title: 'katalog', ownerUnit: 'county', schemaVersion: 1 });
    const values = createDoc('indicator-values', { title: 'varden', ownerUnit: 'county', schemaVersion: 1 });
    await connected('katalog', TOKENS.coordinator, catalog);
    await connected('varden', TOKENS.coordinator, values);
    insertRows(catalog, CATALOG);
    insertRows(values, VALUES);

    const live = connectIndicatorSource({
      serverUrl: server.url,
      workspace: WS,
      token: TOKENS.viewer,
      catalogIds: ['katalog'],
      valueIds: ['varden'],
      connect: { indexeddb: false, WebSocketPolyfill: WebSocket, maxBackoffMs: 100 },
    });
    sources.push(live);
    await live.whenSynced();
    await eventually(() => live.source.current().rows.length === 3);

    const host = createWorkbook();
    const pulled = await pullIndicatorTable((batch) => host.run(batch), live.source, { filter: {}, lang: 'sv', coalesceMs: 10 });
    pulls.push(pulled);
    expect(host.readTable('SamplanIndikatorer').rows.map((r) => r[4])).toEqual([50, 75, '']);

    const before = host.syncCount;
    const rinkeby = rowsOf(values).find((r) => r.values.unit === 'vc-rinkeby' && r.values.indicator === 'far-6man')?.id as string;
    setCell(values, rinkeby, 'numerator', 54);
    await eventually(() => host.readTable('SamplanIndikatorer').rows[0]?.[4] === 90);
    await new Promise((r) => setTimeout(r, 30));
    expect(host.syncCount - before).toBe(1);
  });

});
