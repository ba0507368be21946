/**
 * Reads a text the way a person sees its digits, for the personnummer guard: digits of any
 * script become ASCII digits, a letter that looks like a digit directly between digits that digit
 * ({@link lookAlikeDigit}: `85O1O1` is `850101`), every space-like character and line break one
 * space, every dash or tilde (see {@link DASH}) `-`, plus-like signs `+`, slash-likes `/` (the
 * backslash `\` and the vertical bar `|` too, see {@link SLASH}), dot-likes `.`, comma-likes `,`,
 * colon-likes `:`, and a run of one separator reads as one ({@link COLLAPSES}: `850101--1236`,
 * `850101..1236`, `850101\\1236` are read as `850101-1236`, `850101.1236`, `850101/1236`); invisible characters (zero-width
 * space and joiners, BOM, soft hyphen, fillers and every other default-ignorable character,
 * combining marks, control characters) disappear. What else Unicode's compatibility
 * normalisation (NFKC) turns into one of these counts too (fullwidth forms, superscript and
 * circled digits), and so do the circled digits it leaves alone (`❶`, `➀`, `⓵`: {@link DIGIT_SYMBOLS}). Every other character is kept as it is.
 *
 * One character may become several digits: `⑫` (CIRCLED NUMBER TWELVE) becomes `12`, `⒓` `12.`,
 * `⑿` `(12)`, `¼` `1/4` and `⅒` (VULGAR FRACTION ONE TENTH) `1/10`, three digits from one UTF-16
 * unit (Unicode's NFKC mappings). Whatever counts or windows digits before matching must count
 * the digits a character becomes ({@link digitCount}), never characters.
 */

/**
 * The most digits one UTF-16 unit becomes (`⅒` → `1/10`; astral characters, two units, become at
 * most one). A text of `n` units holds at most `n * MAX_DIGITS_PER_UNIT` digits. Every UTF-8 byte
 * of a character stands for at most one of its digits (`⅒` is three bytes, `¼` two).
 */
export const MAX_DIGITS_PER_UNIT = 3;

/** A normalised text and the way back to the original (see {@link originalSpan}). */
export interface NormalizedDigits {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of {@link text}, its index in the original; null when the text is unchanged. */
  origin: Int32Array | null;
}

/** What a character becomes: a replacement (possibly empty), or null for "unchanged". */
type Replacement = string | null;

/** `~`: read as a dash (see {@link DASH}). */
const TILDE = 126;

/**
 * The same letters in the other forms a keyboard types them: fullwidth (an East Asian input
 * method, `８５Ｏ１Ｏ１`), Cyrillic and Greek capital and small O, Cyrillic and Greek capital I
 * and the Cyrillic palochka, and the Roman numeral one and the small Roman numeral fifty (`ⅼ`).
 */
const OTHER_LOOK_ALIKES: ReadonlyMap<number, string> = new Map([
  [0xff2f, '0'], [0xff4f, '0'], [0x041e, '0'], [0x043e, '0'], [0x039f, '0'], [0x03bf, '0'],
  [0xff29, '1'], [0xff4c, '1'], [0x0406, '1'], [0x04c0, '1'], [0x0399, '1'], [0x2160, '1'], [0x217c, '1'],
]);

/**
 * The digit a letter that looks like one (`O`, `o` for 0; `l`, `I` for 1, and the same letters
 * of {@link OTHER_LOOK_ALIKES}) is read as when it stands directly between digits
 * (`85O1O1-1236`, `8501Ol-1236`, `85О1О1-1236` with a Cyrillic О), or undefined. Only there: a
 * letter beside a digit at the edge of a number (`O1`, `12l`) is read as a letter. Measured
 * cost: no line of the partner lists in `seeds/` has such a letter between digits, and of
 * 200 000 random ten-character codes of digits with a letter in one place of six, 0.02 % more are
 * refused with `O`/`o` read as 0 and 0.06 % with `l`/`I` read as 1 too (0.19 % are refused already).
 */
export function lookAlikeDigit(code: number): string | undefined {
  if (code < 128) return code === 79 || code === 111 ? '0' : code === 73 || code === 108 ? '1' : undefined;
  return OTHER_LOOK_ALIKES.get(code);
}

