/**
 * Which characters a name or a text people type may hold before Samplan stores it, without zod:
 * the zod schemas every name and text field of the API, the CLI and the pane is built from
 * (`nameText`, `freeText` in `plain-text.ts`) refuse by it, and the CLI checks a name by it
 * before it loads any package (`server/cli-flag-checks.ts`).
 *
 * Refused, with words naming the field and the character as `U+202E`:
 * - **A lone UTF-16 surrogate** (`"\ud800"` in a JSON body): no store can keep it; SQLite, Yjs and
 *   PostgreSQL turn it into U+FFFD, so what was stored is not what was typed. It is refused rather
 *   than stored well formed: the person keeps what they typed and is told to type the character
 *   again, instead of finding another text than theirs in the Explorer, and an answer never has
 *   to differ from its request.
 * - **C0 and C1 control characters** (U+0000–U+001F, U+007F–U+009F): a bell, an escape or a
 *   carriage return in a unit name reaches terminals, logs and CSV files. A free text (`freeText`)
 *   (comments, return reasons) keeps line feed and tab, which such texts legitimately hold.
 * - **Bidirectional embeddings, overrides and isolates** (U+202A–U+202E, U+2066–U+2069): invisible,
 *   they reorder what follows (`"a\u202eevil"` shows as `alive`), so a unit name could pass for
 *   another in the Explorer and the sheet ("Trojan Source", CVE-2021-42574). Names also refuse
 *   the direction marks U+200E, U+200F and U+061C and the line and paragraph separators
 *   U+2028/U+2029: invisible or line-breaking in a one-line name, they make two names that look
 *   alike differ; in a free text the marks are kept, as mixed-direction prose needs them.
 * - **Invisible characters in names**: zero-width space U+200B, U+FEFF (BOM), word joiner U+2060
 *   and soft hyphen U+00AD: `Vårdcentral\u200B A` looks like `Vårdcentral A` and is another name.
 *   The joiners U+200C (ZWNJ) and U+200D (ZWJ) pass only where a reader sees what they do: between
 *   letters of a script that joins or forms conjuncts (Persian `می‌خواهم`, Devanagari) and, for
 *   ZWJ, inside an emoji sequence (`👩‍⚕️`); between Latin letters they are refused. Free texts keep
 *   them all (the personnummer guard reads through them, `normalize-digits.ts`).
 *
 * Swedish names, å ä ö, é, en and em dashes and every other printable character pass.
 */
import type { Localized } from '../schema/types.js';
import { digits } from '../i18n/number-words.js';

/**
 * A character a text may not hold, and where: `code` as `U+202E`, `index` its 0-based offset in
 * UTF-16 code units (what `slice` and programs count), `number` its 1-based place as a person
 * counts what they see ("tecken nr 5", {@link placeNumber}): the characters before it counted as
 * grapheme clusters (`é` written as e + U+0301 counts once, so does 👍🏽, an emoji with its skin
 * tone), and the refused character itself as one.
 */
export interface TextFault {
  code: string;
  index: number;
  number: number;
  /** What the character is, in both languages, for the sentence that refuses it. */
  what: Localized;
}

/** Whether the text is a one-line name (the default) or a free text that keeps line feeds and tabs. */
export interface TextKind {
  multiline?: boolean;
}

const BIDI_NAMES: Readonly<Record<number, Localized>> = {
  0x202a: { sv: 'vänster-till-höger-inbäddning', en: 'left-to-right embedding' },
  0x202b: { sv: 'höger-till-vänster-inbäddning', en: 'right-to-left embedding' },
  0x202c: { sv: 'slut på riktningsformatering', en: 'pop directional formatting' },
  0x202d: { sv: 'vänster-till-höger-åsidosättning', en: 'left-to-right override' },
  0x202e: { sv: 'höger-till-vänster-åsidosättning', en: 'right-to-left override' },
  0x2066: { sv: 'vänster-till-höger-isolering', en: 'left-to-right isolate' },
  0x2067: { sv: 'höger-till-vänster-isolering', en: 'right-to-left isolate' },
  0x2068: { sv: 'första-starka-isolering', en: 'first strong isolate' },
  0x2069: { sv: 'slut på riktningsisolering', en: 'pop directional isolate' },
};
const NAME_ONLY: Readonly<Record<number, Localized>> = {
  0x200e: { sv: 'vänster-till-höger-markering', en: 'left-to-right mark' },
  0x200f: { sv: 'höger-till-vänster-markering', en: 'right-to-left mark' },
  0x061c: { sv: 'arabisk bokstavsmarkering', en: 'Arabic letter mark' },
  0x2028: { sv: 'radavgränsare', en: 'line separator' },
  0x2029: { sv: 'styckeavgränsare', en: 'paragraph separator' },
  0x200b: { sv: 'nollbrett mellanslag', en: 'zero-width space' },
  0xfeff: { sv: 'nollbrett hårt mellanslag (BOM)', en: 'zero-width no-break space (BOM)' },
  0x2060: { sv: 'ordsammanfogare', en: 'word joiner' },
  0x00ad: { sv: 'mjukt bindestreck', en: 'soft hyphen' },
};
/** The joiners, refused in a name unless {@link joinerNeeded} says the text needs them there. */
const JOINERS: Readonly<Record<number, Localized>> = {
  0x200c: { sv: 'nollbredd icke-sammanfogare', en: 'zero-width non-joiner' },
  0x200d: { sv: 'nollbredd sammanfogare', en: 'zero-width joiner' },
};
/**
 * A letter or mark of a script that shapes letters by joining them or by conjuncts (Arabic,
 * Syriac, N'Ko, Mongolian, the Indic scripts …): anything that is a letter or mark but not Latin,
 * Greek, Cyrillic, Armenian, Georgian or Han, which never need a joiner (Unicode's Standard, 23.2).
 */
