/**
 * Words that give one language away inside the other's sentence, for tests that check a Swedish
 * sentence holds no English (zod's "expected string, received undefined") and the English no
 * Swedish. Run them on a sentence passed through {@link withoutKeys}: an API key in brackets
 * (`namnet (title)`) and a quoted value (`"json"`) are meant to stay as written.
 */

/** Common English words of refusals; a whole word, any case (Swedish letters count as letters). */
export const ENGLISH_WORDS =
  /(?<![\p{L}\p{N}])(expected|received|invalid|must|should|field|fields|string|number|array|object|input|option|too|small|big|characters?|items?|the|is|of|to|not|least|most|value|values|request|body|unknown|did|you|mean|takes?|does|nothing|there|please|error|failed|missing|required|allowed|with|and|or|at|from)(?![\p{L}\p{N}])/iu;

/** Swedish letters and common Swedish words of refusals. */
export const SWEDISH_WORDS = /[åäöÅÄÖ]|(?<![\p{L}\p{N}])(och|inte|ska|får|saknas|fältet|värde|värdet|eller|förfrågan|giltig|finns|måste|enheten)(?![\p{L}\p{N}])/iu;

/** `sentence` without quoted values (`"json"`), API keys in brackets (`(dueDate)`, `(units.1)`), command-line flags (`--from`) and code points (`U+202E`). */
export function withoutKeys(sentence: string): string {
  return sentence
    .replace(/"[^"]*"/g, '""')
    .replace(/\([A-Za-z_][\w.]*\)/g, '()')
    .replace(/(?<![\p{L}\p{N}-])--[a-z][a-z-]*/gu, '--')
    .replace(/U\+[0-9A-F]{4,6}/g, '');
}
