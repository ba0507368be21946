/**
 * A connect storm of fresh clients on a restarted server (`room-fresh.ts`): a document compacted
 * with its fresh state (`fresh-state.ts`) is served to every client that holds nothing from the
 * stored bytes, with no Yjs apply and no encode; the first edit builds the doc once, and reaches
 * every client that was served from storage.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';

vi.mock('yjs', async (importOriginal) => {
  const y = await importOriginal<typeof Y>();
  return {
    ...y,
    applyUpdate: vi.fn(y.applyUpdate),
    applyUpdateV2: vi.fn(y.applyUpdateV2),
    encodeStateAsUpdate: vi.fn(y.encodeStateAsUpdate),
    encodeStateAsUpdateV2: vi.fn(y.encodeStateAsUpdateV2),
    encodeStateVector: vi.fn(y.encodeStateVector),
  };
});

import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import { Registry } from '../../../server/sync/registry.js';
import { admit } from '../../../server/sync/admission.js';
import { Connection, type Transport } from '../../../server/sync/socket.js';
import { decodeAwarenessUpdate, decodeMessage, encodeAwareness, encodeAwarenessUpdate, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../../server/sync/protocol.js';
import { deleteRow, insertRow } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { decodeFresh } from '../../../server/sync/fresh-state.js';
import { seed, TOKENS, WS } from './seed.js';

class Recording implements Transport {
  readonly frames: Uint8Array[] = [];
  send(frame: Uint8Array): void {
    this.frames.push(frame);
  }
  close(): void {}
  bufferedAmount(): number {
    return 0;
  }
}

const CALLS = ['applyUpdate', 'applyUpdateV2', 'encodeStateAsUpdate', 'encodeStateAsUpdateV2', 'encodeStateVector'] as const;
const counts = (): Record<string, number> => Object.fromEntries(CALLS.map((name) => [name, vi.mocked(Y[name]).mock.calls.length]));
const resetCounts = (): void => CALLS.forEach((name) => vi.mocked(Y[name]).mockClear());
const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const ref = { workspace: WS, doc: 'plan-a' };

/** A server process on `storage`: its registry and a way to connect a client as the coordinator. */
function process(storage: Storage) {
  const deps = roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) });
  const registry = new Registry(deps);
  const source = { resolve: (t: string | undefined) => deps.auth.resolve(t), record: (r: typeof ref) => storage.getDocRecord(r), canRead: deps.auth.canRead.bind(deps.auth) };
  const connect = async (first: Uint8Array[]): Promise<{ transport: Recording; connection: Connection }> => {
    const admission = await admit(ref, TOKENS.coordinator, source);
    if (!admission.ok) throw new Error(admission.reason);
    const transport = new Recording();
    const connection = new Connection(transport, admission, registry, deps, deps.options);
    for (const frame of first) connection.receive(frame);
    return { transport, connection };
  };
  return { registry, connect };
}

/** The update of the first sync step 2 in `frames`. */
function step2Of(frames: readonly Uint8Array[]): Uint8Array {
  for (const frame of frames) {
    const message = decodeMessage(frame);
    if (message.type === 'sync-step2') return message.update;
  }
  throw new Error('no sync step 2');
}

