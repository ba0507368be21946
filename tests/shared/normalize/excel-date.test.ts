import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isIsoDate, isoToExcelSerial, periodSerialDate } from '../../../shared/normalize/excel-date.js';

describe('excelSerialToIso', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [45292, '2024-01-01'],
    [45366, '2024-03-15'],
    [45366.75, '2024-03-15'],
    [2958465, '9999-12-31'],
  ])('reads serial %d as %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('refuses serial 60, the 1900-02-29 that never was', () => {
    expect(excelSerialToIso(60)).toBeNull();
  });

  it('refuses serials outside Excel’s calendar', () => {
    for (const s of [0, -5, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(excelSerialToIso(s)).toBeNull();
  });
});

describe('isoToExcelSerial', () => {
  it('inverts excelSerialToIso on both sides of the leap-year bug', () => {
    for (const serial of [1, 31, 59, 61, 100, 25569, 45366, 2958465]) {
      expect(isoToExcelSerial(excelSerialToIso(serial) as string)).toBe(serial);
    }
  });

  it('refuses dates Excel cannot show', () => {
    expect(isoToExcelSerial('1899-12-31')).toBeNull();
    expect(isoToExcelSerial('1900-02-29')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('2024-01-01T00:00')).toBe(false);
  });
});

describe('periodSerialDate', () => {
  it('reads five digits, as a number or as text, as the serial, and nothing else', () => {
    expect(periodSerialDate(46204)).toBe('2026-07-01');
    expect(periodSerialDate(' 46204 ')).toBe('2026-07-01');
    expect(periodSerialDate(10_000)).toBe('1927-05-18');
    expect(periodSerialDate(99_999)).toBe('2173-10-13');
    for (const raw of [2026, '2026', 202607, '462040', 46204.5, '46204,5', '4620', 'jul-26', null, true]) expect(periodSerialDate(raw), String(raw)).toBeNull();
  });
});
