/**
 * The raw-byte net (`raw-scan.ts`) and its UTF-8-first reading for stored bytes
 * (`raw-scan-utf8-first.ts`, what `samplan history scan` falls back to) find a number at a
 * string's edge whatever bytes of the encoding stand beside it. After a text an update holds a
 * count and a client id's varint; before it a clock and the length. Those bytes may read as a
 * control character and a digit (`\u0001` then D9 A9 is `٩`, 0x35 is `5`), and the guard, which
 * reads control characters as nothing, would glue that digit to the serial or the date part.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { findPersonnummerUtf8First } from '../../../shared/validate/raw-scan-utf8-first.js';
import { prng } from '../../support/personnummer-families.js';
import { MARK, varint } from '../../support/client-id-bytes.js';

const encoder = new TextEncoder();
const bytesOf = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...encoder.encode(p)] : p)));

/** Titles holding a number; the second as a zero-width-joined spelling, which no 8-bit reading shows. */
const TITLES = ['född 850101 nr 1236', `Ring ${[...'8501011236'].join('\u200D\u200D\u200D')}`];

/**
 * The update one person (client 2002) makes writing `title` over a title the client `MARK`
 * wrote: the new item names the old one as its origin, and after the title comes the delete set,
 * the count 1 and the old title's client.
 */
function template(title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = MARK;
  doc.getMap('meta').set('title', 'Plan');
  doc.clientID = 2002;
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => void (update = u));
  doc.getMap('meta').set('title', title);
  return update;
}

/**
 * `update` with client `author` where the template has `MARK`: a version 1 update holds no
 * lengths around a client id, so the varint is swapped whatever its length (a Y.Doc made for each
 * of 20,000 ids takes seconds).
 */
function withAuthor(update: Uint8Array, author: number): Uint8Array {
  const mark = varint(MARK);
  const id = varint(author);
  const out: number[] = [];
  for (let i = 0; i < update.length; i++) {
    let k = 0;
    while (k < mark.length && update[i + k] === mark[k]) k++;
    if (k === mark.length) {
      for (const b of id) out.push(b);
      i += mark.length - 1;
    } else out.push(update[i] as number);
  }
  return Uint8Array.from(out);
}

describe('the raw-byte net beside the bytes of the encoding', () => {
  it('finds the number in a title overwritten in each of 20,000 random client ids', () => {
    const random = prng(20261206);
    const templates = TITLES.map((title) => template(title));
    const missed: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const author = Math.floor(random() * 2 ** 32);
      // Each id with one title, in turn: about 3 ids in 1,000 spell a digit after the title.
      const title = TITLES[n % 2] as string;
      const update = withAuthor(templates[n % 2] as Uint8Array, author);
      if (findPersonnummerInBytes(update) === null) missed.push(`net ${author} ${title}`);
      if (findPersonnummerUtf8First(update) === null) missed.push(`UTF-8 first ${author} ${title}`);
    }
    // The swapped bytes are the update Yjs makes for that author: its origin and its deletion.
    const author = 0x0669_2a59;
    const decoded = Y.decodeUpdate(withAuthor(templates[0] as Uint8Array, author));
    expect([...decoded.ds.clients.keys()]).toEqual([author]);
    expect((decoded.structs[0] as Y.Item).origin?.client).toBe(author);
    expect(missed).toEqual([]);
  });

  it.each([
    ['an ASCII digit', [0x35]],
    ['an Arabic-Indic digit (D9 A9)', [0xd9, 0xa9]],
    ['a fullwidth digit (EF BC 99)', [0xef, 0xbc, 0x99]],
  ])('finds the number when a control byte and %s stand after the serial or before the date part', (_, digit) => {
    for (const title of ['850101-1236', 'född 850101 nr 1236', 'Pnr: 1995-02-11 00:01']) {
      // What the guard reads in the text with the bytes glued to it: no number.
      expect(findPersonnummer(`${title}\u0001${new TextDecoder().decode(Uint8Array.from(digit))}`)).toBeNull();
      const after = bytesOf([0x80, 0x77, title.length], title, [1], digit, [7, 1]);
      const before = bytesOf([0x80], digit, [title.length], title, [0x80, 1]);
      for (const bytes of [after, before]) {
        expect(findPersonnummerInBytes(bytes)?.kind).toBe('personnummer');
        expect(findPersonnummerUtf8First(bytes)?.kind).toBe('personnummer');
      }
    }
  });

  it('keeps a label cut off by a control character with the number when a digit glues after the serial', () => {
    // The guard reads `Pnr: 1995-02-11 00:01` as a number for its label alone.
    const text = 'Pnr:\u0001 1995-02-11 00:01';
    expect(findPersonnummer(text)?.kind).toBe('personnummer');
    const bytes = bytesOf([0x80, 0x77, text.length], text, [1, 0xd9, 0xa9, 7]);
    expect(findPersonnummerInBytes(bytes)?.kind).toBe('personnummer');
    expect(findPersonnummerUtf8First(bytes)?.kind).toBe('personnummer');
  });

  it('still reads a number across control characters inside it, and finds nothing in digits that are no number', () => {
    expect(findPersonnummerInBytes(bytesOf([0x80, 0x77, 12], '19760929\u00012292', [1, 0]))?.match).toBe('19760929\u00012292');
    expect(findPersonnummerUtf8First(bytesOf([0x80], '76\u000109\u000129\u00012292', [0x80]))?.match).toBe('76\u000109\u000129\u00012292');
    // Cut or joined, these digits hold no valid number: a date part with a wrong check digit, a phone.
    expect(findPersonnummerInBytes(bytesOf([0x80, 0x77, 11], '850101-1235', [1, 0xd9, 0xa9, 7]))).toBeNull();
    expect(findPersonnummerUtf8First(bytesOf([0x35, 12], 'Tel 08-123 45 67', [1, 0x35]))).toBeNull();
  });
});
