/**
 * The raw-byte net read UTF-8 first, for stored bytes of no known layout: UTF-8 text beside binary
 * bytes is read as UTF-8 only (its en dash is no `â€“`), the bytes that are no UTF-8 in each legacy
 * encoding, so a Windows-1252 or Latin-1 number is still found. The door's net
 * (`findPersonnummerInBytes`) reads every byte in every encoding once one byte is no UTF-8.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { prng } from '../../support/personnummer-families.js';
import { ORDINARY } from '../../support/ordinary-texts.js';
import * as Y from 'yjs';
import { createDoc, insertRows, setCell } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
/** `text` between binary bytes that are no UTF-8, as a framing holds them. */
const framed = (...parts: number[][]): Uint8Array => new Uint8Array([0xff, 0x81, ...parts.flat(), 0xfe, 0x02]);
const utf16le = (text: string): number[] => [...Buffer.from(text, 'utf16le')];
const utf16be = (text: string): number[] => [...Buffer.from(text, 'utf16le').swap16()];

describe('findPersonnummerUtf8First', () => {
  it('reads UTF-8 text beside binary bytes as UTF-8: a reason with an en dash is no number', () => {
    const reason = 'Stängd 20260302 (\u2013) 09:14';
    expect(findPersonnummer(reason)).toBeNull();
    const bytes = framed(utf8(reason));
    // What the door's net makes of it: the en dash read in an 8-bit encoding (`â€“`, `ΓÇô`).
    expect(findPersonnummerInBytes(bytes)?.match).toMatch(/^20260302 \(\S{3}\) 09:14$/);
    expect(findPersonnummerUtf8First(bytes)).toBeNull();
  });

  it.each([
    ['UTF-8', framed(utf8('Ring Eva 850101-1236'))],
    ['UTF-8 with a label', framed(utf8('född 850101 nr 1236'))],
    ['Windows-1252 with its en dash', framed([...iconv.encode('Eva 850101\u20131236', 'win1252')])],
    ['Latin-1 with a label', framed([...iconv.encode('född 850101 nr 1236', 'latin1')])],
    ['Windows-1252 beside UTF-8', framed(utf8('Hälsodag – '), [...iconv.encode('född 850101 nr 1236', 'win1252')])],
    ['a written U+FFFD', framed(utf8('850101\ufffd1236'))],
    ['a control character inside the number', framed(utf8('19760929\u00012292'))],
  ])('finds a number written in %s', (_what, bytes) => {
    expect(findPersonnummerUtf8First(bytes)).not.toBeNull();
  });

  it.each([
    ['UTF-16LE', framed(utf16le('Ring Eva 850101-1236'))],
    ['UTF-16LE from an odd byte', framed([7], utf16le('Ring Eva 850101-1236'))],
    ['UTF-16LE with a label', framed(utf16le('född 850101 nr 1236'))],
    ['UTF-16BE with a zero byte after it', framed(utf16be('Ring Eva 850101-1236'), [0])],
    ['UTF-16LE beside UTF-8', framed(utf8('Hälsodag '), utf16le('19850101-1236'))],
  ])('finds a number written in %s, which no 8-bit reading joins', (_what, bytes) => {
    expect(findPersonnummerInBytes(bytes)).toBeNull();
    expect(findPersonnummerUtf8First(bytes)).not.toBeNull();
  });

  it('reads no number into ordinary text written as UTF-16 or UTF-8, nor into the bytes of updates', () => {
    const random = prng(4711);
    const texts = Object.values(ORDINARY).flatMap((make) => Array.from({ length: 40 }, () => make(random)));
    for (const text of texts) {
      expect(findPersonnummer(text)).toBeNull();
      for (const bytes of [framed(utf16le(text)), framed([7], utf16le(text)), framed(utf16be(text)), framed(utf16be(text), [0]), framed(utf8(text))]) expect(findPersonnummerUtf16(bytes), text).toBeNull();
    }
    // Updates of a plan typed into cell by cell (numbers, dates, the ordinary texts), V1 and V2, read as UTF-16.
    const doc = createDoc('activity-plan', { title: 'Plan 2026', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
    const ids = insertRows(doc, [{ title: 'Promenad' }, { title: 'Hälsodag' }]);
    for (const [i, text] of texts.slice(0, 400).entries()) {
      const before = Y.encodeStateVector(doc);
      const row = ids[i % ids.length] ?? '';
      setCell(doc, row, 'title', text);
      setCell(doc, row, 'participantsPlanned', 100 + i * 7);
      setCell(doc, row, 'startDate', `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
      for (const bytes of [Y.encodeStateAsUpdate(doc, before), Y.encodeStateAsUpdateV2(doc, before)]) expect(findPersonnummerUtf16(bytes), text).toBeNull();
    }
    for (const bytes of [Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdateV2(doc)]) expect(findPersonnummerUtf16(bytes)).toBeNull();
  });

  it('finds nothing in bytes without one', () => {
    expect(findPersonnummerUtf8First(framed(utf8('Promenadgrupp 2026-03-02 kl 09:14, 12 deltagare')))).toBeNull();
    expect(findPersonnummerUtf8First(new Uint8Array())).toBeNull();
  });
});
