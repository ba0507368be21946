import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { StorageBackoff } from '../../../addin/sync/backoff.js';
import { connectDoc, type DocConnection } from '../../../addin/sync/connect-doc.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';

/** The server's answer to sync step 1 for an empty doc: enough for the client to count as synced. */
function step2(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
  return encoding.toUint8Array(e);
}

/** A server that accepts, syncs, and (while `failing`) closes with 1011 50 ms later; opened at `opened` times. */
const server = { failing: true, code: CloseCode.unavailable as number, opened: [] as number[], sockets: [] as FakeSocket[] };

class FakeSocket {
  static readonly OPEN = 1;
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: Uint8Array }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    server.sockets.push(this);
    setTimeout(() => {
      this.readyState = 1;
      server.opened.push(Date.now());
      this.onopen?.();
      this.onmessage?.({ data: step2() });
      if (server.failing) setTimeout(() => this.onclose?.({ code: server.code, reason: 'Storage failed' }), 50);
    }, 5);
  }

  send(): void {}

  close(): void {
    this.readyState = 3;
  }
}

let conn: DocConnection | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  server.failing = true;
  server.code = CloseCode.unavailable;
  server.opened = [];
  server.sockets = [];
});
afterEach(async () => {
  await conn?.destroy();
  conn = null;
  vi.useRealTimers();
});

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

describe('backoff when the server says its storage fails (1011)', () => {
  it('grows with every failure although each connection synced first: a handful of attempts in 15 s, not dozens', async () => {
    conn = connectDoc({ serverUrl: 'ws://fake', workspace: 'w', docId: 'd', token: 't', doc: new Y.Doc(), indexeddb: false, WebSocketPolyfill: FakeSocket });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(server.opened.length).toBeGreaterThanOrEqual(3);
    expect(server.opened.length).toBeLessThanOrEqual(5);
    const waits = gaps(server.opened);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1] as number);
    expect(conn.status.state).toBe('reconnecting');
  });

  it('is forgotten only after a connection has stayed up, and never waits more than the maximum', async () => {
    conn = connectDoc({
      serverUrl: 'ws://fake', workspace: 'w', docId: 'd', token: 't', doc: new Y.Doc(), indexeddb: false, WebSocketPolyfill: FakeSocket,
      storageBackoff: { firstMs: 1000, maxMs: 4000, stableAfterMs: 10_000 },
    });
    await vi.advanceTimersByTimeAsync(20_000);
    const waits = gaps(server.opened);
    expect(Math.max(...waits)).toBeLessThan(4000 + 200);
    expect(waits.filter((w) => w > 3900).length).toBeGreaterThanOrEqual(2);
    server.failing = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(conn.status.state).toBe('online');
    // Up for longer than stableAfterMs: when the storage fails again, the first wait is the short one again.
    const at = Date.now();
    server.sockets.at(-1)?.onclose?.({ code: CloseCode.unavailable, reason: 'Storage failed' });
    await vi.advanceTimersByTimeAsync(5000);
    expect((server.opened.at(-1) as number) - at).toBeLessThan(1200);
  });
});

describe('backoff when the server says the pane sends too fast (4429)', () => {
  it('grows with every close although each connection synced first, and the pane keeps retrying', async () => {
    server.code = CloseCode.rateLimited;
    conn = connectDoc({ serverUrl: 'ws://fake', workspace: 'w', docId: 'd', token: 't', doc: new Y.Doc(), indexeddb: false, WebSocketPolyfill: FakeSocket });
    await vi.advanceTimersByTimeAsync(15_000);
    // y-websocket 3.1.0 would not reconnect after 44xx on its own; its backoff restarts at each sync.
    expect(server.opened.length).toBeGreaterThanOrEqual(3);
    expect(server.opened.length).toBeLessThanOrEqual(5);
    const waits = gaps(server.opened);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1] as number);
    expect(conn.status.state).toBe('reconnecting');
    server.failing = false;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(conn.status.state).toBe('online');
  });
});

describe('the status while a dropped connection is retried', () => {
  const cases: [number, string, string][] = [
    [CloseCode.goingAway, 'Servern startar om', 'The server is restarting'],
    [CloseCode.unavailable, 'Servern kan inte spara just nu', 'The server cannot store changes right now'],
    [CloseCode.tryAgainLater, 'Anslutningen hann inte med', 'The connection fell behind'],
    [CloseCode.rateLimited, 'Du skickar för snabbt', 'You are sending too fast'],
  ];

  it.each(cases)('after a close with %i says why and when the next attempt starts, and forgets it once synced again', async (code, sv, en) => {
    server.code = code;
    conn = connectDoc({ serverUrl: 'ws://fake', workspace: 'w', docId: 'd', token: 't', doc: new Y.Doc(), indexeddb: false, WebSocketPolyfill: FakeSocket });
    // Three closes: each time the countdown ends when the next socket opens (5 ms after it is made).
    for (let close = 0; close < 3; close++) {
      while (!(conn.status.retry && conn.status.retry.at > Date.now())) await vi.advanceTimersByTimeAsync(1);
      const retry = conn.status.retry;
      expect(conn.status.state).toBe('reconnecting');
      expect(retry).toMatchObject({ code, cause: { sv, en } });
      expect(retry.message.sv).toBe(refusalFor(code, 'Storage failed').message.sv);
      const before = server.sockets.length;
      while (server.sockets.length === before) await vi.advanceTimersByTimeAsync(1);
      expect(Math.abs(Date.now() - retry.at)).toBeLessThanOrEqual(1);
    }
    server.failing = false;
    await vi.advanceTimersByTimeAsync(70_000);
    expect(conn.status.state).toBe('online');
    expect(conn.status.retry).toBeNull();
  });

  it('gives a dropped connection without a code the words for no contact, and none after going offline on purpose', async () => {
    server.code = 1006;
    conn = connectDoc({ serverUrl: 'ws://fake', workspace: 'w', docId: 'd', token: 't', doc: new Y.Doc(), indexeddb: false, WebSocketPolyfill: FakeSocket });
    await vi.advanceTimersByTimeAsync(100);
    expect(conn.status.retry).toMatchObject({ code: 1006, cause: { sv: 'Ingen kontakt med servern' } });
    expect(conn.status.retry?.message.en).toContain('your changes are kept here');
    conn.disconnect();
    expect(conn.status.state).toBe('offline');
    expect(conn.status.retry).toBeNull();
  });
});

describe('StorageBackoff', () => {
  it('doubles from the first wait up to the maximum, and a connect that closes again soon does not reset it', () => {
    const b = new StorageBackoff({ firstMs: 1000, maxMs: 8000, stableAfterMs: 30_000 });
    const waits = [b.failed(), b.failed()];
    b.connected();
    vi.advanceTimersByTime(29_000);
    waits.push(b.failed(), b.failed(), b.failed());
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    b.connected();
    vi.advanceTimersByTime(30_000);
    expect(b.active).toBe(false);
    expect(b.failed()).toBe(1000);
    b.destroy();
  });
});
