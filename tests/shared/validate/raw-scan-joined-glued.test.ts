/**
 * The raw-byte net's reading across control characters where a word goes on (`scanJoined` of
 * `raw-scan-joined.ts`) glued the bytes after a text to its end: a receipt's `…98.92 kr` followed by
 * a control byte and bytes that read as a letter or a digit (the next string's length, type and
 * info bytes; a binary value's) read `…98.92 krs` or `…98.92 kr5`, no amount in kronor, and the
 * date and amount before it were refused as a personnummer. A number read only because of what
 * such a join glued after it no longer counts; a label the join brings to a number still does.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

const RECEIPT = 'Kvitto 2026-03-17 98.92 kr';

/** What may follow a text's last byte: a control byte, then bytes that read as a letter, a digit or a mark; some no UTF-8. */
const AFTERS: ReadonlyArray<[string, number[]]> = [
  ['a control byte and `s`', [0x01, 0x73]],
  ['a control byte and `s`, then a byte no UTF-8', [0x01, 0x73, 0x9a, 0x12]],
  ['a control byte and `5`', [0x01, 0x35]],
  ['a control byte and `5`, then a byte no UTF-8', [0x01, 0x35, 0x9a, 0x00]],
  ['two control bytes and `Ö` in Latin-1', [0x02, 0x03, 0xd6, 0x01]],
];

describe('the raw net across control characters after a text', () => {
  it('the receipt is no number; with a letter or a digit glued to its currency it is one', () => {
    expect(findPersonnummer(RECEIPT)).toBeNull();
    expect(findPersonnummer(`${RECEIPT}s`)).not.toBeNull();
    expect(findPersonnummer(`${RECEIPT}5`)).not.toBeNull();
  });

  it.each(AFTERS)('passes a text ending `kr` followed by %s', (_, after) => {
    const bytes = Uint8Array.from([...ascii(RECEIPT), ...after]);
    expect(findPersonnummerInBytes(bytes)).toBeNull();
    expect(findPersonnummerInBinary(bytes)).toBeNull();
    // Framed as a string of an update is: a length byte before it.
    expect(findPersonnummerInBytes(Uint8Array.from([0x77, RECEIPT.length, ...ascii(RECEIPT), ...after]))).toBeNull();
  });

  it.each(AFTERS)('refuses a number at the end of a text followed by %s', (_, after) => {
    for (const text of ['Ring Eva, 850101-1236', 'Pnr: 1995-02-11 00:01', 'Kvitto 2026-03-17 98.92']) {
      expect(findPersonnummerInBytes(Uint8Array.from([...ascii(text), ...after]))?.kind).toBe('personnummer');
    }
  });

  it.each([
    ['a label before the number, cut by a control byte', 'Pnr:\u0001 1995-02-11 00:01'],
    ['a label cut inside by a control byte', 'per\u0001sonnummer: 1995-02-11 00:01'],
    ['a label after the number, behind a control byte', '1995-02-11 00:01\u0001(pnr)'],
    ['a label after the number, a control byte before it', '1995-02-11 00:01\u0001 pnr'],
  ])('still refuses %s', (_, text) => {
    expect(findPersonnummer('1995-02-11 00:01')).toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from(ascii(text)))?.kind).toBe('personnummer');
    expect(findPersonnummerInBytes(Uint8Array.from([...ascii(text), 0x9a]))?.kind).toBe('personnummer');
  });
});
