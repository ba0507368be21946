/**
 * A date column's value (`normalize-date.ts`). A date the calendar lacks was refused as "not a
 * date" with examples of dates (`15/3`): `29/2` in a plan of 2026 read as a typing error of form,
 * though the form was right and the year had no such day. Now the words say what is wrong (the
 * year that has no 29 February, or the month's last day) and what to type.
 */
import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { planDates } from '../../../shared/normalize/plan-year.js';
import { col } from './helpers.js';

const startDate = col('activity-plan', 'startDate');
const JUNE_2026 = new Date('2026-06-04T12:00:00Z');

describe('a date the calendar lacks', () => {
  it('says of 29/2 without its year that the plan\'s year has no 29 February, and what to type', () => {
    expect(normalizeCell(startDate, '29/2', { year: 2026 })).toEqual({
      ok: false,
      code: 'not-date',
      message: {
        sv: 'Startdatum: "29/2" är 29 februari, men planens år, 2026, har ingen 29 februari. Skriv 28/2 eller 1/3.',
        en: 'Start date: "29/2" is 29 February, but there is no 29 February in the plan\'s year, 2026. Write 28/2 or 1/3.',
      },
    });
    // The same day typed in words, with a weekday, or as the number Excel makes of 29.2.
    expect(normalizeCell(startDate, '29 februari', { year: 2026 })).toMatchObject({ ok: false, message: { sv: expect.stringContaining('planens år, 2026, har ingen 29 februari') } });
    expect(normalizeCell(startDate, 29.2, { year: 2026 })).toMatchObject({ ok: false, code: 'not-date', message: { sv: expect.stringContaining('"29.2" är 29 februari') } });
    // A leap year's plan takes it.
    expect(normalizeCell(startDate, '29/2', { year: 2028 })).toEqual({ ok: true, value: '2028-02-29', how: 'date-from-text' });
  });

  it('says of 29/2 in läsåret 2024/25 that its February has no 29th, offering only days inside the school year, not 29/2 2024 before it', () => {
    // February of that school year is 2025's; February 2024 is before it began, so 29/2 2024 is no day of the plan.
    expect(normalizeCell(startDate, '29/2', planDates('Aktivitetsplan läsåret 2024/25'))).toEqual({
      ok: false,
      code: 'not-date',
      message: {
        sv: 'Startdatum: "29/2" är 29 februari, men planens period, läsåret 2024/25, har ingen 29 februari. Skriv 28/2 eller 1/3.',
        en: 'Start date: "29/2" is 29 February, but there is no 29 February in the plan\'s period, läsåret 2024/25. Write 28/2 or 1/3.',
      },
    });
    // A period ending in February offers 28/2 alone: 1/3 would lie after it.
    expect(normalizeCell(startDate, '29/2', planDates('Plan nov 2024 – feb 2025'))).toMatchObject({ ok: false, message: { sv: 'Startdatum: "29/2" är 29 februari, men planens period, nov 2024 – feb 2025, har ingen 29 februari. Skriv 28/2.' } });
    // A period holding no February says the day is outside it, whatever the calendar has: 28/2 is no day of ht 2025 either.
    expect(normalizeCell(startDate, '29/2', planDates('Plan ht 2025'))).toMatchObject({ ok: false, code: 'date-outside-plan' });
    expect(normalizeCell(startDate, '31/4', planDates('Plan ht 2025'))).toMatchObject({ ok: false, code: 'date-outside-plan' });
    expect(normalizeCell(startDate, 29.2, planDates('Plan ht 2025'))).toMatchObject({ ok: false, code: 'date-outside-plan' });
    // A day past the month's last in a month the period holds is said as before, its example inside the plan.
    expect(normalizeCell(startDate, '31/4', planDates('Aktivitetsplan läsåret 2024/25'))).toMatchObject({ ok: false, message: { sv: 'Startdatum: "31/4" finns inte: april har 30 dagar. Skriv en dag som finns, t.ex. 30/4.' } });
    // A day outside a term is still said so: 29/2 is no day of ht 2024.
    expect(normalizeCell(startDate, '29/2', planDates('Plan ht 2024'))).toMatchObject({ ok: false, code: 'date-outside-plan' });
    expect(normalizeCell(startDate, '29/2', planDates('Aktivitetsplan läsåret 2023/24'))).toEqual({ ok: true, value: '2024-02-29', how: 'date-from-text' });
  });

  it('names the period of a plan of more than one year, and the years assumed where the title names none', () => {
    expect(normalizeCell(startDate, '29/2', planDates('Aktivitetsplan 2025–2026'))).toMatchObject({
      ok: false,
      message: { sv: 'Startdatum: "29/2" är 29 februari, men planens period, 2025–2026, har ingen 29 februari. Skriv 28/2 eller 1/3.' },
    });
    expect(normalizeCell(startDate, '29/2', { now: JUNE_2026 })).toMatchObject({
      ok: false,
      message: { sv: 'Startdatum: "29/2" är 29 februari, men 2026 och 2027 (planens titel nämner inget år) har ingen 29 februari. Skriv 28/2 eller 1/3, eller året om det är ett skottår som avses, t.ex. 29/2 2028.' },
    });
    // With the year written, why that year has no such day and the two days that would do, in its words;
    // they said "write 28/2 or 1/3, or the year", of a date whose year was written.
    const written = {
      sv: 'Startdatum: "29 februari 2026" finns inte: 2026 är inget skottår, så februari 2026 har 28 dagar. Skriv en dag som finns, t.ex. 28 februari 2026 eller 1 mars 2026.',
      en: 'Start date: "29 februari 2026" does not exist: 2026 is no leap year, so February 2026 has 28 days. Write a day that exists, e.g. 28 February 2026 or 1 March 2026.',
    };
    expect(normalizeCell(startDate, '29 februari 2026', { year: 2026 })).toEqual({ ok: false, code: 'not-date', message: written });
    expect(normalizeCell(startDate, '29/2 2026', {})).toMatchObject({ ok: false, message: { sv: expect.stringContaining('"29/2 2026" finns inte: 2026 är inget skottår') } });
    expect(normalizeCell(startDate, '2026-02-29', {})).toMatchObject({ ok: false, message: { en: expect.stringContaining('2026 is no leap year, so February 2026 has 28 days. Write a day that exists, e.g. 28 February 2026 or 1 March 2026.') } });
  });

  it('says the same of a date typed as the number Excel makes of 20260229, in any plan, as of the text', () => {
    const words = {
      sv: 'Startdatum: "20260229" finns inte: 2026 är inget skottår, så februari 2026 har 28 dagar. Skriv en dag som finns, t.ex. 28 februari 2026 eller 1 mars 2026.',
      en: 'Start date: "20260229" does not exist: 2026 is no leap year, so February 2026 has 28 days. Write a day that exists, e.g. 28 February 2026 or 1 March 2026.',
    };
    for (const ctx of [{}, { year: 2028 }, planDates('Aktivitetsplan 2025–2026'), planDates('Plan ht 2025')]) {
      expect(normalizeCell(startDate, 20260229, ctx)).toEqual({ ok: false, code: 'not-date', message: words });
      expect(normalizeCell(startDate, '20260229', ctx)).toEqual({ ok: false, code: 'not-date', message: words });
    }
    expect(normalizeCell(startDate, 20260431, {})).toMatchObject({ ok: false, code: 'not-date', message: { sv: 'Startdatum: "20260431" finns inte: april 2026 har 30 dagar. Skriv en dag som finns, t.ex. 30 april 2026 eller 1 maj 2026.' } });
    // A leap year's day is taken; a number of no date's form keeps the words of no date.
    expect(normalizeCell(startDate, 20280229, { year: 2026 })).toEqual({ ok: true, value: '2028-02-29', how: 'date-from-text' });
    expect(normalizeCell(startDate, 20261301, {})).toMatchObject({ ok: false, code: 'not-date', message: { sv: expect.stringContaining('är inte ett datum') } });
  });

  it('says of a day past the month\'s last how many days the month has', () => {
    expect(normalizeCell(startDate, '31/4', { year: 2026 })).toEqual({
      ok: false,
      code: 'not-date',
      message: {
        sv: 'Startdatum: "31/4" finns inte: april har 30 dagar. Skriv en dag som finns, t.ex. 30/4.',
        en: 'Start date: "31/4" does not exist: April has 30 days. Write a day that exists, e.g. 30/4.',
      },
    });
    expect(normalizeCell(startDate, '30 feb 2026', {})).toMatchObject({ ok: false, message: { sv: 'Startdatum: "30 feb 2026" finns inte: februari 2026 har 28 dagar. Skriv en dag som finns, t.ex. 28 februari 2026 eller 1 mars 2026.' } });
    expect(normalizeCell(startDate, '30 feb', { year: 2026 })).toMatchObject({ ok: false, message: { sv: 'Startdatum: "30 feb" finns inte: februari har 28 dagar (29 under skottår). Skriv en dag som finns, t.ex. 28/2.' } });
  });

  it('keeps the words of a text that is no date, and of a word before a date that is no weekday', () => {
    expect(normalizeCell(startDate, 'snart', { year: 2026 })).toMatchObject({ ok: false, code: 'not-date', message: { sv: expect.stringContaining('är inte ett datum') } });
    expect(normalizeCell(startDate, 'snart 29/2', { year: 2026 })).toMatchObject({ ok: false, code: 'not-date', message: { sv: expect.stringContaining('är inte ett datum') } });
    expect(normalizeCell(startDate, '31/13', { year: 2026 })).toMatchObject({ ok: false, code: 'not-date', message: { sv: expect.stringContaining('är inte ett datum') } });
  });
});

describe('a date serial written as text', () => {
  it('reads five digits as the day of Excel\'s serial, as a period column does: an older table\'s date cell saved as CSV', () => {
    expect(normalizeCell(startDate, '45930')).toEqual({ ok: true, value: '2025-09-30', how: 'date-from-serial' });
    expect(normalizeCell(startDate, ' 46204 ', planDates('Aktivitetsplan 2025–2026'))).toMatchObject({ ok: true, value: '2026-07-01' });
    // Four digits are a year, six or more no serial: still no date.
    expect(normalizeCell(startDate, '2026')).toMatchObject({ ok: false });
    expect(normalizeCell(startDate, '459300')).toMatchObject({ ok: false });
  });
});

