/**
 * Numbers and seconds in Samplan's sentences: Swedish writes a decimal comma and a space between
 * thousands (`Intl.NumberFormat('sv-SE')`), English a point. The command line wrote `0.001 s` and
 * `83.2 s` in its Swedish lines.
 */
import { describe, expect, it } from 'vitest';
import { digits, numberAsTyped, numbersIn, numberText, secondsText, secondsWords, valueAsTyped } from '../../../shared/i18n/number-words.js';

describe('numberText and secondsText', () => {
  it('write a decimal comma in Swedish and a point in English', () => {
    expect(numberText(0.001, 'sv')).toBe('0,001');
    expect(numberText(0.001, 'en')).toBe('0.001');
    expect(secondsText(0.001, 'sv')).toBe('0,001 s');
    expect(secondsWords(1.5)).toEqual({ sv: '1,5 s', en: '1.5 s' });
  });

  it('round to at most three decimals unless told, and keep as many as asked for', () => {
    expect(numberText(2 / 3, 'sv')).toBe('0,667');
    expect(secondsText(4, 'sv', { min: 1, max: 1 })).toBe('4,0 s');
    expect(secondsText(83.24, 'en', { min: 1, max: 1 })).toBe('83.2 s');
  });

  it('write thousands apart in Swedish with a no-break space, so a number is not split over two lines', () => {
    expect(numberText(12_000, 'sv')).toBe('12\u00a0000');
    expect(numberText(12_000, 'en')).toBe('12,000');
  });

  it('write a small number that is not 0 to its first significant digit, never as 0', () => {
    expect(numberText(0.0001, 'sv')).toBe('0,0001');
    expect(numberText(0.0001, 'en')).toBe('0.0001');
    expect(numberText(-0.00042, 'sv')).toBe('\u22120,0004');
    expect(secondsText(0.04, 'sv', { min: 1, max: 1 })).toBe('0,04 s');
    // What the decimals asked for can show is written as they show it.
    expect(numberText(0.0006, 'sv')).toBe('0,001');
    expect(numberText(0, 'sv', { min: 1, max: 1 })).toBe('0,0');
  });

  it('write −0 as 0', () => {
    expect(numberText(-0, 'sv')).toBe('0');
    expect(numberText(-0, 'en')).toBe('0');
    expect(numberText(-2.5, 'sv')).toBe('\u22122,5');
  });
});

describe('numberAsTyped and valueAsTyped', () => {
  it('writes a number of more than 20 decimals whole on every supported Node (Node 20 refuses such a formatter)', () => {
    // 5e-324 came from the normalisation property test: Intl.NumberFormat on Node 20 threw a RangeError above 20 decimals.
    expect(numberAsTyped(5e-324, 'sv')).toBe(`0,${'0'.repeat(323)}5`);
    expect(numberAsTyped(-1.5e-22, 'en')).toBe(`-0.${'0'.repeat(21)}15`);
    expect(numberAsTyped(-1.5e-22, 'sv')).toBe(`\u22120,${'0'.repeat(21)}15`);
    expect(numberAsTyped(0.000012345678901234568, 'sv')).toBe(`0,${String(0.000012345678901234568).split('.')[1]}`);
    expect(numberAsTyped(1.5e-20, 'en')).toBe(`0.${'0'.repeat(19)}15`);
  });
  it('write every digit a number has, in the same form: a decimal comma, a minus sign, thousands apart from four digits', () => {
    expect(numberAsTyped(-1.5, 'sv')).toBe('\u22121,5');
    expect(numberAsTyped(-1.5, 'en')).toBe('-1.5');
    expect(numberAsTyped(0.123456789, 'sv')).toBe('0,123456789');
    expect(numberAsTyped(12_000, 'sv')).toBe('12\u00a0000');
    // As a figure writes it (Språkrådet: `1 200`); on the old code `1250`, beside `1 250` in the figures.
    expect(numberAsTyped(1250, 'sv')).toBe('1\u00a0250');
    expect(numberAsTyped(1234.5, 'sv')).toBe(numberText(1234.5, 'sv', { max: 1 }));
    expect(numberAsTyped(1250, 'en')).toBe('1,250');
    expect(numberAsTyped(1.5e-10, 'sv')).toBe('0,00000000015');
    expect(numberAsTyped(1e21, 'en')).toBe('1,000,000,000,000,000,000,000');
    expect(numberAsTyped(-0, 'sv')).toBe('0');
  });

  it('write a value of unknown kind: a number so, a date as its day, anything else as written', () => {
    expect(valueAsTyped(12_000, 'sv')).toBe('12\u00a0000');
    expect(valueAsTyped(12_000n, 'sv')).toBe('12\u00a0000');
    expect(valueAsTyped(new Date('2026-03-01T00:00:00Z'), 'sv')).toBe('2026-03-01');
    expect(valueAsTyped('x', 'sv')).toBe('x');
    expect(valueAsTyped(null, 'sv')).toBe('null');
  });

  it('write a number that names, not counts, as its digits', () => {
    expect(digits(2026)).toBe('2026');
    expect(digits(12_000)).toBe('12000');
  });
});

describe('numbersIn', () => {
  it('writes each plain number of an English text in Swedish, leaving words and versions alone', () => {
    expect(numbersIn('from 0.1 to 600', 'sv')).toBe('from 0,1 to 600');
    // A number of a sentence whose kind is unknown: four digits together, as a year is written.
    expect(numbersIn('from 0.001 to 3600', 'sv')).toBe('from 0,001 to 3600');
    expect(numbersIn('from 0.001 to 36000', 'sv')).toBe('from 0,001 to 36\u00a0000');
    expect(numbersIn('version 1.2.3 of v2', 'sv')).toBe('version 1.2.3 of v2');
    expect(numbersIn('from 0.1 to 600', 'en')).toBe('from 0.1 to 600');
  });

  it('leaves dates, times, years, ids and codes in a sentence as written', () => {
    expect(numbersIn('stored 2025-03-01 at 14:05 (1/3 of 1,000 rows), round 2025 kv 2, unit vc-12, code 007', 'sv')).toBe(
      'stored 2025-03-01 at 14:05 (1/3 of 1,000 rows), round 2025 kv 2, unit vc-12, code 007',
    );
    expect(numbersIn('2026-03-02T09:14:00.000Z', 'sv')).toBe('2026-03-02T09:14:00.000Z');
  });

  it('writes a number between punctuation, keeping the punctuation', () => {
    expect(numbersIn('between (0.5) and 2.25.', 'sv')).toBe('between (0,5) and 2,25.');
    expect(numbersIn('at most 0.5% of it', 'sv')).toBe('at most 0,5% of it');
    expect(numbersIn('-2.5, or -0', 'sv')).toBe('\u22122,5, or 0');
  });
});
