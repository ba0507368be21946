import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { shiftFormula } from '../../../addin/excel-emulator/formula.js';

describe('formulas in the emulator', () => {
  it('evaluates a literal, a reference and one arithmetic operation on two of them, with Excel’s errors', () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    host.user.paste('Blad1', 'A1', [[4, 'text', '', '=A1*2', '=A1+A3', '=A1/0', '=B1*2', '=A1', '="a"', '=FOO(1)']]);
    expect(host.read('Blad1', 'D1:J1')).toEqual([[8, 4, '#DIV/0!', '#VALUE!', 4, 'a', '#NAME?']]);
  });

  it('moves relative row references as Excel copies a formula down, leaving absolute rows, quoted text and functions', () => {
    expect(shiftFormula('=A2*2', 3)).toBe('=A5*2');
    expect(shiftFormula('=$A$2+B$2+$C3', 2)).toBe('=$A$2+B$2+$C5');
    expect(shiftFormula('=IF(A2>0;"B2";LOG10(A2))', 1)).toBe('=IF(A3>0;"B2";LOG10(A3))');
  });
});
