/**
 * The order in which a text under a right-to-left override is shown. U+202E (RIGHT-TO-LEFT
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
