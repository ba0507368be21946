/**
 * The gates of the binary net's readings (`raw-scan-binary.ts`, `raw-scan-utf16.ts`): the whole
 * UTF-8 text and each UTF-16 reading are read by the guard only where ten digits stand close
 * together in them. Random bytes, a workbook and the Yjs updates of plan rows hold a digit of
 * some script here and there in every reading, ten in every 4 KB, and were read for them (the
 * whole text of 4 KB of random bytes 8 ms and more); none holds ten close together, so none is
 * read. A number written in any script and shape is read as before, look-alike letters too.
 */
import type * as Guard from '../../../shared/validate/personnummer.js';
import type * as RawScan from '../../../shared/validate/raw-scan.js';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { insertRow, insertRows, createDoc } from '../../../shared/doc/index.js';
import { rowsToXlsx } from '../../../server/http/xlsx.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { scanReading } from '../../../shared/validate/raw-scan.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { sampleRows } from '../../../bench/support/sample-rows.js';
import { prng } from '../../support/personnummer-families.js';

vi.mock('../../../shared/validate/personnummer.js', async (importOriginal) => {
  const original = await importOriginal<typeof Guard>();
  return { ...original, findPersonnummer: vi.fn(original.findPersonnummer) };
});
vi.mock('../../../shared/validate/raw-scan.js', async (importOriginal) => {
  const original = await importOriginal<typeof RawScan>();
  return { ...original, scanReading: vi.fn(original.scanReading) };
});

const read = vi.mocked(scanReading);
const guard = vi.mocked(findPersonnummer);
const digitsFrom = (zero: number) => (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
const le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

describe('the UTF-16 readings of bytes of no known layout', () => {
  it('read no UTF-16 reading of random bytes, a workbook or Yjs updates of plan rows: their digits stand apart', async () => {
    const random = prng(20261207);
    const arrays: Array<[string, Uint8Array]> = [];
    for (let k = 0; k < 8; k++) arrays.push([`random ${k}`, Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256))]);
    arrays.push(['random, 64 KB', Uint8Array.from({ length: 1 << 16 }, () => Math.floor(random() * 256))]);
    arrays.push(['workbook', await rowsToXlsx('activity-plan', sampleRows(100).map((values, i) => ({ id: `r${i}`, values })), { lang: 'sv', title: 'Aktivitetsplan 2026' })]);
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
    let before = Y.encodeStateVector(doc);
    insertRow(doc, sampleRows(1)[0] as never);
    arrays.push(['a Yjs update of one row', Y.encodeStateAsUpdate(doc, before)]);
    before = Y.encodeStateVector(doc);
    insertRows(doc, sampleRows(200));
    arrays.push(['a Yjs update of 200 rows', Y.encodeStateAsUpdate(doc, before)], ['its V2', Y.encodeStateAsUpdateV2(doc, before)]);
    const scanned: string[] = [];
    for (const [name, bytes] of arrays) {
      read.mockClear();
      expect(findPersonnummerUtf16(bytes), name).toBeNull();
      if (read.mock.calls.length > 0) scanned.push(`${name}: ${read.mock.calls.length}`);
    }
    expect(scanned).toEqual([]);
  });

  it('read no whole text of bytes whose digits stand apart: the guard reads none of it', () => {
    // A log, a list of counts: a digit every few words, hundreds in all, never ten close together.
    const text = Array.from({ length: 200 }, (_, i) => `rad ${i % 10} av tio, klar`).join('; ');
    const bytes = new Uint8Array([0xff, ...new TextEncoder().encode(text)]);
    guard.mockClear();
    expect(findPersonnummerInBinary(bytes)).toBeNull();
    expect(guard.mock.calls.filter(([read]) => read.length > 100).length).toBe(0);
  });

  it('read a number written as UTF-16 in any script and shape, words and marks between its parts too', () => {
    const numbers = ['850101-1236', 'Eva Ek 19850101 – 1236', '850101 – personnummer – 1236', 'pnr: 8 5 0 1 0 1 1 2 3 6', '85O1O1-1236', '811278-9873'];
    const scripts = [(t: string) => t, digitsFrom(0xff10), digitsFrom(0x0660), digitsFrom(0x0966), digitsFrom(0x1d7ce)];
    const missed: string[] = [];
    for (const number of numbers) {
      for (const [s, respell] of scripts.entries()) {
        const text = respell(number);
        for (const [e, bytes] of [le(text), be(text), new Uint8Array([0x89, ...le(text), 0x9f]), new Uint8Array([0x89, ...be(text)])].entries()) {
          if (findPersonnummerUtf16(bytes) === null) missed.push(`${number} script ${s} encoding ${e}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('count a look-alike letter as a digit: a number of another script with an O for a 0, in a byte array, is found', () => {
    // Ten digits were asked of a reading before it was read: `８５O１O１-１２３６` holds eight.
    const missed: string[] = [];
    for (const respell of [digitsFrom(0xff10), digitsFrom(0x0660), digitsFrom(0x1d7ce)]) {
      for (const number of ['85O1O1-1236', 'Eva 8501O1-1236']) {
        const text = respell(number);
        for (const bytes of [le(text), be(text)]) if (findPersonnummerInBinary(bytes) === null) missed.push(text);
      }
    }
    expect(missed).toEqual([]);
  });
});
