/**
 * `samplan history scan` reads bytes that decode as no Yjs update with the raw-byte net
 * (`readYjs` of `server/history-texts.ts`, `findPersonnummerUtf8First`). A string 48–57 bytes
 * long has a length byte that is an ASCII digit, which glues to a text starting with the number
 * (`w5` + `8501011236 Anna…`: the guard reads no number in `58501011236`); the struct walk, which
 * knows the string's length, refuses it. The net reads such a string after its length byte too,
 * also when the bytes end inside it (a stored update cut short).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readYjs } from '../../server/history-texts.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../shared/validate/raw-scan.js';
import { findPersonnummerUtf8First } from '../../shared/validate/raw-scan-utf8-first.js';

const encoder = new TextEncoder();

/** The V1 update writing `title` as the plan's title, as a client sends it. */
function titleUpdate(title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 2705394847;
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => void (update = u));
  doc.getMap('meta').set('title', title);
  return update;
}

/** Titles 48–57 bytes long that start with the number. */
const TITLES = ['8501011236 Anna Andersson, tisdagsgruppen i parken', '850101-1236 Eva Ek, promenadgruppen på torsdagar 10'];

describe('history scan of bytes that decode as no update', () => {
  it.each(TITLES)('finds a number a digit length byte glues to: %s', (title) => {
    const length = encoder.encode(title).length;
    expect(length).toBeGreaterThanOrEqual(48);
    expect(length).toBeLessThanOrEqual(57);
    expect(findPersonnummer(title)?.kind).toBe('personnummer');
    // What the bytes show glued: the length byte's digit before the number.
    expect(findPersonnummer(`w${String.fromCharCode(length)}${title}`)).toBeNull();
    const update = titleUpdate(title);
    // Damaged in its first byte: no decoding reads any of it.
    const bytes = update.slice();
    bytes[0] = 0xff;
    expect(() => Y.decodeUpdate(bytes)).toThrow();
    expect(findPersonnummerUtf8First(bytes)?.kind).toBe('personnummer');
    expect(findPersonnummerInBytes(bytes)?.kind).toBe('personnummer');
    expect(readYjs(bytes, false).holders).toContainEqual({ in: 'bytes' });
  });

  it('reads no shorter text after a leading digit where no string of that length stands', () => {
    // `4` is a 52-byte length: the digits after it are no such string, and 11 digits are no number.
    const bytes = Uint8Array.from([0xff, 0x00, ...encoder.encode('46701234567'), 0x00, 0xff]);
    expect(findPersonnummer('46701234567')).toBeNull();
    expect(findPersonnummerUtf8First(bytes)).toBeNull();
    expect(findPersonnummerInBytes(bytes)).toBeNull();
    // Nor a text at the end of the bytes that a character glued to its head keeps from being a number.
    const tail = Uint8Array.from([0xff, 0x00, ...encoder.encode('SKU270805J2671')]);
    expect(findPersonnummer('SKU270805J2671')).toBeNull();
    expect(findPersonnummerUtf8First(tail)).toBeNull();
  });

  it.each(TITLES)('finds the number in such a string cut short by the end of the bytes, wherever they end after it: %s', (title) => {
    const update = titleUpdate(title);
    const bytes = encoder.encode(title);
    // The title's bytes stand last but for the empty delete set's byte.
    const start = update.length - 1 - bytes.length;
    expect([...update.subarray(start, start + bytes.length)]).toEqual([...bytes]);
    const numberEnd = start + (findPersonnummer(title)?.match.length ?? 0) + 1;
    for (let end = numberEnd; end < update.length - 1; end++) {
      const cut = update.subarray(0, end);
      expect(() => Y.decodeUpdate(cut), `cut at ${end}`).toThrow();
      expect(findPersonnummerUtf8First(cut)?.kind, `cut at ${end}`).toBe('personnummer');
      expect(readYjs(cut, false).holders, `cut at ${end}`).toContainEqual({ in: 'bytes' });
    }
  });
});
