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
const FORMAT = ['\u00ad', '\u061c', '\u180e', ...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2060, 0x2064), ...range(0x2066, 0x2069), '\ufeff', '\u034f'];
const NOTHING = [...CONTROLS, ...FORMAT];

/** Spellings of the valid number 19760929-2292, `|` where characters read as nothing go. */
const SPELLINGS = ['19760929|2292', '760929|2292', '1976-09-29|2292', '760929-|2292', '760929|-2292', '19760929 |2292', '1976|0929-2292', '76|09|29|22|92', 'Pnr: 1976-09-29 |22.92'];

/**
 * Labelled texts the guard refuses for the label alone (a date and time after `Pnr`, `född`,
 * `personnummer` is a personnummer as written; `2025-02-11 10:00` alone is a plan's date), `|`
 * where characters read as nothing go: next to the label or inside it, not between digits.
 */
const LABELLED = [
  'Pnr:| 1995-02-11 00:01',
  'Pnr|: 1995-02-11 00:01',
  'P|nr 1995-02-11 00:01',
  'per|sonnummer 1995-02-11 00:01',
  'per|sonnummer 19950211-0001',
  'född| 1995-02-11 00:01',
  'Personnummer |1995-02-11 00:01',
  'Anna Ek, pnr|: 1995-02-11 00:01',
];

/**
 * The time each sweep below may take, in ms. They are CPU only and deterministic (a fixed list, a
 * seeded sample): 0.7, 0.9 and 2.1 s on a quiet core, most of it the scan's code compiled on first
 * use; run 10–30 times slower, as at CI's load of 15–30 on two cores, the label sweep and another
 * ran past the suite's 20 s default (two of the file's seven failed once). As the other sweeps of
 * this folder (cell-write, check-update-adversarial, -differential) are given.
 */
const SWEEP_MS = 120_000;

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
  }, SWEEP_MS);

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
  }, SWEEP_MS);

  it('agrees with the guard on every control and format character next to or inside a label', () => {
    const disagree: string[] = [];
    for (const spelling of LABELLED) {
      for (const ch of NOTHING) {
        const text = spelling.replace(/\|/g, ch);
        // Every one is refused by the guard: the label is read across the character.
        expect(findPersonnummer(text), JSON.stringify(text)).not.toBeNull();
        if (findPersonnummerInBytes(asUpdate(text)) === null) disagree.push(`UTF-8 ${JSON.stringify(text)}`);
        if (ch < '\u0100' && findPersonnummerInBytes(framed(iconv.encode(`Ö ${text}`, 'latin1'))) === null) disagree.push(`Latin-1 ${JSON.stringify(text)}`);
      }
    }
    expect(disagree).toEqual([]);
  }, SWEEP_MS);

  it('reads a label across three runs of control characters, in a string whose start the bytes do not mark', () => {
    // Before the string stand its key, the type byte `w` and its length: `title\u0001w\u0017P…`.
    const text = 'P\u0001n\u0002r\u0003 1995-02-11 00:01';
    expect(findPersonnummer(text)).not.toBeNull();
    expect(findPersonnummerInBytes(asUpdate(text))).not.toBeNull();
  });

  it('still reads two strings of a list apart where a letter right after digits is the next one\'s type byte', () => {
    const list = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    list.on('update', (u: Uint8Array) => void (update = u));
    // `19121212w\u0005-1212`: joined, the guard would read a number (the `w` between date and serial).
    expect(findPersonnummer('19121212w-1212')).not.toBeNull();
    list.getArray('cells').push(['19121212', '-1212']);
    expect(findPersonnummerInBytes(update)).toBeNull();
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
