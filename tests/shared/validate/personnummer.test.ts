import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { FLAGGED } from '../../support/personnummer-spellings.js';
import { cpuMsOf } from '../../support/thread-cpu.js';

/** Strings that must pass: phones, dates, amounts, codes, and near-misses. */
const CLEAN: string[] = [
  '',
  'Hälsodag på Rinkeby vårdcentral',
  '070-123 45 67',
  '+46 70 123 45 67',
  '08-123 456 78',
  '070-1234567',
  '070--123 45 67',
  '2026-01-01--2026-06-30',
  'Period 2025-01-01 -- 2025-12-31',
  '850101--12',
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
  '230101-231231',
  '202601-202612',
  '850101-12367',
  '850101-1236851',
  '8501011236850101',
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
  // Symbols of several digits that no known spelling joins, like their plain spellings.
  '⑿⑿⑿⑿⑿',
  '(12)(12)(12)(12)(12)',
  '½½½½½',
  '0180 Stockholm, 0114 Upplands Väsby',
  'Kommunkoder 0114, 0115, 0117, 0120, 0123, 0125',
  // Near the regrouped and spaced spellings: phones grouped otherwise, single digits in a row,
  // tildes in ranges, all-space groupings (the shape of a phone written with spaces).
  '0771-234 567',
  '070-123 4567',
  '070-012 3456',
  '08-1234 5678',
  '0701 234567',
  '070 123 4567',
  '0701 23 4567',
  '0701\n23 45 67',
  '08-123 45 67\n070-123 45 67',
  '1 2 3 4 5 6 7 8 9 0',
  '3 4 2 5 1 3 4 2 5 1 2',
  '0 1 0 1 0 1 0 1 0 1 0',
  '2026-01-01\uFF5E2026-06-30',
  '2026-01-01~2026-06-30',
  'kl. 8\u30FC10, 10～12 maj',
  // Look-alike letters near numbers that are none: a wrong check digit, a number too long.
  'Box 1O2, rum 3l4, 850101-1234',
  'Кабинет 1О2, 850101-1234',
  'B50101-1234',
  '850101O1234',
  'Art.nr SB-850101-12',
  'Rum B12, 10-11',
  // Near the spellings with other marks: an ISO date then another field (a row of a Swedish CSV
  // file) or a note, a compact date then an amount in groups of three, pairs after a spaced date.
  '2026-05-12;1430',
  '2026-05-12;1430;Rinkeby',
  '2026-05-12 (1430)',
  'Hälsodag 2026-05-12 (1215)',
  '2026-05-12=1430',
  '2026-05-12 \u2192 1430',
  'Utbetalt 230512 1 500 kr',
  '230512 1 234 567 kr',
  // Near the date part cut by a dash: phone numbers with area codes (which start with 0), period
  // ranges of the form YYYYMM, an international number, short codes, a bankgiro.
  '0501-123456',
  '0501-011236',
  '0701-011236',
  '0701 - 011236',
  '202601 - 202612',
  'Telefon 0501 - 12 34 56',
  '08-50101123',
  '070-1011236',
  '202601-202612',
  '202603\u2013202608',
  '199501-199512',
  '+46-11234567',
  'Bankgiro 5050-1055',
  'Dnr 2026-001234',
  // Near the spellings with a word between date part and serial: a date then a time, a wrong
  // check digit or date, an identifier of letters and digits, a word too long, two words.
  '2026-05-12 kl 1430',
  'Hälsodag 2026-05-12 kl. 1215 på torget',
  '850101x1234',
  '851301 nr 1232',
  'a850101b1236c',
  'id 850101x1236f',
  '850101 nr och så 1236',
  '850101 hälsofrämjandeplan 1236',
  '850101 - nr - och - så 1236',
  '2026-05-12, kl. 1430',
  'Möte 2026-05-12 - kl 14-30',
  '850101-nr-1234',
  'Hälsodag 2026-05-12, kl.-1430',
  // A date written with separators, `kl` and a clock time: a date and a time, by decision.
  '26-05-12 kl 14-30',
  'Möte 26-05-12 kl 1430',
  '26.05.12 kl. 14.30',
  '85-01-01 klockan 1236',
  '2026-05-12 14:30',
  '1985-01-01 rum 1236',
  // Phone, order and product numbers.
  'Ring 070-123 45 67 eller 08-123 456 78',
  'Ordernr 4500123456',
  'Beställning 2026-0512-1430',
  'Art.nr B12-345678',
  'Faktura 20260512-00017',
  // A date written with separators and a time with a dot or colon; an amount with decimals; a
  // date part cut at another place with neither mark nor letter before the serial (a phone).
  '12.05.26 14.30',
  'Möte 26-05-12 kl 14:30',
  '1985-01-01 12.36',
  '85.01.01 12:36',
  'Summa 85010112.36 kr',
  'Summa 8501.01 - 1236',
  'Tel 0701.011236',
  // A postal code and a word before four digits; a phone's area code cut by a dash, then a word.
  'Box 123 45 Stockholm 1236',
  'Tel 0701-23 nr 1236',
  // Near ten or twelve digits in groups split by spaces: a first digit 0 (a phone; the digits
  // alone are a number of someone born 2005 or 1907), a phone in international writing whose
  // country code and area code read as a date, two periods YYYYMM, a group of one digit (a date
  // and an amount), more groups before or after (a longer list), a decimal after.
  '0501 01 1233',
  'Tel 0701 23 1235',
  '070 12 31 23 5',
  '+46 10 180848',
  '202401 202409',
  'Utbetalt 230512 1 500 kr',
  '85 01 01 12 36 12',
  '12 8501 01 1236',
  '8501 01 1236,50 kr',
  '1 8501 01 1236',
  'Tel 08-501 011 23',
  '+46 8 501 011 23',
  // The same with a dash, dot or slash between the groups: a first digit 0, a longer list, an
  // address of a computer.
  '05-01-01-12-33',
  '85-01-01-12-36-12',
  '10.100.12.123',
  // Whole fields with mixed marks that are ordinary text: a date written with marks, a space and
  // a time or an amount; two periods YYYY-MM; a phone (first digit 0); a `+` not before the
  // serial; an amount with decimals; a longer list.
  '2026-05-12 14.30',
  '12.05.26 14 30',
  '2026-01 \u2013 2026-03',
  '2026 01 - 2026 03',
  '070 - 12 34 56',
  '08 - 12 34 56 78',
  '85 + 01 01 - 1236',
  '19 85 - 01 - 01 - 12 - 36 - 12',
  // A date written as a date, a spaced dash and a clock time with a dot: a date and its time, as
  // with a bare space (each serial here has a valid check digit for its date).
  '2025-01-01 - 09.00',
  '2025-01-01 \u2013 09.00',
  'Möte 1985-01-01 \u2013 12.36',
  '25-01-01 - 09.00',
  '25.01.01 - 09.00',
  // Letters glued before a date part with words before the serial: two or more that label
  // nothing, or after a digit, are a code or an id (one letter or a label is read: FLAGGED);
  // glued after the serial too, the whole is an identifier.
  'SKU850101x1236',
  'Art.nr AB850101B1236',
  'fa850101b1236',
  '3a850101b1236',
  'ab3cd850101x1236',
  'P850101x1236c',
  'ab18.12.1981 nr 9876',
  'Kod AB8501-01 nr 1236',
  // Twelve marks or more between date part and serial are a line of a form, not a separator.
  '850101 - - - - - - - - - - - - 1236',
  '850101 )()()()()()( 1236',
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

  // The date part not written as a date (spaced or mixed marks), or no clock time: still a number.
  it.each(['85-01-01-12.36', '19 85 - 01 - 01 - 12.36', '85 01 01 - 12.36', '85-01-01 - 1236', '85-01-01 - 12 36'])('flags %j, no date and time', (text) => {
    expect(findPersonnummer(text)?.match).toBe(text);
  });

  it('keeps both tables at 60 cases or more', () => {
    expect(FLAGGED.length).toBeGreaterThanOrEqual(60);
    expect(CLEAN.length).toBeGreaterThanOrEqual(60);
  });

  it('returns the first number whichever reading of look-alike letters finds it', () => {
    // The first reading finds only the later number; the second, the earlier one.
    expect(findPersonnummer('Ring B50101-1236 och 850101 personnummer 1236')).toMatchObject({ match: 'B50101-1236', index: 5 });
    expect(findPersonnummer('850101O1236, 850101-1236')).toMatchObject({ match: '850101O1236', index: 0 });
    expect(findPersonnummer('850101-1236, 850101O1236')).toMatchObject({ match: '850101-1236', index: 0 });
  });

  it.each([
    ['850I0I-1236', '850I0I-1236'],
    ['850l0l-1236', '850l0l-1236'],
    ['850l01-l236', '850l01-l236'],
    ['Pnr 1985O1OI-1236', '1985O1OI-1236'],
  ])('flags %j: a look-alike inside the date part followed by a pair, where a separator could go', (text, match) => {
    // Read as a separator, the first look-alike hid the number the edge reading holds.
    expect(findPersonnummer(text)?.match).toBe(match);
  });

  it.each([
    ['8 501 011 236', '8 501 011 236'],
    ['Pnr 8\u00a0501\u00a0011\u00a0236;', '8\u00a0501\u00a0011\u00a0236'],
    ['8\u202f501\u202f011\u202f236', '8\u202f501\u202f011\u202f236'],
    ['8,501,011,236', '8,501,011,236'],
    ['8.501.011.236', '8.501.011.236'],
    ['198 501 011 236', '198 501 011 236'],
  ])('flags %j: the number in thousands groups, as a spreadsheet shows a formatted number cell', (text, match) => {
    expect(findPersonnummer(text)?.match).toBe(match);
  });

  it.each(['1 234 567 890', '18 501 011 236', '8 501 011 236 123', '8 501,011 236', '8 501 011 237'])(
    'lets %j pass: no thousands grouping of a valid number',
    (text) => {
      expect(findPersonnummer(text)).toBeNull();
    },
  );

  it('passes look-alikes whose digits would pass the date and Luhn checks', () => {
    // So the look-alike rules, not chance, keep these passing.
    for (const digits of ['0701231235', '0702151234', '2605012026', '2605121330', '2605121215', '0501011233', '4610180848', '202401202409', '8501011236']) {
      expect(findPersonnummer(digits)).not.toBeNull();
    }
  });

  it('marks a bare 10-digit number starting with 0 as phone-like, and still refuses it', () => {
    expect(findPersonnummer('0701231235')).toMatchObject({ phoneLike: true });
    expect(findPersonnummer('850101-1236')).toMatchObject({ phoneLike: false });
    expect(findPersonnummer('20070123-1235')).toMatchObject({ phoneLike: false });
    // Loosely grouped too, so the refusal tells how to write a phone number.
    expect(findPersonnummer('070 123-1235')).toMatchObject({ phoneLike: true });
    expect(findPersonnummer('0 7 0 1 2 3 1 2 3 5')).toMatchObject({ phoneLike: true });
    expect(findPersonnummer('8501 01-1236')).toMatchObject({ phoneLike: false });
    expect(findPersonnummer('2007 0123-1235')).toMatchObject({ phoneLike: false });
  });

  /** CPU microseconds per character of one trial: `scans` scans of `text` (`thread-cpu.ts`). */
  const trialUsPerChar = (text: string, scans: number): number =>
    (cpuMsOf(() => {
      for (let i = 0; i < scans; i++) findPersonnummer(text);
    }) * 1000) / (scans * text.length);

  /**
   * The guard's cost grows with the text's length, not faster: the cost per character of `unit`
   * repeated 640 times stays within 4 times that of 40 repetitions (a scan that re-reads the text
   * from each digit group would be ~16 times), and under 2 µs (it is ~0.1–0.2 µs on a 2-core CI
   * machine). Each trial scans ~6,000 repetitions' worth of text (so short and long take about
   * as long), in the main thread's CPU time; the two lengths' trials alternate, five of each, and
   * the least of each is compared, so that a stretch of load on the machine falls on both.
   */
  const expectLinear = (unit: string): void => {
    const short = { text: unit.repeat(40), scans: Math.round(6_000 / 40), us: Infinity };
    const long = { text: unit.repeat(640), scans: Math.max(1, Math.round(6_000 / 640)), us: Infinity };
    for (let trial = 0; trial < 5; trial++) {
      for (const size of [short, long]) size.us = Math.min(size.us, trialUsPerChar(size.text, size.scans));
    }
    expect(long.us / short.us, `${long.us.toFixed(3)} µs/char at 640 repetitions, ${short.us.toFixed(3)} at 40`).toBeLessThan(4);
    expect(long.us).toBeLessThan(2);
  };

  it('stays linear on long text in other scripts and spacing', () => {
    expectLinear('Promenad tisdagar 10\u201311, ring ０７０\u2013１２３\u00A0４５\u00A0６７\u200B. ');
  });

  it('stays linear on long runs of spaced single digits and of short groups', () => {
    expect(findPersonnummer('1 2 3 4 5 6 7 8 9 0 '.repeat(200))).toBeNull();
    expect(findPersonnummer('85 0101 1236 12 '.repeat(200))).toBeNull();
    expectLinear('1 2 3 4 5 6 7 8 9 0 ');
    expectLinear('85 0101 1236 12 ');
  });

  it('stays linear on long text full of short digit groups', () => {
    expectLinear('Promenadgrupp varje tisdag 10-11, ring 070-123 45 67. ');
    expectLinear('Person nr 3, personal ID no. 4, född i maj: 2026-05-12 14:30. ');
  });
});
