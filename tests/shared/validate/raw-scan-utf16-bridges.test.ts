/**
 * A number written as UTF-16 in a byte array whose parts a unit the readings do not keep joins
 * (`raw-scan-utf16.ts`' bridges): the small hyphen-minus U+FE63, a combining mark, a
 * bidirectional control, a letter of another script or a look-alike one between its digits. The
 * guard reads such a text as one number; the readings cut it in two runs at that unit, neither
 * ten digits, so the byte array passed the door. Read between two digits only, the unit makes no
 * number of random bytes, of ordinary text written as UTF-16 with any bytes after it, nor of
 * dates written with the CJK date words between their digits.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { scanReading } from '../../../shared/validate/raw-scan.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { ORDINARY } from '../../support/ordinary-texts.js';
import { prng } from '../../support/personnummer-families.js';

const digitsFrom = (zero: number) => (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
const le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

const SCRIPTS: Array<[string, (t: string) => string]> = [
  ['Latin', (t) => t],
  ['fullwidth', digitsFrom(0xff10)],
  ['Arabic-Indic', digitsFrom(0x0660)],
  ['Devanagari', digitsFrom(0x0966)],
];
/** The number, its date part and serial joined by each unit the readings did not keep. */
const JOINED: Array<[string, string]> = [
  ['the small hyphen-minus U+FE63', '850101\ufe631236'],
  ['the small hyphen-minus with spaces', '850101 \ufe63 1236'],
  ['a combining mark', '85\u030101011236'],
  ['a right-to-left mark', '850101\u200f1236'],
  ['a right-to-left override', '850101\u202e-1236'],
  ['the Arabic letter mark', '850101\u061c1236'],
  ['a fullwidth letter', '850101\uff581236'],
  ['a Cyrillic letter', '850101\u04451236'],
  ['a Cyrillic O for a zero', '85\u041e1\u041e1-1236'],
  ['a CJK letter', '850101\u53f71236'],
];
const ENCODINGS: Array<[string, (t: string) => Uint8Array]> = [
  ['UTF-16LE', le],
  ['UTF-16BE', be],
  ['UTF-16LE from an odd byte, binary around', (t) => new Uint8Array([0x89, ...le(t), 0x00, 0x9f])],
  ['UTF-16BE from an odd byte, binary around', (t) => new Uint8Array([0x89, ...be(t), 0x9f, 0x9f])],
];

/**
 * True when the net's scan of a reading (`scanReading`) refuses what `bytes` spell as UTF-16
 * text, little- or big-endian, from an even or an odd byte, every unit as it is: the bytes after
 * a text may go on with it (`…kr` and `00 38` is `…kr8`), and a refusal of that is the text's,
 * not a bridge's.
 */
function spelled(bytes: Uint8Array): boolean {
  for (const offset of [0, 1]) {
    const even = Buffer.from(bytes.subarray(offset, offset + ((bytes.length - offset) & ~1)));
    if (scanReading(even.toString('utf16le')) !== null) return true;
    if (scanReading(Buffer.from(even).swap16().toString('utf16le')) !== null) return true;
  }
  return false;
}

describe('the UTF-16 readings of a byte array, between two digits', () => {
  for (const [name, number] of JOINED) {
    it(`read a number of every script whose parts ${name} joins, in every encoding`, () => {
      const missed: string[] = [];
      for (const [script, respell] of SCRIPTS) {
        const text = `Eva ${respell(number)}`;
        // What the readings must find: the guard refuses the text itself.
        expect(findPersonnummer(text), `${script} ${JSON.stringify(text)}`).not.toBeNull();
        for (const [encoding, encode] of ENCODINGS) if (findPersonnummerUtf16(encode(text)) === null) missed.push(`${script}, ${encoding}`);
      }
      expect(missed).toEqual([]);
    });
  }

  it('read no number into random bytes: 1,000 arrays of 4 KB', () => {
    const random = prng(20261208);
    const found: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
      if (findPersonnummerUtf16(bytes) !== null) found.push(k);
    }
    expect(found).toEqual([]);
  });

  it('read no number into ordinary text written as UTF-16 with any byte after it, nor into CJK dates', () => {
    const random = prng(1208);
    const found: string[] = [];
    const texts: string[] = ['Betalt 2026-03-17 98.92 kr', '２０２６年３月１７日　１４：３０', '２０２６年１２月１８日 ９８７６円', '令和８年３月１７日 ０８－１２３４５６７８', '١٧ مارس ٢٠٢٦ ١٤:٣٠'];
    for (const make of Object.values(ORDINARY)) texts.push(make(random));
    for (const text of texts) {
      if (findPersonnummer(text) !== null) continue;
      for (let after = 0; after < 256; after++) {
        // UTF-16BE text read from the other byte ends in the unit its last character makes with
        // the byte after it: a bridge there, a digit after it, is what could join wrongly.
        // (UTF-16LE text, whose last unit is whole, is followed by its terminating zero unit.)
        const digit = 0x30 + Math.floor(random() * 10);
        const arrays: Array<[string, number[]]> = [
          ['UTF-16BE', [...be(text), after, digit, 0, digit]],
          ['UTF-16BE', [...be(text), after, Math.floor(random() * 256), digit, 0]],
          ['UTF-16LE', [...le(text), 0, 0, after, digit]],
        ];
        for (const [encoding, bytes] of arrays) {
          for (const array of [new Uint8Array(bytes), new Uint8Array([0x9f, ...bytes])]) {
            if (findPersonnummerUtf16(array) !== null && !spelled(array)) found.push(`${encoding} ${text} + ${bytes.slice(-4).join(' ')}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  }, 60_000);
});
