/**
 * Stored fresh bytes that are damaged (`freshDamage`, `room-fresh.ts`) never reach a client: a
 * stock y-websocket client connecting to a document whose stored fresh state was cut, overwritten
 * with garbage or holds a state vector that is not its update's gets the document built from its
 * snapshot and log, and the damage is logged once per stored version with the document's id and
 * never the bytes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import type { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { decodeFresh, freshDamage, type FreshState } from '../../../server/sync/fresh-state.js';
import { closedAfterEach, connectProvider, eventually, startTestServer, synced, TOKENS, WS } from './support.js';

const ref: DocRef = { workspace: WS, doc: 'plan-a' };
const t = closedAfterEach<WebsocketProvider>((p) => p.destroy());

/** Fresh bytes framed as `encodeFresh` frames them, of the parts given. */
function frame(fresh: FreshState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, fresh.kind);
  encoding.writeVarUint(encoder, fresh.schemaVersion);
  encoding.writeVarUint8Array(encoder, fresh.stateVector);
  encoding.writeVarUint8Array(encoder, fresh.update);
  return encoding.toUint8Array(encoder);
}

/** The damages of stored fresh bytes `bytes` (a whole, good state) tested, by name. */
const DAMAGES: Record<string, (bytes: Uint8Array, fresh: FreshState) => Uint8Array> = {
  // Cut inside the update, read back as SQLite and Node give small blobs: a Buffer cut from the
  // pool, so that a length read past the end finds the pool's other bytes rather than a throw.
  'cut short (a pooled Buffer)': (bytes) => Buffer.from(bytes.subarray(0, bytes.byteLength - 7)),
  'an update cut short in a whole frame': (_, fresh) => frame({ ...fresh, update: fresh.update.subarray(0, fresh.update.byteLength - 5) }),
  'an update of garbage': (_, fresh) => frame({ ...fresh, update: Uint8Array.from(fresh.update, (b, i) => (i < 2 ? b : (b * 31 + i * 7) & 0xff)) }),
  'a state vector of garbage': (_, fresh) => frame({ ...fresh, stateVector: new Uint8Array([3, 200, 200, 200]) }),
  'a state vector that claims more than the update holds': (_, fresh) => {
    const vector = Y.decodeStateVector(fresh.stateVector);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, vector.size);
    for (const [client, clock] of vector) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock + 5);
    }
    return frame({ ...fresh, stateVector: encoding.toUint8Array(encoder) });
  },
};

/** Memory storage that gives `damage` of its stored fresh bytes while `damaging`. */
function damagingStorage(): Storage & { damage: ((bytes: Uint8Array) => Uint8Array) | null } {
  const inner = createMemoryStorage();
  const storage = Object.create(inner) as Storage & { damage: ((bytes: Uint8Array) => Uint8Array) | null };
  storage.damage = null;
  storage.loadDoc = async (r) => {
    const stored = await inner.loadDoc(r);
    return storage.damage && stored.fresh ? { ...stored, fresh: storage.damage(stored.fresh) } : stored;
  };
  return storage;
}

