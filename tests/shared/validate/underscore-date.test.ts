/**
 * A date part written with underscores (`1981_07_03`) and the serial after a space. The guard's
 * normal form reads `_` as a dash (`1941.06.12_51:09` is a number split by marks), which made
 * `1981_07_03 9128` read as an ISO date and a note — a reading let through for `2026-05-12 1430`.
 * Written so, the digits are a personnummer as surely as `1981 07 03 9128`: a seeded sweep of
 * valid numbers (one in ten a samordningsnummer, SKV 707) in those spellings, every one refused.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { prng, validNumber } from '../../support/personnummer-families.js';

/** `{c}{yy}` the year with its century, `{s}` the serial, `{s1}`/`{s2}` its pairs. */
const SPELLINGS = [
  '{c}{yy}_{mm}_{dd} {s}',
  'samordningsnr {c}{yy}_{mm}_{dd} {s}',
  'född {c}{yy}_{mm}_{dd} {s1} {s2}',
  'Pnr: {c}{yy}_{mm}_{dd} {s}',
  '{c}{yy}_{mm}_{dd} ({s}',
  '{c}{yy}_{mm}_{dd} Anna {s}',
  '{c}{yy}_{mm}_{dd}, {s}',
];

describe('a date part written with underscores, then the serial', () => {
  it('refuses the examples seen passing', () => {
    for (const text of ['1981_07_03 9128', 'samordningsnr 1981_07_03 9128', 'född 1984_04_18 12 84']) {
      expect(findPersonnummer(text)?.match, text).toBe(text.slice(text.search(/\d/)));
    }
  });

  it('refuses every valid number so written (seeded sweep)', () => {
    const random = prng(4646);
    const passed: string[] = [];
    for (let i = 0; i < 700; i++) {
      const n = validNumber(random);
      const form = SPELLINGS[i % SPELLINGS.length] as string;
      const text = form
        .replace('{c}', n.century).replace('{yy}', n.yy).replace('{mm}', n.mm).replace('{dd}', n.dd)
        .replace('{s1}', n.serial.slice(0, 2)).replace('{s2}', n.serial.slice(2)).replace('{s}', n.serial);
      if (findPersonnummer(text) === null) passed.push(text);
    }
    expect(passed).toEqual([]);
  });

  it('still reads ordinary text with underscores as text', () => {
    for (const text of ['mitt_dokument_v2.xlsx', 'plan_2026 vecka_12', 'a_b 070-123 45 67', 'org_nr 556677-8899']) {
      expect(findPersonnummer(text), text).toBeNull();
    }
  });
});
