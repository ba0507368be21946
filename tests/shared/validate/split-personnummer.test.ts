/**
 * A personnummer split over two neighbouring cells of one row (`811218` | `9876`) passed every
 * guard, each judging one cell. The row's check names it; an ordinary row (an ISO date, a
 * number, a count, a year beside it) never is.
 */
import { describe, expect, it } from 'vitest';
import { cellColumns } from '../../../shared/schema/index.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { validateRow } from '../../../shared/validate/validate-row.js';
import { prng } from '../../support/personnummer-families.js';

const KEYS = ['a', 'b', 'c'];

describe('splitPersonnummer', () => {
  it('finds a date part and a serial in neighbouring text cells, as the guard reads them joined', () => {
    for (const [date, serial] of [['811218', '9876'], ['19811218', '9876'], ['811218', '-9876'], [' 811218 ', '9876 '], ['811278', '9873']]) {
      expect(findPersonnummer(`${(date as string).trim()}-${(serial as string).trim().replace(/^-/, '')}`), `${date} ${serial}`).not.toBeNull();
      expect(splitPersonnummer({ a: 'Hälsodag', b: date as string, c: serial as string }, KEYS), `${date} | ${serial}`).toEqual({ first: 'b', second: 'c' });
    }
  });

  it('passes a wrong check digit, a date part that is no date, numbers, ISO dates and cells that are not neighbours', () => {
    expect(splitPersonnummer({ a: '811218', b: '9877' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811318', b: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: 811218, b: 9876 }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '1981-12-18', b: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '811218', c: '9876' }, KEYS)).toBeNull();
    expect(splitPersonnummer({ a: '9876', b: '811218' }, KEYS)).toBeNull();
  });

  it('never names a row of an ISO date beside four digits, text or number (seeded)', () => {
    const random = prng(1218);
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let k = 0; k < 2000; k++) {
      const date = `${1930 + Math.floor(random() * 100)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`;
      const four = String(Math.floor(random() * 10000)).padStart(4, '0');
      expect(splitPersonnummer({ a: date, b: four }, KEYS)).toBeNull();
      expect(splitPersonnummer({ a: date, b: Number(four) }, KEYS)).toBeNull();
    }
  });
});

describe('validateRow on a personnummer over two cells', () => {
  // Neighbours in the activity plan's column order: the end date, then the person responsible.
  const keys = cellColumns('activity-plan').map((c) => c.key);
  const at = keys.indexOf('endDate');

  it('names it on the second cell, with both columns in the words', () => {
    expect(keys[at + 1]).toBe('responsible');
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', endDate: '811218', responsible: '9876' });
    const split = problems.filter((p) => p.code === 'split-personnummer');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ column: 'responsible', severity: 'error' });
    expect(split[0]?.message.sv).toContain('personnummer');
    expect(split[0]?.message.en).toContain('identity number');
  });

  it('names nothing for an ordinary row', () => {
    const problems = validateRow('activity-plan', 'd1', 'r1', { title: 'Hälsodag', endDate: '2025-02-11', responsible: '9876' });
    expect(problems.filter((p) => p.code === 'split-personnummer')).toEqual([]);
  });
});