describe('damaged stored fresh bytes', () => {
  it.each(Object.keys(DAMAGES))('are not served (%s): a stock client gets the document from its snapshot, the damage is logged once', async (name) => {
    const storage = damagingStorage();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    t.server = await startTestServer({ graceMs: 20 }, { storage, logger });
    // A client writes a row; once it leaves, the unload stores the snapshot and its fresh state.
    const writer = connectProvider(t.server, 'plan-a', TOKENS.coordinator);
    t.clients.push(writer);
    await synced(writer);
    insertRow(writer.doc, { title: 'Promenadgrupp' }, { id: 'row-1' });
    await eventually(async () => (await storage.loadDoc(ref)).lastSeq === 2, 5000, 'row stored');
    writer.destroy();
    await eventually(async () => {
      const stored = await storage.loadDoc(ref);
      return stored.updates.length === 0 && stored.fresh !== undefined && t.server?.sync.registry.stats().rooms === 0;
    }, 5000, 'unloaded with its fresh state');
    const good = (await storage.loadDoc(ref)).fresh as Uint8Array;
    const damage = DAMAGES[name] as (typeof DAMAGES)[string];
    storage.damage = (bytes) => damage(bytes, decodeFresh(bytes) as FreshState);
    const damaged = (await storage.loadDoc(ref)).fresh as Uint8Array;

    // Two stock clients that hold nothing, one after the other's room was unloaded: the same stored version read twice.
    for (let i = 0; i < 2; i++) {
      const reader = connectProvider(t.server, 'plan-a', TOKENS.coordinator);
      t.clients.push(reader);
      await synced(reader);
      await eventually(() => getRow(reader.doc, 'row-1')?.values.title === 'Promenadgrupp', 5000, 'row-1 at the client');
      // Its edit goes through: the room built the doc from the snapshot.
      insertRow(reader.doc, { title: `Boule ${i}` }, { id: `row-b${i}` });
      await eventually(async () => (await storage.loadDoc(ref)).lastSeq === 3 + i, 5000, 'edit stored');
      reader.destroy();
      await eventually(() => t.server?.sync.registry.stats().rooms === 0, 5000, 'unloaded');
    }
    const damageLines = logged.filter((line) => line.includes('fresh state damaged'));
    // Each read was of a new stored version (each client's edit made one): one line each, naming the document.
    expect(damageLines.length).toBe(2);
    for (const line of damageLines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ workspace: WS, doc: 'plan-a' });
      expect(typeof entry.why).toBe('string');
      // Never the bytes: no run of them as numbers, base64 or hex.
      expect(line).not.toContain(Buffer.from(damaged).toString('base64').slice(0, 12));
      expect(line).not.toContain(Buffer.from(damaged).toString('hex').slice(0, 12));
      expect(line).not.toContain(Array.from(damaged.subarray(0, 6)).join(','));
    }
    expect(good.byteLength).toBeGreaterThan(0);
  });

  it('logs one stored version once however often it is read', async () => {
    const storage = damagingStorage();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    t.server = await startTestServer({ graceMs: 20 }, { storage, logger });
    const writer = connectProvider(t.server, 'plan-b', TOKENS.coordinator);
    t.clients.push(writer);
    await synced(writer);
    insertRow(writer.doc, { title: 'Promenadgrupp' }, { id: 'row-1' });
    const b: DocRef = { workspace: WS, doc: 'plan-b' };
    await eventually(async () => (await storage.loadDoc(b)).lastSeq === 2, 5000, 'row stored');
    writer.destroy();
    await eventually(async () => (await storage.loadDoc(b)).fresh !== undefined && t.server?.sync.registry.stats().rooms === 0, 5000, 'unloaded');
    storage.damage = (bytes) => Buffer.from(bytes.subarray(0, bytes.byteLength - 7));
    for (let i = 0; i < 3; i++) {
      const reader = connectProvider(t.server, 'plan-b', TOKENS.viewer);
      t.clients.push(reader);
      await synced(reader);
      await eventually(() => getRow(reader.doc, 'row-1') !== undefined, 5000, 'row-1 at the client');
      reader.destroy();
      await eventually(() => t.server?.sync.registry.stats().rooms === 0, 5000, 'unloaded');
    }
    expect(logged.filter((line) => line.includes('fresh state damaged')).length).toBe(1);
  });
});

describe('freshDamage', () => {
  it('finds nothing wrong in the whole state of a doc, with deletions and several clients', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    insertRow(a, { title: 'Promenadgrupp' }, { id: 'row-1' });
    insertRow(b, { title: 'Boule' }, { id: 'row-2' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    a.getMap('rows').delete('row-2');
    const fresh = { kind: '', schemaVersion: 0, stateVector: Y.encodeStateVector(a), update: Y.encodeStateAsUpdate(a) };
    expect(freshDamage(fresh)).toBeNull();
    // The state of an empty doc too.
    const empty = new Y.Doc();
    expect(freshDamage({ ...fresh, stateVector: Y.encodeStateVector(empty), update: Y.encodeStateAsUpdate(empty) })).toBeNull();
    // A diff (not from clock 0) is not a whole state.
    const diff = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    expect(freshDamage({ ...fresh, update: diff })).toMatch(/gap|state vector/);
  });
});
