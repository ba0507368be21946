import { describe, expect, it } from 'vitest';
import { digitCount, MAX_DIGITS_PER_UNIT, normalizeForDigits, separatorUnit } from '../../../shared/validate/normalize-digits.js';

const digitsOf = (text: string): number => text.replace(/\D/g, '').length;

describe('normalizeForDigits counts the digits a character becomes', () => {
  // One symbol of each class NFKC turns into several digits: circled 10–20 and 21–50,
  // parenthesised, full stop, fractions, and the ideographic month, hour and day symbols.
  const MANY = ['⑩', '⑳', '⑽', '⒇', '⒑', '⒛', '㉑', '㊿', '¼', '⅓', '↉', '⅒', '㋉', '㍢', '㏩', '㏾'];

  it.each(MANY)('reads five %j as their ten digits or more', (symbol) => {
    const text = symbol.repeat(5);
    const normal = normalizeForDigits(text, 10);
    expect(normal).not.toBeNull();
    expect(digitsOf(normal?.text ?? '')).toBeGreaterThanOrEqual(10);
  });

  it('stops short only when the digits, not the characters, are too few', () => {
    expect(normalizeForDigits('⅒⅒⅒⅒', 10)?.text).toBe('1/101/101/101/10');
    expect(normalizeForDigits('⅒⅒⅒', 10)).toBeNull();
    expect(normalizeForDigits('⑫⑫⑫⑫1', 10)).toBeNull();
    expect(normalizeForDigits('⑫⑫⑫⑫12', 10)?.text).toBe('1212121212');
    // Plain ASCII keeps its fast path: the text comes back as it is.
    expect(normalizeForDigits('ring 19121212-1212', 10)?.origin).toBeNull();
  });

  /**
   * Every code point's digit count, checked against its normalised text. One test per plane (the
   * basic plane, each supplementary plane with characters, the unassigned planes 4–13, the private
   * use planes 15–16), so that no test walks a million code points. A code point Unicode leaves
   * unassigned (Cn) or gives to private use (Co) has neither a numeric type nor a decomposition
   * in the Unicode Character Database, so NFKC leaves it alone: its digit count must be 0, checked for
   * every one of them; the whole normalisation, which costs three times the count (the cache of
   * characters above U+FFFF is bounded), runs for every 61st of them and for every assigned one.
   */
  const PLANES: readonly [string, number, number][] = [
    ['the basic multilingual plane', 0, 0xffff],
    ['plane 1', 0x10000, 0x1ffff],
    ['plane 2', 0x20000, 0x2ffff],
    ['plane 3', 0x30000, 0x3ffff],
    ['the unassigned planes 4–13', 0x40000, 0xdffff],
    ['plane 14', 0xe0000, 0xeffff],
    ['the private use planes 15–16', 0xf0000, 0x10ffff],
  ];
  const UNASSIGNED_OR_PRIVATE = /[\p{Cn}\p{Co}]/u;

  it.each(PLANES)('gives every code point of %s the digit count of its normalised text, within MAX_DIGITS_PER_UNIT a unit', (_name, first, last) => {
    let most = 0;
    let checked = 0;
    for (let cp = first; cp <= last; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const count = digitCount(cp);
      if (UNASSIGNED_OR_PRIVATE.test(ch) && cp % 61 !== 0) {
        if (count !== 0) throw new Error(`U+${cp.toString(16)}: unassigned or private use, yet ${count} digits`);
        continue;
      }
      checked++;
      const expected = digitsOf(normalizeForDigits(ch, 0)?.text ?? '');
      if (count !== expected) throw new Error(`U+${cp.toString(16)}: ${count} digits, normalised ${expected}`);
      // As MAX_DIGITS_PER_UNIT's docstring says: a UTF-8 byte stands for one digit at most.
      if (expected > Buffer.byteLength(ch)) throw new Error(`U+${cp.toString(16)}: ${expected} digits in fewer bytes`);
      // The survey's early stop reads only units from U+00BC on for several digits.
      if (cp < 0xbc && expected > 1) throw new Error(`U+${cp.toString(16)}: ${expected} digits below U+00BC`);
      most = Math.max(most, expected / ch.length);
    }
    expect(checked).toBeGreaterThan(0);
    if (first === 0) expect(most).toBe(MAX_DIGITS_PER_UNIT);
    else expect(most).toBeLessThanOrEqual(MAX_DIGITS_PER_UNIT);
  });
});

