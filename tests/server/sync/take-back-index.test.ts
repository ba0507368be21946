/**
 * The compact index of a room's take-backs (`take-back-index.ts`) and the process's budget
 * (`take-back-budget.ts`): a take-back added twice is one entry, so dropping it never leaves a
 * remembered one unknown; past the budget the rooms holding the most drop their oldest from memory,
 * which still answer as known (storage holds them) but are no longer looked up.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ENTRY_HEAP_BYTES, TakeBackIndex } from '../../../server/sync/take-back-index.js';
import { TakeBackBudget, takeBackMemoryMb, DEFAULT_TAKE_BACK_MEMORY_MB } from '../../../server/sync/take-back-budget.js';
import type { KeyTakeBack, RowTakeBack } from '../../../server/sync/take-back-types.js';

const doc = new Y.Doc();
const rows = doc.getMap<unknown>('rows');

/** The take-back of cell `key` numbered `i`: written by the server (9000), refused from 200, 100 seen up to 1. */
const tb = (i: number, key = `k${i}`): KeyTakeBack => ({ kind: 'key', map: rows, key, takeBack: Y.createID(9000, i), refused: Y.createID(200, i), before: new Map([[100, 1]]) });
const entry = (t: KeyTakeBack) => ({ at: 0, tb: t, bytes: 40 });

describe('a take-back added twice', () => {
  it('is remembered once, and known for as long as it is remembered', () => {
    const index = new TakeBackIndex(2, 1 << 20, new TakeBackBudget(1e9));
    const a = tb(1);
    index.add(entry(a));
    index.add(entry({ ...a, before: new Map(a.before) }));
    index.add(entry(tb(2)));
    expect(index.size).toBe(2);
    for (const e of index.entries()) expect(index.has(e.tb)).toBe(true);
    expect(index.keyTakeBack(rows, 'k1', Y.createID(9000, 1))).toMatchObject({ key: 'k1', before: new Map([[100, 1]]) });
  });
});

describe("the process's budget", () => {
  it('keeps every room together within it, dropping the oldest of the room holding the most', () => {
    const per = ENTRY_HEAP_BYTES + 16;
    const budget = new TakeBackBudget(100 * per);
    const [big, small] = [new TakeBackIndex(16_384, 1 << 20, budget), new TakeBackIndex(16_384, 1 << 20, budget)];
    for (let i = 0; i < 30; i++) small.add(entry(tb(100_000 + i)));
    for (let i = 0; i < 500; i++) big.add(entry(tb(i)));
    expect(budget.used).toBeLessThanOrEqual(budget.limitBytes);
    expect(big.heapBytes + small.heapBytes).toBe(budget.used);
    expect(small.size).toBe(30);
    expect(big.size).toBeGreaterThan(0);
    expect(big.size).toBeLessThan(100);
    // The oldest: dropped from memory, still known (in storage), no longer looked up; the newest: remembered.
    expect(big.hasEvicted).toBe(true);
    expect(big.has(tb(0))).toBe(true);
    expect(big.keyTakeBack(rows, 'k0', Y.createID(9000, 0))).toBeNull();
    expect(big.evicted.has(Y.createID(9000, 0))).toBe(true);
    expect(big.keyTakeBack(rows, 'k499', Y.createID(9000, 499))).not.toBeNull();
    expect(big.forgotten.has(Y.createID(9000, 0))).toBe(false);
    // A room that closes leaves the budget.
    big.release();
    expect(budget.used).toBe(small.heapBytes);
  });

  it('is read from SAMPLAN_TAKE_BACK_MEMORY_MB, with a clear error for a value that is not a size', () => {
    expect(takeBackMemoryMb({})).toBe(DEFAULT_TAKE_BACK_MEMORY_MB);
    expect(takeBackMemoryMb({ SAMPLAN_TAKE_BACK_MEMORY_MB: '128' })).toBe(128);
    expect(() => takeBackMemoryMb({ SAMPLAN_TAKE_BACK_MEMORY_MB: 'mycket' })).toThrow(/SAMPLAN_TAKE_BACK_MEMORY_MB must be a positive number of megabytes, not "mycket"/);
    expect(() => takeBackMemoryMb({ SAMPLAN_TAKE_BACK_MEMORY_MB: '-1' })).toThrow(/positive/);
  });
});

