/**
 * The year of a date written without one: the plan's title gives it when it names one; otherwise
 * this year, or next year for a day more than six months before the clock (`RECENT_MONTHS`).
 */
import { describe, expect, it } from 'vitest';
import { assumeYear, dateWords, planYear } from '../../../shared/normalize/plan-year.js';

const DECEMBER = new Date('2026-12-04T12:00:00Z');
const JUNE = new Date('2026-06-04T12:00:00Z');

describe('planYear', () => {
  it('is the first year 2000–2099 the title names, else undefined (never the clock\'s)', () => {
    expect(planYear('Aktivitetsplan Fittja 2026')).toBe(2026);
    expect(planYear('Aktivitetsplan Fittja')).toBeUndefined();
    expect(planYear(null)).toBeUndefined();
  });
});

describe('assumeYear', () => {
  it('takes this year for a day at most six months back, next year for one further back', () => {
    expect(assumeYear('4/6', DECEMBER)?.iso).toBe('2026-06-04');
    expect(assumeYear('3/6', DECEMBER)?.iso).toBe('2027-06-03');
    expect(assumeYear('12 mars', DECEMBER)?.iso).toBe('2027-03-12');
    expect(assumeYear('12 mars', JUNE)?.iso).toBe('2026-03-12');
    expect(assumeYear('24 dec', JUNE)?.iso).toBe('2026-12-24');
  });

  it('takes the year a written weekday fits', () => {
    // 12 March 2026 is a Thursday, 12 March 2027 a Friday.
    expect(assumeYear('fredag 12 mars', JUNE)?.iso).toBe('2027-03-12');
    expect(assumeYear('torsdag 12 mars', JUNE)?.iso).toBe('2026-03-12');
  });

  it('is null for a date with its year written and for no date', () => {
    expect(assumeYear('12 mars 2026', DECEMBER)).toBeNull();
    expect(assumeYear('2026-03-12', DECEMBER)).toBeNull();
    expect(assumeYear('snart', DECEMBER)).toBeNull();
  });
});

describe('dateWords', () => {
  it('writes the date as a Swede and an English reader would', () => {
    expect(dateWords('2027-03-12')).toEqual({ sv: '12 mars 2027', en: '12 March 2027' });
  });
});
