/**
 * Reservnummer written spaced (`2285 0101 AB12`, every character apart) and the two regional shapes
 * no plan value has (Region Gävleborg's `19850101-12M3`, Region Sörmland's `18500101M001`), as HL7
 * Sweden's base profiles give them: before, the guard read the national number and Region
 * Stockholm's only as written compact, so these were stored. Plan phrases of a like shape pass.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findReservnummer } from '../../../shared/validate/reservnummer.js';

const REFUSED = [
  '2285 0101 AB12',
  '22 85 01 01 AB12',
  '22 85 01 01-AB12',
  '22 85 01 01 - ABC1',
  '228501 01 ABC1',
  '22850101 AB 12',
  '2285 0101 ABC 1',
  '0000 2045 XY31',
  '2 2 8 5 0 1 0 1 A B 1 2',
  '2 2 8 5 0 1 0 1 - A B C 1',
  '99 1981 000010',
  '9919 8100 0010',
  '99 19 81 00 00 10',
  '19850101-12M3',
  '19850101\u201312k3',
  '18500101M001',
  '18600101p123',
];

const ORDINARY = [
  'Summa 22 000 101 kr 12 st',
  'Möte 22 85 01 01 ab 12', // lower-case letters spaced: words
  'Lista 1 22 85 01 01 AB12 5',
  'Rum 2285 0101 AB12 34',
  '22 85 01 01 AB 123',
  '2026 03 17 AB12',
  'Tel 99 19 81 00 00 10 12',
  '99 1712 000010',
  '99 1981 00001',
  '19850101-12Q3',
  '19850101-123M3',
  '18500101M000',
  '18700101M001',
  '18500101M0011',
];

describe('a reservnummer written spaced, and the regional shapes read', () => {
  it.each(REFUSED)('is found in %s, alone and in a sentence', (written) => {
    expect(findReservnummer(written)).toEqual({ match: written, index: 0 });
    expect(findPersonnummer(`Ring patienten ${written} i morgon`)).toEqual({ match: written, index: 15, kind: 'reservnummer', phoneLike: false });
  });

  it.each(ORDINARY)('is not found in the plan phrase %s', (phrase) => {
    expect(findReservnummer(phrase)).toBeNull();
  });
});
