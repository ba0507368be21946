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
];

describe('findPersonnummer', () => {
  it.each(FLAGGED)('flags %j', (text, match, kind = 'personnummer') => {
    const found = findPersonnummer(text);
    expect(found?.match).toBe(match);
    expect(found?.kind).toBe(kind);
  });

  it.each(CLEAN)('lets %j pass', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it('keeps both tables at 40 cases or more', () => {
    expect(FLAGGED.length).toBeGreaterThanOrEqual(40);
    expect(CLEAN.length).toBeGreaterThanOrEqual(40);
  });

  it('marks a bare 10-digit number starting with 0 as phone-like, and still refuses it', () => {
    expect(findPersonnummer('0701231235')).toMatchObject({ phoneLike: true });
    expect(findPersonnummer('850101-1236')).toMatchObject({ phoneLike: false });
    expect(findPersonnummer('20070123-1235')).toMatchObject({ phoneLike: false });
  });

  it('stays fast on long text full of short digit groups', () => {
    const text = 'Promenadgrupp varje tisdag 10-11, ring 070-123 45 67. '.repeat(40);
    const start = performance.now();
    for (let i = 0; i < 2000; i++) findPersonnummer(text);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('luhnValid', () => {
  it('checks the control digit of the 10-digit form', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });
});
