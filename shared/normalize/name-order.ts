/**
 * The one order of people's names in Samplan: Swedish collation (å, ä, ö after z, case and
 * accents second), numbers in a name by value ("Person 2" before "Person 10"), and the id to
 * break a tie so two people of one name keep one order everywhere. Every store lists members in
 * it and the pane shows them in it, so the list reads the same from SQLite, PostgreSQL, memory
 * and the pane alike.
 */
const swedish = new Intl.Collator('sv-SE', { numeric: true });

/** Compare two names in Swedish order (negative: `a` first). */
export function compareNames(a: string, b: string): number {
  return swedish.compare(a, b);
}

/**
 * `items` in name order, ties by id (plain code-unit order, as ids are compared elsewhere).
 * A new array: the input is not reordered.
 */
export function byName<T extends { name: string; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
