import { describe, expect, it } from 'vitest';
import { findPersonnummer, findPersonnummerInValue, luhnValid, numberText } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { createDoc } from '../../../shared/doc/create.js';
import { insertRow, setCell } from '../../../shared/doc/rows.js';
import * as Y from 'yjs';

/**
 * A personnummer of someone born 2001–2009 (or 1901–1909) starts with 0, which a spreadsheet
 * drops when it is typed into a cell of the General format or a number column: `0501011233`
 * becomes the number 501011233 (Swedish Excel's special format *Personnummer* shows it as
 * `050101-1233` again), and `050101,1233` typed in Swedish becomes 50101.1233.
 */
describe('a number that lost the leading zero of a personnummer', () => {
  it('is one of the numbers the test reads (its 10-digit form passes Luhn)', () => {
    expect(luhnValid('0501011233')).toBe(true);
    expect(luhnValid('0912319878')).toBe(true);
  });

  it.each([501011233, 50101.1233, -501011233, 912319878, 9123.19878e1])('finds a personnummer in %s', (n) => {
    expect(findPersonnummerInValue(n)?.kind).toBe('personnummer');
  });

  it('finds a samordningsnummer so written (day + 60)', () => {
    // 050161-123X: born 2005-01-01, samordningsnummer.
    const check = [...'0123456789'].find((d) => luhnValid(`050161123${d}`)) as string;
    expect(findPersonnummerInValue(Number(`50161123${check}`))?.kind).toBe('samordningsnummer');
  });

  it.each([
    123_456_789, // 0123456789: month 23
    999_999_999,
    250_000_000, // an amount in kronor: month 50
    12_345_678, // eight digits: not read with zeros (a county's population has seven or eight)
    1_011_238, // 0001011238 passes the checks, but seven digits are counts and populations
    2_412_345,
    1234.5678,
    0.000_123_456_789,
    1.5e-7,
  ])('finds nothing in %s', (n) => {
    expect(findPersonnummerInValue(n)).toBeNull();
  });

  it('is refused in a cell of a document, as its 10-digit form is', () => {
    const doc = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'vc-tensta', schemaVersion: 1 });
    const rowId = insertRow(doc, { indicator: 'sfh-12', unit: 'vc-tensta', period: '2025', kon: 'T', value: 1 });
    const write = (value: number): boolean => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      setCell(copy, rowId, 'numerator', value);
      return checkUpdate(doc, Y.encodeStateAsUpdate(copy, before)).ok;
    };
    expect(write(123_456_789)).toBe(true);
    expect(write(501_011_233)).toBe(false);
    expect(write(50_101.1233)).toBe(false);
    expect(numberText(501011233)).toBe('0501011233');
  });
});

/**
 * A number written as SKV 704 prescribes it (`-` or `+` before the serial) with more digits glued
 * after the serial: two numbers written without a space, a number and a phone.
 */
describe('a number with digits glued after its serial or before its date part', () => {
  it.each([
    ['850101-1236850101', '850101-1236'],
    ['Pnr 19850101-12360701234567', '19850101-1236'],
    ['KOD850101+1236850101X', '850101+1236'],
    ['850161-1233850101', '850161-1233'],
    ['0701234567850101-1236', '850101-1236'],
    ['Konto 3300850101-1236', '850101-1236'],
    ['850101850101-1236', '850101-1236'],
    ['0701234567850101-12360701234567', '850101-1236'],
  ])('finds it in %j, in the text and in its bytes', (text, match) => {
    expect(findPersonnummer(text)?.match).toBe(match);
    expect(findPersonnummerInBytes(new TextEncoder().encode(text))).not.toBeNull();
  });

  it.each(['230101-231231', '20260101-20261231', '202601-202612', '850101-12367', '850101-1236851', '8501011236850101', '1850101-1236', '12850101-1236', '1234-567890123456', '123456789012-1236'])(
    'lets the date range or code %j pass',
    (text) => {
      expect(findPersonnummer(text)).toBeNull();
    },
  );

  it('is refused in a cell of a document', () => {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-tensta', schemaVersion: 1 });
    const rowId = insertRow(doc, { title: 'Hälsodag' });
    const write = (value: string): boolean => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      setCell(copy, rowId, 'title', value);
      return checkUpdate(doc, Y.encodeStateAsUpdate(copy, before)).ok;
    };
    expect(write('Hälsodag 230101-231231')).toBe(true);
    expect(write('Hälsodag 850101-1236850101')).toBe(false);
  });
});
