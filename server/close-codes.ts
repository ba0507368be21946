/**
 * The unit codes close to one a person typed that a workspace does not have (a typo, another
 * case), so a refusal can name them: `samplan unit rename` (`cli-unit-codes.ts`), and a member's
 * units, a unit's parent and a document's owner unit, by the API and the command line alike.
 */
import type { Localized } from '../shared/schema/types.js';

/** Edits (insert, delete, change a character) between `a` and `b`, Levenshtein's distance. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The codes of `known` close to `code`, closest first, at most 3: one that holds it or is held in
 * it, or one at most a third of its length of edits away (at least 1, at most 3), case aside.
 *
 * @example
 * closeCodes('vc-huby', ['vc-husby', 'vc-tensta']); // ['vc-husby']
 */
export function closeCodes(code: string, known: readonly string[]): string[] {
  const c = code.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(c.length / 3)));
  return known
    .map((k) => ({ k, d: editDistance(c, k.toLowerCase()), holds: c !== '' && (k.toLowerCase().includes(c) || c.includes(k.toLowerCase())) }))
    .filter(({ d, holds }) => d <= limit || holds)
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : 1))
    .slice(0, 3)
    .map(({ k }) => k);
}

/**
 * The sentence of unit codes `unknown` that a workspace with units `known` does not have, each
 * with the codes close to it: `The workspace has no unit vc-huby; did you mean vc-husby?`.
 * `quote` puts each unknown code in quotes (a document's owner unit is named so).
 *
 * @example
 * unknownUnitWords(['vc-huby'], ['vc-husby']).en; // 'The workspace has no unit vc-huby; did you mean vc-husby?'
 */
export function unknownUnitWords(unknown: readonly string[], known: readonly string[], quote = false): Localized {
  const named = (c: string): string => (quote ? `"${c}"` : c);
  const hints = unknown.map((c) => ({ c, close: closeCodes(c, known) })).filter((h) => h.close.length > 0);
  const list = unknown.map(named).join(', ');
  if (hints.length === 0) return { sv: `Arbetsytan har ingen enhet ${list}.`, en: `The workspace has no unit ${list}.` };
  // With one unknown code the question needs no name; with more, each close list says which code it is for.
  const one = unknown.length === 1;
  const sv = hints.map((h) => `${h.close.join(' eller ')}${one ? '' : ` för ${named(h.c)}`}`).join('; ');
  const en = hints.map((h) => `${h.close.join(' or ')}${one ? '' : ` for ${named(h.c)}`}`).join('; ');
  return { sv: `Arbetsytan har ingen enhet ${list}; menade du ${sv}?`, en: `The workspace has no unit ${list}; did you mean ${en}?` };
}