describe('a storm of fresh clients on a restarted server', () => {
  it('is served from the stored fresh state with no apply and no encode; the first edit builds the doc once and reaches all', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    // The first process writes a row and unloads the document: its compaction stores the fresh state.
    const first = process(storage);
    const writer = await first.connect([]);
    await writer.connection.start();
    const before = new Y.Doc();
    Y.applyUpdate(before, (await storage.loadDoc(ref)).updates[0] as Uint8Array);
    const edit: Uint8Array[] = [];
    before.on('update', (u: Uint8Array) => edit.push(u));
    insertRow(before, { title: 'Promenadgrupp' }, { id: 'row-1' });
    writer.connection.receive(encodeUpdate(edit[0] as Uint8Array));
    await turns();
    writer.connection.closed();
    await first.registry.closeAll();
    const stored = await storage.loadDoc(ref);
    expect(stored.updates).toHaveLength(0);
    expect(stored.fresh).toBeDefined();

    // A fresh process: 20 clients that hold nothing connect at once.
    const second = process(storage);
    const hello = [encodeSyncStep1(new Uint8Array([0])), encodeSyncStep2(new Uint8Array([0, 0]))];
    resetCounts();
    const clients = await Promise.all(Array.from({ length: 20 }, () => second.connect(hello)));
    await Promise.all(clients.map((c) => c.connection.start()));
    await turns();
    expect(counts()).toEqual({ applyUpdate: 0, applyUpdateV2: 0, encodeStateAsUpdate: 0, encodeStateAsUpdateV2: 0, encodeStateVector: 0 });

    // Each got the stored state: the row the first process wrote.
    const docs = clients.map((c) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, step2Of(c.transport.frames));
      return doc;
    });
    for (const doc of docs) expect(rowsMap(doc).has('row-1')).toBe(true);

    // One edit: the doc is built once (one apply of the snapshot) and the edit reaches every client.
    const sent = clients.map((c) => c.transport.frames.length);
    const next: Uint8Array[] = [];
    (docs[0] as Y.Doc).on('update', (u: Uint8Array) => next.push(u));
    insertRow(docs[0] as Y.Doc, { title: 'Boule' }, { id: 'row-2' });
    resetCounts();
    (clients[0] as (typeof clients)[0]).connection.receive(encodeUpdate(next[0] as Uint8Array));
    await turns();
    // The build applies the stored state once, from the fresh clients' bytes beside the snapshot (a
    // piece at a time before the edit is judged, `build-first.ts`): the snapshot itself is not applied.
    const snapshot = Buffer.from(stored.snapshot as Uint8Array);
    expect(vi.mocked(Y.applyUpdateV2).mock.calls.filter(([, update]) => snapshot.equals(update)).length).toBe(0);
    // Its pieces, and the edit's own apply.
    expect(vi.mocked(Y.applyUpdate).mock.calls.length).toBeGreaterThan(1);
    // The size check of the edit starts from the stored state's length: no whole-state encode.
    expect(vi.mocked(Y.encodeStateAsUpdate).mock.calls).toHaveLength(0);
    for (const [i, c] of clients.entries()) {
      if (i === 0) continue;
      const updates = c.transport.frames.slice(sent[i]).map(decodeMessage).filter((m) => m.type === 'update');
      expect(updates).toHaveLength(1);
      Y.applyUpdate(docs[i] as Y.Doc, (updates[0] as { update: Uint8Array }).update);
      expect(rowsMap(docs[i] as Y.Doc).has('row-2')).toBe(true);
    }
    for (const c of clients) c.connection.closed();
    await second.registry.closeAll();
    expect((await storage.loadDoc(ref)).updates).toHaveLength(0);
  });

  it('gets its fresh state at its first unload when its snapshot was stored without one, edited or not', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    // A snapshot as one written before the fresh state was kept (or restored from such a copy).
    const old = await storage.loadDoc(ref);
    const doc = new Y.Doc();
    for (const update of old.updates) Y.applyUpdate(doc, update);
    insertRow(doc, { title: 'Promenadgrupp' }, { id: 'row-1' });
    await storage.compact(ref, Y.encodeStateAsUpdateV2(doc), old.lastSeq);
    expect((await storage.loadDoc(ref)).fresh).toBeUndefined();
    // A process opens it, nobody edits, it is unloaded.
    const reader = process(storage);
    const client = await reader.connect([encodeSyncStep1(new Uint8Array([0]))]);
    await client.connection.start();
    await turns();
    client.connection.closed();
    await reader.registry.closeAll();
    const stored = await storage.loadDoc(ref);
    expect(stored.updates).toHaveLength(0);
    expect(stored.fresh).toBeDefined();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, decodeFresh(stored.fresh as Uint8Array)?.update as Uint8Array);
    expect(rowsMap(fresh).has('row-1')).toBe(true);
  });

  it('checks a presence naming an imported row id against the stored row ids, without building the doc', async () => {
    const storage = createMemoryStorage();
    await seed(storage);
    // Rows an import kept under ids not of the pane's shape; one of them deleted since.
    const first = process(storage);
    const writer = await first.connect([]);
    await writer.connection.start();
    const before = new Y.Doc();
    Y.applyUpdate(before, (await storage.loadDoc(ref)).updates[0] as Uint8Array);
    before.on('update', (u: Uint8Array) => writer.connection.receive(encodeUpdate(u)));
    insertRow(before, { title: 'Promenadgrupp' }, { id: 'import-rad-1' });
    insertRow(before, { title: 'Boule' }, { id: 'import-rad-2' });
    deleteRow(before, 'import-rad-2');
    await turns();
    writer.connection.closed();
    await first.registry.closeAll();
    expect((await storage.loadDoc(ref)).fresh).toBeDefined();

    const second = process(storage);
    const hello = [encodeSyncStep1(new Uint8Array([0])), encodeSyncStep2(new Uint8Array([0, 0]))];
    const [pointer, watcher] = await Promise.all([second.connect(hello), second.connect(hello)]);
    await Promise.all([pointer, watcher].map((c) => (c as { connection: Connection }).connection.start()));
    await turns();
    resetCounts();
    const say = (clientId: number, row: string): void =>
      (pointer as { connection: Connection }).connection.receive(encodeAwareness(encodeAwarenessUpdate([{ clientId, clock: 1, json: JSON.stringify({ user: { name: 'x' }, row }) }])));
    say(101, 'import-rad-1');
    say(102, 'import-rad-2');
    say(103, 'aldrig-importerad');
    await turns();
    // No build: no apply of the snapshot, no encode.
    expect(counts()).toEqual({ applyUpdate: 0, applyUpdateV2: 0, encodeStateAsUpdate: 0, encodeStateAsUpdateV2: 0, encodeStateVector: 0 });
    const rows = new Map<number, unknown>();
    for (const frame of (watcher as { transport: Recording }).transport.frames) {
      const message = decodeMessage(frame);
      if (message.type !== 'awareness') continue;
      for (const entry of decodeAwarenessUpdate(message.update) ?? []) rows.set(entry.clientId, (JSON.parse(entry.json) as { row?: string }).row);
    }
    // The row the document holds is named; a deleted one and one it never held are not.
    expect(rows).toEqual(new Map([[101, 'import-rad-1'], [102, undefined], [103, undefined]]));
    for (const c of [pointer, watcher]) (c as { connection: Connection }).connection.closed();
    await second.registry.closeAll();
  });
});
