import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { metaMap, rowsMap } from '../../../shared/doc/create.js';
import { NOTICES_ON, NoticeType, readNotice, type Notice } from '../../../shared/protocol/notices.js';
import type { RefusalReason, SyncMetrics } from '../../../server/sync/metrics.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import type { SyncOptions } from '../../../server/sync/deps.js';
import { connectProvider, eventually, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
});

/** A stock y-websocket client that also records closes and opened sockets. */
interface Client {
  provider: WebsocketProvider;
  doc: Y.Doc;
  notices: Notice[];
  closes: number[];
  /** Sockets opened so far: more than one means it reconnected. */
  sockets: Set<unknown>;
}

async function open(doc: string, token: string, notices: boolean): Promise<Client> {
  const ydoc = new Y.Doc();
  const provider = connectProvider(server, doc, token, ydoc);
  if (notices) {
    provider.disconnect();
    provider.params = { ...provider.params, notices: NOTICES_ON };
  }
  const client: Client = { provider, doc: ydoc, notices: [], closes: [], sockets: new Set() };
  for (const type of [NoticeType.refusal, NoticeType.docState]) {
    provider.messageHandlers[type] = (_encoder, decoder: decoding.Decoder) => {
      const notice = readNotice(type, decoder);
      if (notice) client.notices.push(notice);
    };
  }
  provider.on('status', (e: { status: string }) => {
    if (e.status === 'connected') client.sockets.add(provider.ws);
  });
  provider.on('connection-close', (e: CloseEvent | null) => client.closes.push(e?.code ?? 0));
  if (notices) provider.connect();
  providers.push(provider);
  await synced(provider);
  return client;
}

/** The server's doc as JSON with both roots typed. */
async function serverJson(doc: string): Promise<string> {
  return server.sync.registry.withDoc({ workspace: WS, doc }, (room) => json(room.doc));
}

function json(doc: Y.Doc): string {
  return JSON.stringify({ meta: metaMap(doc).toJSON(), rows: rowsMap(doc).toJSON() });
}

const measure = (c: Client, row: string): unknown => rowsMap(c.doc).get(row)?.get('measure');

/** Metrics that count refusals by reason. */
function countingMetrics(): SyncMetrics & { refused: Map<RefusalReason, number> } {
  const refused = new Map<RefusalReason, number>();
  return { ...noopSyncMetrics, refused, frameRefused: (r) => void refused.set(r, (refused.get(r) ?? 0) + 1) };
}

/** Editor A's own row "ra" in the county plan, as everyone has it. */
async function withOwnRow(options: Partial<SyncOptions> = {}, metrics?: SyncMetrics): Promise<{ a: Client; b: Client; c: Client }> {
  server = await startTestServer(options, metrics ? { metrics } : {});
  const a = await open('county', TOKENS.editorA, true);
  insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const b = await open('county', TOKENS.editorB, true);
  const c = await open('county', TOKENS.coordinator, false);
  await eventually(() => measure(b, 'ra') === 'Hälsodag' && measure(c, 'ra') === 'Hälsodag', 3000, 'row ra everywhere');
  return { a, b, c };
}

