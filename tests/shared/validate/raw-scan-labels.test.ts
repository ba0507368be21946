/**
 * The raw-byte net (`raw-scan.ts`) against the labelled sweep of the text guard
 * (`number-labels.test.ts`): a number that `findPersonnummer` refuses because a word names it
 * (`Pnr: 1976-09-29 – 22.92`, `född 39-11-05 - 07-00`, `Personal identity number: …`,
 * `Person-nr för Anna …`) or as a date of birth with a clock time is found in the bytes too, in every
 * encoding a Swedish file carries: UTF-8 (an encoded Yjs update), Latin-1 and Windows-1252 (Swedish
 * Excel's CSV, whose en dash is the byte 0x96), ISO-8859-15, Mac Roman (Excel for Mac: `ö` is 0x9A,
 * `Å` 0x81) and the DOS code pages 437 and 850 of old exports (`ö` 0x94).
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { NAMED_AWAY, NAMING_WRITTEN, NAMING_WRITTEN_EN, placedSpellings } from '../../support/personnummer-decisions.js';
import { prng } from '../../support/personnummer-families.js';
import { asUpdate, framed } from '../../support/text-bytes.js';


/** Every label before the number and placements of it away, each spelling an allowance covers, seeded. */
function labelledTexts(seed: number): string[] {
  const placements = [...[...NAMING_WRITTEN, ...NAMING_WRITTEN_EN].map((label) => `${label}{x}`), ...NAMED_AWAY, 'pnr Anna Ek {x}', '{x} (pnr)', 'född {x}'];
  return placedSpellings(placements, prng(seed), 1);
}

describe('the raw-byte net over the labelled sweep', () => {
  const refused = labelledTexts(1976).filter((text) => findPersonnummer(text) !== null);

  it('sweeps enough texts the text guard refuses', () => {
    expect(refused.length).toBeGreaterThan(600);
  });

  it.each([
    ['a Yjs update (UTF-8)', asUpdate],
    ['Latin-1 bytes', (text: string): Uint8Array => framed(iconv.encode(text.replace(/\u2013/g, '-'), 'latin1'))],
    ['Windows-1252 bytes', (text: string): Uint8Array => framed(iconv.encode(text, 'win1252'))],
  ])('finds every one in %s', (_, encode) => {
    const passed = refused.filter((text) => findPersonnummerInBytes(encode(text)) === null);
    expect(passed).toEqual([]);
  });

  it.each(['iso885915', 'macintosh', 'cp437', 'cp850'])('finds every one the code page %s can write, in its bytes', (encoding) => {
    // A dash the code page lacks (CP437 has no en dash) is written as `-`, as a person would type it.
    const written = refused
      .map((text) => (iconv.decode(iconv.encode(text, encoding), encoding) === text ? text : text.replace(/\u2013/g, '-')))
      .filter((text) => iconv.decode(iconv.encode(text, encoding), encoding) === text && findPersonnummer(text) !== null);
    const legacy = written.filter((text) => /[\u0080-\uffff]/.test(text));
    expect(legacy.length).toBeGreaterThan(20);
    const passed = written.filter((text) => findPersonnummerInBytes(framed(iconv.encode(text, encoding))) === null);
    expect(passed).toEqual([]);
  });

  it('finds a date of birth with a time and a label written in Mac Roman, CP437 and CP850', () => {
    for (const encoding of ['macintosh', 'cp437', 'cp850']) {
      for (const text of ['född 1995-02-11 00:01', 'Personnummer för Åsa: 1976-09-29 - 22.92', 'Född: 1960-03-01 kl 02.43']) {
        const bytes = framed(iconv.encode(text, encoding));
        expect(findPersonnummerInBytes(bytes)?.match, `${text} (${encoding})`).toBe(findPersonnummer(text)?.match);
      }
    }
  });

  it('finds the examples whose en dash is the Windows-1252 byte 0x96', () => {
    for (const text of ['Pnr: 1976-09-29 – 22.92', 'pnr 83.04.17 – 29.38', 'Född: 1960-03-01 – 02-43']) {
      expect(findPersonnummer(text), text).not.toBeNull();
      const bytes = framed(iconv.encode(text, 'win1252'));
      expect(bytes.includes(0x96)).toBe(true);
      expect(findPersonnummerInBytes(bytes)?.match, text).toBe(text.slice(text.search(/\d/)));
    }
  });
});
