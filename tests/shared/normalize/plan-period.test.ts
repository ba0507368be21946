/**
 * The period a plan's title names, and the year it gives a date written without one.
 */
import { describe, expect, it } from 'vitest';
import { dateInPeriod, periodYear, planPeriod } from '../../../shared/normalize/plan-period.js';
import { planDates, planYear } from '../../../shared/normalize/plan-year.js';

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
    // The plan a copy was made from is not the period; other words in a bracket are the plan's own.
    ['Plan 2026 (kopia av 2025)', '2026-01', '2026-12', '2026'],
    ['Plan 2026 (Kopierad från plan 2025)', '2026-01', '2026-12', '2026'],
    ['Plan 2026 [baserad på 2024–2025]', '2026-01', '2026-12', '2026'],
    ['Plan 2026 – kopia av plan 2025', '2026-01', '2026-12', '2026'],
    ['Plan vt 2026 (kopia av ht 2025)', '2026-01', '2026-06', 'vt 2026'],
    ['Plan 2025 (förlängd 2026)', '2025-01', '2026-12', '2025–2026'],
    ['Plan 2025 (och 2026)', '2025-01', '2026-12', '2025–2026'],
    ['Kopia av Plan 2025', '2025-01', '2025-12', '2025'],
    ['Plan (kopia av 2025)', '2025-01', '2025-12', '2025'],
    // The source named after a mere space, with the word saying what from: the plan's own period alone.
    ['Plan 2026 utgående från 2025', '2026-01', '2026-12', '2026'],
    ['Plan 2026 utgår från plan 2025', '2026-01', '2026-12', '2026'],
    ['Aktivitetsplan 2026 med utgångspunkt i 2025', '2026-01', '2026-12', '2026'],
    ['Plan vt 2026 baserad på ht 2025', '2026-01', '2026-06', 'vt 2026'],
    ['Plan läsåret 2025/26 byggd på läsåret 2024/25', '2025-07', '2026-06', 'läsåret 2025/26'],
    ['Plan 2026 kopia av 2025', '2026-01', '2026-12', '2026'],
    ['Plan 2026 från mallen 2025', '2026-01', '2026-12', '2026'],
    ['Plan 2026, utgående från 2025', '2026-01', '2026-12', '2026'],
    ['Plan 2026 based on 2025', '2026-01', '2026-12', '2026'],
    // Words that name no source stay the plan's: utgår without från may be a plan that lapses.
    ['Plan 2025 utgår 2026', '2025-01', '2026-12', '2025–2026'],
    ['Aktivitetsplan mall 2026', '2026-01', '2026-12', '2026'],
    ['Plan 2025-09-01–2026-06-30', '2025-09', '2026-06', '2025-09-01–2026-06-30'],
    ['Plan 2025-09 till 2026-06', '2025-09', '2026-06', '2025-09 till 2026-06'],
    ['Plan 2026-05-01–2026-12-31, Tensta', '2026-05', '2026-12', '2026-05-01–2026-12-31'],
    ['Handlingsplan HT25–VT26', '2025-07', '2026-06', 'HT25–VT26'],
    ['Plan ht 25 - vt 26, Fittja', '2025-07', '2026-06', 'ht 25 - vt 26'],
    ['Plan HT2025–VT2026', '2025-07', '2026-06', 'HT2025–VT2026'],
    ['Plan vt 26 – ht 26', '2026-01', '2026-12', 'vt 26 – ht 26'],
    ['Aktivitetsplan läsåret 25/26', '2025-07', '2026-06', 'läsåret 25/26'],
    // One term: the autumn term August to December, not the whole year; the spring term January to June.
    ['Plan ht 2025', '2025-08', '2025-12', 'ht 2025'],
    ['Aktivitetsplan HT25 Fittja', '2025-08', '2025-12', 'HT25'],
    ['Plan höstterminen 2025', '2025-08', '2025-12', 'höstterminen 2025'],
    ['Plan vt 2026', '2026-01', '2026-06', 'vt 2026'],
    // A date written out in the title is a day (a revision, a decision), not the period.
    ['Plan 2026 (rev. 2025-11-03)', '2026-01', '2026-12', '2026'],
    ['Plan 2026, reviderad 3 nov 2025', '2026-01', '2026-12', '2026'],
    ['Plan 2026 rev 3/11 2025', '2026-01', '2026-12', '2026'],
    ['Plan ht 2025 (rev. 2025-11-03)', '2025-08', '2025-12', 'ht 2025'],
    ['Plan 2025–2026 (rev. 2024-12-01)', '2025-01', '2026-12', '2025–2026'],
    // A title naming only a date is of that date's year, as before.
    ['Hälsodag 2026-05-12', '2026-01', '2026-12', '2026'],
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

  it('reads a verksamhetsår of two years as both calendar years, its months unknown, rather than guessing July to June', () => {
    expect(planPeriod('Verksamhetsår 2025/26')).toEqual({ first: '2025-01', last: '2026-12', written: 'Verksamhetsår 2025/26', monthsUnknown: true });
    expect(planPeriod('Handlingsplan verksamhetsåret 2025–2026')).toMatchObject({ first: '2025-01', last: '2026-12', monthsUnknown: true });
    // Months written in the title say which they are; one verksamhetsår of one year is that calendar year.
    expect(planPeriod('Verksamhetsår jul 2025 – jun 2026')).toEqual({ first: '2025-07', last: '2026-06', written: 'jul 2025 – jun 2026' });
    expect(planPeriod('Verksamhetsår 2026')).toEqual({ first: '2026-01', last: '2026-12', written: '2026' });
  });

  it('gives planDates the year of a whole calendar year only, the period of any other', () => {
    expect(planDates('Aktivitetsplan Fittja 2026')).toEqual({ year: 2026 });
    expect(planDates('Plan 2026 (rev. 2025-11-03)')).toEqual({ year: 2026 });
    expect(planDates('Plan ht 2025')).toEqual({ period: { first: '2025-08', last: '2025-12', written: 'ht 2025' } });
    expect(planDates('Aktivitetsplan 2025–2026')).toEqual({ period: { first: '2025-01', last: '2026-12', written: '2025–2026' } });
    expect(planDates('Aktivitetsplan Fittja')).toEqual({});
  });

  it('gives a copy of last year\'s plan the new year alone, and a plan extended into next year both, 3/1 there refused naming both', () => {
    const copy = planDates('Plan 2026 (kopia av 2025)');
    expect(copy).toEqual({ year: 2026 });
    // A plan of 2026 named as made from 2025's takes 3/1 as 3 January 2026, silently, as its own year.
    expect(planDates('Plan 2026 utgående från 2025')).toEqual({ year: 2026 });
    const extended = planPeriod('Plan 2025 (förlängd 2026)')!;
    expect(dateInPeriod('3/1', extended, column)).toMatchObject({ ok: false, code: 'date-year-ambiguous', message: { sv: expect.stringContaining('3 januari 2025 eller 3 januari 2026') } });
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
    // The January after an autumn term is outside it, not January of the term's year.
    expect(dateInPeriod('10/1', planPeriod('Plan ht 2025')!, column)).toMatchObject({ ok: false, code: 'date-outside-plan', message: { sv: 'Startdatum: "10/1" saknar år och ligger utanför ht 2025, som planens titel nämner. Skriv året.' } });
    expect(dateInPeriod('15 okt', planPeriod('Plan ht 2025')!, column)).toEqual({ ok: true, date: { iso: '2025-10-15', hadTime: false } });
  });

  it('says of a verksamhetsår of two years that its months are not known, and how to write them', () => {
    expect(dateInPeriod('3/1', planPeriod('Verksamhetsår 2025/26')!, column)).toEqual({
      ok: false,
      code: 'date-year-ambiguous',
      message: {
        sv: 'Startdatum: "3/1" saknar år, och planens titel nämner Verksamhetsår 2025/26 men inte vilka månader det går över: det kan vara 3 januari 2025 eller 3 januari 2026. Skriv året, eller skriv månaderna i titeln, t.ex. "jul 2025 – jun 2026".',
        en: 'Start date: "3/1" has no year, and the plan\'s title names Verksamhetsår 2025/26 but not which months it runs over: it could be 3 January 2025 or 3 January 2026. Write the year, or write the months in the title, e.g. "jul 2025 – jun 2026".',
      },
    });
  });

  it('is null for a date with its year and for no date', () => {
    expect(dateInPeriod('3/1 2026', both, column)).toBeNull();
    expect(dateInPeriod('snart', both, column)).toBeNull();
  });
});

