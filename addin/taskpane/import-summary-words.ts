/**
 * The server's import summary (`server/http/import-summary.ts`, dry run or not) as the pane shows
 * it: the rows added and changed, each refused record in the server's words, the file's columns
 * the document does not have, the reference values no list names, and everything else the check
 * found that changes what is stored or how the file was read: the values to look at again
 * (`warnings`), the values stored otherwise than the file writes them (`normalizedNotes`), the
 * indicator values computed instead of the file's (`valueDifferences`), the edits made in Samplan
 * since the file was exported that the import keeps (`version.laterEdits`), and the notes on the file
 * (the sheet read, formulas without a value, hidden rows and columns, total rows left out), and
 * that the file had no rows to import (`noRows`); what was taken (`taken`: the new and the changed rows
 * by their place and name, `unchanged` counted) and the refused rows as a table to copy. Read
 * with `safeParse` (the answer is an edge): a part the pane cannot read is shown as none, never as
 * a crash.
 */
import { z } from 'zod';
import { fileImportWords } from '../../shared/i18n/file-import-words.js';
import type { Lang } from './strings.js';
import { digits } from '../../shared/i18n/number-words.js';

/** How many items of a long list (warnings, value differences) are shown; the rest are counted. */
export const SHOWN_ITEMS = 5;

