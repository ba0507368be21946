/**
 * Whitespace and invisible format characters (Unicode Cf: a zero-width space, a joiner, a
 * direction mark, a soft hyphen, a byte-order mark) before and after a text: none is part of what
 * anyone meant to write, and a text carrying one is not the text it looks like (a name no lookup
 * finds, a title that differs from its twin). Inside a text they stay. One rule for every door
 * (the sheet, the imports), through `normalizeCell` and the lookups.
 */
const AROUND = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/**
 * `text` without the whitespace and invisible format characters around it.
 * @example trimAround('\u200bPromenad ') // 'Promenad'
 */
export function trimAround(text: string): string {
  return text.replace(AROUND, '');
}
