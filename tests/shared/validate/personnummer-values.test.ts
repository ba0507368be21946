/**
 * The guard's check digit and its reading of values that are no text: a number cell holding a
 * personnummer's digits (`8501011236`, `850101.1236`, a bigint), and what is no number at all.
 * The texts the guard reads are `personnummer.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummerInValue, luhnValid, numberText } from '../../../shared/validate/personnummer.js';

describe('luhnValid', () => {
  it('checks the control digit of the 10-digit form', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });
});

describe('numbers as the guard reads them', () => {
  it.each([8501011236, 198501011236, 850101.1236, 19850101.1236, -850101.1236, 8501011236n])('finds a personnummer in %s', (n) => {
    expect(findPersonnummerInValue(n)?.kind).toBe('personnummer');
  });

  it.each([42, 3.5, 999_999_999, 1234.5678, 0.8501011236, 1985010112.36, 0.1 + 0.2, Number.NaN, Infinity, 1e21])('finds nothing in %s', (n) => {
    expect(findPersonnummerInValue(n)).toBeNull();
  });

  it('reads a number as its decimal text without the sign when it has ten digits, with the dropped 0 when it has nine', () => {
    expect(numberText(-850101.1236)).toBe('850101.1236');
    expect(numberText(12345.6789)).toBe('012345.6789');
    expect(numberText(123_456_789)).toBe('0123456789');
    expect(numberText(12_345_678)).toBeNull();
    expect(numberText(1234.5678)).toBeNull();
    expect(numberText(1_234_567_890)).toBe('1234567890');
  });

  it('reads strings as findPersonnummer does and other values as nothing', () => {
    expect(findPersonnummerInValue('Eva 850101-1236')?.match).toBe('850101-1236');
    expect(findPersonnummerInValue(true)).toBeNull();
    expect(findPersonnummerInValue(null)).toBeNull();
  });
});
