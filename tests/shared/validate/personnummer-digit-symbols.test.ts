/**
 * Symbols that show one digit are read as that digit, whatever mark NFKC puts beside it: the
 * parenthesized digits `⑴` (NFKC `(1)`), the full-stop digits `⒈` `🄀` (`1.`, `0.`), the comma
 * digits `🄁` (`0,`). A personnummer spelled in them was stored, relayed and logged unmasked:
 * NFKC's marks split it into single digits between marks, no shape the guard knows.
 *
 * The sweep below finds every such symbol itself, from the NFKC mappings the runtime has (any
 * code point whose NFKC form is one ASCII digit with only ASCII marks around it), independently of
 * the table the guard reads them by (`DIGIT_SYMBOLS_UCD`, `normalize-digits-classes.ts`), and spells
 * a personnummer with each. The symbols NFKC leaves alone (Ethiopic `፩`, Brahmi `𑁒` …) are in
 * the spellings every suite runs (`personnummer-spellings-more.ts`).
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { findPersonnummerInBytes, mayHoldNumber } from '../../../shared/validate/raw-scan.js';
import { redactPersonnummer } from '../../../shared/validate/redact-personnummer.js';

/** Every code point above U+007F, no decimal digit, whose NFKC form is one ASCII digit among ASCII marks only. */
function digitsWithMarks(): Map<string, number[]> {
  const byDigit = new Map<string, number[]>();
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (/\p{Nd}/u.test(ch)) continue;
    const compat = ch.normalize('NFKC');
    if (compat === ch || !/^[!-/:-@[-`{-~]*[0-9][!-/:-@[-`{-~]*$/.test(compat)) continue;
    if (/^[0-9]$/.test(compat)) continue; // superscripts, circled ①: NFKC reads them already
    const digit = compat.replace(/\D/g, '');
    byDigit.set(digit, [...(byDigit.get(digit) ?? []), cp]);
  }
  return byDigit;
}

describe('digit symbols with a mark are read as their digit', () => {
  const byDigit = digitsWithMarks();
  const all = [...byDigit.values()].flat();

  it('finds the classes that were missed among the runtime NFKC mappings', () => {
    // Parenthesized ⑴–⑼, full stop ⒈–⒐ and 🄀, comma 🄁–🄊: 9 + 10 + 10.
    expect(all).toEqual(expect.arrayContaining([0x2474, 0x247c, 0x2488, 0x2490, 0x1f100, 0x1f101, 0x1f10a]));
    expect(all.length).toBeGreaterThanOrEqual(29);
  });

  // Each symbol in its turn spells 850101-1236 wherever its digit stands; plain digits elsewhere.
  const PNR = '850101-1236';
  const cases = all.map((cp) => {
    const ch = String.fromCodePoint(cp);
    const digit = ch.normalize('NFKC').replace(/\D/g, '');
    const base = PNR.includes(digit) ? PNR : '960930-4796';
    return [`U+${cp.toString(16).toUpperCase()} ${ch}`, base.replaceAll(digit, ch)] as const;
  });

  it.each(cases)('%s: the number spelled with it is found, masked and found in its bytes', (_name, text) => {
    expect(findPersonnummer(text)).not.toBeNull();
    expect(findPersonnummer(`Patient ${text}.`)?.match).toBe(text);
    expect(redactPersonnummer(`url /v1/x${text}`)).not.toContain(text);
    const bytes = new TextEncoder().encode(text);
    expect(mayHoldNumber(bytes)).toBe(true);
    expect(findPersonnummerInBytes(bytes)).not.toBeNull();
  });

  it('reads a whole number spelled in one class alone (⑻⑸0⑴0⑴-⑴⑵⑶⑹, ⒏⒌🄀⒈🄀⒈-⒈⒉⒊⒍, 🄊🄇🄁🄊🄄🄁🄅🄈🄊🄇)', () => {
    for (const text of ['⑻⑸0⑴0⑴-⑴⑵⑶⑹', '⒏⒌🄀⒈🄀⒈-⒈⒉⒊⒍', '🄊🄇🄁🄊🄄🄁🄅🄈🄊🄇']) {
      expect(findPersonnummer(text)?.match).toBe(text);
    }
  });

  it('keeps the numbers of several digits as NFKC writes them: five ⑿ are no number, as five (12) are not', () => {
    expect(findPersonnummer('⑿⑿⑿⑿⑿')).toBeNull();
    expect(findPersonnummer('⑴ Planera ⑵ Genomföra ⑶ Följa upp ⑷ Rapportera')).toBeNull();
  });
});