describe('normalizeForDigits reads a run of one separator as one', () => {
  it.each([
    ['850101..1236', '850101.1236'],
    ['850101...1236', '850101.1236'],
    ['850101\\\\1236', '850101/1236'],
    ['850101||1236', '850101/1236'],
    ['850101\\|1236', '850101/1236'],
    ['19850101//1236', '19850101/1236'],
    ['850101__1236', '850101-1236'],
    ['850101_-_1236', '850101-1236'],
    ['850101::1236', '850101:1236'],
    ['850101,,1236', '850101,1236'],
    ['121212++1212', '121212+1212'],
    ['850101\u2013-1236', '850101-1236'],
    ['850101\uFF3C1236', '850101/1236'],
    ['850101\uFF5C1236', '850101/1236'],
    ['850101;;1236', '850101;1236'],
    ["850101''1236", "850101'1236"],
    ['850101==1236', '850101=1236'],
    ['850101\u2192\u21921236', '850101;1236'],
    ['850101\u2192;1236', '850101;1236'],
  ])('%j as %j', (text, normal) => {
    expect(normalizeForDigits(text, 10)?.text).toBe(normal);
  });

  it('keeps runs of different marks, and a single ASCII mark as it is', () => {
    expect(normalizeForDigits('850101.-1236', 10)?.text).toBe('850101.-1236');
    expect(normalizeForDigits("850101;'1236", 10)?.text).toBe("850101;'1236");
    expect(normalizeForDigits('850101;1236', 10)?.origin).toBeNull();
  });
});

describe('normalizeForDigits reads the other marks and the horizontal strokes', () => {
  it.each([
    // One horizontal line, whatever Unicode calls it: ideograph, Kangxi radical, bopomofo letter,
    // modifier letters, tatweel, syllabics stroke, editorial lines, straightness, double box line.
    ['\u4E00', '-'],
    ['\u2F00', '-'],
    ['\u3192', '-'],
    ['\u3127', '-'],
    ['\u02C9', '-'],
    ['\u02CD', '-'],
    ['\u0640', '-'],
    ['\u1428', '-'],
    ['\u2E0F', '-'],
    ['\u2E10', '-'],
    ['\u2E11', '-'],
    ['\u23E4', '-'],
    ['\u2550', '-'],
    // Every other mark or symbol is the one mark `;`; NFKC first, so `…` is still a run of dots.
    ['\u2192', ';'],
    ['\u2E0E', ';'],
    ['\u2E3C', ';'],
    ['\u2E3E', ';'],
    ['\u301D', ';'],
    ['\u10FB', ';'],
    ['\u1B7C', ';'],
    ['\u00A7', ';'],
    ['\u{1F600}', ';'],
    ['\u02BC', ';'],
    ['\u2026', '.'],
    ['\u22EF', '.'],
    ['\u22EE', '.'],
    ['\uFF03', '#'],
    // Letters that show as one horizontal line: the Coptic dialect-P ni, the vertical tilde.
    ['\u2CBB', '-'],
    ['\u2E2F', '-'],
  ])('%j between digits as %j', (mark, normal) => {
    expect(normalizeForDigits(`850101${mark}1236`, 10)?.text).toBe(`850101${normal}1236`);
  });

  it('leaves letters, digits and plain text as they are', () => {
    expect(normalizeForDigits('Tid 10 till 11, 2026-05-12 vecka 20', 10)?.origin).toBeNull();
    expect(normalizeForDigits('Årsplan 2026–2027 för 1 234 invånare', 10)?.text).toBe('Årsplan 2026-2027 för 1 234 invånare');
  });
});

describe('separatorUnit reads a character as the normal form makes it', () => {
  /**
   * What the normal form makes of `ch` alone: -1 nothing, the code of the one separator whose runs
   * read as one (`–` `-`, `…` `.`, a no-break space ` `), 0 anything else.
   */
  function unitOfNormal(ch: string): number {
    const text = normalizeForDigits(ch, 0)?.text ?? ch;
    if (text === '') return -1;
    return text.length === 1 && ' -+./:,;!"#$%&\'()*<=>?@[]^`{}'.includes(text) ? text.charCodeAt(0) : 0;
  }

  it('gives every code point of the basic plane, and some above, the unit of its normal form, asked once or again', () => {
    const astral = [0x1d7ce, 0x1f10b, 0x1f4a9, 0xe0041, 0x10fffd];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const expected = unitOfNormal(String.fromCodePoint(cp));
      // The second answer comes from the table the first filled in.
      if (separatorUnit(cp) !== expected || separatorUnit(cp) !== expected) throw new Error(`U+${cp.toString(16)}: ${separatorUnit(cp)}, normal form ${expected}`);
    }
    for (const cp of astral) expect(separatorUnit(cp), `U+${cp.toString(16)}`).toBe(unitOfNormal(String.fromCodePoint(cp)));
    expect([separatorUnit(0x2013), separatorUnit(0x2026), separatorUnit(0xa0), separatorUnit(0x200b), separatorUnit(0x41)]).toEqual([45, 46, 32, -1, 0]);
  });
});