/** `\` and `|`: read as `/` (see {@link SLASH}). */
const BACKSLASH = 92;
const BAR = 124;

const ASCII: Replacement[] = Array.from({ length: 128 }, (_, c) => {
  if (c === 32 || (c >= 9 && c <= 13)) return ' ';
  if (c < 32 || c === 127) return '';
  if (c === TILDE) return '-';
  if (c === BACKSLASH || c === BAR) return '/';
  return null;
});

/**
 * The separators whose runs read as one, as normalised: space, `-`, `+`, `.`, `/`, `_`, `:`, `,`
 * (every separator the guard's shapes accept). A doubled mark is a slip of the keyboard or a
 * typed en dash (`--`), an ellipsis (`...`) or a path (`//`), and shows the number all the same.
 * A run of different marks (`.-`) stays as it is.
 */
const COLLAPSES: readonly boolean[] = Array.from({ length: 128 }, (_, c) => ' -+./_:,'.includes(String.fromCharCode(c)));

const DIGIT = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]/u;
/** Spaces, and the braille pattern blank (U+2800), which shows as a space but is a symbol in Unicode. */
const SPACE = /[\s\p{Z}\u2800]/u;
/**
 * Dashes, and the marks East Asian keyboards type where a dash goes: the tilde `~` and fullwidth
 * `～` (U+FF5E), the wave dash `〜` (U+301C, a dash in Unicode already), the swung dash `⁓`, the
 * tilde operator `∼`, and the katakana prolonged sound mark `ー` (U+30FC, halfwidth `ｰ` U+FF70),
 * which looks like a long dash in a Japanese font. Also the symbols that show as a dash but are
 * none in Unicode: the hyphen bullet `⁃` (U+2043), the horizontal line extension `⎯` (U+23AF), the
 * middle scan lines `⎻` `⎼` (U+23BB, U+23BC), every box-drawing horizontal (whole, dashed and half
 * lines, light and heavy: `─` `━` `┄` `┅` `┈` `┉` `╌` `╍` `╴` `╶` `╸` `╺` `╼` `╾`, U+2500–U+257F),
 * the black rectangle `▬` (U+25AC), and the Hangul letter EU (`ㅡ` U+3161, `ᅳ` U+1173, halfwidth
 * `ￚ` U+FFDA), one horizontal stroke that a Korean keyboard types where a dash goes, as a Japanese
 * one types `ー`. And the replacement character `�`
 * (U+FFFD), what a decoder puts for a byte it cannot read: a Windows-1252 en dash or no-break
 * space in a file read as UTF-8 (`850101�1236`) shows the number to everyone all the same.
 */
const DASH = /[\p{Pd}\u2212\u2796\u02D7\u207B\u208B~\uFF5E\u2053\u223C\u30FC\uFF70\u2043\u23AF\u23BB\u23BC\u2500\u2501\u2504\u2505\u2508\u2509\u254C\u254D\u2574\u2576\u2578\u257A\u257C\u257E\u25AC\u3161\u1173\uFFDA\uFFFD]/u;

const PLUS = /[\u2795\u02D6]/u;
/**
 * Slash-likes, the box-drawing diagonal `╱` and the rising diagonal `⟋` too; and their mirror
 * images, which people type where a slash goes (the backslash `\`, see {@link ASCII}; the set
 * minus `∖`, reverse solidus operator `⧵`, big reverse solidus `⧹`, the diagonal `╲` and the
 * falling diagonal `⟍`), and the vertical bars (`|`, see {@link ASCII}; divides `∣`, the broken
 * bar `¦`, the box-drawing verticals `│` `┃`). Their fullwidth and small forms (`＼`, `｜`, `﹨`,
 * `￨`) become these through NFKC.
 */
const SLASH = /[\u2215\u2044\u29F8\u2571\u27CB\u2216\u29F5\u29F9\u2572\u27CD\u2223\u00A6\u2502\u2503]/u;
/**
 * Dot-likes: the middle dots (`·`, the katakana `・` and its halfwidth `･` an East Asian keyboard
 * types, the bullet `•`, the dot operator `⋅`, the word-separator `⸱`), the hyphenation point
 * `‧`, the bullet operator `∙`, the ideographic full stop `。` and the Arabic decimal separator `٫`
 * (a number written with Arabic-Indic digits, `٨٥٠١٠١٫١٢٣٦`, as `850101.1236` is one).
 */
