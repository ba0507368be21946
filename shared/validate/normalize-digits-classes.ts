/**
 * What each character becomes when the personnummer guard reads a text (`normalize-digits.ts`
 * builds the normalised text from these): the classes of spaces, dashes, slashes, dots, commas,
 * colons and other marks, invisible characters, digits of any script and digit symbols, and the
 * letters that look like digits. The sources of each list are given where it is defined.
 */
/** What a character becomes: a replacement (possibly empty), or null for "unchanged". */
export type Replacement = string | null;

/** `~`: read as a dash (see {@link DASH}). */
const TILDE = 126;

/**
 * The same letters in the other forms a keyboard types them: fullwidth (an East Asian input
 * method, `８５Ｏ１Ｏ１`), Cyrillic and Greek capital and small O, Cyrillic and Greek capital I
 * and the Cyrillic palochka, the Roman numeral one and the small Roman numeral fifty (`ⅼ`);
 * fullwidth `Ｓ` and the Cyrillic dze `Ѕ` for 5; fullwidth `Ｂ`, Cyrillic `В` and Greek `Β` for 8.
 */
const OTHER_LOOK_ALIKES: ReadonlyMap<number, string> = new Map([
  [0xff2f, '0'], [0xff4f, '0'], [0x041e, '0'], [0x043e, '0'], [0x039f, '0'], [0x03bf, '0'],
  [0xff29, '1'], [0xff4c, '1'], [0x0406, '1'], [0x04c0, '1'], [0x0399, '1'], [0x2160, '1'], [0x217c, '1'],
  [0xff33, '5'], [0x0405, '5'],
  [0xff22, '8'], [0x0412, '8'], [0x0392, '8'],
]);

/** The ASCII look-alikes: `O` `o` 0, `I` `l` 1, `S` 5, `B` 8 (by character code; others undefined). */
const ASCII_LOOK_ALIKES: ReadonlyArray<string | undefined> = Array.from({ length: 128 }, (_, c) =>
  ({ O: '0', o: '0', I: '1', l: '1', S: '5', B: '8' })[String.fromCharCode(c)],
);

/**
 * The digit a letter that looks like one (`O`, `o` for 0; `l`, `I` for 1; `S` for 5; `B` for 8,
 * and the same letters of {@link OTHER_LOOK_ALIKES}) is read as, or undefined. The normalisation
 * reads it so directly between digits (`85O1O1-1236`, `8S0101-1236`, `85О1О1-1236` with a
 * Cyrillic О), and on its second reading beside one digit too (`B50101-1236`, `85010l-l236`,
 * see `normalizeForDigits`); the guard also tries one where a separator goes as a letter
 * (`850101O1236`). Measured cost: no line of the partner lists in `seeds/` has such a letter
 * between digits, and of 200 000 random ten-character codes of digits with a letter in one place
 * of six, 0.02 % more are refused with `O`/`o` read as 0 and 0.06 % with `l`/`I` read as 1 too
 * (0.19 % are refused already). With `S`, `B` and the edges (100 000 random codes each, a letter
 * of 52 upper and lower case): a letter then `DDDDD-DDDD` 0 → 0.094 %, `DDDDD` letter `-DDDD`
 * 0 → 0.069 %, six digits, a letter, four digits 1.03 → 1.11 %, ten digits with a letter in place
 * of one 0.146 → 0.156 %; the 2 092 lines of `seeds/` none either way.
 */
export function lookAlikeDigit(code: number): string | undefined {
  if (code < 128) return ASCII_LOOK_ALIKES[code];
  return OTHER_LOOK_ALIKES.get(code);
}

/**
 * `_`: read as a dash. The low line is typed where a dash goes (file names, `1941.06.12_5109`,
 * `30_01_07 – 19:70`), and reading it as one puts it in every separator set and decision a dash has,
 * where it had been left out of some (a split serial `68 04 73_74 65`, after a date `96_05_04 (59:89`).
 */
const UNDERSCORE = 95;
/** `\` and `|`: read as `/` (see {@link SLASH}). */
const BACKSLASH = 92;
const BAR = 124;

/** What each ASCII character becomes (null: unchanged). */
export const ASCII: Replacement[] = Array.from({ length: 128 }, (_, c) => {
  if (c === 32 || (c >= 9 && c <= 13)) return ' ';
  if (c < 32 || c === 127) return '';
  if (c === TILDE || c === UNDERSCORE) return '-';
  if (c === BACKSLASH || c === BAR) return '/';
  return null;
});