describe('a row put back after a refused delete', () => {
  /** A row take-back: the deleted row map `old` (under key `r<i>`) and its copy. */
  const rowTb = (i: number): RowTakeBack => {
    const old = new Y.Map<unknown>();
    const copy = new Y.Map<unknown>();
    rows.set(`old${i}`, old);
    rows.set(`copy${i}`, copy);
    return { kind: 'row', old, copy };
  };

  it('is held past the budget (a cell edit of the deleted row needs it) and counted in it while held', () => {
    const budget = new TakeBackBudget(1);
    const index = new TakeBackIndex(16_384, 1 << 20, budget);
    const row = rowTb(1);
    index.add({ at: 0, tb: row, bytes: 40 });
    index.add(entry(tb(1)));
    // Dropped from the ring for the budget, the row's take-back is still held: its heap still counts.
    expect(index.size).toBe(0);
    expect(index.row(row.old)).not.toBeNull();
    expect(index.heapBytes).toBe(ENTRY_HEAP_BYTES);
    expect(budget.used).toBe(ENTRY_HEAP_BYTES);
    index.release();
    expect(budget.used).toBe(0);
  });

  it('is forgotten, once held past the budget, when as many newer take-backs came as the document keeps', () => {
    const budget = new TakeBackBudget(1);
    const index = new TakeBackIndex(4, 1 << 20, budget);
    const row = rowTb(2);
    index.add({ at: 0, tb: row, bytes: 40 });
    for (let i = 0; i < 3; i++) index.add(entry(tb(50 + i)));
    expect(index.row(row.old)).not.toBeNull();
    index.add(entry(tb(60)));
    expect(index.row(row.old)).toBeNull();
    expect(index.hasRows()).toBe(false);
    expect(index.heapBytes).toBe(0);
    expect(budget.used).toBe(0);
  });

  it("keeps the deleted row's id once its take-back is forgotten, held aside or in the ring, so a cell edit landing there is told", () => {
    const held = new TakeBackIndex(4, 1 << 20, new TakeBackBudget(1));
    const ring = new TakeBackIndex(4, 1 << 20, new TakeBackBudget(1e9));
    const [a, b] = [rowTb(3), rowTb(4)];
    held.add({ at: 0, tb: a, bytes: 40 });
    ring.add({ at: 0, tb: b, bytes: 40 });
    for (let i = 0; i < 3; i++) for (const index of [held, ring]) index.add(entry(tb(70 + i)));
    expect(held.forgottenRows.has(a.old._item?.id as Y.ID)).toBe(false);
    expect(ring.forgottenRows.has(b.old._item?.id as Y.ID)).toBe(false);
    for (const index of [held, ring]) index.add(entry(tb(80)));
    expect(held.row(a.old)).toBeNull();
    expect(ring.row(b.old)).toBeNull();
    expect(held.forgottenRows.has(a.old._item?.id as Y.ID)).toBe(true);
    expect(ring.forgottenRows.has(b.old._item?.id as Y.ID)).toBe(true);
    expect(ring.forgottenRows.has(a.old._item?.id as Y.ID)).toBe(false);
  });
});

describe('an empty index', () => {
  it('makes no typed array when made or cleared (a room makes one and clears it at its load), and grows and empties as before', () => {
    const made = { f64: 0, u32: 0 };
    const [F64, U32] = [globalThis.Float64Array, globalThis.Uint32Array];
    const counting = (): void => {
      globalThis.Float64Array = class extends F64 {
        constructor(...args: ConstructorParameters<typeof Float64Array>) {
          super(...args);
          made.f64++;
        }
      } as typeof Float64Array;
      globalThis.Uint32Array = class extends U32 {
        constructor(...args: ConstructorParameters<typeof Uint32Array>) {
          super(...args);
          made.u32++;
        }
      } as typeof Uint32Array;
    };
    let index: TakeBackIndex;
    counting();
    try {
      index = new TakeBackIndex(64, 1 << 20, new TakeBackBudget(1e9));
      index.clear();
    } finally {
      globalThis.Float64Array = F64;
      globalThis.Uint32Array = U32;
    }
    // The old index made 3 + 5 and the pool's 1 twice: 8 Float64Array and 10 Uint32Array per room.
    expect(made).toEqual({ f64: 0, u32: 0 });
    for (let i = 1; i <= 20; i++) index.add(entry(tb(i)));
    expect(index.size).toBe(20);
    expect(index.keyTakeBack(rows, 'k20', Y.createID(9000, 20))).toMatchObject({ key: 'k20', before: new Map([[100, 1]]) });
    index.clear();
    expect(index.size).toBe(0);
    expect(index.has(tb(20))).toBe(false);
    index.add(entry(tb(21)));
    expect(index.entries().map((e) => (e.tb as KeyTakeBack).key)).toEqual(['k21']);
  });
});
