/**
 * A date of birth written with the month's name and the four last digits (`8 dec 1981-9876`) in
 * UTF-16 bytes (a byte array a person's tool wrote, Excel's "Unicode text"): the UTF-16 readings
 * were scanned only where ten digits stood close together, and such a date holds seven to nine,
 * so the bytes passed, though the same text in UTF-8 or an 8-bit encoding is refused.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { checkDigit } from '../../support/personnummer-families.js';

const S = `987${checkDigit('811208987')}`;
const le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const FRAMINGS: Array<[string, (t: string) => Uint8Array]> = [
  ['UTF-16LE', le],
  ['UTF-16BE', be],
  ['UTF-16LE with its byte-order mark', (t) => Uint8Array.from([0xff, 0xfe, ...le(t)])],
  ['UTF-16BE with its byte-order mark', (t) => Uint8Array.from([0xfe, 0xff, ...be(t)])],
  ['UTF-16LE from an odd byte, binary around', (t) => Uint8Array.from([0x89, ...le(t), 0x00, 0x9f])],
];

const REFUSED = [`8 dec 1981-${S}`, `född 8 december 1981 ${S}`, `December 8, 1981-${S}`, `08 Dec 81-${S}`];
const PLAIN = ['Möte 8 dec 2025 kl 14:30', 'Utbetalt 5 maj 2026: 1500 kr', 'Träff 18 mars 2026 – 14-16', 'Promenadgrupp från 3 sep 2025 till 17 dec 2025', '8 dec 1981'];

describe('the UTF-16 readings and dates written with the month name', () => {
  for (const text of REFUSED) {
    it.each(FRAMINGS)(`refuses ${JSON.stringify(text)} written as %s`, (_name, encode) => {
      expect(findPersonnummer(text)).not.toBeNull();
      const bytes = encode(text);
      expect(findPersonnummerUtf16(bytes)).not.toBeNull();
      expect(findPersonnummerInBinary(bytes)).not.toBeNull();
      expect(findPersonnummerUtf8First(bytes)).not.toBeNull();
    });
  }

  for (const text of PLAIN) {
    it.each(FRAMINGS)(`passes ${JSON.stringify(text)} written as %s`, (_name, encode) => {
      expect(findPersonnummer(text)).toBeNull();
      expect(findPersonnummerInBinary(encode(text))).toBeNull();
      expect(findPersonnummerUtf8First(encode(text))).toBeNull();
    });
  }
});
