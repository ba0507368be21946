/**
 * The @-mention autocomplete of the comment composer, as plain functions: which `@query` the
 * caret is in, the members that match it, and the text after one is chosen.
 */

/** A workspace member as mentions know them. */
export interface Person {
  id: string;
  name: string;
}

/** Longest query looked at: past this, the `@` is taken as plain text. */
const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`: the `@` at `start` and what follows it up to the caret.
 * Null when the caret is not in one (no `@` on the line, or one inside a word such as an e-mail
 * address).
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || caret - at - 1 > MAX_QUERY) return null;
  const prev = at > 0 ? before[at - 1] : ' ';
  if (prev !== undefined && /[\p{L}\p{N}._-]/u.test(prev)) return null;
  const query = before.slice(at + 1);
  if (/[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/** Up to `limit` people matching `query` (name or id, any case): names starting with it first. */
export function suggest(people: readonly Person[], query: string, limit = 6): Person[] {
  const q = query.trim().toLocaleLowerCase('sv');
  const scored: { p: Person; rank: number }[] = [];
  for (const p of people) {
    const name = p.name.toLocaleLowerCase('sv');
    const rank = name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : name.includes(q) || p.id.toLowerCase().includes(q) ? 2 : -1;
    if (rank >= 0) scored.push({ p, rank });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name, 'sv'))
    .slice(0, limit)
    .map((s) => s.p);
}

/** The text with the `@query` from `start` to `caret` replaced by `@Name `, and the caret after it. */
export function applyMention(text: string, start: number, caret: number, person: Person): { text: string; caret: number } {
  const inserted = `@${person.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
