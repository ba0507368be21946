import { describe, expect, it } from 'vitest';
import { fillRects } from '../../../addin/excel/sheet/fill-runs.js';

const GREY = '#E7E6E6';
const RED = '#F8CBAD';

describe('fillRects', () => {
  it('makes one rectangle of a run of rows grey in the same columns', () => {
    const fills = [];
    for (let row = 3; row < 103; row++) for (let col = 1; col <= 12; col++) fills.push({ row, col, color: GREY });
    expect(fillRects(fills)).toEqual([{ row: 3, col: 1, rows: 100, cols: 12, color: GREY }]);
  });

  it('starts a new rectangle where rows stop touching', () => {
    const fills = [0, 1, 5, 6].flatMap((row) => [1, 2].map((col) => ({ row, col, color: GREY })));
    expect(fillRects(fills)).toEqual([
      { row: 0, col: 1, rows: 2, cols: 2, color: GREY },
      { row: 5, col: 1, rows: 2, cols: 2, color: GREY },
    ]);
  });

  it('keeps a problem colour inside a grey row as its own cell, and the grey around it', () => {
    const fills = [
      { row: 0, col: 1, color: GREY },
      { row: 0, col: 2, color: RED },
      { row: 0, col: 3, color: GREY },
      { row: 1, col: 1, color: GREY },
      { row: 1, col: 2, color: GREY },
      { row: 1, col: 3, color: GREY },
    ];
    expect(fillRects(fills)).toEqual([
      { row: 0, col: 1, rows: 1, cols: 1, color: GREY },
      { row: 0, col: 2, rows: 1, cols: 1, color: RED },
      { row: 0, col: 3, rows: 1, cols: 1, color: GREY },
      { row: 1, col: 1, rows: 1, cols: 3, color: GREY },
    ]);
  });

  it('groups clears like colours, and the last change of a cell wins', () => {
    const fills = [
      { row: 2, col: 1, color: GREY },
      { row: 2, col: 1, color: null },
      { row: 2, col: 2, color: null },
      { row: 3, col: 1, color: null },
      { row: 3, col: 2, color: null },
    ];
    expect(fillRects(fills)).toEqual([{ row: 2, col: 1, rows: 2, cols: 2, color: null }]);
  });

  it('covers every cell it was given exactly once', () => {
    const fills = [];
    for (let row = 0; row < 20; row++) for (let col = 0; col < 6; col++) if ((row * 7 + col * 3) % 5 !== 0) fills.push({ row, col, color: (row + col) % 3 === 0 ? RED : GREY });
    const covered = new Map<string, string | null>();
    for (const r of fillRects(fills)) {
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) {
        const key = `${r.row + i}:${r.col + j}`;
        expect(covered.has(key)).toBe(false);
        covered.set(key, r.color);
      }
    }
    expect(covered).toEqual(new Map(fills.map((f) => [`${f.row}:${f.col}`, f.color])));
  });
});