const DOT = /[\u00B7\u2027\u2219\u3002\u30FB\uFF65\u2022\u22C5\u2E31\u066B]/u;
/** Comma-likes: the ideographic comma `、` (halfwidth `､`), the Arabic comma `،` and thousands separator `٬`. */
const COMMA = /[\u3001\uFF64\u060C\u066C]/u;
/** Colon-likes: the ratio `∶`, the modifier letter colon `꞉` and the length mark `ː`. */
const COLON = /[\u2236\uA789\u02D0]/u;

/**
 * What each character below U+10000 becomes, filled in as characters are met; astral characters
 * go through a small bounded map, so a text of every code point cannot grow it without end.
 */
const bmp: Array<Replacement | undefined> = new Array<Replacement | undefined>(0x10000);
const astral = new Map<number, Replacement>();
const ASTRAL_MAX = 4096;

/**
 * The value 0–9 of a decimal digit of any script. Unicode encodes every script's decimal digits
 * as one contiguous run from 0 to 9 (adjacent runs, like the mathematical digits, stay aligned).
 */
function digitValue(cp: number): string {
  let start = cp;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

/**
 * Digit symbols Unicode gives no compatibility decomposition (category No), so NFKC leaves them
 * as they are although they read as digits like their circled kin `①`–`⑳`, which it maps: each
 * run as `[first, last, value of first, step]`, from UnicodeData.txt. The dingbat circled digits
 * `❶`–`❿`, `➀`–`➉`, `➊`–`➓` (U+2776–U+2793) and `🄋` `🄌` (U+1F10B–U+1F10C), the negative
 * circled `⓫`–`⓴` (11–20) and `⓿`, the double circled `⓵`–`⓾`, and the circled tens on a black
 * square `㉈`–`㉏` (10–80).
 */
const DIGIT_SYMBOLS: ReadonlyArray<readonly [first: number, last: number, value: number, step: number]> = [
  [0x24eb, 0x24f4, 11, 1],
  [0x24f5, 0x24fe, 1, 1],
  [0x24ff, 0x24ff, 0, 1],
  [0x2776, 0x277f, 1, 1],
  [0x2780, 0x2789, 1, 1],
  [0x278a, 0x2793, 1, 1],
  [0x3248, 0x324f, 10, 10],
  [0x1f10b, 0x1f10c, 0, 0],
];

/** The digits a symbol of {@link DIGIT_SYMBOLS} stands for (`❽` `8`, `⓫` `11`), or undefined. */
function digitSymbol(cp: number): string | undefined {
  for (const [first, last, value, step] of DIGIT_SYMBOLS) {
    if (cp >= first && cp <= last) return String(value + (cp - first) * step);
  }
  return undefined;
}

function classify(cp: number, deep: boolean): Replacement {
  if (cp < 128) return ASCII[cp] ?? null;
  const ch = String.fromCodePoint(cp);
  if (DIGIT.test(ch)) return digitValue(cp);
  const symbol = digitSymbol(cp);
  if (symbol !== undefined) return symbol;
  if (INVISIBLE.test(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  if (PLUS.test(ch)) return '+';
  if (SLASH.test(ch)) return '/';
  if (DOT.test(ch)) return '.';
  if (COMMA.test(ch)) return ',';
  if (COLON.test(ch)) return ':';
  if (!deep) return null;
  const compat = ch.normalize('NFKC');
  if (compat === ch) return null;
  let out = '';
  for (const part of compat) out += classify(part.codePointAt(0) ?? 0, false) ?? part;
  return out;
}

function replacementOf(cp: number): Replacement {
  if (cp < 0x10000) {
    const known = bmp[cp];
    if (known !== undefined) return known;
    return (bmp[cp] = classify(cp, true));
  }
  const known = astral.get(cp);
  if (known !== undefined) return known;
  const r = classify(cp, true);
  if (astral.size < ASTRAL_MAX) astral.set(cp, r);
  return r;
}

/** The code point at `i` (a surrogate pair read as one). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? (text.codePointAt(i) ?? c) : c;
}

function digitsIn(r: string): number {
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * How many ASCII digits the code point `cp` (0–0x10FFFF) becomes in {@link normalizeForDigits}:
 * 1 for a digit of any script, 2 for `⑫`, `⒓`, `⑿`, `㉑`, `¼`, `㋋` (`12月`) and their kin, 3 for
 * `⅒`, 0 for anything else. Cached like the normalisation itself.
 */
export function digitCount(cp: number): number {
  if (cp < 128) return cp >= 48 && cp <= 57 ? 1 : 0;
  if (cp < 0x10000) {
    const known = bmpDigits[cp] as number;
    if (known !== UNKNOWN) return known;
    const r = replacementOf(cp);
    return (bmpDigits[cp] = r === null ? 0 : digitsIn(r));
  }
  const r = replacementOf(cp);
  return r === null ? 0 : digitsIn(r);
}

/**
 * True when the code point `cp` disappears in {@link normalizeForDigits} (zero-width space and
 * joiners, BOM, soft hyphen, combining marks, control characters …): it stands for no character.
 */
export function vanishes(cp: number): boolean {
  return cp < 128 ? ASCII[cp] === '' : replacementOf(cp) === '';
}

/** {@link digitCount} of each character below U+10000, filled in as characters are met. */
const UNKNOWN = 0xff;
const bmpDigits = new Uint8Array(0x10000).fill(UNKNOWN);

/** The smallest code point that becomes more than one digit (`¼`, U+00BC). */
const FIRST_SEVERAL = 0xbc;

/**
 * True when a UTF-16 unit of `text` from index `from` on becomes more than one digit (`⑫`, `¼`,
 * `⅒`, see {@link digitCount}). Without one, the units hold at most one digit each (an astral
 * digit is two units), so a text shorter than N units has fewer than N digits.
 */
export function severalAhead(text: string, from = 0): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= FIRST_SEVERAL && digitCount(c) > 1) return true;
  }
  return false;
}