/**
 * The separators whose runs read as one, as normalised: space, `-` (and `_`, read as one), `+`, `.`, `/`, `:`, `,`
 * and every other ASCII punctuation mark or symbol, `;` too, which other marks become (every
 * separator the guard's shapes accept). A doubled mark is a slip of the keyboard or a typed en
 * dash (`--`), an ellipsis (`...`) or a path (`//`), and shows the number all the same. A run of
 * different marks (`.-`) stays as it is.
 */
export const COLLAPSES: readonly boolean[] = Array.from({ length: 128 }, (_, c) => ' -+./:,!"#$%&\'()*;<=>?@[]^`{}'.includes(String.fromCharCode(c)));

const DIGIT = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]/u;
/** Spaces, and the braille pattern blank (U+2800), which shows as a space but is a symbol in Unicode. */
const SPACE = /[\s\p{Z}\u2800]/u;

/**
 * True when `text` shows nothing as the guard reads it: spaces ({@link SPACE}) and invisible
 * characters (format and control characters, marks, default-ignorables: a zero-width space, a
 * soft hyphen, a word joiner, a direction mark) alone, or nothing at all.
 */
export function showsNothing(text: string): boolean {
  for (const ch of text) if (!SPACE.test(ch) && !INVISIBLE.test(ch)) return false;
  return true;
}
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
 * one types `ー`; the CJK ideograph one `一` (U+4E00; the Kangxi radical `⼀` and the annotation
 * mark `㆒` become it through NFKC), the bopomofo letter I `ㄧ` (U+3127) and the CJK stroke `㇐`
 * (U+31D0), the single horizontal strokes Chinese and Taiwanese input methods give where a dash
 * goes; the modifier letters macron and low macron `ˉ` `ˍ` (U+02C9, U+02CD), the Arabic tatweel
 * `ـ` (U+0640, the stroke that stretches a word), the Canadian syllabics final short horizontal
 * stroke `ᐨ` (U+1428), the Greek editorial lines `⸏` `⸐` `⸑` (paragraphos, U+2E0F–U+2E11), the
 * scan lines 1 and 9 `⎺` `⎽`, the straightness sign `⏤` (U+23E4) and the box-drawing double
 * horizontal `═` (U+2550), the Coptic small letter dialect-P ni `ⲻ` (U+2CBB) and the vertical
 * tilde `ⸯ` (U+2E2F), letters and symbols that all show as one horizontal line. And the
 * replacement character `�`
 * (U+FFFD), what a decoder puts for a byte it cannot read: a Windows-1252 en dash or no-break
 * space in a file read as UTF-8 (`850101�1236`) shows the number to everyone all the same.
 */
const DASH = /[\p{Pd}\u2212\u2796\u02D7\u207B\u208B~\uFF5E\u2053\u223C\u30FC\uFF70\u2043\u23AF\u23BB\u23BC\u2500\u2501\u2504\u2505\u2508\u2509\u254C\u254D\u2574\u2576\u2578\u257A\u257C\u257E\u25AC\u3161\u1173\uFFDA\uFFFD\u4E00\u3127\u31D0\u02C9\u02CD\u0640\u1428\u2E0F\u2E10\u2E11\u23BA\u23BD\u23E4\u2550\u2CBB\u2E2F]/u;

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
 * (a number written with Arabic-Indic digits, `٨٥٠١٠١٫١٢٣٦`, as `850101.1236` is one); the
 * mathematical ellipses `⋯` `⋮` `⋰` `⋱` (U+22EE–U+22F1), a run of dots in one character as `…` is
 * (which NFKC makes `...`).
 */
const DOT = /[\u00B7\u2027\u2219\u3002\u30FB\uFF65\u2022\u22C5\u2E31\u066B\u22EE\u22EF\u22F0\u22F1]/u;
/** Comma-likes: the ideographic comma `、` (halfwidth `､`), the Arabic comma `،` and thousands separator `٬`. */
const COMMA = /[\u3001\uFF64\u060C\u066C]/u;
/** Colon-likes: the ratio `∶`, the modifier letter colon `꞉` and the length mark `ː`. */
const COLON = /[\u2236\uA789\u02D0]/u;

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
 * Every symbol the Unicode Character Database gives a digit value (Numeric_Type Digit) but that is
 * no decimal digit (category Nd, read by {@link DIGIT}): superscripts and subscripts, the circled,
 * parenthesized (`⑴`), full-stop (`⒈`, `🄀`) and comma (`🄁`) digits, the dingbat circled digits
 * (`❶`, `➀`, `➊`), the double circled (`⓵`), and the number symbols of scripts whose digits are no
 * decimal digits (Ethiopic `፩`, Kharoshthi, Rumi `𐹠`, Brahmi `𑁒`, New Tai Lue). Runs
 * `[first, last, value of first]`, from UnicodeData.txt of Unicode 14.0 as printed by
 * `scripts/unicode-digit-symbols.py` (128 code points). NFKC turns some of them into a digit with a
 * mark (`⑴` `(1)`, `⒈` `1.`), which read as separated digits, and leaves the others as they are;
 * each is read as the one digit it shows.
 */
