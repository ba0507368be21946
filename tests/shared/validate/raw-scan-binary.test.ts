/**
 * The net of a byte array an update carries as a value (`findPersonnummerInBinary`): a number a
 * person's tool wrote as UTF-16 (little- or big-endian, with or without a byte-order mark, Latin
 * digits or another script's) is found as one in UTF-8 or an 8-bit encoding is, and refused by
 * `checkUpdate` wherever the array stands; ordinary binary content (random bytes, a workbook, an
 * image) and ordinary text so written are read as no number.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowsToXlsx } from '../../../server/http/xlsx.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { digitCount } from '../../../shared/validate/normalize-digits.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf16, keptDigit } from '../../../shared/validate/raw-scan-utf16.js';
import { sampleRows } from '../../../bench/support/sample-rows.js';
import { ORDINARY } from '../../support/ordinary-texts.js';
import { prng } from '../../support/personnummer-families.js';

const digitsFrom = (zero: number) => (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
const le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const bom = (bytes: Uint8Array, mark: number[]): Uint8Array => new Uint8Array([...mark, ...bytes]);

const SCRIPTS: Array<[string, (t: string) => string]> = [
  ['Latin digits', (t) => t],
  ['fullwidth digits', digitsFrom(0xff10)],
  ['Arabic-Indic digits', digitsFrom(0x0660)],
  ['Devanagari digits', digitsFrom(0x0966)],
  ['mathematical bold digits', digitsFrom(0x1d7ce)],
  ['a zero-width space inside', (t) => t.replace(/(\d)(\d)/, '$1\u200b$2')],
  ['superscript digits', (t) => t.replace(/[0-9]/g, (d) => '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079'[Number(d)] as string)],
  // Separators beyond Latin and general punctuation, which the guard joins digits across.
  ['fullwidth digits, a fullwidth hyphen and an ideographic space', (t) => digitsFrom(0xff10)(t.replace(/-/g, '\uff0d').replace(/(\d) (\d)/g, '$1\u3000$2'))],
  ['Arabic-Indic digits and the minus sign', (t) => digitsFrom(0x0660)(t.replace(/-/g, '\u2212'))],
];
const ENCODINGS: Array<[string, (t: string) => Uint8Array]> = [
  ['UTF-16LE', le],
  ['UTF-16BE', be],
  ['UTF-16LE with its byte-order mark', (t) => bom(le(t), [0xff, 0xfe])],
  ['UTF-16BE with its byte-order mark', (t) => bom(be(t), [0xfe, 0xff])],
  ['UTF-16LE from an odd byte, binary around', (t) => new Uint8Array([0x89, ...le(t), 0x00, 0x9f])],
  ['UTF-16BE from an odd byte, binary around', (t) => new Uint8Array([0x89, ...be(t), 0x9f, 0x9f])],
];

/** An update by a fresh client writing `value` at `put` on a plan with one row. */
function updateOf(put: (row: Y.Map<unknown>) => void): { server: Y.Doc; update: Uint8Array } {
  const server = new Y.Doc();
  server.transact(() => {
    server.getMap('meta').set('kind', 'activity-plan');
    const row = new Y.Map<unknown>();
    server.getMap('rows').set('r0', row);
    row.set('_pos', 'a0');
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  put(client.getMap('rows').get('r0') as Y.Map<unknown>);
  return { server, update: Y.encodeStateAsUpdate(client, before) };
}

describe('findPersonnummerInBinary', () => {
  const numbers = ['Eva Ek 850101-1236', 'pnr 19121212 1212', '(81.12.18 - 98-76)'];
  for (const [script, respell] of SCRIPTS) {
    it.each(ENCODINGS)(`finds a number of ${script} written as %s`, (_encoding, encode) => {
      for (const n of numbers) expect(findPersonnummerInBinary(encode(respell(n))), `${n} ${script}`).not.toBeNull();
    });
  }

  it.each([
    ['binary content', (row: Y.Map<unknown>, bytes: Uint8Array) => row.set('bin', bytes)],
    ['an array in a JSON value', (row: Y.Map<unknown>, bytes: Uint8Array) => row.set('extra', { list: [1, bytes] })],
  ])('checkUpdate refuses a number written as UTF-16 in %s as a personnummer', (_place, put) => {
    for (const bytes of [bom(le('Eva 850101-1236'), [0xff, 0xfe]), be(digitsFrom(0xff10)('Eva 850101-1236'))]) {
      const { server, update } = updateOf((row) => put(row, bytes));
      const verdict = checkUpdate(server, update);
      expect(verdict.ok ? 'ok' : verdict.code).toBe('personnummer');
    }
  });

  it('reads the last character of UTF-16BE text at the end of the bytes or before a byte that is not zero', () => {
    // Read from the other byte, the last character is the byte left over: `96.07 kr` is an amount, `…1236` a serial.
    expect(findPersonnummerUtf16(be('Betalt 2027-05-28 96.07 kr'))).toBeNull();
    expect(findPersonnummerUtf16(be('Eva 850101-1236'))?.match).toBe('850101-1236');
    // Or the low byte of the unit after it, counted among the ten digits a reading must hold to be read.
    expect(findPersonnummerUtf16(new Uint8Array([...be('8501011236'), 0xfe, 0x02]))?.match).toBe('8501011236');
  });

  it('reads no number into random bytes, a workbook, images, nor ordinary text written as UTF-16', async () => {
    const random = prng(20261207);
    const found: string[] = [];
    // The UTF-16 readings are what is new; the other readings of a byte array are read as before.
    for (let k = 0; k < 64; k++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
      if (findPersonnummerUtf16(bytes) !== null) found.push(`random ${k}`);
    }
    const rows = sampleRows(100).map((values, i) => ({ id: `r${i}`, values }));
    const workbook = await rowsToXlsx('activity-plan', rows, { lang: 'sv', title: 'Aktivitetsplan 2026' });
    expect(workbook.length).toBeGreaterThan(10_000);
    if (findPersonnummerUtf16(workbook) !== null) found.push('workbook');
    for (const size of [16, 32, 64, 128]) {
      if (findPersonnummerInBinary(new Uint8Array(readFileSync(`addin/taskpane/public/icon-${size}.png`))) !== null) found.push(`icon ${size}`);
    }
    for (const [name, make] of Object.entries(ORDINARY)) {
      for (let k = 0; k < 10; k++) {
        const text = make(random);
        for (const bytes of [le(text), be(text), bom(le(text), [0xff, 0xfe]), bom(be(text), [0xfe, 0xff])]) {
          if (findPersonnummerInBinary(bytes) !== null) found.push(`${name}: ${text}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps of a UTF-16 reading every unit the guard reads as digits but pairs of printable ASCII', () => {
    const wrong: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit < 0xe000) continue;
      const ascii = (unit & 0xff) >= 0x20 && (unit & 0xff) < 0x7f && unit >> 8 >= 0x20 && unit >> 8 < 0x7f;
      const superscript = unit === 0x2070 || (unit >= 0x2074 && unit <= 0x2079);
      if (keptDigit(unit) !== (digitCount(unit) > 0 && (!ascii || superscript))) wrong.push(unit.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
