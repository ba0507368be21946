/**
 * The raw-byte net reads a date of birth written with the month's name as the text guard does
 * (`personnummer-month-named.ts`): `8 dec 1981-9876` holds nine digits, and the net read only
 * where ten stood close together, so bytes carrying it (a binary value, bytes of an update no
 * walk reads, a Latin-1 `född`) passed. Every text here is judged by the text guard first; the
 * net must say the same of its bytes.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerInBytes, mayHoldNumber, scanUpdate } from '../../../shared/validate/raw-scan.js';
import { checkDigit } from '../../support/personnummer-families.js';
import { asUpdate } from '../../support/text-bytes.js';

/** The serial that completes a valid number born `yymmdd`, its first three digits `987`. */
const serial = (yymmdd: string): string => `987${checkDigit(`${yymmdd}987`)}`;
const S = serial('811208');
const MARCH = serial('810318');

const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const latin1 = (text: string): number[] => [...Buffer.from(text, 'latin1')];
/** Bytes of no text around a value: a length, client id and info bytes, some no UTF-8. */
const JUNK_BEFORE = [0x00, 0x9a, 0x03, 0xf1, 0x77, 0x15];
const JUNK_AFTER = [0x01, 0x00, 0xc3, 0x28, 0x9a];

const REFUSED = [
  `8 dec 1981-${S}`,
  `8 december 1981-${S}`,
  `8 dec. 1981 - ${S}`,
  `08 Dec 81-${S}`,
  `8-Dec-81-${S}`,
  `8:e december 1981 nr ${S}`,
  `född 8 december 1981 ${S}`,
  `född den 8 dec 1981 ${S}`,
  `December 8, 1981-${S}`,
  `dec 8 1981 - ${S}`,
  `Anna, 18 mars 1981-${MARCH}`,
  `18 MARS 81-${MARCH}`,
];

/** Plan phrases with a month's name and digits: dates, times, amounts, phones, years. */
const PLAIN = [
  'Möte 8 dec 2025 kl 14:30',
  'Utbetalt 5 maj 2026: 1500 kr',
  'Kostnad 2 april 2026 - 1500 kr',
  '18 december 2025 1430',
  'Träff 18 mars 2026 – 14-16',
  'Hälsodag 12 mars 2026, ring 070-123 45 67',
  'Promenadgrupp från 3 sep 2025 till 17 dec 2025',
  'Uppföljning december 2026, 6 månader',
  'Redovisas senast 31 jan 2027 (verksamhetsår 2026)',
  'FaR 4–5 veckor, start 7 okt 2025, 20 deltagare',
  '8 dec 1981', // a date of birth alone
  `8 dec 1981-${serial('811208').slice(0, 3)}${(Number(S.charAt(3)) + 1) % 10}`, // a wrong check digit
];

describe('the raw-byte net and dates written with the month name', () => {
  it.each(REFUSED)('refuses %j as the text guard does, in every framing', (text) => {
    expect(findPersonnummer(text)).not.toBeNull();
    const bytes = Uint8Array.from(utf8(text));
    expect(mayHoldNumber(bytes)).toBe(true);
    expect(findPersonnummerInBytes(bytes)).not.toBeNull();
    expect(findPersonnummerInBinary(Uint8Array.from([...JUNK_BEFORE, ...utf8(text), ...JUNK_AFTER]))).not.toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).not.toBeNull();
    expect(findPersonnummerUtf8First(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).not.toBeNull();
    // The bytes of an update whose walk did not read the string (`seen` empty).
    expect(scanUpdate(asUpdate(text))).not.toBeNull();
  });

  it.each(PLAIN)('passes %j as the text guard does, in every framing', (text) => {
    expect(findPersonnummer(text)).toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from(utf8(text)))).toBeNull();
    expect(findPersonnummerInBinary(Uint8Array.from([...JUNK_BEFORE, ...utf8(text), ...JUNK_AFTER]))).toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).toBeNull();
    expect(scanUpdate(asUpdate(text))).toBeNull();
  });

  it('reads no bytes without a month name beside a digit', () => {
    expect(mayHoldNumber(Uint8Array.from(utf8('Möte i december med alla deltagare, 12 st')))).toBe(false);
    expect(mayHoldNumber(Uint8Array.from(utf8('Marknadsdagen hela veckan, 8 stationer')))).toBe(false);
  });
});

describe('the raw-byte net and month names in large bytes', () => {
  it('reads a date with the month name anywhere in bytes far larger than its window', () => {
    const filler = (n: number): number[] => Array.from({ length: n }, (_, i) => [0x9a, 0x41, 0x20, 0x12, 0x6d][i % 5] as number);
    for (const at of [0, 300, 5_000, 50_000]) {
      const text = utf8(`född 8 december 1981 ${S}`);
      const bytes = Uint8Array.from([...filler(at), 0x00, ...text, 0x00, ...filler(60_000 - at)]);
      expect(findPersonnummerInBytes(bytes)).not.toBeNull();
      expect(findPersonnummerInBinary(bytes)).not.toBeNull();
      expect(findPersonnummerInBytes(Uint8Array.from([...filler(at), 0x00, ...utf8('Möte 8 dec 2025 kl 14:30, 3 dec 2025 – 1500 kr'), 0x00, ...filler(60_000 - at)]))).toBeNull();
    }
  });
});
