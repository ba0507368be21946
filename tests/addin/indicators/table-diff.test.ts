import { describe, expect, it } from 'vitest';
import { diffTable, type ShownRow } from '../../../addin/indicators/table-diff.js';

const r = (key: string, ...cells: (string | number)[]): ShownRow => ({ key, cells: [key, ...cells] });

describe('diffTable', () => {
  it('rewrites only the changed cells when the rows are the same', () => {
    const diff = diffTable([r('a', 1, 2), r('b', 3, 4)], [r('a', 1, 2), r('b', 3, 5)], 3);
    expect(diff).toEqual({ deletes: [], inserts: [], blocks: [{ row: 1, col: 2, values: [[5]] }], cellsWritten: 1 });
  });

  it('writes nothing when nothing changed', () => {
    expect(diffTable([r('a', 1)], [r('a', 1)], 2).blocks).toEqual([]);
  });

  it('deletes rows that disappeared, highest first, and inserts new ones where they belong', () => {
    const diff = diffTable([r('a', 1), r('b', 2), r('c', 3), r('d', 4)], [r('a', 1), r('b2', 9), r('b3', 8), r('d', 4), r('e', 5)], 2);
    expect(diff.deletes).toEqual([2, 1]);
    expect(diff.inserts).toEqual([
      { at: 1, count: 2 },
      { at: 4, count: 1 },
    ]);
    expect(diff.blocks).toEqual([
      { row: 1, col: 0, values: [['b2', 9], ['b3', 8]] },
      { row: 4, col: 0, values: [['e', 5]] },
    ]);
  });

  it('fills the blank row of an empty table first', () => {
    const diff = diffTable([], [r('a', 1), r('b', 2)], 2);
    expect(diff.inserts).toEqual([{ at: 0, count: 2 }]);
    expect(diff.blocks).toEqual([{ row: 0, col: 0, values: [['a', 1], ['b', 2]] }]);
  });

  it('keeps one blank row when every row goes', () => {
    const diff = diffTable([r('a', 1), r('b', 2), r('c', 3)], [], 2);
    expect(diff.deletes).toEqual([2, 1]);
    expect(diff.blocks).toEqual([{ row: 0, col: 0, values: [['', '']] }]);
  });

  it('rewrites by position when no row is kept, so the table never loses its body', () => {
    const diff = diffTable([r('a', 1), r('b', 2)], [r('x', 1)], 2);
    expect(diff.deletes).toEqual([1]);
    expect(diff.inserts).toEqual([]);
    expect(diff.blocks).toEqual([{ row: 0, col: 0, values: [['x']] }]);
  });

  it('tells repeated keys apart by their order', () => {
    const diff = diffTable([r('a', 1), r('a', 2)], [r('a', 1), r('a', 2), r('a', 3)], 2);
    expect(diff.inserts).toEqual([{ at: 2, count: 1 }]);
    expect(diff.cellsWritten).toBe(2);
  });
});
