import { describe, expect, it } from 'vitest';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';

/** Strings that hold a personnummer or samordningsnummer, and what must be found. */
const FLAGGED: Array<[text: string, match: string, kind?: 'personnummer' | 'samordningsnummer']> = [
  ['811218-9876', '811218-9876'],
  ['8112189876', '8112189876'],
  ['198112189876', '198112189876'],
  ['19811218-9876', '19811218-9876'],
  ['121212-1212', '121212-1212'],
  ['1212121212', '1212121212'],
  ['19121212-1212', '19121212-1212'],
  ['191212121212', '191212121212'],
  ['121212+1212', '121212+1212'],
  ['850101-1236', '850101-1236'],
  ['Patient 850101-1236 kom på besök', '850101-1236'],
  ['pnr:8501011236.', '8501011236'],
  ['(19850101-1236)', '19850101-1236'],
  ['Anna Andersson, 850101-1236, Rinkeby', '850101-1236'],
  ['x8501011236', '8501011236'],
  ['850101-1236\nnästa rad', '850101-1236'],
  ['namn\t19850101-1236', '19850101-1236'],
  ['tel 08-123 456 78, pnr 850101-1236', '850101-1236'],
  ['850101-1234 eller 850101-1236', '850101-1236'],
  ['811278-9873', '811278-9873', 'samordningsnummer'],
  ['8112789873', '8112789873', 'samordningsnummer'],
  ['19811278-9873', '19811278-9873', 'samordningsnummer'],
  ['850161-1233', '850161-1233', 'samordningsnummer'],
  ['samordningsnr 198501611233', '198501611233', 'samordningsnummer'],
  ['480229-1239', '480229-1239'],
  ['19480229-1239', '19480229-1239'],
  ['000229-1235', '000229-1235'],
  ['200002291235', '200002291235'],
  ['0702151234', '0702151234'],
  ['0701015679', '0701015679'],
  ['0203041116', '0203041116'],
  ['050607-2222', '050607-2222'],
  ['20090909-3338', '20090909-3338'],
  ['850131-9993', '850131-9993'],
  ['991231-0019', '991231-0019'],
  ['201231-0021', '201231-0021'],
  ['20201231-0021', '20201231-0021'],
  ['230101+4565', '230101+4565'],
  ['0701231235', '0701231235'],
  ['0711112342', '0711112342'],
  ['060606-0606', '060606-0606'],
  ['190101-0106', '190101-0106'],
  ['0101010015', '0101010015'],
  ['Kontakt: Lisa (pnr 19020304-1116) via mejl', '19020304-1116'],
  // Spellings: spaces of every kind, invisible characters, dashes, other scripts, separators.
  ['850101 1236', '850101 1236'],
  ['850101\u00A01236', '850101\u00A01236'],
  ['850101\u202F1236', '850101\u202F1236'],
  ['850101\u20091236', '850101\u20091236'],
  ['850101\u30001236', '850101\u30001236'],
  ['850101\t1236', '850101\t1236'],
  ['850101\u200B1236', '850101\u200B1236'],
  ['8501\u200D011236', '8501\u200D011236'],
  ['850101-12\u200C36', '850101-12\u200C36'],
  ['\uFEFF850101-1236', '850101-1236'],
  ['850101\uFEFF-1236', '850101\uFEFF-1236'],
  ['850101\u00AD1236', '850101\u00AD1236'],
  ['8\u200B5\u200B0\u200B1\u200B0\u200B1\u200B1\u200B2\u200B3\u200B6', '8\u200B5\u200B0\u200B1\u200B0\u200B1\u200B1\u200B2\u200B3\u200B6'],
  ['850101\u20131236', '850101\u20131236'],
  ['850101\u20141236', '850101\u20141236'],
  ['850101\u22121236', '850101\u22121236'],
  ['850101\u20101236', '850101\u20101236'],
  ['850101\u20111236', '850101\u20111236'],
  ['850101\uFE631236', '850101\uFE631236'],
  ['850101\uFF0D1236', '850101\uFF0D1236'],
  ['pnr 850101 - 1236.', '850101 - 1236'],
  ['850101 \u2013 1236', '850101 \u2013 1236'],
  ['８５０１０１-１２３６', '８５０１０１-１２３６'],
  ['Patient: ８５０１０１－１２３６.', '８５０１０１－１２３６'],
  ['٨٥٠١٠١-١٢٣٦', '٨٥٠١٠١-١٢٣٦'],
  ['۸۵۰۱۰۱-۱۲۳۶', '۸۵۰۱۰۱-۱۲۳۶'],
  ['१९८५०१०११२३६', '१९८५०१०११२३६'],
  ['𝟖𝟓𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟔', '𝟖𝟓𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟔'],
  ['⁸⁵⁰¹⁰¹⁻¹²³⁶', '⁸⁵⁰¹⁰¹⁻¹²³⁶'],
  ['850101/1236', '850101/1236'],
  ['850101.1236', '850101.1236'],
  ['1985-01-01-1236', '1985-01-01-1236'],
  ['1985‐01‐01‐1236', '1985‐01‐01‐1236'],
  ['född 1985-01-01 - 1236', '1985-01-01 - 1236'],
  ['1985.01.01-1236', '1985.01.01-1236'],
  ['1985/01/01-1236', '1985/01/01-1236'],
  ['85-01-01-1236', '85-01-01-1236'],
  ['2009-09-09-3338', '2009-09-09-3338'],
  ['19850101 1236', '19850101 1236'],
  ['121212\uFF0B1212', '121212\uFF0B1212'],
  ['230101 + 4565', '230101 + 4565'],
  ['811278 9873', '811278 9873', 'samordningsnummer'],
  ['19811278\u20139873', '19811278\u20139873', 'samordningsnummer'],
  ['Ring 070-123 45 67 eller pnr 850101 1236', '850101 1236'],
];

