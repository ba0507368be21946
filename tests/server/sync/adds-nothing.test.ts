/**
 * `addsNothing` (`server/sync/changes-nothing.ts`) says an update changes nothing only where the
 * full path (the shared check, then `Y.applyUpdate`) leaves the document as it was. Seeded plans
 * edited by one to three clients (cells, new rows, deleted rows and cells, gc on and off); what a
 * client sends back after joining (its whole state, its delete set, a merge of what it received)
 * must take the quick path. The cases next to them, one fault each (a delete the doc lacks, a
 * struct past the state vector, a client the doc does not know, a delete past the state vector, a
 * struct naming an id the doc lacks, a doc with pending structs or deletions, bytes after the
 * update, a personnummer in a struct the doc has), must not: each fails with its check removed.
 * Mutated updates (`mutateUpdate`) too: wherever the quick path answers, applying changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addsNothing } from '../../../server/sync/changes-nothing.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { encodeStructs, freshClient, type ForgedDelete } from '../../support/yjs-forge/forge-update.js';
import { mutateUpdate, prng, type Random } from '../../support/yjs-forge/mutate-update.js';

type Outcome = 'no-op' | 'changes' | 'refused' | 'throws';

/** A case: how to build the server's doc (built afresh for each path, pending structs included) and the update offered. */
interface Case {
  name: string;
  build: () => Y.Doc;
  update: Uint8Array;
}

/** What the doc holds, its pending structs and deletions included. */
function state(doc: Y.Doc): string {
  const pending = doc.store.pendingStructs ? [...doc.store.pendingStructs.missing].join() : '';
  return `${Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex')}|${pending}|${doc.store.pendingDs ? Buffer.from(doc.store.pendingDs).toString('hex') : ''}`;
}

/** The full path: the check, then the apply. */
function fullPath(c: Case): Outcome {
  const doc = c.build();
  const before = state(doc);
  if (!checkUpdate(doc, c.update).ok) return 'refused';
  return applied(doc, c.update, before);
}

/** Yjs alone: whether applying changes `doc`. */
function applied(doc: Y.Doc, update: Uint8Array, before = state(doc)): Outcome {
  try {
    Y.applyUpdate(doc, update);
  } catch {
    return 'throws';
  }
  return state(doc) === before ? 'no-op' : 'changes';
}

/** Each test takes 4–10 s alone; room for a loaded 2-core machine. */
const MS = 180_000;

const COLUMNS = ['title', 'responsible', 'status', 'comment'];

/** A plan edited by `clients` clients at random, synced; returns the server's doc builder and the clients' docs. */
function seededPlan(seed: number, gc: boolean): { build: () => Y.Doc; clients: Y.Doc[]; random: Random } {
  const random = prng(seed);
  const clients = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
    const d = new Y.Doc({ gc });
    d.clientID = 100 + seed * 10 + i;
    return d;
  });
  const first = clients[0] as Y.Doc;
  first.transact(() => {
    first.getMap('meta').set('kind', 'activity-plan');
    first.getMap('meta').set('title', `Plan ${seed}`);
  });
  const sync = (): void => {
    const all = Y.mergeUpdates(clients.map((d) => Y.encodeStateAsUpdate(d)));
    for (const d of clients) Y.applyUpdate(d, all);
  };
  sync();
  const steps = 5 + Math.floor(random() * 30);
  for (let i = 0; i < steps; i++) {
    const d = clients[Math.floor(random() * clients.length)] as Y.Doc;
    const rows = d.getMap<Y.Map<unknown>>('rows');
    const ids = [...rows.keys()];
    const pick = random();
    if (pick < 0.25 || ids.length === 0) {
      const row = new Y.Map<unknown>();
      row.set('_pos', `a${i}`);
      row.set('title', `Rad ${i}`);
      rows.set(`r${seed}-${i}`, row);
    } else if (pick < 0.35) rows.delete(ids[Math.floor(random() * ids.length)] as string);
    else {
      const row = rows.get(ids[Math.floor(random() * ids.length)] as string) as Y.Map<unknown>;
      const column = COLUMNS[Math.floor(random() * COLUMNS.length)] as string;
      if (pick < 0.45) row.delete(column);
      else row.set(column, random() < 0.5 ? `värde ${i}` : i);
    }
    if (random() < 0.4) sync();
  }
  sync();
  const stored = Y.encodeStateAsUpdate(first);
  const build = (): Y.Doc => {
    const doc = new Y.Doc({ gc });
    Y.applyUpdate(doc, stored);
    return doc;
  };
  return { build, clients, random };
}

