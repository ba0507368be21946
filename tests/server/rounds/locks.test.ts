import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSyncStep1, encodeUpdate } from '../../../server/sync/protocol.js';
import { createDoc, insertRow, insertRows, rowsOf, setCells } from '../../../shared/doc/index.js';
import { parseLockedReason } from '../../../shared/protocol/locked-refusal.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, WS, type Fixture } from '../http/support.js';
import { listenedSocket } from '../../support/listened-socket.js';

let f: Fixture;
let server: Server | null = null;
afterEach(async () => {
  await f?.close();
  if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
  server = null;
});

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function start(): Promise<string> {
  f = await makeFixture();
  const values = (unit: string, indicator: string, value: number): RowValues => ({ indicator, unit, period: '2026Q2', kon: 'T', value, status: 'preliminar' });
  const ydoc = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(ydoc, [values('vc-a', 'vc-far-forskrivna', 12), values('vc-b', 'vc-far-forskrivna', 7)], { ids: ['va', 'vb'] });
  const at = f.now.value.toISOString();
  // The record first: every store appends only to a document whose record is stored.
  await f.storage.putDocRecord({ workspace: WS, doc: 'varden', kind: 'indicator-values', title: 'Värden', ownerUnit: 'region', createdAt: at, updatedAt: at });
  await f.storage.appendUpdates({ workspace: WS, doc: 'varden' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: f.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  f.samplan.injectWebSocket(server);
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync/${WS}`;
}

async function approveVcA(indicators: string[] = ['vc-far-forskrivna']): Promise<void> {
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
  expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/approve`, f.tokens.coordinator, json({}))).status).toBe(200);
}

/** An update made on a copy of the server's current state of `doc`. */
async function edit(doc: string, change: (d: Y.Doc) => void): Promise<Uint8Array> {
  const copy = await f.samplan.registry.withDoc({ workspace: WS, doc }, (room) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
    return d;
  });
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/**
 * Send one update over a socket, then a sync request: the server handles frames in order, so its
 * answer (sync step 2) means the update was taken; a refusal closes the socket first.
 */
async function send(base: string, doc: string, token: string, update: Uint8Array): Promise<{ code: number; reason: string } | 'open'> {
  const { ws, opened, closed } = listenedSocket(`${base}/${doc}?token=${token}`);
  const answered = new Promise<'open'>((resolve) => ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve('open')));
  await opened;
  ws.send(encodeUpdate(update));
  ws.send(encodeSyncStep1(new Uint8Array([0])));
  const result = await Promise.race([closed, answered]);
  ws.terminate();
  return result;
}

const titles = async (doc: string): Promise<RowValues[]> => f.samplan.registry.withDoc({ workspace: WS, doc }, (room) => rowsOf(room.doc).map((r) => ({ ...r.values, _id: r.id })));

