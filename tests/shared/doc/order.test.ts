import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositioned, keysBetween, planInsert } from '../../../shared/doc/order.js';

describe('keysBetween', () => {
  it('gives n ascending keys strictly between the bounds, wherever they are', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (steps, n) => {
        // Grow a realistic set of keys by repeated inserts, then ask between two neighbours.
        let keys = keysBetween(null, null, 1);
        for (const s of steps) {
          const i = s % (keys.length + 1);
          const [k] = keysBetween(keys[i - 1] ?? null, keys[i] ?? null, 1);
          keys = [...keys.slice(0, i), k as string, ...keys.slice(i)];
        }
        const i = steps[0] as number % (keys.length + 1);
        const lo = keys[i - 1] ?? null;
        const hi = keys[i] ?? null;
        const out = keysBetween(lo, hi, n);
        expect(out).toHaveLength(n);
        const all = [lo, ...out, hi].filter((k): k is string => k !== null);
        for (let j = 1; j < all.length; j++) expect((all[j - 1] as string) < (all[j] as string)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('makes keys that differ between two calls for the same gap', () => {
    expect(keysBetween('a0', 'a1', 1)).not.toEqual(keysBetween('a0', 'a1', 1));
  });
});

describe('planInsert', () => {
  it('moves rows tied with the left neighbour after the new rows', () => {
    const rows = [
      { id: 'a', pos: 'a0' },
      { id: 'b', pos: 'a0' },
      { id: 'c', pos: 'a0' },
      { id: 'd', pos: 'a1' },
    ];
    const plan = planInsert(rows, 1, 2);
    expect(plan.moves.map((m) => m.id)).toEqual(['b', 'c']);
    const after = [
      rows[0] as { id: string; pos: string },
      ...plan.keys.map((pos, i) => ({ id: `new${i}`, pos })),
      ...plan.moves,
      rows[3] as { id: string; pos: string },
    ];
    expect([...after].sort(comparePositioned)).toEqual(after);
  });

  it('inserts next to a row without a usable position instead of throwing', () => {
    // '' is what a row reads as while a move's new `_pos` waits for the insert it builds on.
    for (const junk of ['', 'not a key', 'a', 'a00']) {
      const rows = [
        { id: 'x', pos: junk },
        { id: 'y', pos: 'a0' },
      ].sort(comparePositioned);
      for (let index = 0; index <= rows.length; index++) {
        const plan = planInsert(rows, index, 2);
        expect(plan.keys).toHaveLength(2);
        expect(plan.keys[0]! < plan.keys[1]!).toBe(true);
      }
      // At the end the new rows follow every row with a usable position.
      const last = planInsert(rows, rows.length, 1);
      expect(last.keys[0]! > 'a0').toBe(true);
    }
  });
});