/** What a client sends back after joining: its whole state, its delete set alone, its state as a merge of two halves. */
function answers(client: Y.Doc): [string, Uint8Array][] {
  const whole = Y.encodeStateAsUpdate(client);
  const deletes = Y.encodeStateAsUpdate(client, Y.encodeStateVector(client));
  return [
    ['whole state', whole],
    ['delete set', deletes],
    ['merged', Y.mergeUpdates([deletes, whole])],
  ];
}

function rangesOf(update: Uint8Array): ForgedDelete[] {
  const out: ForgedDelete[] = [];
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) for (const r of ranges) out.push([client, r.clock, r.len]);
  return out;
}

/** The cases of one fault each, made from a client's whole state `whole` of the doc `build` makes. */
function oneFault(build: () => Y.Doc, client: Y.Doc, whole: Uint8Array): Case[] {
  const { structs } = Y.decodeUpdate(whole);
  const deletes = rangesOf(whole);
  const out: Case[] = [];
  const doc = build();
  // One delete the doc lacks: a live cell of the client's copy deleted.
  const live = [...client.getMap<Y.Map<unknown>>('rows').values()].flatMap((row) => [...row._map.values()].filter((i) => !i.deleted));
  const victim = live[0];
  if (victim) out.push({ name: 'adds one delete', build, update: encodeStructs(structs, [...deletes, [victim.id.client, victim.id.clock, 1]]) });
  // One struct past the state vector: the client's own new edit sent with what it has.
  const ahead = new Y.Doc({ gc: client.gc });
  ahead.clientID = client.clientID;
  Y.applyUpdate(ahead, whole);
  ahead.getMap('meta').set('title', 'Ny titel');
  out.push({ name: 'one struct past the state vector', build, update: Y.encodeStateAsUpdate(ahead) });
  // A client the doc does not know: one of the doc's structs under another client id.
  const other = freshClient(doc);
  const last = structs.findLastIndex((s) => s instanceof Y.Item && !(s.content instanceof Y.ContentDeleted));
  const moved = structs.map((s, i) => (i === last && s instanceof Y.Item ? new Y.Item(Y.createID(other, 0), null, s.origin, null, s.rightOrigin, s.parent as never, s.parentSub, s.content) : s));
  out.push({ name: 'a client the doc does not know', build, update: encodeStructs(moved, deletes) });
  // A delete reaching past the state vector of a client the doc knows.
  const [c0, end] = [...Y.decodeStateVector(Y.encodeStateVector(doc))][0] as [number, number];
  out.push({ name: 'a delete past the state vector', build, update: encodeStructs(structs, [...deletes, [c0, end - 1, 2]]) });
  out.push({ name: 'a delete of a client the doc does not know', build, update: encodeStructs(structs, [...deletes, [other, 0, 1]]) });
  // A struct the doc has, naming an origin the doc lacks (Yjs would keep it pending).
  const withOrigin = structs.findIndex((s) => s instanceof Y.Item && s.origin !== null);
  if (withOrigin >= 0) {
    const s = structs[withOrigin] as Y.Item;
    const forged = new Y.Item(s.id, null, Y.createID(other, 5), null, s.rightOrigin, null, null, s.content);
    out.push({ name: 'an origin the doc lacks', build, update: encodeStructs(structs.map((x, i) => (i === withOrigin ? forged : x)), deletes) });
  }
  // A doc with pending structs that a later local edit made applicable (any applied update integrates them).
  const pendingBuild = (): Y.Doc => {
    const d = build();
    const waiting = new Y.Doc();
    waiting.clientID = other;
    waiting.getMap('meta').set('note', 'a');
    waiting.getMap('meta').set('note', 'b');
    // The second write alone: it waits for the first.
    Y.applyUpdate(d, Y.encodeStateAsUpdate(waiting, Y.encodeStateVector(new Map([[other, 1]]))));
    d.clientID = other;
    d.getMap('meta').set('local', 1);
    return d;
  };
  out.push({ name: 'a doc with pending structs', build: pendingBuild, update: whole });
  // A doc with pending deletions (beyond the state vector when they came).
  const pendingDsBuild = (): Y.Doc => {
    const d = build();
    Y.applyUpdate(d, encodeStructs([], [[d.clientID, 0, 1]]));
    d.getMap('meta').set('local', 1);
    return d;
  };
  out.push({ name: 'a doc with pending deletions', build: pendingDsBuild, update: whole });
  // Bytes after a complete update.
  out.push({ name: 'bytes after the update', build, update: Uint8Array.from([...whole, 0]) });
  // A personnummer in a struct the doc has.
  const cell = structs.findIndex((s) => s instanceof Y.Item && s.content instanceof Y.ContentAny && typeof s.content.arr[0] === 'string');
  if (cell >= 0) {
    const s = structs[cell] as Y.Item;
    const forged = new Y.Item(s.id, null, s.origin, null, s.rightOrigin, s.parent as never, s.parentSub, new Y.ContentAny(['19121212-1212']));
    out.push({ name: 'a personnummer in a struct the doc has', build, update: encodeStructs(structs.map((x, i) => (i === cell ? forged : x)), deletes) });
  }
  return out;
}