describe('locked rows of an approved round', () => {
  it('refuses a socket write to a covered activity row with 4422 naming the round; rows ending outside the period stay open', async () => {
    const base = await start();
    await approveVcA();
    const [row] = await titles('plan-a');
    const refused = await send(base, 'plan-a', f.tokens.editor, await edit('plan-a', (d) => setCells(d, row?._id as string, { participantsReached: 9, status: 'genomford' })));
    expect(refused).not.toBe('open');
    if (refused === 'open') return;
    expect(refused.code).toBe(4422);
    expect(parseLockedReason(refused.reason)).toEqual({ round: '2026-kv-2', period: '2026Q2', closed: false });
    expect((await titles('plan-a')).find((r) => r._id === row?._id)?.participantsReached ?? null).toBeNull();
    // Even the coordinator (and a trusted import) is refused: approval locks for everyone.
    expect(await send(base, 'plan-a', f.tokens.coordinator, await edit('plan-a', (d) => setCells(d, row?._id as string, { comment: 'x' })))).toMatchObject({ code: 4422 });
    // A new row that ends in the approved period is locked too; one that ends in Q3 is not.
    expect(await send(base, 'plan-a', f.tokens.editor, await edit('plan-a', (d) => void insertRow(d, { title: 'Sent tillägg', type: 'halsodag', startDate: '2026-05-01', endDate: '2026-05-02' })))).toMatchObject({ code: 4422 });
    expect(await send(base, 'plan-a', f.tokens.editor, await edit('plan-a', (d) => void insertRow(d, { title: 'Höstens hälsodag', type: 'halsodag', startDate: '2026-09-01', endDate: '2026-09-01' })))).toBe('open');
    expect((await titles('plan-a')).map((r) => r.title)).toContain('Höstens hälsodag');
    // Moving a covered row out of the period is a write to a locked row.
    expect(await send(base, 'plan-a', f.tokens.editor, await edit('plan-a', (d) => setCells(d, row?._id as string, { endDate: '2026-09-30' })))).toMatchObject({ code: 4422 });
  });

  it("locks the approved unit's indicator values only, and refuses moving another unit's row into them", async () => {
    const base = await start();
    await approveVcA();
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'va', { value: 13 })))).toMatchObject({ code: 4422 });
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'vb', { value: 8 })))).toBe('open');
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'vb', { unit: 'vc-a' })))).toMatchObject({ code: 4422 });
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'va', { period: '2026Q3' })))).toMatchObject({ code: 4422 });
    const values = await titles('varden');
    expect(values.find((r) => r._id === 'va')).toMatchObject({ value: 12, period: '2026Q2' });
    expect(values.find((r) => r._id === 'vb')).toMatchObject({ value: 8, unit: 'vc-b' });
  });

  it('refuses locked records of a REST import (dry run and real alike) and takes the others', async () => {
    await start();
    await approveVcA();
    const csv = 'id;Indikator;Enhet;Period;Kön;Värde\nva;vc-far-forskrivna;vc-a;2026Q2;T;14\nvb;vc-far-forskrivna;vc-b;2026Q2;T;9\n';
    for (const dryRun of [true, false]) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import${dryRun ? '?dryRun=true' : ''}`, f.tokens.admin, {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(200);
      const summary = (await res.json()) as { updated: number; refused: { record: number; code: string; reason: string; message: { sv: string; en: string } }[] };
      expect(summary.updated).toBe(1);
      const en = 'The row is part of the approved round 2026 Q2 and is locked. Ask an admin to reopen the unit\'s report for changes.';
      const sv = 'Raden ingår i den godkända omgången 2026 kv 2 och är låst. Be en administratör öppna enhetens rapport för ändring.';
      expect(summary.refused).toEqual([{ record: 1, row: 2, rowId: 'va', code: 'locked-row', reason: `Row 2 of the file: ${en}`, message: { sv: `Rad 2 i filen: ${sv}`, en: `Row 2 of the file: ${en}` } }]);
    }
    const values = await titles('varden');
    expect(values.find((r) => r._id === 'va')?.value).toBe(12);
    expect(values.find((r) => r._id === 'vb')?.value).toBe(9);
  });

  it('opens the rows again when an admin reopens the round', async () => {
    const base = await start();
    await approveVcA();
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'va', { value: 13 })))).toMatchObject({ code: 4422 });
    const reopened = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/reopen`, f.tokens.admin, json({ reason: 'Täljaren var fel' }));
    expect(reopened.status).toBe(200);
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'va', { value: 13 })))).toBe('open');
    expect((await titles('varden')).find((r) => r._id === 'va')?.value).toBe(13);
  });
});

describe('a closed round', () => {
  it("locks every unit's covered rows, submitted or not, with the closed round's words, and opens them when the round is reopened", async () => {
    const base = await start();
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna'] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'vb', { value: 8 })))).toBe('open');
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/close`, f.tokens.coordinator, json({}))).status).toBe(200);
    for (const id of ['va', 'vb']) {
      const refused = await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, id, { value: 99 })));
      expect(refused).toMatchObject({ code: 4422 });
      expect(parseLockedReason((refused as { reason: string }).reason)).toEqual({ round: '2026-kv-2', period: '2026Q2', closed: true });
    }
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/reopen`, f.tokens.coordinator, json({}))).status).toBe(200);
    expect(await send(base, 'varden', f.tokens.coordinator, await edit('varden', (d) => setCells(d, 'vb', { value: 9 })))).toBe('open');
    expect((await titles('varden')).map((r) => r.value)).toEqual([12, 9]);
  });
});
