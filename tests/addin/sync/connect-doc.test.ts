import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { ConnectionState } from '../../../addin/sync/connection-status.js';
import { insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { eventually, TOKENS, WS } from '../../server/sync/support.js';
import { countingSocket, pastReconnect, serverPerTest, type SocketLog } from './support.js';

const t = serverPerTest();

function connect(doc: Y.Doc, extra: Partial<Parameters<typeof connectDoc>[0]> = {}): DocConnection {
  const c = connectDoc({
    serverUrl: t.server.url,
    workspace: WS,
    docId: 'plan-a',
    token: TOKENS.coordinator,
    doc,
    member: 'coordinator',
    indexeddb: false,
    WebSocketPolyfill: WebSocket,
    maxBackoffMs: 100,
    ...extra,
  });
  t.open.push(c);
  return c;
}

function states(c: DocConnection): ConnectionState[] {
  const seen: ConnectionState[] = [c.status.state];
  c.onStatus((s) => {
    if (seen[seen.length - 1] !== s.state) seen.push(s.state);
  });
  return seen;
}

describe('connectDoc', () => {
  it('syncs two docs through the server and reports online', async () => {
    const a = new Y.Doc();
    insertRows(a, [{ title: 'Hälsodag' }]);
    const b = new Y.Doc();
    const ca = connect(a);
    const cb = connect(b);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    await eventually(() => rowsOf(b).length === 1);
    expect(ca.status).toMatchObject({ state: 'online', pendingLocalChanges: 0, refusal: null });
    setCell(b, rowsOf(b)[0]?.id as string, 'title', 'Från B');
    await eventually(() => rowsOf(a)[0]?.values.title === 'Från B');
  });

  it('shares presence: each side sees the other in awareness, under the member’s name', async () => {
    const a = new Y.Doc();
    const ca = connect(a);
    const cb = connect(new Y.Doc());
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    ca.awareness.setLocalStateField('user', { name: 'Distriktssköterska Tensta' });
    cb.awareness.setLocalStateField('user', { name: 'Verksamhetschef' });
    const names = (c: DocConnection) => [...c.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).sort();
    const named = (c: DocConnection) => names(c).filter((n) => n !== undefined).length === 2;
    await eventually(() => named(ca) && named(cb));
    // Each keeps its own state; the server relays the other under the token's member name.
    expect(names(ca)).toEqual(['Coordinator', 'Distriktssköterska Tensta']);
    expect(names(cb)).toEqual(['Coordinator', 'Verksamhetschef']);
  });

  it('stops for good on 4401 with a reason in Swedish and English', async () => {
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const c = connect(new Y.Doc(), { token: 'wrong', WebSocketPolyfill: countingSocket(log) });
    const seen = states(c);
    await eventually(() => c.status.state === 'refused');
    expect(c.status.refusal?.code).toBe(4401);
    expect(c.status.refusal?.message.sv).toMatch(/Logga in igen/);
    expect(c.status.refusal?.message.en).toMatch(/Sign in again/);
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    expect(seen.filter((s) => s === 'refused')).toHaveLength(1);
    expect(c.status.state).toBe('refused');
  });

  it('stops on 4404 for a document that does not exist', async () => {
    const c = connect(new Y.Doc(), { docId: 'no-such-doc' });
    await eventually(() => c.status.state === 'refused');
    expect(c.status.refusal?.code).toBe(4404);
  });

  it('counts edits made offline as pending and merges them with the other side on reconnect', async () => {
    const a = new Y.Doc();
    const [id] = insertRows(a, [{ title: 'Start' }]);
    const b = new Y.Doc();
    const ca = connect(a);
    const cb = connect(b);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    await eventually(() => rowsOf(b).length === 1);
    ca.disconnect();
    expect(ca.status.state).toBe('offline');
    setCell(a, id as string, 'title', 'Offline A');
    insertRows(a, [{ title: 'Ny offline' }]);
    setCell(b, id as string, 'responsible', 'Online B');
    expect(ca.status.pendingLocalChanges).toBe(2);
    ca.connect();
    await ca.whenSynced();
    await eventually(() => rowsOf(b).length === 2 && rowsOf(a)[0]?.values.responsible === 'Online B');
    expect(rowsOf(a).map((r) => r.values)).toEqual(rowsOf(b).map((r) => r.values));
    expect(ca.status).toMatchObject({ state: 'online', pendingLocalChanges: 0 });
  });

  it('holds back a local update holding a personnummer, and says why', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ca = connect(a);
    const cb = connect(b);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    insertRows(a, [{ title: 'Ring 19811218-9876' }]);
    expect(ca.status.lastRefusal?.code).toBe(0);
    expect(ca.status.lastRefusal?.message.sv).toBeTruthy();
    // Yjs updates are causal: what builds on a held-back update waits with it. The binding
    // refuses such text before it reaches the doc; this check is the last line of defence.
    await new Promise((r) => setTimeout(r, 150));
    expect(rowsOf(b).some((r) => String(r.values.title).includes('9876'))).toBe(false);
    expect(ca.status.state).toBe('online');
  });

  it('reconnects after a 1013 (fell behind reading) and catches up with what changed meanwhile', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ca = connect(a);
    const cb = connect(b);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    const seen = states(ca);
    await t.server.sync.registry.closeAll(CloseCode.tryAgainLater);
    await eventually(() => seen.includes('reconnecting'), 3000, 'the pane to reconnect');
    insertRows(b, [{ title: 'Skrivet medan a var borta' }]);
    await eventually(() => rowsOf(a).some((r) => r.values.title === 'Skrivet medan a var borta'), 5000, 'a to catch up');
    // The row may come relayed a moment before the answer to a's own sync step 1.
    await eventually(() => ca.status.state === 'online', 3000, 'a to be online');
    expect(seen).not.toContain('refused');
    expect(ca.status.refusal).toBeNull();
  });

  it('keeps offline edits in IndexedDB across a closed pane and sends them when back online', async () => {
    const docId = 'plan-b';
    const first = new Y.Doc();
    const c1 = connect(first, { docId, indexeddb: true, connect: false });
    await c1.whenLoaded;
    insertRows(first, [{ title: 'Skrivet offline' }]);
    await new Promise((r) => setTimeout(r, 50));
    await c1.destroy();
    t.open.splice(t.open.indexOf(c1), 1);

    const reopened = new Y.Doc();
    const c2 = connect(reopened, { docId, indexeddb: true });
    const pending: number[] = [];
    c2.onStatus((s) => pending.push(s.pendingLocalChanges));
    await c2.whenLoaded;
    expect(rowsOf(reopened).map((r) => r.values.title)).toEqual(['Skrivet offline']);
    await c2.whenSynced();
    // The edits of the closed pane count as not synced until the server has confirmed them.
    await eventually(() => pending.includes(1) && c2.status.pendingLocalChanges === 0, 3000, 'pending 1, then 0');
    const other = new Y.Doc();
    const c3 = connect(other, { docId });
    await c3.whenSynced();
    await eventually(() => rowsOf(other).some((r) => r.values.title === 'Skrivet offline'));
  });

  it('discards the offline copy with the edits the server lacks: the document opens again as the server has it', async () => {
    const docId = 'plan-b';
    const first = new Y.Doc();
    const c1 = connect(first, { docId, indexeddb: true, connect: false });
    await c1.whenLoaded;
    insertRows(first, [{ title: 'Bara här' }]);
    await new Promise((r) => setTimeout(r, 50));
    await c1.discard();
    await c1.destroy();
    t.open.splice(t.open.indexOf(c1), 1);

    const reopened = new Y.Doc();
    const c2 = connect(reopened, { docId, indexeddb: true });
    await c2.whenLoaded;
    expect(rowsOf(reopened)).toEqual([]);
    await c2.whenSynced();
    expect(c2.status.pendingLocalChanges).toBe(0);
    expect(rowsOf(reopened).map((r) => r.values.title)).not.toContain('Bara här');
  });
});
