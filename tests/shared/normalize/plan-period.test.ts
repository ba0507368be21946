/**
 * The period a plan's title names, and the year it gives a date written without one.
 */
import { describe, expect, it } from 'vitest';
import { dateInPeriod, periodYear, planPeriod } from '../../../shared/normalize/plan-period.js';
import { planYear } from '../../../shared/normalize/plan-year.js';

const column = { sv: 'Startdatum', en: 'Start date' };

describe('planPeriod', () => {
  it.each([
    ['Aktivitetsplan Fittja 2026', '2026-01', '2026-12', '2026'],
    ['Aktivitetsplan 2025–2026', '2025-01', '2026-12', '2025–2026'],
    ['Aktivitetsplan 2025-26', '2025-01', '2026-12', '2025-26'],
    ['Handlingsplan 2025 till 2027', '2025-01', '2027-12', '2025 till 2027'],
    ['Aktivitetsplan läsåret 2025/26', '2025-07', '2026-06', 'läsåret 2025/26'],
    ['Skolåret 2025–2026 Rinkeby', '2025-07', '2026-06', 'Skolåret 2025–2026'],
    ['Plan ht 2025 – vt 2026', '2025-07', '2026-06', 'ht 2025 – vt 2026'],
    ['Plan augusti 2025 till juni 2026', '2025-08', '2026-06', 'augusti 2025 till juni 2026'],
    ['Plan 2026 (kopia av 2025)', '2025-01', '2026-12', '2025–2026'],
    ['Plan 2025-09-01–2026-06-30', '2025-09', '2026-06', '2025-09-01–2026-06-30'],
    ['Plan 2025-09 till 2026-06', '2025-09', '2026-06', '2025-09 till 2026-06'],
    ['Plan 2026-05-01–2026-12-31, Tensta', '2026-05', '2026-12', '2026-05-01–2026-12-31'],
    ['Handlingsplan HT25–VT26', '2025-07', '2026-06', 'HT25–VT26'],
    ['Plan ht 25 - vt 26, Fittja', '2025-07', '2026-06', 'ht 25 - vt 26'],
    ['Plan HT2025–VT2026', '2025-07', '2026-06', 'HT2025–VT2026'],
    ['Plan vt 26 – ht 26', '2026-01', '2026-12', 'vt 26 – ht 26'],
    ['Aktivitetsplan läsåret 25/26', '2025-07', '2026-06', 'läsåret 25/26'],
  ])('reads "%s" as %s to %s', (title, first, last, written) => {
    expect(planPeriod(title)).toEqual({ first, last, written });
  });

  it('is undefined for a title of no year', () => {
    expect(planPeriod('Aktivitetsplan Fittja')).toBeUndefined();
    // Two digits are a year only beside a term or after läsår: `Plan 25/26` may be anything.
    expect(planPeriod('Plan 25/26')).toBeUndefined();
    expect(planPeriod('Läsåret 25/27')).toBeUndefined();
    expect(planPeriod(null)).toBeUndefined();
  });

  it('gives planYear a year only when it lies within one calendar year', () => {
    expect(planYear('Aktivitetsplan Fittja 2026')).toBe(2026);
    expect(planYear('Aktivitetsplan vt 2026')).toBe(2026);
    expect(planYear('Aktivitetsplan 2025–2026')).toBeUndefined();
    expect(planYear('Aktivitetsplan läsåret 2025/26')).toBeUndefined();
    expect(periodYear(planPeriod('Plan mars 2026 – juni 2026'))).toBe(2026);
  });
});

describe('dateInPeriod', () => {
  const school = planPeriod('läsåret 2025/26')!;
  const both = planPeriod('2025–2026')!;

  it('takes the one year of the period that holds the day, a written weekday too', () => {
    // A title writing its years with two digits: the school year's January, not the clock's.
    expect(dateInPeriod('3/1', planPeriod('Handlingsplan HT25–VT26')!, column)).toEqual({ ok: true, date: { iso: '2026-01-03', hadTime: false } });
    expect(dateInPeriod('15 aug', planPeriod('Aktivitetsplan läsåret 25/26')!, column)).toEqual({ ok: true, date: { iso: '2025-08-15', hadTime: false } });
    expect(dateInPeriod('3/1', school, column)).toEqual({ ok: true, date: { iso: '2026-01-03', hadTime: false } });
    expect(dateInPeriod('1 sept 10:00', school, column)).toEqual({ ok: true, date: { iso: '2025-09-01', hadTime: true } });
    // 3 January 2025 is a Friday, 3 January 2026 a Saturday: the weekday decides where the period does not.
    expect(dateInPeriod('fredag 3/1', both, column)).toEqual({ ok: true, date: { iso: '2025-01-03', hadTime: false } });
  });

  it('refuses a day the period holds twice, naming both dates, and one it holds in no year', () => {
    expect(dateInPeriod('3/1', both, column)).toEqual({
      ok: false,
      code: 'date-year-ambiguous',
      message: {
        sv: 'Startdatum: "3/1" saknar år, och planens titel nämner 2025–2026: det kan vara 3 januari 2025 eller 3 januari 2026. Skriv året.',
        en: 'Start date: "3/1" has no year, and the plan\'s title names 2025–2026: it could be 3 January 2025 or 3 January 2026. Write the year.',
      },
    });
    expect(dateInPeriod('1/3', planPeriod('2025–2027')!, column)).toMatchObject({ ok: false, message: { en: expect.stringContaining('1 March 2025, 1 March 2026 or 1 March 2027') } });
    expect(dateInPeriod('15 juli', planPeriod('aug 2025 – jun 2026')!, column)).toMatchObject({ ok: false, code: 'date-outside-plan' });
  });

  it('is null for a date with its year and for no date', () => {
    expect(dateInPeriod('3/1 2026', both, column)).toBeNull();
    expect(dateInPeriod('snart', both, column)).toBeNull();
  });
});
