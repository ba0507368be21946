/**
 * A new edit is told from its first bytes (`startsPastState`, `changes-nothing.ts`): a frame whose
 * first struct lies at a clock the doc has not reached adds something, so `addsNothing` (and
 * `DocFrames.addsNothing`, which every room asks first) answers false without decoding the update
 * or scanning its bytes for a personnummer — the check that follows does both anyway. What a
 * client sends back (structs the doc holds, its delete set) still gets the full test and its true
 * verdict. Wherever `startsPastState` says true, over seeded edits and mutated bytes, applying the
 * update is not a no-op.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addsNothing, startsPastState } from '../../../server/sync/changes-nothing.js';
import { DocFrames } from '../../../server/sync/frames.js';
import type * as Structs from '../../../shared/validate/update-structs.js';
import type * as RawScan from '../../../shared/validate/raw-scan.js';
import { mutateUpdate, prng } from '../../support/yjs-forge/mutate-update.js';

const counts = vi.hoisted(() => ({ decodes: 0, scans: 0 }));
vi.mock('../../../shared/validate/update-structs.js', async (actual) => {
  const real = await actual<typeof Structs>();
  return {
    ...real,
    decodeWholeUpdate: (...args: Parameters<typeof real.decodeWholeUpdate>) => {
      counts.decodes++;
      return real.decodeWholeUpdate(...args);
    },
  };
});
vi.mock('../../../shared/validate/raw-scan.js', async (actual) => {
  const real = await actual<typeof RawScan>();
  return {
    ...real,
    findPersonnummerInBytes: (...args: Parameters<typeof real.findPersonnummerInBytes>) => {
      counts.scans++;
      return real.findPersonnummerInBytes(...args);
    },
  };
});

/** A plan-like doc of `rows` rows, one cell overwritten (so its state has a delete set). */
function plan(rows: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const map = doc.getMap<Y.Map<unknown>>('rows');
  for (let i = 0; i < rows; i++) {
    const row = new Y.Map<unknown>();
    map.set(`r${i}`, row);
    row.set('title', `Promenadgrupp ${i}`);
    row.set('planned', 10 + i);
  }
  map.get('r0')?.set('planned', 99);
  return doc;
}

/** A client's copy of `doc` with its own client id. */
function copyOf(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The update `change` makes to `client`, as Yjs emits it (what a pane sends). */
function sent(client: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  let out: Uint8Array | null = null;
  const take = (u: Uint8Array): void => void (out = u);
  client.on('update', take);
  change(client);
  client.off('update', take);
  if (out === null) throw new Error('the change wrote nothing');
  return out;
}

const rowsOf = (d: Y.Doc): Y.Map<Y.Map<unknown>> => d.getMap<Y.Map<unknown>>('rows');

/**
 * New edits of the usual kinds against `server`: a known client's next cell write (the server
 * first takes one of its writes), a new row, a row deleted with a cell written, an unknown client's cell.
 */
function newEdits(server: Y.Doc): Uint8Array[] {
  const known = copyOf(server, 7);
  Y.applyUpdate(server, sent(known, (d) => rowsOf(d).get('r0')?.set('comment', 'Först')));
  const stranger = copyOf(server, 8);
  return [
    sent(known, (d) => rowsOf(d).get('r1')?.set('title', 'Stavgång')),
    sent(known, (d) => {
      const row = new Y.Map<unknown>();
      rowsOf(d).set('r-new', row);
      row.set('title', 'Ny aktivitet');
    }),
    sent(known, (d) => d.transact(() => {
      rowsOf(d).get('r2')?.set('planned', 3);
      rowsOf(d).delete('r3');
    })),
    sent(stranger, (d) => rowsOf(d).get('r0')?.set('title', 'Ny klient')),
  ];
}

describe('a new edit offered to addsNothing', () => {
  it('is answered false from its first bytes: no decode, no raw scan', () => {
    const server = plan(6);
    const frames = new DocFrames();
    frames.watch(server);
    for (const update of newEdits(server)) {
      expect(startsPastState(server.store, update)).toBe(true);
      counts.decodes = counts.scans = 0;
      expect(addsNothing(server, update)).toBe(false);
      expect(frames.addsNothing(server, update)).toBe(false);
      expect(counts).toEqual({ decodes: 0, scans: 0 });
    }
  });

  it('still judges in full what a client sends back, and keeps its true verdict', () => {
    const server = plan(6);
    const client = copyOf(server, 9);
    const sentBack = [Y.encodeStateAsUpdate(client), Y.encodeStateAsUpdate(client, Y.encodeStateVector(new Y.Doc())), Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))];
    for (const update of sentBack) {
      expect(startsPastState(server.store, update)).toBe(false);
      counts.decodes = counts.scans = 0;
      expect(addsNothing(server, update)).toBe(true);
      expect(counts).toEqual({ decodes: 1, scans: 1 });
    }
  });

  it('says true only of updates that are no no-op, over seeded edits and mutated bytes', () => {
    const random = prng(13);
    let told = 0;
    let tried = 0;
    for (let round = 0; round < 40; round++) {
      const server = plan(4 + (round % 5));
      const edits = [...newEdits(server), Y.encodeStateAsUpdate(copyOf(server, 20 + round))];
      for (const edit of edits) {
        for (const update of [edit, ...Array.from({ length: 6 }, () => mutateUpdate(random, server, edit, `m${round}`))]) {
          tried++;
          if (!startsPastState(server.store, update)) continue;
          told++;
          const doc = copyOf(server, 99);
          const before = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex');
          try {
            Y.applyUpdate(doc, update);
          } catch {
            continue;
          }
          const after = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex');
          const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
          expect(after !== before || pending, `round ${round}: told new but a no-op`).toBe(true);
        }
      }
    }
    // The corpus reaches the quick answer often, and the mutations around it too.
    expect(told).toBeGreaterThan(tried / 4);
  });
});