const JOINING_LETTER = /[\p{L}\p{M}]/u;
const NEVER_JOINS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Han}\p{Script=Common}]/u;
/** What may stand either side of a zero-width joiner in an emoji sequence (👩‍⚕️). */
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}]/u;
const CONTROL: Localized = { sv: 'ett styrtecken', en: 'a control character' };
const SURROGATE: Localized = { sv: 'ett ensamt UTF-16-surrogat', en: 'a lone UTF-16 surrogate' };

/** Every character any kind refuses, for a quick test before the walk that names one. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ud800-\udfff\ufeff]/;

/** Grapheme clusters (Unicode's UAX #29, what a reader sees as one character), where the runtime has them. */
const GRAPHEMES: Intl.Segmenter | null = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('sv', { granularity: 'grapheme' }) : null;

/**
 * The 1-based place of the code unit at `index` of `text` as a person counts ("tecken nr N"): one
 * more than the grapheme clusters of `text.slice(0, index)` (UAX #29 through `Intl.Segmenter`),
 * so a combining accent or an emoji's skin-tone modifier before it does not count again. The
 * character at `index` counts as one of its own even where it would extend the cluster before it
 * (an invisible joiner): it is the one the person is told about. Where the runtime has no
 * `Intl.Segmenter` (older browsers), code points are counted. Linear in `index`.
 *
 * @example
 * placeNumber('Cafe\u0301\u200b', 5); // 5 (C, a, f, é, then the zero-width space)
 */
export function placeNumber(text: string, index: number): number {
  const before = text.slice(0, index);
  let number = 1;
  if (GRAPHEMES) for (const _ of GRAPHEMES.segment(before)) number++;
  else for (const _ of before) number++;
  return number;
}

/** `U+202E` for 0x202e. */
function codeOf(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why the code unit at `i` of `text` is refused, or null. */
function faultAt(text: string, i: number, multiline: boolean): Localized | null | 'pair' {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 'pair' : SURROGATE;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return SURROGATE;
  if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return multiline && (c === 0x0a || c === 0x09) ? null : CONTROL;
  if (!multiline && JOINERS[c] !== undefined) return joinerNeeded(text, i) ? null : JOINERS[c];
  return BIDI_NAMES[c] ?? (multiline ? null : (NAME_ONLY[c] ?? null));
}

/** The code point that ends just before `i`, or '' at the start. */
function pointBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(Math.max(0, i - 1), i);
}

/**
 * Whether the joiner at `i` does work a reader sees: between two letters or marks of a script that
 * joins or forms conjuncts (the Persian ZWNJ of `می‌خواهم`, a Devanagari half form), or, for
 * U+200D, between two parts of an emoji (`👩‍⚕️`). Between Latin letters, digits or spaces it
 * changes nothing on screen and would only make two names that look alike differ.
 */
function joinerNeeded(text: string, i: number): boolean {
  const before = pointBefore(text, i);
  const after = String.fromCodePoint(text.codePointAt(i + 1) ?? 0x20);
  const joins = (ch: string): boolean => JOINING_LETTER.test(ch) && !NEVER_JOINS.test(ch);
  if (joins(before) && joins(after)) return true;
  return text.charCodeAt(i) === 0x200d && EMOJI_PART.test(before) && EMOJI_PART.test(after);
}

/**
 * The first character of `text` that a name (or, with `multiline`, a free text) may not hold, or
 * null when every character may be stored. Linear in the text's length; a text with none of the
 * refused characters costs one regular-expression test.
 *
 * @example
 * findTextFault('a\u0007b\u202eevil'); // { code: 'U+0007', index: 1, number: 2, what: { sv: 'ett styrtecken', … } }
 * findTextFault('rad ett\nrad två', { multiline: true }); // null
 */
export function findTextFault(text: string, kind: TextKind = {}): TextFault | null {
  if (!SUSPECT.test(text)) return null;
  const multiline = kind.multiline === true;
  for (let i = 0; i < text.length; i++) {
    const fault = faultAt(text, i, multiline);
    if (fault === 'pair') i++;
    else if (fault) return { code: codeOf(text.charCodeAt(i)), index: i, number: placeNumber(text, i), what: fault };
  }
  return null;
}

