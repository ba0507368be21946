/**
 * The raw-byte net (`raw-scan.ts`) and the text guard (`findPersonnummer`) agree on characters
 * read as nothing between the digits of a number: the guard reads a control character (C0, DEL,
 * C1) or a format character (zero-width space, BOM, soft hyphen …) there as nothing
 * (`19760929\u00012292` is `197609292292`), so the bytes of a text holding one must show the
 * number too, although a control byte elsewhere ends a run of the bytes (it is what separates the
 * strings of an encoded update).
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes, mayHoldNumber } from '../../../shared/validate/raw-scan.js';
import { prng } from '../../support/personnummer-families.js';
import { asUpdate, framed } from '../../support/text-bytes.js';


const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/** Every C0 control but the line breaks and tab (read as a space), DEL, every C1 control. */
const CONTROLS = [...range(0, 8), ...range(0x0e, 0x1f), '\u007f', ...range(0x80, 0x9f)];
/** Format characters (Unicode category Cf) and other characters the guard reads as nothing. */
const FORMAT = ['\u00ad', '\u061c', '\u180e', ...range(0x200b, 0x200f), ...range(0x2060, 0x2064), '\ufeff', '\u034f'];
const NOTHING = [...CONTROLS, ...FORMAT];

/** Spellings of the valid number 19760929-2292, `|` where characters read as nothing go. */
const SPELLINGS = ['19760929|2292', '760929|2292', '1976-09-29|2292', '760929-|2292', '760929|-2292', '19760929 |2292', '1976|0929-2292', '76|09|29|22|92', 'Pnr: 1976-09-29 |22.92'];

/** `spelling` with each `|` replaced by one to three characters of `pool`, drawn by `random`. */
function fill(spelling: string, pool: readonly string[], random: () => number): string {
  return spelling.replace(/\|/g, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pool[Math.floor(random() * pool.length)]).join(''));
}

describe('characters read as nothing between digits: raw net and text guard agree', () => {
  it('finds 19760929\\u00012292 as the guard does', () => {
    const text = '19760929\u00012292';
    expect(findPersonnummer(text)).not.toBeNull();
    expect(findPersonnummerInBytes(asUpdate(text))).not.toBeNull();
    expect(mayHoldNumber(new TextEncoder().encode(text))).toBe(true);
  });

  it('agrees with the guard on every control and format character in every spelling', () => {
    const disagree: string[] = [];
    for (const spelling of SPELLINGS) {
      for (const ch of NOTHING) {
        const text = spelling.replace(/\|/g, ch);
        const guard = findPersonnummer(text) !== null;
        if (guard !== (findPersonnummerInBytes(asUpdate(text)) !== null)) disagree.push(JSON.stringify(text));
      }
    }
    expect(disagree).toEqual([]);
  });

  it('agrees with the guard on a seeded sample of runs of them, in a Yjs update and in single-byte bytes', () => {
    const random = prng(929);
    const disagree: string[] = [];
    let refused = 0;
    for (let k = 0; k < 600; k++) {
      const text = fill(SPELLINGS[k % SPELLINGS.length] as string, NOTHING, random);
      const guard = findPersonnummer(text) !== null;
      if (guard) refused++;
      if (guard !== (findPersonnummerInBytes(asUpdate(text)) !== null)) disagree.push(`UTF-8 ${JSON.stringify(text)}`);
      // The same with a word of `ö` in Latin-1 before it: the bytes are no UTF-8, and the single-byte readings are read.
      const latin = fill(`Anna Ö ${SPELLINGS[k % SPELLINGS.length] as string}`, CONTROLS.filter((c) => c < '\u0080'), random);
      if ((findPersonnummer(latin) !== null) !== (findPersonnummerInBytes(framed(iconv.encode(latin, 'latin1'))) !== null)) disagree.push(`Latin-1 ${JSON.stringify(latin)}`);
    }
    expect(disagree).toEqual([]);
    expect(refused).toBeGreaterThan(500);
  });

  it('still ends a run at a control byte away from digits, as between the strings of an update', () => {
    // `850101a` and `b1236`: a letter stands between the digits and the control byte.
    expect(mayHoldNumber(Uint8Array.from([...Buffer.from('Kod 850101a'), 4, ...Buffer.from('b1236')]))).toBe(false);
    // Two strings of a list, the second a date's serial: the type byte `w` stands between.
    const list = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    list.on('update', (u: Uint8Array) => void (update = u));
    list.getArray('cells').push(['850101', '1236']);
    expect(findPersonnummerInBytes(update)).toBeNull();
  });
});
