/**
 * The order in which a text with right-to-left parts is shown: under an override
 * ({@link displayOrder}) and in right-to-left text ({@link rtlRunsOrder}). The order in which a
 * text under a right-to-left override is shown. U+202E (RIGHT-TO-LEFT
 * OVERRIDE) makes every character after it show right to left, digits too, until U+202C (POP
 * DIRECTIONAL FORMATTING), U+2069 (POP DIRECTIONAL ISOLATE) or the end of the paragraph (Unicode
 * Bidirectional Algorithm, UAX #9, rules X5 and X7): `"\u202E6321-101058"` is stored in that
 * order and shown as `850101-1236` in Excel, a browser and a terminal alike. The personnummer
 * guard reads such a text a second time in the order shown (`personnummer.ts`).
 */

/** RIGHT-TO-LEFT OVERRIDE. */
export const RLO = '\u202e';

/** What ends an override: PDF, PDI, or a paragraph break (line feed, carriage return, U+0085, U+2029). */
const OVERRIDE_END = /[\u202c\u2069\n\r\u0085\u2029]/g;

/**
 * The indices (UTF-16) of `text` in the order its characters are shown, each override's span
 * (the characters after U+202E up to what ends it) reversed by code point, a surrogate pair kept
 * in its order; the U+202E marks themselves are left out. Null when `text` holds no U+202E.
 * Nested embeddings inside an override are not followed (the span ends at the first PDF).
 *
 * @example
 * displayOrder('a\u202Ebc'); // [0, 3, 2]
 */
export function displayOrder(text: string): number[] | null {
  let at = text.indexOf(RLO);
  if (at < 0) return null;
  const order: number[] = [];
  let from = 0;
  while (at >= 0) {
    for (let i = from; i < at; i++) order.push(i);
    OVERRIDE_END.lastIndex = at + 1;
    const end = OVERRIDE_END.exec(text)?.index ?? text.length;
    const span: number[][] = [];
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x202e) continue;
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      span.push(pair ? [i, ++i] : [i]);
    }
    for (let k = span.length - 1; k >= 0; k--) order.push(...span[k]!);
    from = end;
    at = text.indexOf(RLO, end);
  }
  for (let i = from; i < text.length; i++) order.push(i);
  return order;
}

/**
 * A right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms;
 * not the Arabic-Indic digits, which are numbers) or a right-to-left mark, embedding, override or
 * isolate (U+200F, U+061C, U+202B, U+202E, U+2067).
 */
const RTL = /[\u0590-\u05ff\u0600-\u065f\u066a-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067]/;

/**
 * A number as the bidirectional algorithm keeps it whole (rule W4: one `+` `-` `,` `.` `/` `:`
 * between two digits joins them): shown in its own order whatever the direction around it.
 */
const NUMBER = /\p{Nd}+(?:[-+,./:]\p{Nd}+)*/gu;

/**
 * The indices of `text` in the order a right-to-left paragraph shows it, or null when `text`
 * holds nothing right-to-left ({@link RTL}). Numbers ({@link NUMBER}) keep their own order and
 * everything else is reversed, so the numbers come in reverse order: `"رقم 1236 850101"` shows
 * `850101 1236 مقر` (UAX #9, rules W4, N1 and L2), as Excel and a browser show it in a cell or
 * element whose direction follows its first letter, and as any right-to-left embedding shows it.
 * An approximation of the algorithm: left-to-right words between right-to-left ones are reversed
 * too; only the order of the numbers matters to the guard.
 *
 * @example
 * rtlRunsOrder('\u200f12 34'); // [4, 5, 3, 1, 2, 0]: '34', ' ', '12', then U+200F
 */
export function rtlRunsOrder(text: string): number[] | null {
  if (!RTL.test(text)) return null;
  const segments: [number, number][] = [];
  let at = 0;
  const single = (end: number): void => {
    while (at < end) {
      const pair = (text.charCodeAt(at) & 0xfc00) === 0xd800 && at + 1 < end;
      segments.push([at, at + (pair ? 2 : 1)]);
      at += pair ? 2 : 1;
    }
  };
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    single(m.index);
    segments.push([m.index, m.index + m[0].length]);
    at = m.index + m[0].length;
  }
  single(text.length);
  const order: number[] = [];
  for (let k = segments.length - 1; k >= 0; k--) {
    const [from, to] = segments[k]!;
    for (let i = from; i < to; i++) order.push(i);
  }
  return order;
}