const DIGIT_SYMBOLS_UCD: ReadonlyArray<readonly [first: number, last: number, value: number]> = [
  [0xb2, 0xb3, 2], [0xb9, 0xb9, 1], [0x1369, 0x1371, 1], [0x19da, 0x19da, 1], [0x2070, 0x2070, 0],
  [0x2074, 0x2079, 4], [0x2080, 0x2089, 0], [0x2460, 0x2468, 1], [0x2474, 0x247c, 1], [0x2488, 0x2490, 1],
  [0x24ea, 0x24ea, 0], [0x24f5, 0x24fd, 1], [0x24ff, 0x24ff, 0], [0x2776, 0x277e, 1], [0x2780, 0x2788, 1],
  [0x278a, 0x2792, 1], [0x10a40, 0x10a43, 1], [0x10e60, 0x10e68, 1], [0x11052, 0x1105a, 1],
  [0x1f100, 0x1f100, 0], [0x1f101, 0x1f10a, 0],
];

/**
 * Number symbols past those that NFKC leaves as they are although they read as numbers like their
 * circled kin `⑩`–`⑳`, which it maps: each run as `[first, last, value of first, step]`, from
 * UnicodeData.txt. The dingbat circled tens `❿` `➉` `➓`, the negative circled `⓫`–`⓴` (11–20), the
 * double circled ten `⓾`, the circled tens on a black square `㉈`–`㉏` (10–80), and the dingbat
 * circled sans-serif zeros `🄋` `🄌` (Unicode 13, numeric value 0).
 */
const NUMBER_SYMBOLS: ReadonlyArray<readonly [first: number, last: number, value: number, step: number]> = [
  [0x24eb, 0x24f4, 11, 1],
  [0x24fe, 0x24fe, 10, 1],
  [0x277f, 0x277f, 10, 1],
  [0x2789, 0x2789, 10, 1],
  [0x2793, 0x2793, 10, 1],
  [0x3248, 0x324f, 10, 10],
  [0x1f10b, 0x1f10c, 0, 0],
];

/** The digits a symbol of {@link DIGIT_SYMBOLS_UCD} or {@link NUMBER_SYMBOLS} stands for (`❽` `8`, `⑴` `1`, `⓫` `11`), or undefined. */
function digitSymbol(cp: number): string | undefined {
  if (cp < 0xb2 || (cp > 0x3250 && cp < 0x10a40)) return undefined;
  for (const [first, last, value] of DIGIT_SYMBOLS_UCD) {
    if (cp >= first && cp <= last) return String(value + cp - first);
  }
  for (const [first, last, value, step] of NUMBER_SYMBOLS) {
    if (cp >= first && cp <= last) return String(value + (cp - first) * step);
  }
  return undefined;
}

/**
 * Every other punctuation mark or symbol (Unicode categories P and S: arrows `→`, quotation marks
 * `〝` `»`, editorial marks `⸎` `⸼` `⸾`, paragraph separators `჻` `᭼`, emoji …) and the letters that
 * show as an apostrophe or a prime (the modifier letters `ʹ` `ʺ` `ʻ` `ʼ` `ʽ` `ˈ` `ˌ` `ˮ`,
 * U+02B9–U+02BD, U+02C8, U+02CC, U+02EE), which Unicode calls letters. Read as the one mark `;`:
 * standing alone between the date part and the serial (`850101→1236`) it is a separator, as the
 * ASCII marks are (`personnummer.ts`); it joins digits nowhere else.
 */
const OTHER_MARK = /[\p{P}\p{S}\u02B9-\u02BD\u02C8\u02CC\u02EE]/u;

/** `;` for a character of {@link OTHER_MARK} (after every class above has had its say), else null. */
function otherMark(ch: string): Replacement {
  return OTHER_MARK.test(ch) ? ';' : null;
}

/**
 * What the code point `cp` (above U+007F; ASCII goes through {@link ASCII}) becomes: a digit
 * string, `' '`, `'-'`, `'+'`, `'/'`, `'.'`, `','`, `':'`, `';'` (another mark), `''`
 * (invisible), or null when it stays as it is. With `deep`, a character of none of the classes is read through its NFKC form,
 * each part classified (not deeply again).
 */
export function classify(cp: number, deep: boolean): Replacement {
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
  if (!deep) return otherMark(ch);
  const compat = ch.normalize('NFKC');
  if (compat === ch) return otherMark(ch);
  let out = '';
  for (const part of compat) out += classify(part.codePointAt(0) ?? 0, false) ?? part;
  return out;
}
