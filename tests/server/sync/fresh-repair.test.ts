/**
 * Damaged stored fresh bytes are repaired by the load that finds them (`readRoomDoc`,
 * `room-fresh.ts`): the room builds the document from its snapshot and stores the built state's
 * fresh bytes in place of the damaged ones, so the next load serves them again instead of
 * building the document at every load until the next compaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRef, Storage } from '../../../server/storage/storage.js';
import { decodeFresh, freshDamage } from '../../../server/sync/fresh-state.js';
import { getRow, insertRow } from '../../../shared/doc/index.js';
import { closedAfterEach, connectProvider, eventually, startTestServer, synced, TOKENS, WS } from './support.js';

const ref: DocRef = { workspace: WS, doc: 'plan-a' };
let dir: string | null = null;
/** The test's store: the sync server's stop leaves a store it was given open, so the test closes it. */
let opened: Storage | null = null;
// Registered before `closedAfterEach`: vitest runs afterEach hooks last-registered first, so the
// folder is removed only once the server is stopped and its SQLite store (and the store's
// checkpoint worker, which otherwise went on writing the WAL there: ENOTEMPTY) is closed.
afterEach(async () => {
  await opened?.close();
  opened = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
const t = closedAfterEach<WebsocketProvider>((p) => p.destroy());

const STORES: Record<string, () => Storage> = {
  memory: () => createMemoryStorage(),
  sqlite: () => openSqliteStorage(join((dir = mkdtempSync(join(tmpdir(), 'samplan-fresh-repair-'))), 'samplan.db')),
};

/** Damages of whole fresh bytes, as they were found stored: cut short, and bytes overwritten inside. */
const DAMAGES: Record<string, (bytes: Uint8Array) => Uint8Array> = {
  'cut short': (bytes) => Buffer.from(bytes.subarray(0, bytes.byteLength - 7)),
  'overwritten inside': (bytes) => Uint8Array.from(bytes, (b, i) => (i < bytes.byteLength - 12 ? b : (b * 31 + i * 7) & 0xff)),
};

/** `storage` whose compactions store `damage` of the fresh bytes they are given while `damaging`. */
function damagingCompactions(inner: Storage, damage: (bytes: Uint8Array) => Uint8Array): Storage & { damaging: boolean } {
  const storage = Object.create(inner) as Storage & { damaging: boolean };
  storage.damaging = true;
  storage.compact = (r, snapshot, upto, fresh, replacing) => inner.compact(r, snapshot, upto, fresh && storage.damaging ? damage(fresh) : fresh, replacing);
  return storage;
}

describe('damaged stored fresh bytes', () => {
  for (const [store, open] of Object.entries(STORES)) {
    it.each(Object.keys(DAMAGES))(`are replaced with the built state by the load that finds them (${store}, %s)`, async (name) => {
      const storage = damagingCompactions((opened = open()), DAMAGES[name] as (bytes: Uint8Array) => Uint8Array);
      t.server = await startTestServer({ graceMs: 20 }, { storage });
      const writer = connectProvider(t.server, ref.doc, TOKENS.coordinator);
      t.clients.push(writer);
      await synced(writer);
      insertRow(writer.doc, { title: 'Promenadgrupp' }, { id: 'row-1' });
      await eventually(async () => (await storage.loadDoc(ref)).lastSeq === 2, 10_000, 'row stored');
      writer.destroy();
      await eventually(async () => (await storage.loadDoc(ref)).fresh !== undefined && t.server?.sync.registry.stats().rooms === 0, 10_000, 'unloaded');
      storage.damaging = false;
      const before = await storage.loadDoc(ref);
      const damaged = decodeFresh(before.fresh as Uint8Array);
      expect(damaged === null || freshDamage(damaged) !== null).toBe(true);

      // A client that holds nothing: the room reads the damaged bytes, builds from the snapshot, repairs.
      const reader = connectProvider(t.server, ref.doc, TOKENS.viewer);
      t.clients.push(reader);
      await synced(reader);
      await eventually(() => getRow(reader.doc, 'row-1')?.values.title === 'Promenadgrupp', 10_000, 'row-1 at the client');

      const after = await storage.loadDoc(ref);
      expect(after.lastSeq).toBe(before.lastSeq);
      expect(after.snapshot).toEqual(before.snapshot);
      const repaired = decodeFresh(after.fresh as Uint8Array);
      expect(repaired).not.toBeNull();
      expect(freshDamage(repaired as NonNullable<typeof repaired>)).toBeNull();
      // The snapshot's state: the same row, the same state vector.
      const built = new Y.Doc();
      Y.applyUpdateV2(built, before.snapshot as Uint8Array);
      const served = new Y.Doc();
      Y.applyUpdate(served, (repaired as NonNullable<typeof repaired>).update);
      expect(getRow(served, 'row-1')?.values.title).toBe('Promenadgrupp');
      expect(Y.encodeStateVector(served)).toEqual(Y.encodeStateVector(built));
      expect((repaired as NonNullable<typeof repaired>).stateVector).toEqual(Y.encodeStateVector(built));
    }, 60_000);
  }
});
