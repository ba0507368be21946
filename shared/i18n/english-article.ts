/**
 * The English indefinite article of a word put into a sentence at run time: "an ODS file", "a CSV
 * file", "an activity-plan document". Written by hand before a format's name, "a ods file" was printed.
 */

/** Capitals whose English letter name starts with a vowel sound (ef, aitch, el, em, en, ar, es, ex …). */
const VOWEL_LETTER_NAMES = new Set('AEFHILMNORSX');

/**
 * `word` after "a" or "an". A word in capitals is read letter by letter ("an XLSX", "an HTML",
 * "a CSV"; "a JSON" too, read as a word but starting with a consonant); any other by its first
 * letter being a vowel ("an ods", "an activity-plan", "a journal"). Words such as "hour" or
 * "user", whose sound the spelling hides, are not told apart.
 *
 * @example withArticle('ODS'); // 'an ODS'
 * @example withArticle('activity-plan'); // 'an activity-plan'
 * @example withArticle('CSV'); // 'a CSV'
 */
export function withArticle(word: string): string {
  const first = word.charAt(0);
  const capitals = word.length > 1 && /^[A-Z0-9]+$/.test(word);
  const an = capitals ? VOWEL_LETTER_NAMES.has(first) : /^[aeiou]/i.test(first);
  return `${an ? 'an' : 'a'} ${word}`;
}
