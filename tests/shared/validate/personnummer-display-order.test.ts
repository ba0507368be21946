/**
 * `findPersonnummer` on text shown in another order than it is stored: behind a right-to-left
 * override (U+202E), and in right-to-left text, where numbers keep their own order but their
 * sequence is reversed (UAX #9): what a person sees is what the guard reads too.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

describe('findPersonnummer in text shown right to left', () => {
  it.each([
    ['\u202e6321-101058', '6321-101058'],
    ['Ring \u202e6321-101058\u202c idag', '6321-101058'],
    ['\u202e6321101058', '6321101058'],
    // Shown as 85 then 0101-1236: the number straddles the override's start.
    ['85\u202e6321-1010', '85\u202e6321-1010'],
  ])('flags %j: a right-to-left override shows the number', (text, match) => {
    const found = findPersonnummer(text);
    expect(found?.match).toBe(match);
    expect(text.slice(found?.index, (found?.index ?? 0) + match.length)).toBe(match);
  });

  it.each([
    ['رقم 1236 850101', '1236 850101'],
    ['\u202b1236 850101\u202c', '1236 850101'],
    ['\u200f1236 850101', '1236 850101'],
    ['רחוב 12, 1236 19850101', '1236 19850101'],
  ])('flags %j: right-to-left text shows its numbers in reverse order', (text, match) => {
    // 850101 1236 as shown: the serial after the date part.
    expect(findPersonnummer(text)?.match).toBe(match);
  });

  it('reads numbers in their own order in right-to-left text, and left-to-right text as stored', () => {
    // One number (a dash joins digits): shown as written, 1236-850101, no personnummer.
    expect(findPersonnummer('رقم 1236-850101')).toBeNull();
    expect(findPersonnummer('Ring 1236 850101')).toBeNull();
  });

  it('reads an override only up to what ends it, and a text without one as stored', () => {
    // After U+202C the digits show as stored: 6321-101058, no number.
    expect(findPersonnummer('\u202eRing\u202c 6321-101058')).toBeNull();
    expect(findPersonnummer('\u202e1236-850101')).toBeNull();
    expect(findPersonnummer('6321-101058')).toBeNull();
  });
});
