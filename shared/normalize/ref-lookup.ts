/**
 * Reference lists: the names a reference column shows and the ids it stores (a unit's name and
 * code, an indicator's name and id, a kommun's name and SCB code, a partner's name and the row id
 * of its row in the partner list). Typed text
 * is matched to an id by id or by name, ignoring case and runs of whitespace
 * ("  tensta   VÅRDCENTRAL" → `vc-tensta`); text that matches nothing gets the closest names as
 * suggestions.
 */
import { trimAround } from './trim-around.js';

/** One entry of a reference list. */
export interface RefEntry {
  /** What the document stores. */
  id: string;
  /** What the sheet shows and the dropdown lists. */
  name: string;
}

/** A reference list made searchable once; see {@link refLookup}. */
export interface RefLookup {
  readonly entries: readonly RefEntry[];
  /** The name of `id`, or undefined when the list does not hold it. */
  nameOf(id: string): string | undefined;
  /** The id typed as `text` (an id or a name, any case and spacing), or undefined. */
  idOf(text: string): string | undefined;
  /** Whether `id` may be stored: listed, or accepted by the list's `alsoValid` (a list known to be incomplete). */
  valid(id: string): boolean;
  /** Up to `max` names closest to `text` (fewest edits, then shared start), best first; none when nothing is close. */
  closest(text: string, max?: number): string[];
}

/**
 * Text as compared: trimmed, runs of whitespace as one space, lower case (Swedish rules), NFC, and
 * every dash (en dash, minus, Unicode hyphens, as Word and Excel's autocorrect write them) as `-`.
 */
export function refKey(text: string): string {
  return trimAround(text.normalize('NFC')).replace(/\s+/g, ' ').replace(/[\u2010-\u2015\u2212]/g, '-').toLocaleLowerCase('sv');
}

/** The words of a compared text (letters and digits). */
const wordsOf = (key: string): string[] => key.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

/** Levenshtein distance of two strings (two rows of the table; lists are short, names too). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * Makes `entries` searchable; `alsoValid` accepts ids the list does not hold (the kommuner of a
 * län the catalog does not list completely). Later entries never shadow earlier ones, and ids win over names,
 * so a name that happens to equal another entry's id still finds that id.
 *
 * @example
 * refLookup([{ id: 'vc-tensta', name: 'Tensta vårdcentral' }]).idOf('tensta  VÅRDCENTRAL') // 'vc-tensta'
 */
export function refLookup(entries: readonly RefEntry[], alsoValid?: (id: string) => boolean): RefLookup {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const e of entries) if (!names.has(e.id)) names.set(e.id, e.name);
  for (const e of entries) if (!ids.has(refKey(e.id))) ids.set(refKey(e.id), e.id);
  for (const e of entries) if (!ids.has(refKey(e.name))) ids.set(refKey(e.name), e.id);
  return {
    entries,
    nameOf: (id) => names.get(id),
    idOf: (text) => ids.get(refKey(text)),
    valid: (id) => names.has(id) || alsoValid?.(id) === true,
    closest(text, max = 3) {
      const key = refKey(text);
      if (key === '') return [];
      const scored = entries.map((e) => {
        const name = refKey(e.name);
        // A typed start or part of a long name ("tensta") counts as close as a typo does.
        // So does every typed word in the name ("Tensta vårdcentral" for "Tensta–Hjulsta vårdcentral
        // (Åbyvägen)", a clinic renamed since the file was made).
        const nameWords = new Set(wordsOf(name));
        const typedWords = wordsOf(key);
        const inName = typedWords.length > 1 && typedWords.every((w) => nameWords.has(w));
        const part = name.includes(key) || inName ? 0 : editDistance(key, name.slice(0, Math.max(key.length, 1)));
        return { name: e.name, score: Math.min(editDistance(key, name), part) };
      });
      const limit = Math.max(2, Math.floor(key.length / 3));
      // A name listed twice (an indicator's Swedish and English entries, where the catalog gives
      // one name for both) is suggested once: "Menade du X eller X?" helps no one.
      const seen = new Set<string>();
      return scored
        .filter((s) => s.score <= limit)
        .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'sv'))
        .filter((s) => !seen.has(s.name) && seen.add(s.name) !== undefined)
        .slice(0, max)
        .map((s) => s.name);
    },
  };
}

/**
 * What a reference cell storing `stored` shows: the name of the entry with that id; else, for a
 * cell stored by name before its list had ids (partners), the name of the entry that name finds
 * (any case and spacing); else the stored text as it is (an unknown entry, reported elsewhere).
 * Without a list (not known here) the stored text.
 *
 * @example
 * shownName(partners, 'Qx81kd02LmZa') // 'Röda Korset'
 * shownName(partners, 'röda korset')  // 'Röda Korset' (stored by name before ids)
 */
export function shownName(lookup: RefLookup | undefined, stored: string): string {
  if (!lookup) return stored;
  const direct = lookup.nameOf(stored);
  if (direct !== undefined) return direct;
  const id = lookup.idOf(stored);
  return (id === undefined ? undefined : lookup.nameOf(id)) ?? stored;
}

/** Whether a reference cell's stored text finds no entry of `lookup`: no id, no name, nor accepted as valid. */
export function isUnknownRef(lookup: RefLookup, stored: string): boolean {
  return !lookup.valid(stored) && lookup.idOf(stored) === undefined;
}

/** Names quoted and joined as alternatives: "A", "B" eller "C" / "A", "B" or "C". */
export function orList(names: readonly string[], lang: 'sv' | 'en'): string {
  return new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { type: 'disjunction' }).format(names.map((n) => `"${n}"`));
}
