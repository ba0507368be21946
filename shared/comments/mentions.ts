/**
 * Mentions in comment texts. A mention is stored as `@{member-id}` (so renaming a member renames
 * every mention of them) and shown as `@Name`. An `@word` that names nobody stays plain text.
 */

/** A stored mention: `@{` + a member id (no `}`, at most 128 characters) + `}`. */
const MENTION = /@\{([^{}\s][^{}]{0,127})\}/g;

/** A piece of a comment text: plain text, or a mention of a member id. */
export type TextPart = { text: string } | { mention: string };

/** The text split into plain parts and mentions, in order. */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ mention: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The member ids a text mentions, each once, in order. */
export function mentionsOf(text: string): string[] {
  return [...new Set(textParts(text).flatMap((p) => ('mention' in p ? [p.mention] : [])))];
}

/** The text as people read it: each mention as `@Name` (the id when the member is unknown). */
export function shownText(text: string, names: ReadonlyMap<string, string>): string {
  return textParts(text)
    .map((p) => ('mention' in p ? `@${names.get(p.mention) ?? p.mention}` : p.text))
    .join('');
}

/**
 * Turns what was typed into the stored text: every `@Name` of a member in `chosen` (name → id;
 * the names picked from the autocomplete, longest first so "Anna Ek" wins over "Anna") becomes
 * `@{id}`. Any other `@word` is left as typed.
 */
export function storedText(typed: string, chosen: ReadonlyMap<string, string>): string {
  const names = [...chosen.keys()].sort((a, b) => b.length - a.length);
  let out = '';
  let i = 0;
  while (i < typed.length) {
    const name = typed[i] === '@' ? names.find((n) => typed.startsWith(n, i + 1)) : undefined;
    if (name === undefined) {
      out += typed[i];
      i++;
    } else {
      out += `@{${chosen.get(name) as string}}`;
      i += name.length + 1;
    }
  }
  return out;
}
