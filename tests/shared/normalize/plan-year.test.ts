/**
 * The year of a date written without one: the plan's title gives it when it names one; otherwise
 * this year, or next year for a day more than six months before the clock (`RECENT_MONTHS`).
 */
import { describe, expect, it } from 'vitest';
import { assumeYear, planYear } from '../../../shared/normalize/plan-year.js';
import { dateWords } from '../../../shared/normalize/date-words.js';
import { cpuMsOf } from '../../support/thread-cpu.js';

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

  it('costs about what formatting the date costs, not a formatter made per date (an import names one per cell)', () => {
    const isos = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
    const [sv, en] = [new Intl.DateTimeFormat('sv-SE', opts), new Intl.DateTimeFormat('en-GB', opts)];
    const formatted = (iso: string) => ({ sv: sv.format(new Date(`${iso}T00:00:00Z`)), en: en.format(new Date(`${iso}T00:00:00Z`)) });
    expect(isos.map(dateWords)).toEqual(isos.map(formatted));
    // The least of three trials each, alternated, in the main thread's CPU time: a formatter made
    // per call cost 30-50 times the formatting.
    let words = Infinity;
    let baseline = Infinity;
    for (let trial = 0; trial < 3; trial++) {
      words = Math.min(words, cpuMsOf(() => isos.forEach(dateWords)));
      baseline = Math.min(baseline, cpuMsOf(() => isos.forEach(formatted)));
    }
    expect(words, `${words.toFixed(1)} ms for ${isos.length} dates, ${baseline.toFixed(1)} ms formatted`).toBeLessThan(baseline * 4 + 2);
  });
});