describe('addsNothing', () => {
  // Yjs warns when a pending struct of the doc's own client id integrates (the pending case's full path).
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('takes what joining clients send back, and only what the full path leaves unchanged', () => {
    let quick = 0;
    let honest = 0;
    const faults = new Map<string, number>();
    for (let seed = 1; seed <= 30; seed++) {
      const gc = seed % 3 !== 0;
      const { build, clients } = seededPlan(seed, gc);
      for (const client of clients) {
        for (const [name, update] of answers(client)) {
          const c = { name: `seed ${seed} ${name}`, build, update };
          honest++;
          expect(fullPath(c), c.name).toBe('no-op');
          expect(addsNothing(build(), update), c.name).toBe(true);
          quick++;
        }
        for (const c of oneFault(build, client, Y.encodeStateAsUpdate(client))) {
          const full = fullPath(c);
          expect(full, `seed ${seed} ${c.name}`).not.toBe('no-op');
          expect(addsNothing(c.build(), c.update), `seed ${seed} ${c.name}`).toBe(false);
          faults.set(c.name, (faults.get(c.name) ?? 0) + 1);
        }
      }
    }
    expect(quick).toBe(honest);
    expect(honest).toBeGreaterThan(100);
    // Every fault was made for most plans (a plan without a live cell or an origin lacks a few).
    expect([...faults.keys()].sort()).toEqual(
      [
        'a client the doc does not know',
        'a delete of a client the doc does not know',
        'a delete past the state vector',
        'a doc with pending deletions',
        'a doc with pending structs',
        'a personnummer in a struct the doc has',
        'adds one delete',
        'an origin the doc lacks',
        'bytes after the update',
        'one struct past the state vector',
      ].sort(),
    );
    for (const n of faults.values()) expect(n).toBeGreaterThan(10);
  }, MS);

  it('answers yes to a mutated update only where applying it changes nothing', () => {
    let yes = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const { build, clients, random } = seededPlan(seed + 1000, seed % 2 === 0);
      const whole = Y.encodeStateAsUpdate(clients[0] as Y.Doc);
      for (let i = 0; i < 50; i++) {
        const update = mutateUpdate(random, build(), whole, `m${seed}-${i}`);
        if (!addsNothing(build(), update)) continue;
        yes++;
        expect(applied(build(), update), `seed ${seed} mutation ${i}`).toBe('no-op');
      }
    }
    expect(yes).toBeGreaterThan(30);
  }, MS);
});
