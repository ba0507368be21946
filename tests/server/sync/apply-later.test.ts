/**
 * A one-cell write Yjs would emit as it came (`emits-as-is.ts`) is stored and relayed before the
 * room's doc applies it (`RoomApply.integrate` with `later`): Yjs' transaction runs after the
 * frames are sent, or earlier when anything reads the doc first (the next update judged, a step-2
 * answer). Nothing else changes: the same bytes are returned, stored and relayed, and the doc
 * ends in the same state, as when every update is applied at once. The commit's persist time is
 * counted after the sends too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { RoomApply, type Applying } from '../../../server/sync/room-apply.js';
import { DueBudget } from '../../../server/sync/due-budget.js';
import type { Loaded } from '../../../server/sync/load-doc.js';
import type { Peer, Room } from '../../../server/sync/room.js';
import { noopSyncMetrics } from '../../../server/sync/metrics.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { startTestServer, WS, type TestServer } from './support.js';

const BY = { record: {}, deps: {}, principal: null, seen: undefined } as unknown as Applying;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `clients` docs writing cells of three rows (now and then a row made or deleted, a cell deleted), their updates interleaved, some swapped (pending structs). */
function stream(seed: number, clients: number, steps: number): Uint8Array[] {
  const r = rng(seed);
  const base = new Y.Doc();
  for (const id of ['r1', 'r2', 'r3']) base.getMap<Y.Map<unknown>>('rows').set(id, new Y.Map());
  const start = Y.encodeStateAsUpdate(base);
  const queues: Uint8Array[][] = [];
  const docs = Array.from({ length: clients }, (_, i) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, start);
    queues.push([]);
    d.on('update', (u: Uint8Array) => queues[i]?.push(u));
    return d;
  });
  for (let step = 0; step < steps; step++) {
    const d = docs[Math.floor(r() * clients)] as Y.Doc;
    const rows = d.getMap<Y.Map<unknown>>('rows');
    const ids = [...rows.keys()];
    const pick = r();
    if (pick < 0.05) rows.set(`n${seed}-${step}`, new Y.Map());
    else if (pick < 0.08 && ids.length > 1) rows.delete(ids[Math.floor(r() * ids.length)] as string);
    else {
      const row = rows.get(ids[Math.floor(r() * ids.length)] as string);
      if (pick < 0.12) row?.delete('a');
      else row?.set(['a', 'b', 'c'][Math.floor(r() * 3)] as string, [`t${step}`, step, r() < 0.5, null][Math.floor(r() * 4)]);
    }
    if (r() < 0.3) Y.applyUpdate(docs[Math.floor(r() * clients)] as Y.Doc, Y.encodeStateAsUpdate(d));
  }
  const all: Uint8Array[] = [start];
  while (queues.some((q) => q.length > 0)) {
    const u = queues[Math.floor(r() * queues.length)]?.shift();
    if (u) all.push(u);
  }
  for (let k = 1; k + 1 < all.length; k++) if (r() < 0.03) [all[k], all[k + 1]] = [all[k + 1] as Uint8Array, all[k] as Uint8Array];
  return all;
}

function roomApply(): { room: RoomApply; doc: Y.Doc } {
  const room = new RoomApply(() => undefined, undefined, new DueBudget(1 << 30));
  const doc = new Y.Doc();
  room.watch({ doc, takeBacks: [], tail: 0 } as unknown as Loaded);
  return { room, doc };
}

describe('an update applied after it is relayed', () => {
  it('returns what applying it at once returns, and the doc ends the same, over streams of concurrent clients', () => {
    let deferred = 0;
    let total = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed * 7);
      const later = roomApply();
      const now = roomApply();
      let version = 0;
      later.doc.on('afterTransaction', () => version++);
      for (const u of stream(seed, 1 + (seed % 3), 80)) {
        total++;
        const before = version;
        const got = later.room.integrate(later.doc, u, null, BY, true);
        const want = now.room.integrate(now.doc, u, null, BY);
        expect(got?.update ?? null).toEqual(want?.update ?? null);
        if (version === before) deferred++;
        // Applied after the relay, or left for whatever reads the doc next (here: the next update).
        if (r() < 0.5) later.room.applyLater();
      }
      later.room.applyDue(later.doc);
      expect(Y.encodeStateAsUpdate(later.doc)).toEqual(Y.encodeStateAsUpdate(now.doc));
      expect(later.doc.getMap('rows').toJSON()).toEqual(now.doc.getMap('rows').toJSON());
    }
    // The one-cell writes were left for later; the rest were applied at once.
    expect(deferred).toBeGreaterThan(total / 3);
    expect(deferred).toBeLessThan(total);
  });
});

let server: TestServer;
afterEach(async () => {
  await server?.stop();
});

/** A peer that records into `order` when it is sent a frame. */
function peer(order: string[]): Peer {
  return { send: () => void order.push('sent'), close: () => undefined };
}

