import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocConnection } from '../../../addin/sync/connect-doc.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { wsMaxPayload } from '../../../server/sync/route.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { closedAfterEach, eventually, startTestServer, WS } from '../../server/sync/support.js';
import { connectTo, countingSocket, pastReconnect, statusLog, type SocketLog } from './support.js';

/** The test's server and connections, closed after each test. */
const t = closedAfterEach<DocConnection>((c) => c.destroy());

const PNR = '19811218-9876';
const noCheck = { checkUpdate: () => ({ ok: true as const }) };
const rowsOfSize = (n: number, chars: number) => Array.from({ length: n }, (_, i) => ({ title: `Rad ${i} `.padEnd(chars, 'x') }));

describe('a change the server refuses', () => {
  it('4422: is kept here, counted as pending, named, and not sent again until asked', async () => {
    t.server = await startTestServer();
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const a = new Y.Doc();
    const ca = connectTo(t.server, a, t.clients, { ...noCheck, WebSocketPolyfill: countingSocket(log) });
    await ca.whenSynced();
    const seen = statusLog(ca);
    insertRows(a, [{ title: `Ring ${PNR}` }]);
    await eventually(() => ca.status.state === 'refused', 3000, 'the refusal');
    expect(ca.status.refusal?.code).toBe(CloseCode.updateRefused);
    expect(ca.status.refusal?.message.sv).toMatch(/Servern tog inte emot/);
    expect(ca.status.pendingLocalChanges).toBe(1);
    expect(rowsOf(a)).toHaveLength(1);
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    // From the edit on, never "online with nothing pending".
    expect(seen.slice(1).some((s) => s.state === 'online' && s.pendingLocalChanges === 0)).toBe(false);

    ca.connect();
    await eventually(() => log.attempts === 2 && ca.status.state === 'refused', 3000, 'one more try, refused again');
    await pastReconnect(log);
    expect(log.attempts).toBe(2);
  });

  it('4413: a frame over the server limit is refused once, not re-sent in a loop, and nothing is lost', async () => {
    t.server = await startTestServer({ maxFrameBytes: 100_000 });
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const a = new Y.Doc();
    // A client that does not cut its frames (as the pane did before): the server refuses the frame.
    const ca = connectTo(t.server, a, t.clients, { WebSocketPolyfill: countingSocket(log), maxFrameBytes: 10_000_000 });
    await ca.whenSynced();
    // Over the server's 100,000 bytes, within the socket layer's margin: the server's own check answers.
    insertRows(a, rowsOfSize(300, 400));
    await eventually(() => ca.status.state === 'refused', 3000, 'the refusal');
    expect(Math.max(...log.sent)).toBeGreaterThan(100_000);
    expect(Math.max(...log.sent)).toBeLessThanOrEqual(wsMaxPayload(100_000));
    expect(ca.status.refusal?.code).toBe(CloseCode.tooLarge);
    expect(ca.status.refusal?.message.en).toMatch(/too large/);
    expect(ca.status.pendingLocalChanges).toBe(1);
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    expect(rowsOf(a)).toHaveLength(300);
  });

  it('1009: a frame the socket layer cuts (far over the limit) is refused once, in the same words as 4413, not re-sent in a loop', async () => {
    t.server = await startTestServer({ maxFrameBytes: 100_000 });
    const log: SocketLog = { attempts: 0, sent: [], closed: 0 };
    const a = new Y.Doc();
    const ca = connectTo(t.server, a, t.clients, { WebSocketPolyfill: countingSocket(log), maxFrameBytes: 10_000_000 });
    await ca.whenSynced();
    insertRows(a, rowsOfSize(1000, 400));
    await eventually(() => ca.status.state === 'refused', 3000, 'the refusal');
    expect(Math.max(...log.sent)).toBeGreaterThan(wsMaxPayload(100_000));
    expect(ca.status.refusal?.code).toBe(CloseCode.messageTooBig);
    expect(ca.status.refusal?.message).toEqual(refusalFor(CloseCode.tooLarge, 'Frame too large').message);
    expect(ca.status.pendingLocalChanges).toBe(1);
    await pastReconnect(log);
    expect(log.attempts).toBe(1);
    expect(ca.status.state).toBe('refused');
    expect(rowsOf(a)).toHaveLength(1000);

    // "Försök igen" tries once more, and is refused once more.
    ca.connect();
    await eventually(() => log.attempts === 2 && ca.status.state === 'refused', 3000, 'one more try, refused again');
    await pastReconnect(log);
    expect(log.attempts).toBe(2);
  });
});