const localized = z.looseObject({ sv: z.string().optional(), en: z.string().optional() });
const worded = z.looseObject({ message: localized.optional(), reason: z.string().optional() });
const note = z.looseObject({ message: localized }).optional().catch(undefined);
const placed = { record: z.number().optional().catch(undefined), row: z.number().optional().catch(undefined) };
const refusal = worded.extend({ ...placed, rowId: z.string().nullable().optional().catch(null) });
const taken = z.looseObject({ ...placed, change: z.enum(['added', 'changed']), name: z.looseObject({ sv: z.string(), en: z.string() }).nullable().optional().catch(null) });
const summarySchema = z.looseObject({
  imported: z.number().catch(0),
  updated: z.number().catch(0),
  unchanged: z.number().catch(0),
  refused: z.array(refusal).catch([]),
  taken: z.array(taken).catch([]),
  unknownColumns: z.array(z.string()).catch([]),
  unresolved: z.array(worded).catch([]),
  warnings: z.array(worded).catch([]),
  normalizedNotes: z.array(worded).catch([]),
  valueDifferences: z.array(worded).catch([]),
  version: z.looseObject({ laterEdits: z.array(worded).catch([]), lost: localized.optional().catch(undefined) }).optional().catch(undefined),
  sheet: note,
  formulasWithoutValue: note,
  hiddenRows: note,
  hiddenColumns: note,
  mergedCells: note,
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
  /** Records that match a stored row and change nothing of it. */
  unchanged: number;
  /** Each refused record: "Rad 5 i filen: …" (nothing of it is stored). */
  refused: string[];
  /**
   * The refused records as a table to paste beside the file (tab-separated, a header line, one line
   * each: the file's row or record number, the row's id, why), so the person can fix them there;
   * empty when none was refused.
   */
  refusedTable: string;
  /** Each new row, in file order: "Rad 5 i filen: Hälsodag i Tensta". */
  added: string[];
  /** Each stored row changed, in file order, named as {@link added}. */
  changed: string[];
  /** The file's headers (or JSON keys) that name no column of the document: not read. */
  unknownColumns: string[];
  /** Each reference value no list names, kept as typed: "Enhet: "Tensta vc" finns inte i listan. Menade du …?". */
  unresolved: string[];
  /** Values imported as written that are worth a second look: "Rad 8 i filen: … över max …"; an id that names no row first. */
  warnings: ShownItems;
  /** Each column and way of values stored otherwise than written: "Kolumnen "Startdatum": 3 värden … (rad 4, 7, 9)." */
  normalized: string[];
  /** Indicator values not stored because täljare / nämnare give another. */
  valueDifferences: ShownItems;
  /**
   * A file exported from an earlier version of the document: each value of the file not written
   * because someone else changed the cell in Samplan since, to another value (`both`: the person
   * decides which holds), apart from {@link laterEdits}.
   */
  heldBack: string[];
  /**
   * A file exported from an earlier version of the document: each other cell or row changed in
   * Samplan since, which the import keeps as it is in Samplan ("Rad 5 i filen: Status ändrades i Samplan …").
   */
  laterEdits: string[];
  /** The server's notes on the file as a whole (sheet read, formulas without value, hidden rows or columns, total rows), and the texts of Samplan kept because the file's encoding could not write them. */
  fileNotes: string[];
  /** That the file has no rows (a header alone), so there is nothing to import; empty when it has some. */
  noRows: string;
}

/** The words of a refused record or unresolved value in `lang`: the server's own, else its English reason. */
function wordsOf(item: z.infer<typeof worded>, lang: Lang): string {
  return item.message?.[lang] ?? item.reason ?? item.message?.en ?? '';
}

/** Where a record stands in the file, as the server's sentences lead with it: "Rad 5 i filen", else "Post 4" (JSON). */
function placeOf(item: { record?: number | undefined; row?: number | undefined }, lang: Lang): string {
  if (item.row !== undefined) return fileImportWords('placeRow', lang, { row: item.row });
  return fileImportWords('placeRecord', lang, { record: item.record ?? 0 });
}

/** A row taken in words: its place, and its name when it has one. */
function takenWords(item: z.infer<typeof taken>, lang: Lang): string {
  const place = placeOf(item, lang);
  const name = item.name?.[lang];
  return name ? `${place}: ${name}` : place;
}

/**
 * One cell of a copied table: on one line, without tabs, and never read as a formula when pasted
 * into a spreadsheet (a leading `=`, `+`, `-` or `@` is kept as text by a leading apostrophe).
 */
function cell(text: string): string {
  const flat = text.replace(/[\t\r\n]+/g, ' ').trim();
  return /^[=+\-@]/.test(flat) ? `'${flat}` : flat;
}

/** The refused records as a tab-separated table with a header line: place number, id, why (the server's words without the place they lead with). */
function refusedTableOf(items: readonly z.infer<typeof refusal>[], lang: Lang): string {
  if (items.length === 0) return '';
  const byRow = items.some((r) => r.row !== undefined);
  const header = [fileImportWords(byRow ? 'copyRow' : 'copyRecord', lang), fileImportWords('copyId', lang), fileImportWords('copyReason', lang)];
  const lines = items.map((r) => {
    const lead = `${placeOf(r, lang)}: `;
    const words = wordsOf(r, lang);
    const why = words.startsWith(lead) ? words.slice(lead.length) : words;
    // The file's row or record number, as the file counts it: its digits, pasted back as a number.
    const place = r.row ?? r.record;
    return [place === undefined ? '' : digits(place), r.rowId ?? '', why].map(cell).join('\t');
  });
  return [header.join('\t'), ...lines].join('\r\n');
}

/**
 * The warnings in the order the pane lists them: first the records whose id names no row of the
 * document (`unknown-id`), which become new rows where the person may have meant to change one, so
 * they are never among those counted and not shown; then the others in file order.
 */
function idWarningsFirst(items: readonly z.infer<typeof worded>[]): z.infer<typeof worded>[] {
  const isId = (w: z.infer<typeof worded>) => w['code'] === 'unknown-id';
  return [...items.filter(isId), ...items.filter((w) => !isId(w))];
}

/** A warning of a stored text kept because the file's encoding could not write it (`unwritable-kept`): about the file, not a value imported. */
function keptByFile(w: z.infer<typeof worded>): boolean {
  return w['code'] === 'unwritable-kept';
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
  if (!parsed.success) {
    return { imported: 0, updated: 0, unchanged: 0, refused: [], refusedTable: '', added: [], changed: [], unknownColumns: [], unresolved: [], warnings: none, normalized: [], valueDifferences: none, heldBack: [], laterEdits: [], fileNotes: [], noRows: '' };
  }
  const s = parsed.data;
  const notes = [s.sheet, s.formulasWithoutValue, s.hiddenRows, s.hiddenColumns, s.mergedCells, s.totalRows];
  return {
    imported: s.imported,
    updated: s.updated,
    unchanged: s.unchanged,
    refused: s.refused.map((r) => wordsOf(r, lang)),
    refusedTable: refusedTableOf(s.refused, lang),
    added: s.taken.filter((t) => t.change === 'added').map((t) => takenWords(t, lang)),
    changed: s.taken.filter((t) => t.change === 'changed').map((t) => takenWords(t, lang)),
    unknownColumns: s.unknownColumns,
    unresolved: s.unresolved.map((u) => wordsOf(u, lang)),
    // A text of Samplan's kept, not imported as written: said with the notes on the file, not under "imported as written".
    warnings: shownOf(idWarningsFirst(s.warnings.filter((w) => !keptByFile(w))), lang),
    normalized: s.normalizedNotes.map((n) => wordsOf(n, lang)),
    valueDifferences: shownOf(s.valueDifferences, lang),
    heldBack: (s.version?.laterEdits ?? []).filter((e) => e['kind'] === 'both').map((e) => wordsOf(e, lang)),
    laterEdits: (s.version?.laterEdits ?? []).filter((e) => e['kind'] !== 'both').map((e) => wordsOf(e, lang)),
    fileNotes: [...notes.flatMap((n) => (n ? [wordsOf(n, lang)] : [])), ...(s.version?.lost ? [wordsOf({ message: s.version.lost }, lang)] : []), ...s.warnings.filter(keptByFile).map((w) => wordsOf(w, lang))].filter((t) => t !== ''),
    noRows: s.noRows ? wordsOf(s.noRows, lang) : '',
  };
}
