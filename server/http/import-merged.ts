/**
 * The summary's note on merged cells under the header: a workbook reader gives a merged range's
 * value (its top left cell's) to every cell it covers (`xlsx-sheet-reader.ts`,
 * `ods-sheet-reader.ts`), as Excel's own "fill" would and as a grouping "Mål" over its columns is
 * meant. In the rows a file imports that is a guess a person should know of: "Promenad" merged down
 * over three rows is imported in each of them.
 */
import type { Localized } from '../../shared/schema/types.js';
import type { ImportInput } from './import-read.js';

/** Ranges named in the words; the summary's `ranges` holds them all. */
const MAX_NAMED = 10;

/** The note: the merged ranges whose value was read into rows under the header, by the sheet's names (`B3:B5`). */
export interface MergedCellsNote {
  ranges: string[];
  message: Localized;
}

/**
 * The note on the merged ranges of `input` that reach below the header row `headerRow` (the
 * sheet's number; none found: every range counts), or nothing when there are none. A range in the
 * header or above it (a group label over its columns) is read as a header is, and not named.
 */
export function mergedCellsNote(input: ImportInput, headerRow: number | undefined): { mergedCells?: MergedCellsNote } {
  const ranges = 'table' in input ? (input.mergedRanges ?? []).filter((m) => m.lastRow > (headerRow ?? 0)).map((m) => m.range) : [];
  if (ranges.length === 0) return {};
  const named = ranges.slice(0, MAX_NAMED).join(', ') + (ranges.length > MAX_NAMED ? ' …' : '');
  const one = ranges.length === 1;
  const message = {
    sv: `${one ? 'Den sammanfogade cellen' : 'De sammanfogade cellerna'} ${named} lästes med ${one ? 'sitt' : 'var sitt'} värde (cellen överst till vänster) i varje cell ${one ? 'den' : 'de'} täcker, så ${one ? 'raderna den' : 'raderna de'} spänner över fick samma värde. Dela upp sammanfogningen i filen och skriv värdet där det hör hemma om det inte stämmer.`,
    en: `The merged ${one ? 'cell' : 'cells'} ${named} ${one ? 'was' : 'were'} read with ${one ? 'its' : 'each one’s'} value (the top left cell's) in every cell ${one ? 'it covers' : 'they cover'}, so the rows ${one ? 'it spans' : 'they span'} got the same value. Unmerge the cells in the file and write the value where it belongs if that is not right.`,
  };
  return { mergedCells: { ranges, message } };
}
