/**
 * A pulled indicator table fed by read-only sockets, when the server closes them for good (a
 * revoked token 4401; no right 4403 or a document gone 4404 end the same way): the sheet went on
 * saying "uppdateras medan Samplan-fönstret är öppet" although nothing would update it again. It
 * now says it is no longer updated and why, as pulled round tables do. One clinic's values document
 * the server cannot read (4500) does not end it: the sheet names that clinic's document as left out
 * and the others stay live.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { connectIndicatorSource, type ConnectedIndicatorSource } from '../../../addin/indicators/connect-indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from '../../server/sync/support.js';
import { CATALOG, VALUES } from './fixture.js';
import * as Y from 'yjs';
import { DAMAGED_UPDATE } from '../../support/damaged-update.js';

let server: TestServer;
const open: DocConnection[] = [];
const pulls: PulledTable[] = [];
const sources: ConnectedIndicatorSource[] = [];
/** The shared values document, written through a coordinator's connection. */
let valuesDoc: Y.Doc;

beforeEach(async () => {
  server = await startTestServer({ rightsPollMs: 100 });
  const at = '2026-01-01T00:00:00.000Z';
  for (const [doc, kind] of [['katalog', 'indicator-catalog'], ['varden', 'indicator-values']] as const) {
    await server.storage.putDocRecord({ workspace: WS, doc, kind, title: doc, ownerUnit: 'county', createdAt: at, updatedAt: at });
  }
  const catalog = createDoc('indicator-catalog', { title: 'katalog', ownerUnit: 'county', schemaVersion: 1 });
  const values = createDoc('indicator-values', { title: 'varden', ownerUnit: 'county', schemaVersion: 1 });
  for (const [docId, doc] of [['katalog', catalog], ['varden', values]] as const) {
    const c = connectDoc({ serverUrl: server.url, workspace: WS, docId, token: TOKENS.coordinator, doc, indexeddb: false, WebSocketPolyfill: WebSocket, maxBackoffMs: 100 });
    open.push(c);
    await c.whenSynced();
  }
  insertRows(catalog, CATALOG);
  insertRows(values, VALUES);
  valuesDoc = values;
});
afterEach(async () => {
  for (const p of pulls.splice(0)) await p.dispose();
  for (const s of sources.splice(0)) await s.destroy();
  for (const c of open.splice(0)) await c.destroy();
  await server.stop();
});

async function pulled(lang: 'sv' | 'en', stops: string[], more: { valueIds?: string[]; valueOwners?: Record<string, string> } = {}) {
  const live = connectIndicatorSource({
    serverUrl: server.url,
    workspace: WS,
    token: TOKENS.viewer,
    catalogIds: ['katalog'],
    valueIds: more.valueIds ?? ['varden'],
    ...(more.valueOwners ? { valueOwners: more.valueOwners } : {}),
    connect: { indexeddb: false, WebSocketPolyfill: WebSocket, maxBackoffMs: 100 },
  });
  sources.push(live);
  await live.whenSynced();
  await eventually(() => live.source.current().rows.length === 3);
  const host = createWorkbook();
  const table = await pullIndicatorTable((batch) => host.run(batch), live.source, { filter: {}, lang, coalesceMs: 10, onStopped: (r) => stops.push(r) });
  pulls.push(table);
  const titles = () => host.read(table.sheetName, 'A1:A2').map((line) => String(line[0]));
  return { host, table, titles };
}

describe('a pulled indicator table whose read-only sockets the server closes for good', () => {
  it('says in its title lines, once, that it is no longer updated and why, when the viewer’s token is revoked (4401)', async () => {
    const stops: string[] = [];
    const { table, titles, host } = await pulled('sv', stops);
    expect(titles()[0]).toContain('uppdateras medan Samplan-fönstret är öppet');
    expect(table.stopped).toBeNull();
    expect(await server.storage.revokeToken('t-m-v', new Date().toISOString())).toBe(true);
    await eventually(() => stops.length === 1, 10_000);
    expect(table.stopped).toBe('Inloggningen har återkallats (utloggad eller token återkallad). Logga in igen.');
    expect(titles()[0]).toBe('Samplan – indikatorer (skrivskyddad; uppdateras inte längre)');
    expect(titles()[1]).toMatch(/^Senast uppdaterad: .+\. Uppdateras inte längre: Inloggningen har återkallats/);
    // The rows stay as they were; nothing more is written.
    expect(host.readTable('SamplanIndikatorer').rows.map((r) => r[4])).toEqual([50, 75, '']);
    const syncs = host.syncCount;
    await table.refresh();
    await new Promise((r) => setTimeout(r, 200));
    expect(host.syncCount).toBe(syncs);
    expect(stops).toHaveLength(1);
  });

  it('says it in English in an English table, and a table pulled after the end says it at once', async () => {
    const stops: string[] = [];
    const first = await pulled('en', stops);
    expect(await server.storage.revokeToken('t-m-v', new Date().toISOString())).toBe(true);
    await eventually(() => stops.length === 1, 10_000);
    expect(first.titles()[0]).toBe('Samplan – indicators (read-only; no longer updated)');
    expect(first.titles()[1]).toContain('No longer updated: The sign-in was revoked');
    // The same ended source: a new pull of it is not live either.
    const source = sources[0]!.source;
    const host = createWorkbook();
    const again = await pullIndicatorTable((batch) => host.run(batch), source, { filter: {}, lang: 'en', sheetName: 'Again', onStopped: (r) => stops.push(r) });
    pulls.push(again);
    await eventually(() => stops.length === 2, 5_000);
    expect(host.read('Again', 'A1')[0]?.[0]).toBe('Samplan – indicators (read-only; no longer updated)');
  });

  it('names a clinic’s values document the server cannot read (4500) as left out, and keeps following the others', async () => {
    // Vårdcentral Rinkeby's own values document, one of its stored updates damaged.
    const at = '2026-01-01T00:00:00.000Z';
    const ref = { workspace: WS, doc: 'varden-rinkeby' };
    await server.storage.putDocRecord({ ...ref, kind: 'indicator-values', title: 'Värden Rinkeby', ownerUnit: 'vc-rinkeby', createdAt: at, updatedAt: at });
    const own = createDoc('indicator-values', { title: 'Värden Rinkeby', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
    await server.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(own), memberId: null }]);
    await server.storage.appendUpdates(ref, [{ update: DAMAGED_UPDATE, memberId: null }]);

    const stops: string[] = [];
    const { table, titles, host } = await pulled('sv', stops, { valueIds: ['varden', 'varden-rinkeby'], valueOwners: { varden: 'county', 'varden-rinkeby': 'vc-rinkeby' } });
    const note = () => String(host.read(table.sheetName, 'A3:A3')[0]?.[0]);
    await eventually(() => note().startsWith('Värden som inte kan läsas'), 10_000);
    expect(note()).toMatch(/^Värden som inte kan läsas \(dokumentets sparade historik är skadad\) är utelämnade: vc-rinkeby \(varden-rinkeby\)\. Validerad:/);
    expect(titles()[0]).toContain('uppdateras medan Samplan-fönstret är öppet');
    expect([table.stopped, stops]).toEqual([null, []]);
    // The other document still updates the sheet.
    expect(host.readTable('SamplanIndikatorer').rows.map((r) => r[4])).toEqual([50, 75, '']);
    insertRows(valuesDoc, [{ indicator: 'halsosamtal', unit: 'vc-tensta', period: '2025', kon: 'T', value: 12 }]);
    await eventually(() => host.readTable('SamplanIndikatorer').rows.some((r) => r.includes(12)), 10_000);
  });
});
