import { describe, expect, it } from 'vitest';
import { spreadPick } from '../../bench/support/spread.js';

/** Place `docs` documents' clients, opened document by document with the writer first, as the scale bench does. */
function place(docs: number, perDoc: number, processes: number): { writers: number[]; readers: number[]; sameAsWriter: number } {
  const writers = Array<number>(processes).fill(0);
  const readers = Array<number>(processes).fill(0);
  let index = 0;
  let sameAsWriter = 0;
  for (let d = 0; d < docs; d++) {
    const writer = spreadPick(index++, processes);
    writers[writer]!++;
    for (let k = 1; k < perDoc; k++) {
      const reader = spreadPick(index++, processes);
      readers[reader]!++;
      if (reader === writer) sameAsWriter++;
    }
  }
  return { writers, readers, sameAsWriter };
}

const spreadOf = (counts: number[]): number => Math.max(...counts) - Math.min(...counts);

describe('scale bench client spread', () => {
  it.each([2, 3, 4, 5, 6, 8])('spreads the writers and the readers of 100 documents × 2 evenly over %i processes, each reader away from its writer', (n) => {
    const { writers, readers, sameAsWriter } = place(100, 2, n);
    expect(spreadOf(writers)).toBeLessThanOrEqual(1);
    expect(spreadOf(readers)).toBeLessThanOrEqual(1);
    expect(sameAsWriter).toBe(0);
  });

  it('gives every process one connection of every round of n, as round robin does', () => {
    for (const n of [1, 2, 3, 5]) {
      for (let round = 0; round < 7; round++) {
        const picked = Array.from({ length: n }, (_, k) => spreadPick(round * n + k, n)).sort((a, b) => a - b);
        expect(picked).toEqual(Array.from({ length: n }, (_, k) => k));
      }
    }
  });

  it('puts (n − 1) / n of one document’s 149 readers away from its writer', () => {
    for (const n of [2, 3, 4]) {
      const { writers, readers, sameAsWriter } = place(1, 150, n);
      expect(spreadOf(writers.map((w, p) => w + (readers[p] as number)))).toBeLessThanOrEqual(1);
      expect(Math.abs(sameAsWriter - 149 / n)).toBeLessThanOrEqual(2);
    }
  });

  it('keeps plain round robin with three processes, the issue’s figure', () => {
    const picks = Array.from({ length: 200 }, (_, i) => spreadPick(i, 3));
    const { writers, readers, sameAsWriter } = place(100, 2, 3);
    expect(writers).toEqual([34, 33, 33]);
    expect(readers.reduce((a, b) => a + b, 0)).toBe(100);
    expect(sameAsWriter).toBe(0);
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
  });

  it('refuses a count or an index that is not a whole number in range', () => {
    expect(() => spreadPick(0, 0)).toThrow(RangeError);
    expect(() => spreadPick(-1, 2)).toThrow(/whole number/);
    expect(() => spreadPick(1.5, 2)).toThrow(RangeError);
  });
});
