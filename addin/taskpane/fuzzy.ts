/**
 * Fuzzy matching for the command palette, as in VS Code's quick open: every character of the
 * query must appear in order; consecutive runs and matches at word starts score higher.
 * Case and Swedish diacritics are ignored (`oppna` finds `Öppna`).
 */

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The score of `query` against `text`, or null when it does not match. Higher is better; an
 * empty query matches everything with score 0.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = fold(query).replace(/\s+/g, '');
  if (!q) return 0;
  const t = fold(text);
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, at);
    if (found < 0) return null;
    const wordStart = found === 0 || /[\s:()\-/]/.test(t[found - 1] ?? '');
    score += 1 + (found === previous + 1 ? 3 : 0) + (wordStart ? 2 : 0);
    previous = found;
    at = found + 1;
  }
  return score - t.length * 0.01;
}

/** The items whose label matches `query`, best first (ties keep their order). */
export function fuzzyFilter<T>(query: string, items: readonly T[], label: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, label(item)) }))
    .filter((m): m is { item: T; index: number; score: number } => m.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => m.item);
}
