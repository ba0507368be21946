import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, metaOf } from '../../../shared/doc/create.js';
import { newRowId } from '../../../shared/doc/ids.js';
import { encodeState } from '../../../shared/doc/encode.js';
import { rowCount, rowsOf } from '../../../shared/doc/row-index.js';
import { deleteRow, insertRow, insertRows, moveRow, setCell } from '../../../shared/doc/rows.js';

const NET = Symbol('net');
const REPLICAS = 3;

/** One step: a replica edits, or the network delivers (and maybe duplicates) a pending message. */
type Step =
  | { t: 'insert'; r: number; anchor: number; mode: number; value: string }
  | { t: 'insertMany'; r: number; anchor: number; n: number }
  | { t: 'move'; r: number; row: number; anchor: number; mode: number }
  | { t: 'delete'; r: number; row: number }
  | { t: 'edit'; r: number; row: number; column: number; value: string | number | boolean | null }
  | { t: 'deliver'; pick: number; keep: boolean }
  /** A row written straight with a fixed position, as two replicas generating equal keys would. */
  | { t: 'tie'; r: number; pos: number };

const TIE_POSITIONS = ['a0', 'a1', 'a0V'];

const replica = fc.nat(REPLICAS - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('insert' as const), r: replica, anchor: fc.nat(), mode: fc.nat(3), value: fc.string({ maxLength: 3 }) }),
  fc.record({ t: fc.constant('insertMany' as const), r: replica, anchor: fc.nat(), n: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ t: fc.constant('move' as const), r: replica, row: fc.nat(), anchor: fc.nat(), mode: fc.nat(3) }),
  fc.record({ t: fc.constant('delete' as const), r: replica, row: fc.nat() }),
  fc.record({
    t: fc.constant('edit' as const),
    r: replica,
    row: fc.nat(),
    column: fc.nat(2),
    value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null)),
  }),
  fc.record({ t: fc.constant('deliver' as const), pick: fc.nat(), keep: fc.boolean() }),
  fc.record({ t: fc.constant('tie' as const), r: replica, pos: fc.nat(TIE_POSITIONS.length - 1) }),
);

interface Message {
  to: number;
  update: Uint8Array;
}

/** Placement from a random anchor: after/before a row, or at either end. */
function placement(ids: string[], anchor: number, mode: number): { after?: string | null; before?: string | null } {
  const id = ids.length > 0 ? ids[anchor % ids.length] : undefined;
  if (mode === 0 || id === undefined) return { after: null };
  if (mode === 1) return { before: null };
  return mode === 2 ? { after: id } : { before: id };
}

function run(steps: Step[], finalOrder: number[]): void {
  const seed = createDoc('activity-plan', { title: 'T', ownerUnit: 'u', schemaVersion: 1 });
  const docs = Array.from({ length: REPLICAS }, () => {
    const d = new Y.Doc();
    Y.applyUpdateV2(d, encodeState(seed), NET);
    return d;
  });
  const network: Message[] = [];
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NET) return;
      for (let to = 0; to < REPLICAS; to++) if (to !== from) network.push({ to, update });
    });
  });
  const deliver = (i: number, keep: boolean): void => {
    const msg = network[i] as Message;
    if (!keep) network.splice(i, 1);
    Y.applyUpdate(docs[msg.to] as Y.Doc, msg.update, NET);
  };

  for (const s of steps) {
    if (s.t === 'deliver') {
      if (network.length > 0) deliver(s.pick % network.length, s.keep);
      continue;
    }
    const doc = docs[s.r] as Y.Doc;
    if (s.t === 'tie') {
      const row = new Y.Map<unknown>();
      row.set('_pos', TIE_POSITIONS[s.pos]);
      row.set('name', 'tie');
      doc.getMap<Y.Map<unknown>>('rows').set(newRowId(), row);
      continue;
    }
    const ids = rowsOf(doc).map((r) => r.id);
    const pick = (n: number): string | undefined => (ids.length > 0 ? ids[n % ids.length] : undefined);
    if (s.t === 'insert') insertRow(doc, { name: s.value }, placement(ids, s.anchor, s.mode));
    else if (s.t === 'insertMany') insertRows(doc, Array.from({ length: s.n }, (_, i) => ({ name: `m${i}` })), placement(ids, s.anchor, 2));
    else {
      const id = pick(s.row);
      if (id === undefined) continue;
      if (s.t === 'delete') deleteRow(doc, id);
      else if (s.t === 'edit') setCell(doc, id, ['name', 'count', 'done'][s.column] as string, s.value);
      else moveRow(doc, id, placement(ids.filter((x) => x !== id), s.anchor, s.mode));
    }
  }
  // Flush in a random order, delivering some messages twice.
  const order = finalOrder.length > 0 ? finalOrder : [0];
  let k = 0;
  while (network.length > 0) {
    const n = order[k++ % order.length] as number;
    deliver(n % network.length, n % 5 === 0 && k < 200);
  }

  const expected = rowsOf(docs[0] as Y.Doc);
  for (const doc of docs) {
    expect(rowsOf(doc)).toEqual(expected);
    expect(rowCount(doc)).toBe(expected.length);
    expect(metaOf(doc)?.kind).toBe('activity-plan');
  }
  expect(new Set(expected.map((r) => r.id)).size).toBe(expected.length);
  for (let i = 1; i < expected.length; i++) {
    const a = expected[i - 1] as { pos: string; id: string };
    const b = expected[i] as { pos: string; id: string };
    expect(a.pos < b.pos || (a.pos === b.pos && a.id < b.id)).toBe(true);
  }
}