describe('a term or verksamhetsår spelled as Swedish shortens a year', () => {
  it.each([
    ['Plan HT-25', '2025-08', '2025-12', 'HT-25'],
    ['Plan höstterminen -25', '2025-08', '2025-12', 'höstterminen -25'],
    ['Plan ht-2025', '2025-08', '2025-12', 'ht-2025'],
    ['Plan vt–26 Tensta', '2026-01', '2026-06', 'vt–26'],
    ['Plan VT -26', '2026-01', '2026-06', 'VT -26'],
    ["Plan HT'25", '2025-08', '2025-12', "HT'25"],
    ['Plan HT-25 – VT-26', '2025-07', '2026-06', 'HT-25 – VT-26'],
    ['Plan ht -25 till vt -26', '2025-07', '2026-06', 'ht -25 till vt -26'],
  ])('%s is the term it names', (title, first, last, written) => {
    expect(planPeriod(title)).toEqual({ first, last, written });
  });

  it('reads Verksamhetsår 25/26 as Verksamhetsår 2025/26 (months not given), not as no period', () => {
    expect(planPeriod('Verksamhetsår 25/26')).toEqual({ first: '2025-01', last: '2026-12', written: 'Verksamhetsår 25/26', monthsUnknown: true });
  });

  it('refuses 10/1 in Plan ht-2025 as outside the term, where it was put in January 2025', () => {
    const read = dateInPeriod('10/1', planPeriod('Plan ht-2025')!, column);
    expect(read).toMatchObject({ ok: false, code: 'date-outside-plan' });
  });
});

