/**
 * The server's import summary (`server/http/import-summary.ts`, dry run or not) as the pane shows
 * it: the rows added and changed, each refused record in the server's words, the file's columns
 * the document does not have, the reference values no list names, and everything else the check
 * found that changes what is stored or how the file was read: the values to look at again
 * (`warnings`), the values stored otherwise than the file writes them (`normalizedNotes`), the
 * indicator values computed instead of the file's (`valueDifferences`), and the notes on the file
 * (the sheet read, formulas without a value, hidden rows and columns, total rows left out), and
 * that the file had no rows to import (`noRows`). Read
 * with `safeParse` (the answer is an edge): a part the pane cannot read is shown as none, never as
 * a crash.
 */
import { z } from 'zod';
import type { Lang } from './strings.js';

/** How many items of a long list (warnings, value differences) are shown; the rest are counted. */
export const SHOWN_ITEMS = 5;

const localized = z.looseObject({ sv: z.string().optional(), en: z.string().optional() });
const worded = z.looseObject({ message: localized.optional(), reason: z.string().optional() });
const note = z.looseObject({ message: localized }).optional().catch(undefined);
const summarySchema = z.looseObject({
  imported: z.number().catch(0),
  updated: z.number().catch(0),
  refused: z.array(worded).catch([]),
  unknownColumns: z.array(z.string()).catch([]),
  unresolved: z.array(worded).catch([]),
  warnings: z.array(worded).catch([]),
  normalizedNotes: z.array(worded).catch([]),
  valueDifferences: z.array(worded).catch([]),
  sheet: note,
  formulasWithoutValue: note,
  hiddenRows: note,
  hiddenColumns: note,
  totalRows: note,
  noRows: note,
});

/** A list that may be long: its first {@link SHOWN_ITEMS} items in words, and how many there are. */
export interface ShownItems {
  count: number;
  shown: string[];
}

/** What an import did, or a dry run would do, in words of one language. */
export interface ImportSummaryWords {
  /** Rows added. */
  imported: number;
  /** Stored rows changed. */
  updated: number;
  /** Each refused record: "Rad 5 i filen: …" (nothing of it is stored). */
  refused: string[];
  /** The file's headers (or JSON keys) that name no column of the document: not read. */
  unknownColumns: string[];
  /** Each reference value no list names, kept as typed: "Enhet: "Tensta vc" finns inte i listan. Menade du …?". */
  unresolved: string[];
  /** Values imported as written that are worth a second look: "Rad 8 i filen: … över max …". */
  warnings: ShownItems;
  /** Each column and way of values stored otherwise than written: "Kolumnen "Startdatum": 3 värden … (rad 4, 7, 9)." */
  normalized: string[];
  /** Indicator values not stored because täljare / nämnare give another. */
  valueDifferences: ShownItems;
  /** The server's notes on the file as a whole (sheet read, formulas without value, hidden rows or columns, total rows). */
  fileNotes: string[];
  /** That the file has no rows (a header alone), so there is nothing to import; empty when it has some. */
  noRows: string;
}

/** The words of a refused record or unresolved value in `lang`: the server's own, else its English reason. */
function wordsOf(item: z.infer<typeof worded>, lang: Lang): string {
  return item.message?.[lang] ?? item.reason ?? item.message?.en ?? '';
}

/** `items` in words, the first {@link SHOWN_ITEMS} of them. */
function shownOf(items: readonly z.infer<typeof worded>[], lang: Lang): ShownItems {
  return { count: items.length, shown: items.slice(0, SHOWN_ITEMS).map((i) => wordsOf(i, lang)) };
}

/**
 * The summary `raw` in `lang`.
 *
 * @example
 * summaryWords({ imported: 2, updated: 0, refused: [], unknownColumns: ['Färg'], unresolved: [] }, 'sv').unknownColumns // ['Färg']
 */
export function summaryWords(raw: unknown, lang: Lang): ImportSummaryWords {
  const parsed = summarySchema.safeParse(raw);
  const none = { count: 0, shown: [] };
  if (!parsed.success) return { imported: 0, updated: 0, refused: [], unknownColumns: [], unresolved: [], warnings: none, normalized: [], valueDifferences: none, fileNotes: [], noRows: '' };
  const s = parsed.data;
  const notes = [s.sheet, s.formulasWithoutValue, s.hiddenRows, s.hiddenColumns, s.totalRows];
  return {
    imported: s.imported,
    updated: s.updated,
    refused: s.refused.map((r) => wordsOf(r, lang)),
    unknownColumns: s.unknownColumns,
    unresolved: s.unresolved.map((u) => wordsOf(u, lang)),
    warnings: shownOf(s.warnings, lang),
    normalized: s.normalizedNotes.map((n) => wordsOf(n, lang)),
    valueDifferences: shownOf(s.valueDifferences, lang),
    fileNotes: notes.flatMap((n) => (n ? [wordsOf(n, lang)] : [])).filter((t) => t !== ''),
    noRows: s.noRows ? wordsOf(s.noRows, lang) : '',
  };
}
