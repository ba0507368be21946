import { describe, expect, it } from 'vitest';
import { pastedBlock } from '../../../addin/playground/pasted-block.js';

describe('pastedBlock', () => {
  it('splits a spreadsheet clipboard block by lines (CRLF or LF) and tabs, drops the last line break, and pads short rows', () => {
    expect(pastedBlock('Stavgång\t12\r\nCirkelträning\r\n')).toEqual([['Stavgång', '12'], ['Cirkelträning', '']]);
    expect(pastedBlock('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(pastedBlock('')).toEqual([]);
  });

  it('keeps line breaks, tabs and doubled quotes inside a quoted cell, as Excel writes a cell typed with Alt+Enter', () => {
    expect(pastedBlock('"Promenad\nJärvafältet"\t12\r\nCirkelträning\t"8"\r\n')).toEqual([
      ['Promenad\nJärvafältet', '12'],
      ['Cirkelträning', '8'],
    ]);
    expect(pastedBlock('"a\tb"\t"Säg ""hej"""\r\n"rad 1\r\nrad 2"\t\r\n')).toEqual([
      ['a\tb', 'Säg "hej"'],
      ['rad 1\r\nrad 2', ''],
    ]);
    expect(pastedBlock('"x\n"')).toEqual([['x\n']]);
  });

  it('takes a cell that only starts with a quote as written, and keeps an empty row inside the block', () => {
    expect(pastedBlock('"Hälsa" i fokus\tB\r\n')).toEqual([['"Hälsa" i fokus', 'B']]);
    expect(pastedBlock('"öppen\tC')).toEqual([['"öppen', 'C']]);
    expect(pastedBlock('a\tb\r\n\t\r\nc\td\r\n')).toEqual([['a', 'b'], ['', ''], ['c', 'd']]);
    expect(pastedBlock('a\r\n\r\nb')).toEqual([['a'], [''], ['b']]);
  });
});
