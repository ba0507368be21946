/**
 * The states from before of a room's take-backs (`take-back-pool.ts`): stored one after another,
 * the dropped ones' places reclaimed by copying the remembered ones to the front, after which
 * every remembered take-back still reads its own state.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BeforePool } from '../../../server/sync/take-back-pool.js';
import { TakeBackIndex } from '../../../server/sync/take-back-index.js';
import { TakeBackBudget } from '../../../server/sync/take-back-budget.js';
import type { KeyTakeBack } from '../../../server/sync/take-back-types.js';

/** A state of `n` clients numbered from `i`, each seen up to a clock of its own. */
const stateOf = (i: number, n = 3): Map<number, number> => new Map(Array.from({ length: n }, (_, k) => [i * 10 + k, i * 100 + k]));

describe('BeforePool', () => {
  it('reads back each state stored, and after a compaction the remembered ones at their new places', () => {
    const pool = new BeforePool();
    const kept: { i: number; at: number }[] = [];
    for (let i = 0; i < 400; i++) {
      const at = pool.put(stateOf(i));
      if (i % 10 === 0) kept.push({ i, at });
      else pool.drop(3);
    }
    for (const { i, at } of kept) expect(pool.read(at, 3)).toEqual(stateOf(i));
    expect(pool.wasteful).toBe(true);
    pool.compact((move) => {
      for (const k of kept) k.at = move(k.at, 3);
    });
    expect(pool.wasteful).toBe(false);
    expect(kept.map((k) => k.at)).toEqual(kept.map((_, n) => n * 6));
    for (const { i, at } of kept) expect(pool.read(at, 3)).toEqual(stateOf(i));
    pool.clear();
    expect(pool.put(stateOf(1, 1))).toBe(0);
  });
});

describe('TakeBackIndex past many forgotten take-backs', () => {
  it('still gives each remembered take-back its own state from before once the pool was compacted', () => {
    const doc = new Y.Doc();
    const rows = doc.getMap<unknown>('rows');
    const tb = (i: number): KeyTakeBack => ({ kind: 'key', map: rows, key: `k${i}`, takeBack: Y.createID(9000, i), refused: Y.createID(200, i), before: stateOf(i) });
    const index = new TakeBackIndex(50, 1 << 20, new TakeBackBudget(1e9));
    for (let i = 0; i < 2000; i++) {
      index.add({ at: i, tb: tb(i), bytes: 40 });
      // The oldest remembered one, whose state a compaction after this add has moved.
      const oldest = Math.max(0, i - 49);
      expect(index.keyTakeBack(rows, `k${oldest}`, Y.createID(9000, oldest))?.before).toEqual(stateOf(oldest));
    }
    expect(index.size).toBe(50);
    for (let i = 1950; i < 2000; i++) expect(index.keyTakeBack(rows, `k${i}`, Y.createID(9000, i))?.before).toEqual(stateOf(i));
    expect(index.entries().map((e) => e.at)).toEqual(Array.from({ length: 50 }, (_, n) => 1950 + n));
  });
});
