import { describe, expect, it } from 'vitest';
import { parseSwedishNumber } from '../../../shared/normalize/parse-number.js';

describe('parseSwedishNumber', () => {
  it.each([
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['-3,25', -3.25],
    ['\u22123,25', -3.25],
    ['+7', 7],
    [',5', 0.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567', 1234567],
    ['1\u202f234,75', 1234.75],
    ['1,234', 1.234],
    ['0', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parseSwedishNumber(text)).toBe(expected);
  });

  it.each(['', 'abc', '1.234,5', '1,234.5', '12,5,6', '12 34', '1 2345', '12 %%', '% 12', '1e3', '..', '-', '12,', '0x10', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseSwedishNumber(text)).toBeNull();
    },
  );
});