/** The update that `change` makes to a copy of `room`'s doc. */
function edit(room: Room, change: (d: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const ME = { memberId: null, principal: null };

describe("a room's one-cell write", () => {
  it('is sent to the peers before Yjs applies it to the room, and applied in the same turn', async () => {
    server = await startTestServer();
    await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, async (room) => {
      const row = room.offer(edit(room, (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' })), ME, null);
      if (row.ok) await row.persisted;
      const order: string[] = [];
      const reader = peer([]);
      room.join(reader);
      reader.send = () => void order.push('sent');
      room.doc.on('afterTransaction', () => order.push('applied'));
      const taken = room.offer(edit(room, (d) => setCells(d, 'rowA', { measure: 'Ny' })), ME, null);
      expect(taken.ok).toBe(true);
      expect(order).toEqual([]);
      if (taken.ok) await taken.persisted;
      expect(order).toEqual(['sent', 'applied']);
      expect((room.doc.getMap('rows').get('rowA') as Y.Map<unknown>).get('measure')).toBe('Ny');
      room.leave(reader);
    });
  });

  it('waits, in a group commit of several rooms, until every room has sent its frames', async () => {
    // SQLite commits the rooms of a turn in one synchronous transaction (`GroupCommit`), as a server does.
    server = await startTestServer({}, { storage: openSqliteStorage(':memory:', {}) });
    const order: string[] = [];
    const { registry } = server.sync;
    await registry.withDoc({ workspace: WS, doc: 'plan-a' }, (a) =>
      registry.withDoc({ workspace: WS, doc: 'plan-b' }, async (b) => {
        const rows: string[] = [];
        for (const [name, room] of [['a', a], ['b', b]] as const) {
          let id = '';
          const row = room.offer(edit(room, (d) => (id = insertRow(d, { title: 'Hälsodag' }))), ME, null);
          if (row.ok) await row.persisted;
          rows.push(id);
          room.join({ send: () => void order.push(`sent ${name}`), close: () => undefined });
          room.doc.on('afterTransaction', () => order.push(`applied ${name}`));
        }
        order.length = 0; // what joining sent
        // Both one-cell writes arrive in one turn and are committed together.
        const taken = [a, b].map((room, i) => room.offer(edit(room, (d) => setCells(d, rows[i] as string, { title: 'Ny' })), ME, null));
        expect(order).toEqual([]);
        for (const t of taken) if (t.ok) await t.persisted;
        expect(order).toEqual(['sent a', 'sent b', 'applied a', 'applied b']);
        for (const room of [a, b]) expect(room.doc.getMap<Y.Map<unknown>>('rows').get(rows[[a, b].indexOf(room)] as string)?.get('title')).toBe('Ny');
      }),
    );
  });

  it('is applied once when the doc is read before its write, and the next write is judged against it', async () => {
    server = await startTestServer();
    await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, async (room) => {
      const row = room.offer(edit(room, (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' })), ME, null);
      if (row.ok) await row.persisted;
      // Two writes of one client, the second building on the first, offered in the same turn.
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
      const updates: Uint8Array[] = [];
      client.on('update', (u: Uint8Array) => updates.push(u));
      setCells(client, 'rowA', { measure: 'Ett' });
      setCells(client, 'rowA', { measure: 'Två' });
      const order: string[] = [];
      const reader = peer(order);
      room.join(reader);
      order.length = 0;
      room.doc.on('afterTransaction', () => order.push('applied'));
      const first = room.offer(updates[0] as Uint8Array, ME, null);
      const second = room.offer(updates[1] as Uint8Array, ME, null);
      expect(first.ok && second.ok).toBe(true);
      // The first was applied as the second was judged; reading the doc applies the second.
      expect(order).toEqual(['applied']);
      expect((room.doc.getMap('rows').get('rowA') as Y.Map<unknown>).get('measure')).toBe('Två');
      expect(order).toEqual(['applied', 'applied']);
      if (second.ok) await second.persisted;
      // Relayed once stored (one frame for the batch), and not applied again.
      expect(order).toEqual(['applied', 'applied', 'sent']);
      room.leave(reader);
    });
  });
});

describe('a commit', () => {
  it('is counted in the persist histogram after its frames are sent, not before', async () => {
    const order: string[] = [];
    server = await startTestServer({}, { metrics: { ...noopSyncMetrics, persistSeconds: () => void order.push('counted') } });
    await server.sync.registry.withDoc({ workspace: WS, doc: 'county' }, async (room) => {
      const reader = peer(order);
      room.join(reader);
      order.length = 0;
      const taken = room.offer(edit(room, (d) => insertRow(d, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'rowA' })), ME, null);
      if (taken.ok) await taken.persisted;
      expect(order).toEqual(['sent', 'counted']);
      room.leave(reader);
    });
  });
});
