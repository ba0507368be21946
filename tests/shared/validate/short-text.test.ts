/**
 * `shortText` reads what lib0's `readVarString` reads (a fatal `TextDecoder`), or answers null with
 * the decoder where it was: ASCII, Swedish and other two-byte text, escapes and control
 * characters, every length around its chunks and its limit, three- and four-byte characters,
 * invalid UTF-8, lengths past the end, and random bytes. A one-cell write of Swedish text is read
 * without a `TextDecoder` call, by the check and by the room's apply.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import { SHORT_STRING, shortText } from '../../../shared/validate/short-text.js';
import { readCellWrite } from '../../../shared/validate/cell-write.js';
import { decodeWholeUpdate } from '../../../shared/validate/update-structs.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function encoded(text: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, text);
  return encoding.toUint8Array(e);
}

/** `bytes` with their length as a varuint before them, then `after`. */
function framed(bytes: number[], after: number[] = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, bytes.length);
  for (const b of [...bytes, ...after]) encoding.writeUint8(e, b);
  return encoding.toUint8Array(e);
}

/** What lib0 reads at the start of `bytes` (the text and where it stops), or the error it throws. */
function lib0Read(bytes: Uint8Array): { text: string; pos: number } | { error: true } {
  const d = decoding.createDecoder(bytes);
  try {
    return { text: decoding.readVarString(d), pos: d.pos };
  } catch {
    return { error: true };
  }
}

const TEXTS = [
  '',
  'a',
  'comment',
  'm0-17',
  'Hälsodag',
  'Öppet hus på vårdcentralen',
  'ÅÄÖ åäö é ü ß ñ',
  'Ελληνικά и кириллица',
  'citat "så" och \\ bakstreck\n\t\r ny rad',
  '\u0000nollbyte\u0000',
  '\u007f\u0080\u07ff',
  'x'.repeat(SHORT_STRING),
  'x'.repeat(SHORT_STRING + 1),
  'ö'.repeat(SHORT_STRING / 2),
  'ö'.repeat(SHORT_STRING / 2) + 'a',
  'a' + 'ö'.repeat(SHORT_STRING / 2 - 1),
  'euro € tecken',
  'emoji 😀',
  '\u0800',
  '\ufeffbom',
  ...Array.from({ length: 70 }, (_, n) => 'abcdefghij'.repeat(7).slice(0, n)),
  ...Array.from({ length: 40 }, (_, n) => 'åbcdéfghiö'.repeat(4).slice(0, n)),
];

describe('shortText', () => {
  it('reads what readVarString reads, or null where it was', () => {
    let read = 0;
    for (const text of TEXTS) {
      const bytes = encoded(text);
      const d = decoding.createDecoder(bytes);
      const got = shortText(d);
      const short = bytes.length - (bytes.length > 128 ? 2 : 1) <= SHORT_STRING;
      const twoByte = [...text].every((c) => (c.codePointAt(0) as number) < 0x800);
      if (short && twoByte) {
        expect(got, JSON.stringify(text)).toBe(text);
        expect(d.pos).toBe(bytes.length);
        read++;
      } else {
        expect(got, JSON.stringify(text)).toBeNull();
        expect(d.pos).toBe(0);
        expect(decoding.readVarString(d)).toBe(text);
      }
    }
    expect(read).toBeGreaterThan(100);
  });

  it('leaves bytes after the string unread', () => {
    const d = decoding.createDecoder(framed([0x61, 0xc3, 0xa5], [0xc3, 0xa5, 7]));
    expect(shortText(d)).toBe('aå');
    expect(d.pos).toBe(4);
  });

  it('answers null on invalid UTF-8, which readVarString refuses', () => {
    const invalid = [
      [0x80],
      [0x61, 0xbf, 0x61],
      [0xc0, 0x80],
      [0xc1, 0xbf],
      [0xc3],
      [0x61, 0xc3],
      [0xc3, 0x61],
      [0xc3, 0xc3, 0xa5],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x80, 0x80, 0x80],
      [0xff],
    ];
    for (const bytes of invalid) {
      const whole = framed(bytes);
      expect(lib0Read(whole), bytes.join(' ')).toEqual({ error: true });
      const d = decoding.createDecoder(whole);
      expect(shortText(d), bytes.join(' ')).toBeNull();
      expect(d.pos).toBe(0);
    }
    // A two-byte lead whose continuation byte lies past the string's length, inside the buffer.
    const cut = decoding.createDecoder(framed([0x61, 0xc3], [0xa5]));
    expect(shortText(cut)).toBeNull();
    expect(cut.pos).toBe(0);
  });

  it('answers null on a length past the end', () => {
    const d = decoding.createDecoder(new Uint8Array([5, 0x61, 0x62]));
    expect(shortText(d)).toBeNull();
    expect(d.pos).toBe(0);
  });

  it('agrees with readVarString on random bytes', () => {
    let seed = 0x13579bdf;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    // Bytes drawn mostly from ASCII, two-byte leads and continuation bytes, so that valid text is common.
    const pool = [0x00, 0x22, 0x41, 0x5c, 0x61, 0x7a, 0x7f, 0x80, 0x9f, 0xa5, 0xbf, 0xc0, 0xc2, 0xc3, 0xd0, 0xdf, 0xe2, 0xf0];
    let read = 0;
    for (let k = 0; k < 8_000; k++) {
      const len = next() % 12;
      const bytes = Array.from({ length: len }, () => (next() % 3 === 0 ? (pool[next() % pool.length] as number) : 0x61 + (next() % 26)));
      const whole = framed(bytes, [0x61]);
      const want = lib0Read(whole);
      const d = decoding.createDecoder(whole);
      const got = shortText(d);
      if (got === null) {
        expect(d.pos).toBe(0);
        if (!('error' in want)) expect(want.text.length > 0 && [...want.text].some((c) => (c.codePointAt(0) as number) >= 0x800)).toBe(true);
      } else {
        read++;
        expect(want).toEqual({ text: got, pos: d.pos });
      }
    }
    expect(read).toBeGreaterThan(2_000);
  });

  it('reads a one-cell write of Swedish text without a TextDecoder call', () => {
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const sent: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => sent.push(u));
    const row = insertRow(client, { title: 'Hälsodag' }, { id: 'rad-1' });
    setCell(client, row, 'comment', 'Öppet hus på vårdcentralen');
    Y.applyUpdate(doc, sent[0] as Uint8Array);
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const write = readCellWrite(doc, sent[1] as Uint8Array);
    const decoded = decodeWholeUpdate(sent[1] as Uint8Array);
    expect(decode).not.toHaveBeenCalled();
    decode.mockRestore();
    expect(write?.value).toBe('Öppet hus på vårdcentralen');
    expect(write?.column).toBe('comment');
    expect(decoded?.structs).toHaveLength(1);
    expect(((decoded?.structs[0] as Y.Item).content as Y.ContentAny).arr).toEqual(['Öppet hus på vårdcentralen']);
  });
});
