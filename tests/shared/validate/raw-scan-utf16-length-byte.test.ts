/**
 * The raw-byte net reads a run once more as a string after a length byte at its head (`readRun`
 * of `raw-scan-runs.ts`): a Yjs string of 48–57 bytes has a digit for its length, which glues to
 * a number at its start in a reading of one byte a unit (`5` + `8501011236 …`), and one cut short
 * by the end of the bytes is read so too (`cutShort`). A UTF-16 reading holds two bytes in each
 * unit: a length byte is half a unit there and never stands glued before a string, so a digit at
 * the head of a run is the text's own, and reading the run from the unit after it cut the text at
 * the wrong unit: UTF-16 text ending the bytes with eleven digits (`46701234566`, a phone number
 * written with its country code) was read from its second digit and refused as `670123-4566`.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerUtf16 } from '../../../shared/validate/raw-scan-utf16.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerInBinary } from '../../../shared/validate/raw-scan-binary.js';

const utf16le = (text: string): number[] => [...Buffer.from(text, 'utf16le')];

describe('UTF-16 text at the end of the bytes, starting with a digit', () => {
  it.each(['46701234566', '58501011236', '\u00a058501011236'])('passes %j, no number, at the end of UTF-16LE bytes', (text) => {
    expect(findPersonnummer(text)).toBeNull();
    // The ten digits after its first are one: what the net read when it took the first for a length.
    expect(findPersonnummer(text.trim().slice(1))).not.toBeNull();
    for (const head of [[0xff, 0xfe], [0x00, 0x00, 0xff, 0xfe], [0x01, 0xd8, 0x00, 0x00]]) {
      const bytes = Uint8Array.from([...head, ...utf16le(text)]);
      expect(findPersonnummerUtf16(bytes), text).toBeNull();
      expect(findPersonnummerUtf8First(bytes), text).toBeNull();
      expect(findPersonnummerInBinary(bytes), text).toBeNull();
    }
  });

  it.each(['8501011236', 'Eva 850101-1236', '5 Eva 850101-1236'])('refuses the number in %j at the end of UTF-16LE bytes', (text) => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...utf16le(text)]);
    expect(findPersonnummerUtf16(bytes)?.kind).toBe('personnummer');
  });

  it('still reads a UTF-8 string after its digit length byte, cut short by the end of the bytes', () => {
    const title = '8501011236 Anna Andersson, tisdagsgruppen i parken';
    const length = new TextEncoder().encode(title).length;
    expect(length).toBeGreaterThanOrEqual(48);
    expect(length).toBeLessThanOrEqual(57);
    const bytes = Uint8Array.from([0xff, 0x00, 0x77, length, ...new TextEncoder().encode(title.slice(0, 30))]);
    expect(findPersonnummerUtf8First(bytes)?.kind).toBe('personnummer');
  });
});