describe('convergence', () => {
  it('three replicas editing concurrently converge to identical ordered rows in any delivery order', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 30 }), (steps, finalOrder) => {
        run(steps, finalOrder);
      }),
      { numRuns: 250 },
    );
    // ~6 s on an idle machine; the margin is for loaded CI runners.
  }, 60_000);

  it('inserts while a move waits for the insert it builds on (its row has no position for a moment)', () => {
    const seed = createDoc('activity-plan', { title: 'T', ownerUnit: 'u', schemaVersion: 1 });
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdateV2(a as Y.Doc, encodeState(seed));
    Y.applyUpdateV2(b as Y.Doc, encodeState(seed));
    const updates: Uint8Array[] = [];
    (a as Y.Doc).on('update', (u: Uint8Array) => updates.push(u));
    const first = insertRow(a as Y.Doc, { name: 'first' });
    insertRow(a as Y.Doc, { name: 'second' });
    moveRow(a as Y.Doc, first, { before: null });
    // b gets the first insert and the move, not the insert between them.
    Y.applyUpdate(b as Y.Doc, updates[0] as Uint8Array);
    Y.applyUpdate(b as Y.Doc, updates[2] as Uint8Array);
    expect(rowsOf(b as Y.Doc).map((r) => [r.id, r.pos])).toEqual([[first, '']]);
    const added = insertRow(b as Y.Doc, { name: 'from b' });
    moveRow(b as Y.Doc, added, { after: null });
    Y.applyUpdate(b as Y.Doc, Y.encodeStateAsUpdate(a as Y.Doc));
    Y.applyUpdate(a as Y.Doc, Y.encodeStateAsUpdate(b as Y.Doc));
    expect(rowsOf(a as Y.Doc)).toEqual(rowsOf(b as Y.Doc));
    expect(rowsOf(a as Y.Doc).map((r) => r.values.name)).toEqual(['from b', 'second', 'first']);
  });

  it('keeps both rows, in a deterministic order, when two replicas insert at the same place', () => {
    const seed = createDoc('activity-plan', { title: 'T', ownerUnit: 'u', schemaVersion: 1 });
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdateV2(a, encodeState(seed));
    Y.applyUpdateV2(b, encodeState(seed));
    const first = insertRow(a, { name: 'first' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    insertRow(a, { name: 'from-a' }, { after: first });
    insertRow(b, { name: 'from-b' }, { after: first });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(rowsOf(a)).toEqual(rowsOf(b));
    expect(rowsOf(a).map((r) => r.values.name).slice(0, 1)).toEqual(['first']);
    expect(rowCount(a)).toBe(3);
  });
});