/**
 * `text` safe to show: every character {@link findTextFault} refuses for `kind` replaced by its
 * code in angle quotes (`⟨U+202E⟩`), so a text stored before the rule (a comment written by an
 * older version) shows what it holds instead of reordering or hiding what follows. A lone
 * surrogate shows as `⟨U+D800⟩`. Texts without such characters are returned as they are.
 *
 * @example
 * visibleText('a\u202eevil'); // 'a⟨U+202E⟩evil'
 */
export function visibleText(text: string, kind: TextKind = {}): string {
  if (!SUSPECT.test(text)) return text;
  const multiline = kind.multiline === true;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const fault = faultAt(text, i, multiline);
    if (fault === 'pair') {
      out += text.slice(i, i + 2);
      i++;
    } else out += fault ? `⟨${codeOf(text.charCodeAt(i))}⟩` : text.charAt(i);
  }
  return out;
}

/**
 * `text` split to show a refused character where it is: {@link visibleText} of what stands before
 * and after the code unit at `index` (0-based, UTF-16, as {@link TextFault.index} and the API's
 * `details.index`), judged in the whole text, and that character as its code (`⟨U+200B⟩`). An
 * `index` outside the text gives the whole text visible in `before`.
 *
 * @example
 * visibleAround('Vårdcentral\u200b A', 11); // ['Vårdcentral', '⟨U+200B⟩', ' A']
 */
export function visibleAround(text: string, index: number, kind: TextKind = {}): [before: string, at: string, after: string] {
  if (!Number.isInteger(index) || index < 0 || index >= text.length) return [visibleText(text, kind), '', ''];
  const multiline = kind.multiline === true;
  const parts: [string, string, string] = ['', '', ''];
  for (let i = 0; i < text.length; i++) {
    const part = i < index ? 0 : i === index ? 1 : 2;
    const fault = i === index ? faultAt(text, i, multiline) || 'shown' : faultAt(text, i, multiline);
    if (fault === 'pair') {
      parts[part] += text.slice(i, i + 2);
      i++;
    } else parts[part] += fault ? `⟨${codeOf(text.charCodeAt(i))}⟩` : text.charAt(i);
  }
  return parts;
}

/**
 * The sentence after a field's name that refuses `fault`, naming the character and its place, in
 * both languages:
 * `innehåller U+202E (höger-till-vänster-åsidosättning) som tecken nr 5, vilket inte får finnas i ett namn` /
 * `contains U+202E (right-to-left override) as character 5, which a name may not hold`.
 */
export function textFaultWords(fault: TextFault, kind: TextKind = {}): Localized {
  const sv = kind.multiline ? 'en text' : 'ett namn';
  const en = kind.multiline ? 'a text' : 'a name';
  if (fault.what === SURROGATE) {
    return {
      sv: `innehåller ett trasigt tecken (${fault.code}, ${SURROGATE.sv}) som tecken nr ${digits(fault.number)}, vilket inte kan sparas som det skrevs; skriv tecknet igen`,
      en: `contains a broken character (${fault.code}, ${SURROGATE.en}) as character ${digits(fault.number)}, which cannot be stored as written; type the character again`,
    };
  }
  return {
    sv: `innehåller ${fault.code} (${fault.what.sv}) som tecken nr ${digits(fault.number)}, vilket inte får finnas i ${sv}`,
    en: `contains ${fault.code} (${fault.what.en}) as character ${digits(fault.number)}, which ${en} may not hold`,
  };
}

/**
 * The zod issue params of a refused character: the Swedish words, which `validationHook`
 * (`server/http/errors.ts`) puts in the Swedish sentence, the character's code (`U+200B`), its
 * 0-based UTF-16 `index` in the text as parsed (trimmed, see {@link trimName}) and its 1-based
 * `number` as a person counts ({@link placeNumber}).
 */
export interface TextFaultParams {
  sv: string;
  character: string;
  index: number;
  number: number;
}

/** White space and line breaks (`\s`) but U+FEFF, which JavaScript's `trim` counts as white space. */
const EDGE_SPACE = /(?!\ufeff)\s/;

/**
 * `name` without the white space and line breaks at its ends (a paste from a cell brings them),
 * as `String.prototype.trim` but for U+FEFF: that is no white space in Unicode (a format
 * character, the byte-order mark) and is refused in a name wherever it stands, in words
 * ({@link findTextFault}), instead of dropped at the start and refused elsewhere. Where a BOM is
 * the encoding mark of a file (an import), the file's reader strips it before any name is read
 * (`server/http/decode-text.ts`, `csv-read.ts`). Linear in the name's length.
 *
 * @example
 * trimName(' Vårdcentral A\r\n'); // 'Vårdcentral A'
 * trimName('\ufeffVårdcentral A'); // '\ufeffVårdcentral A' (then refused: contains U+FEFF)
 */
export function trimName(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && EDGE_SPACE.test(name.charAt(start))) start++;
  while (end > start && EDGE_SPACE.test(name.charAt(end - 1))) end--;
  return start === 0 && end === name.length ? name : name.slice(start, end);
}

/** The longest name, in UTF-16 code units: `nameText`'s default, and a document title's over the socket too. */
export const NAME_MAX = 200;
