import { describe, expect, it } from 'vitest';
import { parseSwedishNumber, pointAmbiguity } from '../../../shared/normalize/parse-number.js';

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
    // Points between thousands where nothing else can be meant: before a decimal comma, or two groups and more.
    ['1.234,5', 1234.5],
    ['-12.345,67', -12345.67],
    ['1.234.567', 1234567],
    ['1.234.567,891', 1234567.891],
    ['12.345,6 %', 12345.6],
    // A point before fewer or more than three digits, or after a zero or four digits, is a decimal point.
    ['1.23', 1.23],
    ['1.2345', 1.2345],
    ['0.125', 0.125],
    ['1234.567', 1234.567],
  ])('reads %j as %d', (text, expected) => {
    expect(parseSwedishNumber(text)).toBe(expected);
  });

  it.each(['', 'abc', '1.234', '12.345', '-123.456', '1.234 %', '1,234.5', '1.23,5', '1.2345,6', '12.34.567', '1.234.56', '12,5,6', '12 34', '1 2345', '12 %%', '% 12', '1e3', '..', '-', '12,', '0x10', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseSwedishNumber(text)).toBeNull();
    },
  );

  it('names the two numbers a point before three digits may mean', () => {
    expect(pointAmbiguity('1.234')).toEqual({ whole: 1234, decimal: 1.234 });
    expect(pointAmbiguity('\u2212123.456 %')).toEqual({ whole: -123456, decimal: -123.456 });
    for (const text of ['1.234,5', '1.234.567', '0.125', '1.23', '1,234', '1234.567']) expect(pointAmbiguity(text)).toBeNull();
  });
});