describe('frames under the limit', () => {
  it('sends a change larger than a frame in several frames, each under the limit, and it arrives whole', async () => {
    t.server = await startTestServer({ maxFrameBytes: 100_000 });
    const log: SocketLog = { attempts: 0, sent: [] };
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ca = connectTo(t.server, a, t.clients, { WebSocketPolyfill: countingSocket(log), maxFrameBytes: 100_000 });
    const cb = connectTo(t.server, b, t.clients);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    insertRows(a, rowsOfSize(1000, 400));
    await eventually(() => rowsOf(b).length === 1000, 5000, 'all rows at b');
    await eventually(() => ca.status.pendingLocalChanges === 0);
    expect(ca.status.state).toBe('online');
    expect(Math.max(...log.sent)).toBeLessThanOrEqual(100_000);
    expect(log.sent.filter((n) => n > 50_000).length).toBeGreaterThanOrEqual(4);
    expect(log.attempts).toBe(1);
  });

  it('sends edits made offline, in two sessions, in frames under the limit when it reconnects', async () => {
    t.server = await startTestServer({ maxFrameBytes: 100_000 });
    const first = new Y.Doc();
    const c1 = connectTo(t.server, first, t.clients, { connect: false, maxFrameBytes: 100_000 });
    const ids = insertRows(first, rowsOfSize(400, 400));
    await c1.destroy();
    t.clients.splice(t.clients.indexOf(c1), 1);
    // A second session on the same state (a new client id), editing the first one's rows.
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const log: SocketLog = { attempts: 0, sent: [] };
    const c2 = connectTo(t.server, second, t.clients, { connect: false, maxFrameBytes: 100_000, WebSocketPolyfill: countingSocket(log) });
    second.transact(() => {
      for (const id of ids.slice(0, 300)) (second.getMap('rows').get(id) as Y.Map<unknown>).set('responsible', 'Anna '.padEnd(300, 'y'));
    });
    insertRows(second, rowsOfSize(100, 400));
    c2.connect();
    const b = new Y.Doc();
    const cb = connectTo(t.server, b, t.clients);
    await eventually(() => rowsOf(b).length === 500 && rowsOf(b).filter((r) => r.values.responsible).length === 300, 5000, 'everything at b');
    expect(Math.max(...log.sent)).toBeLessThanOrEqual(100_000);
    expect(c2.status.state).toBe('online');
    await cb.whenSynced();
  });
});

describe('a server whose storage fails', () => {
  it('is retried at growing intervals although each connection syncs first, and the edit arrives whole once storage works', async () => {
    const inner = createMemoryStorage();
    const storage = Object.create(inner) as Storage & { failing: boolean };
    storage.failing = false;
    storage.appendUpdates = async (r, updates) => {
      if (!storage.failing || updates.length === 0) return inner.appendUpdates(r, updates);
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    t.server = await startTestServer({}, { storage });
    const log: SocketLog = { attempts: 0, sent: [], madeAt: [] };
    const a = new Y.Doc();
    const ca = connectTo(t.server, a, t.clients, { WebSocketPolyfill: countingSocket(log), storageBackoff: { firstMs: 200, maxMs: 5000 } });
    await ca.whenSynced();
    storage.failing = true;
    const failedFrom = performance.now();
    insertRows(a, [{ title: 'Sparas till slut' }]);
    // Each connection syncs and fails again; the waits before the next grow: 200, 400, 800 ms (a
    // reset backoff would reconnect every ~100 ms). Timers never fire early, so each gap is at
    // least its wait however loaded the machine is.
    await eventually(() => log.attempts >= 4, 10_000, 'the third connection after storage failed');
    const made = log.madeAt ?? [];
    const gaps = [made[1]! - failedFrom, made[2]! - made[1]!, made[3]! - made[2]!].map(Math.round);
    expect(gaps.map((gap, i) => gap >= 200 * 2 ** i - 2), `gaps ${gaps.join(', ')} ms, against waits of 200, 400, 800`).toEqual([true, true, true]);
    expect(ca.status.pendingLocalChanges).toBe(1);
    expect(ca.status.state).not.toBe('online');
    storage.failing = false;
    await eventually(() => ca.status.state === 'online' && ca.status.pendingLocalChanges === 0, 8000, 'the edit to be stored');
    const stored = await storage.loadDoc({ workspace: WS, doc: 'plan-a' });
    const check = new Y.Doc();
    if (stored.snapshot) Y.applyUpdateV2(check, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(check, u);
    expect(rowsOf(check).map((r) => r.values.title)).toContain('Sparas till slut');
  });
});