/**
 * First pass: how many digits (those each character becomes), and whether the text is already in
 * normal form. Stops as soon as the units left could not make up `minDigits`: one digit a unit at
 * most, unless a unit ahead becomes several (then {@link MAX_DIGITS_PER_UNIT} a unit from there).
 */
function survey(text: string, minDigits: number): { digits: number; plain: boolean } {
  let digits = 0;
  let plain = true;
  /** The ASCII unit before, when it was a separator whose runs collapse ({@link COLLAPSES}), else 0. */
  let prev = 0;
  /** The unit before was a digit, or a look-alike letter after one (see {@link lookAlikeDigit}). */
  let afterDigit = false;
  let perUnit = 1;
  for (let i = 0; i < text.length; i++) {
    if (digits + (text.length - i) * perUnit < minDigits) {
      if (perUnit === MAX_DIGITS_PER_UNIT || !severalAhead(text, i)) break;
      perUnit = MAX_DIGITS_PER_UNIT;
      if (digits + (text.length - i) * perUnit < minDigits) break;
    }
    const c = text.charCodeAt(i);
    if (c < 128) {
      const digit = c >= 48 && c <= 57;
      if (digit) digits++;
      else if (afterDigit && lookAlikeDigit(c) !== undefined) {
        // Counted as a digit (at most one too many, if no digit follows); read again when built.
        digits++;
        plain = false;
        continue;
      } else if (COLLAPSES[c] === true ? prev === c : ASCII[c] !== null) plain = false;
      prev = COLLAPSES[c] === true ? c : 0;
      afterDigit = digit || (afterDigit && ASCII[c] === '');
      continue;
    }
    const cp = codePointAt(text, i);
    if (cp > 0xffff) i++;
    prev = 0;
    if (afterDigit && lookAlikeDigit(cp) !== undefined) {
      // As for an ASCII look-alike above: counted, and read again when built.
      digits++;
      plain = false;
      continue;
    }
    const r = replacementOf(cp);
    if (r === null) {
      afterDigit = false;
      continue;
    }
    plain = false;
    const n = digitsIn(r);
    digits += n;
    afterDigit = r === '' ? afterDigit : n > 0 && isDigitCode(r.charCodeAt(r.length - 1));
  }
  return { digits, plain };
}

