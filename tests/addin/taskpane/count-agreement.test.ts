/**
 * The pane's words built from a count agree with it in number, as Swedish and English say them:
 * "1/1 värde" (not "1/1 värden"), "1 rad" (not "1 rader"), "1 vald" (not "1 valda"), and a
 * preview of every row says so rather than "första 1 av 1 rader".
 */
import { describe, expect, it } from 'vitest';
import { previewWords } from '../../../addin/taskpane/adopt-strings.js';
import { chosenWords } from '../../../addin/taskpane/round-form-strings.js';
import { pulledWords, valuesWords } from '../../../addin/taskpane/rounds-strings.js';

describe('words built from a count', () => {
  it("a unit's values reported agree with the count expected", () => {
    expect(valuesWords(1, 1, 'sv')).toBe('1/1 värde');
    expect(valuesWords(0, 1, 'sv')).toBe('0/1 värde');
    expect(valuesWords(1, 2, 'sv')).toBe('1/2 värden');
    expect(valuesWords(0, 0, 'sv')).toBe('0/0 värden');
    expect(valuesWords(1, 1, 'en')).toBe('1/1 value');
    expect(valuesWords(2, 3, 'en')).toBe('2/3 values');
  });

  it("a pulled table's rows agree with their count", () => {
    expect(pulledWords('Fullständighet 2026 kv 1', 1, 'sv')).toBe('Hämtad till bladet "Fullständighet 2026 kv 1": 1 rad. Tabellen uppdateras när en enhet skickar in, godkänns eller ett värde ändras.');
    expect(pulledWords('Fullständighet 2026 kv 1', 2, 'sv')).toContain(': 2 rader.');
    expect(pulledWords('Sheet', 1, 'en')).toContain(': 1 row.');
    expect(pulledWords('Sheet', 0, 'en')).toContain(': 0 rows.');
  });

  it('the indicators chosen agree with their count', () => {
    expect(chosenWords(1, 'sv')).toBe('1 vald');
    expect(chosenWords(0, 'sv')).toBe('0 valda');
    expect(chosenWords(3, 'sv')).toBe('3 valda');
    expect(chosenWords(1, 'en')).toBe('1 chosen');
  });

  it("the adoption preview's heading names some rows of more, or all of them in agreement", () => {
    expect(previewWords(5, 12, 'sv')).toBe('Förhandsvisning (första 5 av 12 rader)');
    expect(previewWords(1, 1, 'sv')).toBe('Förhandsvisning (1 rad)');
    expect(previewWords(3, 3, 'sv')).toBe('Förhandsvisning (3 rader)');
    expect(previewWords(1, 1, 'en')).toBe('Preview (1 row)');
    expect(previewWords(5, 9, 'en')).toBe('Preview (first 5 of 9 rows)');
  });
});
