/**
 * History of a refused edit the server took back: the edit and its take-back are stored together
 * and change nothing visible, so History names the take-back in words (who tried, why) instead of
 * an entry with no change; an entry of nothing that no refusal explains is left out.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { NOTICES_ON, NOTICES_PARAM } from '../../../shared/protocol/notices.js';
import type { HistoryGroup } from '../../../server/http/history-groups.js';
import { nameTakeBacks } from '../../../server/http/history-take-backs.js';
import type { AuditRecord } from '../../../server/storage/storage.js';
import { makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
let server: Server | null = null;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = null;
  await f?.close();
});

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 4000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function open(base: string, doc: string, token: string): Promise<{ ydoc: Y.Doc; provider: WebsocketProvider }> {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://${base}/v1/sync/${WS}`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, [NOTICES_PARAM]: NOTICES_ON },
    disableBc: true,
  });
  providers.push(provider);
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return { ydoc, provider };
}

describe('history of a take-back', () => {
  it('names a refused edit of another unit\'s row as taken back, by whom and why, not as an entry of nothing', async () => {
    f = await makeFixture();
    f.now.value = new Date();
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: f.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    f.samplan.injectWebSocket(server);
    const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;

    const b = await open(base, 'handlingsplan', f.tokens.editorB);
    const row = insertRow(b.ydoc, { unit: 'vc-b', measure: 'Språkcafé' });
    const a = await open(base, 'handlingsplan', f.tokens.editor);
    await eventually(async () => rowsOf(a.ydoc).length, (n) => n === 1);
    // Editor A (vc-a) changes vc-b's row: refused, taken back in every copy.
    f.now.value = new Date();
    setCell(a.ydoc, row, 'measure', 'Ändrat av A');
    await eventually(async () => rowsOf(a.ydoc)[0]?.values.measure, (m) => m === 'Språkcafé');

    type Answer = { groups: (HistoryGroup & { takenBack?: { memberName: string | null; code: string } })[] };
    const groups = (
      await eventually(
        async () => (await (await f.req(`/v1/workspaces/${WS}/documents/handlingsplan/history?group=burst`, f.tokens.viewer)).json()) as Answer,
        (a) => a.groups.some((g) => g.takenBack),
      )
    ).groups;
    const taken = groups.find((g) => g.takenBack);
    expect(taken).toMatchObject({ memberId: 'eda', cellsChanged: 0, rowsAdded: [], takenBack: { memberName: 'Person eda', code: 'forbidden-row' } });
    // Every other entry shows a change: none is an entry of nothing.
    for (const g of groups.filter((x) => !x.takenBack)) expect(g.cellsChanged + g.rowsAdded.length + g.rowsDeleted.length).toBeGreaterThan(0);
  });
});

describe('nameTakeBacks', () => {
  const group = (over: Partial<HistoryGroup>): HistoryGroup => ({
    fromSeq: 1, seq: 1, firstAt: '2026-03-01T10:00:00.000Z', at: '2026-03-01T10:00:00.000Z', authorKind: 'server', memberId: null, memberName: null,
    versions: 1, rowsAdded: [], rowsDeleted: [], rowLabels: {}, cellsChanged: 0, changes: [], ...over,
  });
  const refused = (at: string, memberId: string, detail: string): AuditRecord => ({ at, workspace: 'w', doc: 'd', memberId, action: 'refused', bytes: 10, detail });

  it('takes the nearest refusal of the moment (of the group\'s member when it has one), leaves out an empty entry no refusal explains, keeps the rest', () => {
    const names = new Map([['anna', 'Anna Andersson'], ['bo', 'Bo Berg']]);
    const visible = group({ seq: 2, cellsChanged: 1 });
    const archivedTry = group({ seq: 3, at: '2026-03-01T11:00:00.400Z', firstAt: '2026-03-01T11:00:00.400Z' });
    const annasTry = group({ seq: 4, authorKind: 'member', memberId: 'anna', at: '2026-03-01T12:00:00.000Z', firstAt: '2026-03-01T12:00:00.000Z' });
    const sameValue = group({ seq: 5, authorKind: 'member', memberId: 'bo', at: '2026-03-01T13:00:00.000Z', firstAt: '2026-03-01T13:00:00.000Z' });
    const out = nameTakeBacks([visible, archivedTry, annasTry, sameValue], [
      refused('2026-03-01T11:00:00.100Z', 'bo', 'archived'),
      refused('2026-03-01T11:00:03.000Z', 'anna', 'locked-row'),
      refused('2026-03-01T12:00:01.000Z', 'bo', 'forbidden-meta'),
      refused('2026-03-01T12:00:02.000Z', 'anna', 'forbidden-row'),
      { ...refused('2026-03-01T13:00:00.000Z', 'bo', 'x'), action: 'import' },
    ], names);
    expect(out.map((g) => [g.seq, g.takenBack ?? null])).toEqual([
      [2, null],
      [3, { memberId: 'bo', memberName: 'Bo Berg', code: 'archived' }],
      [4, { memberId: 'anna', memberName: 'Anna Andersson', code: 'forbidden-row' }],
    ]);
  });
});