/**
 * Normalise `text` for digit matching, or return null when it holds fewer than `minDigits`
 * digits (of any script, counted after normalisation: `⑫` is two), so that most texts cost one
 * quick pass; plain ASCII is read without a table lookup. Linear in the text's length.
 *
 * @example
 * normalizeForDigits('８５０１０１\u2013１２３６', 10)?.text; // '850101-1236'
 */
export function normalizeForDigits(text: string, minDigits: number): NormalizedDigits | null {
  const { digits, plain } = survey(text, minDigits);
  if (digits < minDigits) return null;
  if (plain) return { text, origin: null };
  const out = new Builder(text.length);
  for (let i = 0; i < text.length; i++) {
    const cp = codePointAt(text, i);
    if (lookAlikeDigit(cp) !== undefined && out.endsWithDigit()) {
      i = pushLookAlikes(text, i, out) - 1;
      continue;
    }
    const r = cp < 128 ? (ASCII[cp] ?? null) : replacementOf(cp);
    if (r === null) {
      out.push(text.charCodeAt(i), i);
      if (cp > 0xffff) out.push(text.charCodeAt(i + 1), i + 1);
    } else {
      for (let k = 0; k < r.length; k++) out.push(r.charCodeAt(k), i);
    }
    if (cp > 0xffff) i++;
  }
  return { text: out.text(), origin: out.origin };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The run of look-alike letters from `from` (after a digit), pushed as the digits they stand for
 * when a digit follows it (characters read as nothing may stand between), else as they are. The
 * index after the run.
 */
function pushLookAlikes(text: string, from: number, out: Builder): number {
  let end = from;
  while (end < text.length && lookAlikeDigit(text.charCodeAt(end)) !== undefined) end++;
  let next = end;
  let after: Replacement = '';
  while (next < text.length && after === '') {
    const cp = codePointAt(text, next);
    after = cp < 128 ? (ASCII[cp] ?? String.fromCharCode(cp)) : replacementOf(cp);
    if (after === '') next += cp > 0xffff ? 2 : 1;
  }
  const digitAfter = after !== null && after !== '' && isDigitCode(after.charCodeAt(0));
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    out.push(digitAfter ? (lookAlikeDigit(c) ?? '').charCodeAt(0) : c, i);
  }
  return end;
}

/** The normalised text as it is built: UTF-16 units, each with its index in the original. */
class Builder {
  codes: Uint16Array;
  origin: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity + 8);
    this.origin = new Int32Array(capacity + 8);
  }

  /** True when the last unit is an ASCII digit. */
  endsWithDigit(): boolean {
    return this.length > 0 && isDigitCode(this.codes[this.length - 1] as number);
  }

  /** Append one unit; a separator of {@link COLLAPSES} right after the same one is dropped (runs collapse). */
  push(code: number, at: number): void {
    if (code < 128 && COLLAPSES[code] === true && this.length > 0 && this.codes[this.length - 1] === code) return;
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.origin[this.length++] = at;
  }

  text(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i += CHUNK) {
      parts.push(String.fromCharCode(...this.codes.subarray(i, Math.min(i + CHUNK, this.length))));
    }
    this.origin = this.origin.subarray(0, this.length);
    return parts.join('');
  }

  private grow(): void {
    const codes = new Uint16Array(this.codes.length * 2);
    const origin = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    origin.set(this.origin);
    this.codes = codes;
    this.origin = origin;
  }
}

/** Units per `String.fromCharCode` call, well below any engine's argument limit. */
const CHUNK = 8192;

/**
 * The range `[start, end)` of `source` that the normalised range `[from, to)` of `normal` came
 * from (`from < to`); a character that became several covers them all.
 */
export function originalSpan(source: string, normal: NormalizedDigits, from: number, to: number): [number, number] {
  if (normal.origin === null) return [from, to];
  const start = normal.origin[from] ?? source.length;
  const last = normal.origin[to - 1] ?? source.length - 1;
  const c = source.charCodeAt(last);
  return [start, c >= 0xd800 && c <= 0xdbff ? last + 2 : last + 1];
}
