import { describe, expect, it } from 'vitest';
import { pastedBlock } from '../../../addin/playground/samplan-grid.js';

describe('pastedBlock', () => {
  it('splits a spreadsheet clipboard block by lines (CRLF or LF) and tabs, drops the last line break, and pads short rows', () => {
    expect(pastedBlock('Stavgång\t12\r\nCirkelträning\r\n')).toEqual([['Stavgång', '12'], ['Cirkelträning', '']]);
    expect(pastedBlock('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(pastedBlock('')).toEqual([]);
  });
});