/** Strings that must pass: phones, dates, amounts, codes, and near-misses. */
const CLEAN: string[] = [
  '',
  'Hälsodag på Rinkeby vårdcentral',
  '070-123 45 67',
  '+46 70 123 45 67',
  '08-123 456 78',
  '070-1234567',
  '0701-23 45 67',
  '031-12 34 56',
  '+46701234567',
  '0046701234567',
  '0765432109',
  '0731112348',
  '2023-01-15',
  '20230115',
  '2023-01-15T10:20:30Z',
  '2023-01-15T10:20:30.123+01:00',
  '20230115T102030Z',
  '2026Q1, 202601, 2026S2',
  '1 234 567 kr',
  '12 500,50 kr',
  '1234567,50',
  '123 45',
  '114 18 Stockholm',
  '556036-0793',
  '5560360793',
  '16556036-0793',
  '232100-0016',
  '2321000016',
  '12.5',
  '0,8501011236',
  '3.8501011236',
  '1234567890',
  '9999999999',
  '12345678901234',
  '1985010112361',
  '08501011236',
  '850101-1234',
  '811218-9875',
  '460229-1231',
  '850230-1230',
  '851301-1232',
  '850100-1237',
  '850132-1239',
  '850192-1236',
  '218501011236',
  '178501011236',
  '000229+1235',
  '550e8400-e29b-41d4-a716-446655440000',
  'ISBN 978-91-7343-123-4',
  'Bankgiro 5050-1055',
  'kl. 08:00-12:00',
  // Look-alikes in the new spellings.
  '070-123 12 35',
  '070\u2013123 12 35',
  '070 123 12 35',
  '070\u00A0123\u00A012\u00A035',
  '０７０-１２３ １２ ３５',
  '070-215 12 34',
  '+46 70 123 12 35',
  '+46 (0)70-123 12 35',
  '08-123 45 67',
  '0771-23 45 67',
  '556036\u20130793',
  '556036 0793',
  '556016-0680',
  '212000-0142',
  '556547-5489',
  '850101 1234',
  '850101\u20131234',
  '1985-01-01-1234',
  '2026-05-01-2026-05-31',
  '2026-05-01\u20132026-05-31',
  '2025-06-01 - 2026-05-31',
  '20260101-20261231',
  '2026-05-12 1330',
  'Hälsodag 2026-05-12 1215 på torget',
  '2026-05-12 12:15',
  '2026.01.15',
  '15.01.2026',
  '15/1 2026',
  '٢٠٢٦-٠١-١٥',
  '2026-01--2026-06',
  '202601\u2013202612',
  '2025/2026',
  '1 234 567 890 kr',
  '1\u00A0234\u00A0567 kr',
  '123 456,78 kr',
  '1.234.567,00',
  '163 70 Spånga',
  '0180 Stockholm, 0114 Upplands Väsby',
  'Kommunkoder 0114, 0115, 0117, 0120, 0123, 0125',
];

describe('findPersonnummer', () => {
  it.each(FLAGGED)('flags %j', (text, match, kind = 'personnummer') => {
    const found = findPersonnummer(text);
    expect(found?.match).toBe(match);
    expect(found?.kind).toBe(kind);
    expect(text.slice(found?.index, (found?.index ?? 0) + match.length)).toBe(match);
  });

  it.each(CLEAN)('lets %j pass', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it('keeps both tables at 60 cases or more', () => {
    expect(FLAGGED.length).toBeGreaterThanOrEqual(60);
    expect(CLEAN.length).toBeGreaterThanOrEqual(60);
  });

  it('passes look-alikes whose digits would pass the date and Luhn checks', () => {
    // So the look-alike rules, not chance, keep these passing.
    for (const digits of ['0701231235', '0702151234', '2605012026', '2605121330', '2605121215']) {
      expect(findPersonnummer(digits)).not.toBeNull();
    }
  });

  it('marks a bare 10-digit number starting with 0 as phone-like, and still refuses it', () => {
    expect(findPersonnummer('0701231235')).toMatchObject({ phoneLike: true });
    expect(findPersonnummer('850101-1236')).toMatchObject({ phoneLike: false });
    expect(findPersonnummer('20070123-1235')).toMatchObject({ phoneLike: false });
  });

  /** CPU milliseconds `fn` takes: steadier than wall time on a busy machine. */
  const cpuMs = (fn: () => void): number => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };

  it('stays fast on long text in other scripts and spacing', () => {
    const text = 'Promenad tisdagar 10\u201311, ring ０７０\u2013１２３\u00A0４５\u00A0６７\u200B. '.repeat(40);
    expect(cpuMs(() => {
      for (let i = 0; i < 500; i++) findPersonnummer(text);
    })).toBeLessThan(1000);
  });

  it('stays fast on long text full of short digit groups', () => {
    const text = 'Promenadgrupp varje tisdag 10-11, ring 070-123 45 67. '.repeat(40);
    expect(cpuMs(() => {
      for (let i = 0; i < 2000; i++) findPersonnummer(text);
    })).toBeLessThan(500);
  });
});

describe('luhnValid', () => {
  it('checks the control digit of the 10-digit form', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });
});