describe('refusal notices', () => {
  it("closes a stock client that writes another unit's row, as before", async () => {
    server = await startTestServer();
    const a = await open('county', TOKENS.editorA, false);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
    await eventually(async () => (await serverJson('county')).includes('Hälsodag'));
    const b = await open('county', TOKENS.editorB, false);
    await eventually(() => measure(b, 'ra') === 'Hälsodag');
    setCells(b.doc, 'ra', { measure: 'Övertagen' });
    await eventually(() => b.closes.includes(4403), 3000, 'a 4403 close');
    expect(b.notices).toEqual([]);
  });

  it("tells an opted-in client, takes the change back everywhere and keeps the socket open", async () => {
    const metrics = countingMetrics();
    const { a, b, c } = await withOwnRow({}, metrics);
    setCells(b.doc, 'ra', { measure: 'Övertagen' });
    await eventually(() => b.notices.length === 1, 3000, 'a refusal notice');
    expect(b.notices[0]).toMatchObject({ type: 'refusal', refusal: { closeCode: 4403, code: 'forbidden-row' } });
    const notice = b.notices[0] as Extract<Notice, { type: 'refusal' }>;
    expect(notice.refusal.message.sv).toMatch(/annan enhet/);
    await eventually(() => measure(b, 'ra') === 'Hälsodag', 3000, 'the refused cell back');
    expect(await serverJson('county')).toBe(json(b.doc));
    expect(metrics.refused.get('refusal-notice')).toBe(1);
    // A new row for another unit is removed again.
    insertRow(b.doc, { unit: 'clinic-a', measure: 'Inte min' }, { id: 'rx' });
    await eventually(() => b.notices.length === 2 && !rowsMap(b.doc).has('rx'), 3000, 'the refused row gone');
    // Edits keep flowing both ways over the same sockets.
    insertRow(b.doc, { unit: 'clinic-b', measure: 'Promenadgrupp' }, { id: 'rb' });
    setCells(a.doc, 'ra', { measure: 'Hälsodag i Rinkeby' });
    await eventually(() => measure(a, 'rb') === 'Promenadgrupp' && measure(b, 'ra') === 'Hälsodag i Rinkeby' && measure(c, 'rb') === 'Promenadgrupp', 3000, 'later edits everywhere');
    const expected = await serverJson('county');
    for (const client of [a, b, c]) expect(json(client.doc)).toBe(expected);
    expect(b.closes).toEqual([]);
    expect(b.sockets.size).toBe(1);
    // Nothing refused reached storage.
    const stored = await server.storage.loadDoc({ workspace: WS, doc: 'county' });
    for (const bytes of [stored.snapshot ?? new Uint8Array(), ...stored.updates]) {
      expect(Buffer.from(bytes).toString('utf8')).not.toMatch(/Övertagen|Inte min/);
    }
    expect(stored.updates.length).toBeGreaterThan(2);
  });

  it('takes back only the refused row of a batch (offline edits sent together) and keeps the rest', async () => {
    const { a, b } = await withOwnRow();
    b.provider.disconnect();
    setCells(b.doc, 'ra', { measure: 'Övertagen offline' });
    insertRow(b.doc, { unit: 'clinic-b', measure: 'Promenadgrupp offline' }, { id: 'rb' });
    b.provider.connect();
    await eventually(() => b.notices.length === 1 && measure(b, 'ra') === 'Hälsodag', 3000, 'the refused row back');
    await eventually(() => measure(a, 'rb') === 'Promenadgrupp offline', 3000, 'the own row kept and relayed');
    // The notice names the row taken back (ids only), so the pane can name the cells typed there.
    expect(b.notices[0]).toMatchObject({ type: 'refusal', refusal: { code: 'forbidden-row', rows: ['ra'] } });
    expect(await serverJson('county')).toBe(json(b.doc));
    expect(json(a.doc)).toBe(json(b.doc));
  });

  it('closes with 4429 once refusals come faster than the refusal bucket refills', async () => {
    const metrics = countingMetrics();
    const { b } = await withOwnRow({ refusalBurst: 2, refusalsPerSecond: 0.001 }, metrics);
    setCells(b.doc, 'ra', { measure: 'Ett' });
    await eventually(() => b.notices.length === 1 && measure(b, 'ra') === 'Hälsodag');
    setCells(b.doc, 'ra', { measure: 'Två' });
    await eventually(() => b.notices.length === 2 && measure(b, 'ra') === 'Hälsodag');
    setCells(b.doc, 'ra', { measure: 'Tre' });
    await eventually(() => b.closes.includes(4429), 3000, 'a 4429 close');
    expect(metrics.refused.get('refusal-notice')).toBe(2);
    expect(metrics.refused.get('rate-limited')).toBe(1);
  });

  it('keeps fatal refusals closes for opted-in clients: a personnummer, a document the role may not write', async () => {
    const { b } = await withOwnRow();
    insertRow(b.doc, { unit: 'clinic-b', measure: 'Patient 19121212-1212' }, { id: 'rp' });
    await eventually(() => b.closes.includes(4422), 3000, 'a 4422 close');
    expect(b.notices).toEqual([]);
    const other = await open('plan-a', TOKENS.editorB, true);
    insertRow(other.doc, { title: 'Inte min plan' }, { id: 'r1' });
    await eventually(() => other.closes.includes(4403), 3000, 'a 4403 close');
    expect(other.notices).toEqual([]);
  });

  it('takes back a change to a row an approved round locks, naming the round', async () => {
    const lock = { round: '2025-kv-2', title: '2025 kv 2', period: '2025Q2' };
    server = await startTestServer({}, { locks: { prepare: async () => undefined, rulesFor: () => (v) => (v.title === 'Hälsodag' ? lock : null) } });
    const coordinator = await open('plan-a', TOKENS.coordinator, false);
    insertRow(coordinator.doc, { title: 'Promenad' }, { id: 'r1' });
    const a = await open('plan-a', TOKENS.editorA, true);
    await eventually(() => rowsMap(a.doc).get('r1')?.get('title') === 'Promenad');
    setCells(a.doc, 'r1', { title: 'Hälsodag' });
    await eventually(() => a.notices.length === 1 && rowsMap(a.doc).get('r1')?.get('title') === 'Promenad', 3000, 'the locked change taken back');
    expect(a.notices[0]).toMatchObject({ type: 'refusal', refusal: { closeCode: 4422, code: 'locked-row', rows: ['r1'] } });
    expect((a.notices[0] as Extract<Notice, { type: 'refusal' }>).refusal.message.sv).toMatch(/godkända omgången 2025 kv 2/);
    expect(a.closes).toEqual([]);
    expect(coordinator.closes).toEqual([]);
  });

  it('tells open sockets at once when the document is archived and restored, also by another process', async () => {
    const { a, c } = await withOwnRow();
    const ref = { workspace: WS, doc: 'county' };
    const record = await server.storage.getDocRecord(ref);
    if (!record) throw new Error('no record');
    const archived = { ...record, archivedAt: '2026-12-01T10:00:00.000Z', archivedBy: 'Anna Admin' };
    await server.storage.putDocRecord(archived);
    server.sync.registry.live.docChanged(archived);
    await eventually(() => a.notices.length === 1, 3000, 'an archive notice');
    expect(a.notices[0]).toEqual({ type: 'doc-state', state: { archivedAt: archived.archivedAt, archivedBy: 'Anna Admin' } });
    expect(c.notices).toEqual([]);
    // A change to the archived document is refused and taken back; the socket stays.
    setCells(a.doc, 'ra', { measure: 'Efter arkivering' });
    await eventually(() => a.notices.length === 2 && measure(a, 'ra') === 'Hälsodag', 3000, 'the change taken back');
    expect(a.notices[1]).toMatchObject({ type: 'refusal', refusal: { closeCode: 4423, code: 'archived' } });
    // Restored by another process: storage only, noticed by the rights poll.
    await server.storage.putDocRecord({ ...record, archivedAt: null, archivedBy: null });
    await server.sync.registry.live.recheck();
    await eventually(() => a.notices.length === 3, 3000, 'a restore notice');
    expect(a.notices[2]).toEqual({ type: 'doc-state', state: { archivedAt: null, archivedBy: null } });
    setCells(a.doc, 'ra', { measure: 'Efter återställning' });
    await eventually(async () => (await serverJson('county')).includes('Efter återställning'), 3000, 'a write after restore');
    expect(a.closes).toEqual([]);
    expect(c.closes).toEqual([]);
  });
});
