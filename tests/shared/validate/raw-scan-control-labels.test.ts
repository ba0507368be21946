/**
 * A label cut from its number by control characters, which the guard reads as nothing: in the
 * raw bytes, the month pass (`raw-scan-months.ts`) cut its runs there and read the date after
 * them alone, so a date with the month's name and a spaced serial, which the guard refuses only
 * after a birth word (`född 8 dec 1981 9876`), passed as `född\u0001 8 dec 1981 9876`. The net's
 * joined pass reads a label before ten digits so already (`pnr\u0000198112189876`, kept here).
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { checkDigit } from '../../support/personnummer-families.js';

const S = `987${checkDigit('811218987')}`;
const M = `987${checkDigit('811208987')}`;
const utf8 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf8'));

const CUT = [
  [`född\u0001 8 dec 1981 ${M}`, `född 8 dec 1981 ${M}`],
  [`född den\u0001\u0002 8 december 1981 ${M}`, `född den 8 december 1981 ${M}`],
  [`pnr\u000019811218${S}`, `pnr 19811218${S}`],
  [`Pnr:\u0001 19811218 ${S}`, `Pnr: 19811218 ${S}`],
];

describe('the raw-byte net and labels cut off by control characters', () => {
  it.each(CUT)('refuses %j as the text guard refuses %j', (cut, whole) => {
    expect(findPersonnummer(whole)).not.toBeNull();
    for (const bytes of [utf8(cut), Uint8Array.from([0x00, 0x9a, ...utf8(cut), 0x01, 0xc3])]) {
      expect(findPersonnummerInBytes(bytes)).not.toBeNull();
      expect(findPersonnummerInBinary(bytes)).not.toBeNull();
      expect(findPersonnummerUtf8First(bytes)).not.toBeNull();
    }
  });

  it('still passes the words before a number that they would make none of', () => {
    // A string ending in digits, the next string's length byte, then words: no number across them.
    expect(findPersonnummerInBytes(utf8(`Grupp 811218\u0005nr ${S.slice(0, 3)}`))).toBeNull();
    expect(findPersonnummerInBytes(utf8('Möte\u0001 8 dec 2025 kl 14:30'))).toBeNull();
  });
});
