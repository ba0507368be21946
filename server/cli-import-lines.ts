/**
 * What `samplan import` prints on standard output for a person (`cli-import.ts`): the counts, and
 * the rows taken, new and changed apart, by their place in the file and their name, the first
 * {@link LISTED_ROWS} of each and the rest counted. The whole answer, every row and id, is what
 * `--json` prints instead. The refusals, warnings and notes go to standard error as sentences.
 */
import type { ImportSummary, ImportTaken } from './http/import-rows.js';

/** How many rows of each list (added, changed) are printed; the rest are counted. */
export const LISTED_ROWS = 20;

/** `1 row`, `3 rows`. */
function rows(n: number): string {
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}

/** "Row 5: Hälsodag i Tensta" ("Record 4" for JSON, which has no rows). */
function takenLine(t: ImportTaken): string {
  const place = t.row !== undefined ? `Row ${t.row}` : `Record ${t.record}`;
  return t.name ? `${place}: ${t.name.en}` : place;
}

/** The list `title` of `items`, each on an indented line, the first {@link LISTED_ROWS} and the rest counted; none when empty. */
function listed(title: string, items: readonly ImportTaken[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LISTED_ROWS).map((t) => `  ${takenLine(t)}`);
  const more = items.length - LISTED_ROWS;
  return [`${title}:`, ...shown, ...(more > 0 ? [`  … and ${more} more (--json lists every row).`] : [])];
}

/**
 * The lines of `summary` for a person: whether anything was stored, the counts ("Added 3 rows and
 * changed 1; 2 unchanged, 1 refused, 1 empty or total row left out."), and the rows taken.
 *
 * @example
 * summaryLines({ dryRun: true, imported: 1, updated: 0, unchanged: 0, ignored: 0, refused: [], taken: [...] , ... })
 * // ['Dry run: nothing was stored.', 'Would add 1 row and change 0; 0 unchanged, 0 refused.', 'Would add:', '  Row 2: Stavgång']
 */
export function summaryLines(summary: ImportSummary): string[] {
  const dry = summary.dryRun;
  const skipped = summary.ignored - summary.unchanged;
  const counts = `${dry ? 'Would add' : 'Added'} ${rows(summary.imported)} and ${dry ? 'change' : 'changed'} ${summary.updated}; ${summary.unchanged} unchanged, ${summary.refused.length} refused${skipped > 0 ? `, ${skipped} empty or total ${skipped === 1 ? 'row' : 'rows'} left out` : ''}.`;
  return [
    ...(dry ? ['Dry run: nothing was stored.'] : []),
    counts,
    ...listed(dry ? 'Would add' : 'Added', summary.taken.filter((t) => t.change === 'added')),
    ...listed(dry ? 'Would change' : 'Changed', summary.taken.filter((t) => t.change === 'changed')),
  ];
}
