/**
 * The raw-byte nets read a reservnummer as the text guard does (`reservnummer.ts`): a national one
 * of three letters holds nine digits (`22850101ABC1`), and the nets read only where ten stood close
 * together, so bytes carrying it (a binary value, bytes of an update no walk reads, a stored update
 * read back, UTF-16 text) passed. Every text here is judged by the text guard first; each net must
 * say the same of its bytes, and plan phrases of a like shape pass both.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerInBytes, mayHoldNumber, scanUpdate } from '../../../shared/validate/raw-scan.js';
import { reserveInBytes } from '../../../shared/validate/raw-scan-reserve.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { asUpdate, framed } from '../../support/text-bytes.js';

const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const latin1 = (text: string): number[] => [...Buffer.from(text, 'latin1')];
const le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
/** Bytes of no text around a value: a length, client id and info bytes, some no UTF-8. */
const JUNK_BEFORE = [0x00, 0x9a, 0x03, 0xf1, 0x77, 0x15];
const JUNK_AFTER = [0x01, 0x00, 0xc3, 0x28, 0x9a];

/** Each as the text guard reads it, in a sentence; nine digits or fewer chain in most. */
const REFUSED = [
  'Ring 22850101ABC1 i morgon',
  'Ring 22850101-ABC1 i morgon',
  'Ring 22850101 abc1 i morgon',
  'Pat. 00002045XYZ3',
  'rnr22850101ABC1',
  'Ring ２２８５０１０１ＡＢＣ１ nu',
  'Ring 22850101\u200bABC1 nu',
  'Ring 2285 0101 ABC1 nu',
  'Ring 22 85 01 01 - ABC1 nu',
  'Ring 22850101AB12 nu',
  'Ring 991981000010 nu',
];

/** Plan phrases of a like shape: dated codes, article numbers, dates, amounts. */
const PLAIN = [
  'Artikel 20260317A123 i lager',
  'Order 20260317ABC1',
  'Batch 19850101-ABC1',
  'Kod 12345678 ABC',
  'Möte 20260317 kl 14',
  'export_20260317_rapport.xlsx',
  'Period 20260101-20261231 Q1',
  'Summa 22 000 101 kr 12 st',
  'Art.nr 22850101-IO12',
];

describe('the raw-byte nets and reservnummer', () => {
  it.each(REFUSED)('refuses %j as the text guard does, in every framing', (text) => {
    expect(findPersonnummer(text)?.kind).toBe('reservnummer');
    const bytes = Uint8Array.from(utf8(text));
    expect(mayHoldNumber(bytes)).toBe(true);
    expect(findPersonnummerInBytes(bytes)?.kind).toBe('reservnummer');
    expect(findPersonnummerInBytes(framed(bytes))).not.toBeNull();
    expect(findPersonnummerInBinary(Uint8Array.from([...JUNK_BEFORE, ...utf8(text), ...JUNK_AFTER]))).not.toBeNull();
    expect(findPersonnummerUtf8First(Uint8Array.from([...JUNK_BEFORE, ...utf8(text), ...JUNK_AFTER]))).not.toBeNull();
    // The bytes of an update whose walk did not read the string (`seen` empty).
    expect(scanUpdate(asUpdate(text))).not.toBeNull();
  });

  it.each(REFUSED.filter((t) => /^[\x20-\xff]*$/.test(t)))('refuses %j written in an 8-bit encoding and as UTF-16', (text) => {
    expect(findPersonnummerInBytes(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).not.toBeNull();
    expect(findPersonnummerUtf8First(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).not.toBeNull();
    for (const bytes of [le(text), be(text), Uint8Array.from([0x89, ...le(text), 0x00, 0x9f])]) {
      expect(findPersonnummerInBinary(bytes)).not.toBeNull();
      expect(findPersonnummerUtf8First(bytes)).not.toBeNull();
    }
  });

  it("reads Windows-1252's en dash (0x96) between date part and letters", () => {
    const bytes = Uint8Array.from([...JUNK_BEFORE, ...utf8('Ring 22850101'), 0x96, ...utf8('ABC1 nu'), ...JUNK_AFTER]);
    expect(findPersonnummerInBytes(bytes)?.kind).toBe('reservnummer');
    expect(findPersonnummerUtf8First(bytes)?.kind).toBe('reservnummer');
  });

  it('refuses one written as UTF-16 in a binary cell of an update', () => {
    const server = new Y.Doc();
    server.getMap('meta').set('kind', 'activity-plan');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    const row = new Y.Map<unknown>();
    client.getMap('rows').set('r0', row);
    row.set('_pos', 'a0');
    row.set('bin', Uint8Array.from([0xff, 0xfe, ...le('Pat 22850101-ABC1')]));
    const verdict = checkUpdate(server, Y.encodeStateAsUpdate(client, before));
    expect(verdict.ok ? 'ok' : verdict.code).toBe('personnummer');
  });

  it.each(PLAIN)('passes %j as the text guard does, in every framing', (text) => {
    expect(findPersonnummer(text)).toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from(utf8(text)))).toBeNull();
    expect(findPersonnummerInBinary(Uint8Array.from([...JUNK_BEFORE, ...utf8(text), ...JUNK_AFTER]))).toBeNull();
    expect(findPersonnummerInBytes(Uint8Array.from([...JUNK_BEFORE, ...latin1(text), ...JUNK_AFTER]))).toBeNull();
    expect(findPersonnummerInBinary(le(text))).toBeNull();
    expect(findPersonnummerInBinary(be(text))).toBeNull();
    expect(scanUpdate(asUpdate(text))).toBeNull();
  });

  it('reads a reservnummer anywhere in bytes far larger than its window, and not a longer run of digits', () => {
    const filler = (n: number): number[] => Array.from({ length: n }, (_, i) => [0x9a, 0x41, 0x20, 0x12, 0x6d][i % 5] as number);
    for (const at of [0, 300, 50_000]) {
      const bytes = Uint8Array.from([...filler(at), 0x00, ...utf8('Pat 22850101ABC1'), 0x00, ...filler(60_000 - at)]);
      expect(findPersonnummerInBytes(bytes)).not.toBeNull();
      expect(findPersonnummerInBinary(bytes)).not.toBeNull();
    }
    // The last eight of 120 digits, then letters: no date part, wherever the window starts.
    const long = Uint8Array.from([0x00, ...utf8(`${'1'.repeat(112)}22850101ABC1`), 0x00]);
    expect(findPersonnummerInBytes(long)).toBeNull();
  });

  it('looks only where eight digits stand before a letter', () => {
    expect(reserveInBytes(Uint8Array.from(utf8('Möte 2026-03-17 AB och 1234567 X')))).toBe(false);
    expect(reserveInBytes(Uint8Array.from(utf8('Kod 12345678X')))).toBe(true);
    expect(reserveInBytes(Uint8Array.from(utf8('２２８５０１０１ＡＢＣ１')))).toBe(true);
  });
});