describe('a term named by its season or written after its year', () => {
  it.each([
    // One season that names a term is that term, not the whole year.
    ['Plan hösten 2025', '2025-08', '2025-12', 'hösten 2025'],
    ['Aktivitetsplan Hösten -25', '2025-08', '2025-12', 'Hösten -25'],
    ['Plan höst 2025', '2025-08', '2025-12', 'höst 2025'],
    ['Plan våren 2026', '2026-01', '2026-06', 'våren 2026'],
    ['Plan VÅREN 26, Tensta', '2026-01', '2026-06', 'VÅREN 26'],
    ['Plan vår 2026', '2026-01', '2026-06', 'vår 2026'],
    ['Plan vårterminen 2026', '2026-01', '2026-06', 'vårterminen 2026'],
    // The term after its year, as a list of terms writes it.
    ['Aktivitetsplan 2025 HT', '2025-08', '2025-12', '2025 HT'],
    ['Plan 2026 våren', '2026-01', '2026-06', '2026 våren'],
    // Two terms in words, or two consecutive terms joined by och: the school year they make.
    ['Plan höstterminen 2025 – vårterminen 2026', '2025-07', '2026-06', 'höstterminen 2025 – vårterminen 2026'],
    ['Plan hösten 2025 till våren 2026', '2025-07', '2026-06', 'hösten 2025 till våren 2026'],
    ['Plan HT25 och VT26', '2025-07', '2026-06', 'HT25 och VT26'],
    ['Plan vt 2026 och ht 2026', '2026-01', '2026-12', 'vt 2026 och ht 2026'],
    ['Plan aug 2025 – våren 2026', '2025-08', '2026-06', 'aug 2025 – våren 2026'],
  ])('reads "%s" as %s to %s', (title, first, last, written) => {
    expect(planPeriod(title)).toEqual({ first, last, written });
  });

  it('refuses 10/1 in Plan hösten 2025 as outside it, where it was 10 January 2025, silently', () => {
    const dates = planDates('Plan hösten 2025');
    expect(dates).toEqual({ period: { first: '2025-08', last: '2025-12', written: 'hösten 2025' } });
    expect(dateInPeriod('10/1', dates.period!, column)).toMatchObject({ ok: false, code: 'date-outside-plan', message: { sv: expect.stringContaining('utanför hösten 2025') } });
    expect(dateInPeriod('10/10', planPeriod('Plan hösten 2025 – våren 2026')!, column)).toEqual({ ok: true, date: { iso: '2025-10-10', hadTime: false } });
  });

  it('keeps words that only look like a term, and terms joined by och that are not one after the other, as before', () => {
    // `vår` after a year is the word for ours; a number running on into a word is no year; HT-gruppen is a group.
    expect(planPeriod('Plan 2025 vår mottagning')).toEqual({ first: '2025-01', last: '2025-12', written: '2025' });
    expect(planPeriod('Plan 2026 för vår 25-årsdag')).toEqual({ first: '2026-01', last: '2026-12', written: '2026' });
    expect(planPeriod('Plan 2026 HT-gruppen')).toEqual({ first: '2026-01', last: '2026-12', written: '2026' });
    expect(planPeriod('Vårdcentral Fittja 2026')).toEqual({ first: '2026-01', last: '2026-12', written: '2026' });
    expect(planPeriod('Plan ht 2025 och ht 2026')).toEqual({ first: '2025-01', last: '2026-12', written: '2025–2026' });
    // Summer and winter name no term: the reader gives them no months, so the year they name stays the plan's.
    expect(planDates('Plan sommaren 2025')).toEqual({ year: 2025 });
  });
});
