/**
 * The sentence that tells the person what they had written in a cell that no longer shows it
 * (put back from the doc), without ever repeating a personal identity number.
 */
import type { Localized } from '../../../shared/schema/types.js';

/**
 * What the person had written in a cell that no longer shows it, as a sentence to add to the
 * reason: `typed` in each language (`""`: they had emptied it), undefined when it looked like a
 * personal identity number, which is never repeated.
 */
export function typedWords(typed: Localized | undefined): Localized {
  if (typed === undefined) return { sv: 'Det du skrev liknade ett personnummer och visas inte här.', en: 'What you wrote looked like a personal identity number and is not shown here.' };
  if (typed.sv === '') return { sv: 'Du hade tömt cellen.', en: 'You had emptied the cell.' };
  return { sv: `Det du skrev: ”${typed.sv}”.`, en: `What you wrote: “${typed.en}”.` };
}
