/**
 * The UTF-16 readings of bytes of no known layout (`raw-scan-utf16.ts`) end a run of text read
 * little-endian with the low byte of the unit that ends it: UTF-16BE text read from the other
 * byte ends so (its last character). But UTF-16LE text followed by other bytes ends in such a unit
 * too, whose low byte is no character of the text: `…98.92 kr` and the bytes `73 9A` read
 * `…98.92 krs`, no amount in kronor, and a receipt's date and amount (`2026-03-17 98.92 kr`) was
 * refused as a number. The guessed character is now read both ways where it could make a
 * number none: a letter only changes how the text before it reads, a digit may end a number or
 * glue to one.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';

const le = (text: string): number[] => [...Buffer.from(text, 'utf16le')];
const be = (text: string): number[] => [...Buffer.from(text, 'utf16le').swap16()];
/** Bytes of no text after it: the first of each pair a printable ASCII character, the pair no character a reading keeps. */
const after = (first: number): number[] => [first, 0x9a, 0x12, 0xf0, 0x00, 0x00];

const RECEIPT = 'Kvitto 2026-03-17 98.92 kr';

describe('the UTF-16 readings of text followed by other bytes', () => {
  it('the receipt is no number; with a letter glued to its currency it is one', () => {
    expect(findPersonnummer(RECEIPT)).toBeNull();
    expect(findPersonnummer(`${RECEIPT}s`)).not.toBeNull();
  });

  it.each([0x73, 0x61, 0x2e, 0x21])('passes UTF-16LE text ending in `kr` followed by bytes whose first is 0x%s', (first) => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...le(RECEIPT), ...after(first)]);
    expect(findPersonnummerUtf16(bytes)).toBeNull();
    // What `samplan history scan` reads of bytes of no known layout.
    expect(findPersonnummerUtf8First(bytes)).toBeNull();
  });

  it('passes the same text written UTF-16BE, whose last character the reading from the other byte guesses', () => {
    expect(findPersonnummerUtf16(Uint8Array.from([0x01, ...be(RECEIPT), ...after(0x9a)]))).toBeNull();
    expect(findPersonnummerUtf16(Uint8Array.from([0x01, ...be(RECEIPT), 0x9a]))).toBeNull();
  });

  it.each(['Eva 850101-1236', 'Ring Eva, 850101-1236', 'Eva 850101-1236 kr'])('refuses %j written UTF-16BE, its last digit a guess, whatever bytes follow', (text) => {
    expect(findPersonnummerUtf16(Uint8Array.from([0x01, ...be(text), ...after(0x9a)]))?.kind).toBe('personnummer');
    expect(findPersonnummerUtf16(Uint8Array.from([0x01, ...be(text), 0x9a]))?.kind).toBe('personnummer');
  });

  it.each([0x35, 0x73, 0x4f, 0x20])('refuses a number ending UTF-16LE text followed by bytes whose first is 0x%s', (first) => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...le('Ring Eva, 850101-1236'), ...after(first)]);
    expect(findPersonnummerUtf16(bytes)?.kind).toBe('personnummer');
  });
});
