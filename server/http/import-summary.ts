/**
 * The answer of an import (`import-rows.ts`): what was written, refused, normalised (counted, and
 * in words with the first places) or left unresolved, and the notes on the file's formula cells.
 */
import { NORMALIZE_HOW_WORDS } from '../../shared/i18n/normalize-how-words.js';
import type { NormalizeHow } from '../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../shared/schema/index.js';
import type { DocKind, Localized } from '../../shared/schema/types.js';
import type { ImportValueDifference } from './import-computed.js';
import type { ImportInput } from './import-read.js';
import type { ImportSheetNote } from './import-sheet.js';
import type { ImportTaken } from './import-taken.js';
import type { ImportWarning } from './import-warnings.js';
import type { ImportLaterEdit } from './import-base.js';
import type { MergedCellsNote } from './import-merged.js';
import { numberText } from '../../shared/i18n/number-words.js';


/** A record that was not written, and why. */
export interface ImportRefusal {
  /** 1-based record number, counted from the row under the header (`headerRow`) with empty rows and blank lines counted: the row a spreadsheet shows is `headerRow + record`. */
  record: number;
  /** The file's row (sheet row for XLSX, line for CSV, header counted: `headerRow + record`); absent for JSON. */
  row?: number;
  rowId: string | null;
  code: string;
  /** Why, in English (the same as `message.en`; kept for callers that read it). */
  reason: string;
  /** Why, in Swedish and English, led by the record's place: "Rad 5 i filen: …" ("Post 4: …" for JSON). */
  message: Localized;
}

/** A reference cell whose text names nothing in its list: kept as typed, so nothing is lost. */
export interface ImportUnresolved {
  /** 1-based record number, counted from the row under the header (`headerRow`) with empty rows and blank lines counted: the row a spreadsheet shows is `headerRow + record`. */
  record: number;
  /** The column's key. */
  column: string;
  /** The text as typed (and stored). */
  value: string;
  /** Up to three names of the list closest to it, best first. */
  suggestions: string[];
  /** The problem in words, with the suggestions ("Enhet: "Tensta vc" finns inte i listan. Menade du …?"). */
  message: Localized;
}

/** The answer of an import. */
export interface ImportSummary {
  dryRun: boolean;
  imported: number;
  updated: number;
  /** Records that match a stored row (by id or natural key) and change none of its cells: nothing written. Counted in `ignored` too. */
  unchanged: number;
  /** Records not written for no fault of theirs: unchanged ones, empty rows and total rows. */
  ignored: number;
  refused: ImportRefusal[];
  /**
   * Each record written (or that would be), in file order: its place, the row's id, whether it is
   * new or changes a stored row, and its name in words (`import-taken.ts`), so a person sees what
   * was taken beside what was refused.
   */
  taken: ImportTaken[];
  /** Headers or keys that match no column; their values were not read. */
  unknownColumns: string[];
  /** Ids of the rows written (or that would be), new ones included. */
  rowIds: string[];
  /**
   * The row taken as the header (1-based, as the sheet numbers it; for CSV the record of the file),
   * for a CSV or XLSX file: not always 1 when a title stands above it (`import-header.ts`).
   */
  headerRow?: number;
  /** How the file was read: `csv` (with its text encoding), `xlsx` or `json`. */
  format: ImportInput['format'];
  encoding?: string;
  /**
   * What the normaliser did, per column key: how many values it read from another written form
   * (`date-from-text`, `code-padded`, `percent-dropped`, …; see `NormalizeHow`).
   */
  normalized: Record<string, Partial<Record<NormalizeHow, number>>>;
  /**
   * When there are any: the same in words, one note per column and way, with how many values and
   * the first of their places ({@link MAX_NAMED_PLACES} file rows, record numbers for JSON), so the
   * person sees before confirming which values are stored otherwise than the file writes them.
   */
  normalizedNotes?: ImportNormalizedNote[];
  /**
   * Reference cells (a unit, an indicator, a partner …) whose text is neither an id nor a name of
   * the workspace's list (names are read as ids, any case and spacing: `ref-from-name` above).
   */
  unresolved: ImportUnresolved[];
  /**
   * XLSX only, when there are any: cells holding a formula whose value the file does not carry
   * (files written by a program, not saved by Excel). They were read as empty; `cells` names up
   * to {@link MAX_NAMED_CELLS} of them as the sheet does (`C2`), `count` all of them.
   */
  formulasWithoutValue?: { count: number; cells: string[]; message: Localized };
  /**
   * XLSX with more than one visible sheet: the sheet read (the one whose header names the most of
   * the document's columns, `import-sheet.ts`) and the others that also hold a table, in words.
   */
  sheet?: ImportSheetNote;
  /**
   * `indicator-values` only: records whose Värde differs from täljare / nämnare × the indicator's
   * factor by more than the export's rounding. The Värde was not stored (the value is computed
   * from the parts, which were imported); see `import-computed.ts`.
   */
  valueDifferences?: ImportValueDifference[];
  /**
   * A file exported from an older version of the document (JSON, XLSX and an ODS saved from it
   * name it; `file-version.ts`): that version (`seq`), and the cells and rows changed in Samplan
   * since, which the import left as they are in Samplan (`import-base.ts`): a cell changed only
   * in Samplan (`kept`), changed in both to different values (`both`, the file's value named), a
   * row deleted since (`deleted`, not added again); each with who made the change and when
   * (`by`), when the history says. A change made since by the person importing is theirs to
   * change again: the file's value is written. `lost`: the history no longer holds the version
   * (nor a checkpoint before it), so the file was imported as an unstamped one, in words. Absent
   * for a file that names no version, or the version there is now.
   */
  version?: { seq: number; laterEdits: ImportLaterEdit[]; lost?: Localized };
  /**
   * CSV and XLSX, when there are any: total rows of the file (`Summa` and the column sums,
   * `isTotalRow` in `shared/normalize/total-row.ts`), by record number as `refused` names them.
   * They are counted in `ignored` and never written; `message` names them by the file's row.
   */
  totalRows?: { records: number[]; message: Localized };
  /**
   * XLSX, when there are any under the header: rows hidden in the sheet (by hand or by a filter),
   * by the sheet's row numbers. They were read like every other row; `message` says so.
   */
  hiddenRows?: { rows: number[]; message: Localized };
  /**
   * XLSX, when the document's columns were read from columns hidden in the sheet: their keys, and
   * in words their headers (the document's), read like the others.
   */
  hiddenColumns?: { columns: string[]; message: Localized };
  /**
   * XLSX, ODS, when merged cells reach under the header: the ranges (`B3:B5`) whose value was read
   * into every cell they cover, and in words that the rows they span got that value (`import-merged.ts`).
   */
  mergedCells?: MergedCellsNote;
  /**
   * When the file has no row under its header holding anything (a CSV, XLSX or ODS file of a
   * header alone), or a JSON file no record: in words, that there was nothing to import. Not a
   * refusal: the import answers as ever, with nothing written.
   */
  noRows?: { message: Localized };
  /**
   * When there are any: records imported (or that would be) with a value to look at again, kept
   * as written: an indicator value outside the range its catalog row declares, a normaliser's note
   * (`import-warnings.ts`); a record whose id names no row, added as a new one (`unknown-id`); and
   * values under no header that were not read, whatever became of their rows, one warning per column
   * naming its rows as ranges (`unread-values`, `import-unread.ts`).
   */
  warnings?: ImportWarning[];
}

/** Values of one column the normaliser read in one way: how many, where, in words. */
export interface ImportNormalizedNote {
  /** The column's key. */
  column: string;
  how: NormalizeHow;
  count: number;
  /** The first places: file rows (sheet row, CSV line; header counted), or record numbers for JSON. */
  rows: number[];
  /** "Kolumnen "Startdatum": värden skrivna som text … sparas som datum ÅÅÅÅ-MM-DD (3 värden, raderna 4, 7, 9)." */
  message: Localized;
}

/** How many cells of a formula without value the summary names. */
const MAX_NAMED_CELLS = 20;

/** How many places of values read another way a note names. */
export const MAX_NAMED_PLACES = 5;

/** The places the normaliser read values another way, per column key and way: the first {@link MAX_NAMED_PLACES} of each. */
export type NormalizedPlaces = Map<string, Map<NormalizeHow, number[]>>;

/** The summary's note on formula cells without a saved value, or nothing when there are none. */
export function formulaNote(input: ImportInput): Pick<ImportSummary, 'formulasWithoutValue'> {
  const all = 'table' in input ? (input.formulasWithoutValue ?? []) : [];
  if (all.length === 0) return {};
  const cells = all.slice(0, MAX_NAMED_CELLS);
  const listed = cells.join(', ') + (all.length > cells.length ? ' …' : '');
  const message = {
    sv: `${all.length === 1 ? 'Cellen' : `${numberText(all.length, 'sv')} celler`} ${listed} har en formel men inget sparat värde och lästes som ${all.length === 1 ? 'tom' : 'tomma'}. Öppna filen i Excel, spara den (Excel räknar då ut värdena) och importera den igen.`,
    en: `${all.length === 1 ? 'Cell' : `${numberText(all.length, 'en')} cells`} ${listed} ${all.length === 1 ? 'holds' : 'hold'} a formula but no saved value and ${all.length === 1 ? 'was' : 'were'} read as empty. Open the file in Excel, save it (Excel then computes the values) and import it again.`,
  };
  return { formulasWithoutValue: { count: all.length, cells, message } };
}

/** Count what the normaliser did (`how`, per column key) into the summary, and keep the first places (`place`: the file row, or the record for JSON) in `places`. */
export function countHow(summary: ImportSummary, how: readonly [string, NormalizeHow][], places?: NormalizedPlaces, place?: number): void {
  for (const [key, h] of how) {
    const col = (summary.normalized[key] ??= {});
    col[h] = (col[h] ?? 0) + 1;
    if (!places || place === undefined) continue;
    let byHow = places.get(key);
    if (!byHow) places.set(key, (byHow = new Map()));
    const rows = byHow.get(h) ?? [];
    if (rows.length < MAX_NAMED_PLACES && rows.at(-1) !== place) byHow.set(h, [...rows, place]);
  }
}

/**
 * The summary's notes on values read another way (`summary.normalized`, places from `places`), in
 * the document's headers, or nothing when there are none. `byRecord`: places are record numbers
 * (a JSON file has no rows).
 */
export function normalizedNotes(kind: DocKind, summary: Pick<ImportSummary, 'normalized'>, places: NormalizedPlaces, byRecord: boolean): Pick<ImportSummary, 'normalizedNotes'> {
  const notes: ImportNormalizedNote[] = [];
  for (const [column, counts] of Object.entries(summary.normalized)) {
    const header = cellColumn(kind, column)?.header ?? { sv: column, en: column };
    for (const [how, count] of Object.entries(counts) as [NormalizeHow, number][]) {
      const rows = places.get(column)?.get(how) ?? [];
      const listed = rows.join(', ') + (count > rows.length ? ' …' : '');
      const one = count === 1;
      const many = rows.length > 1;
      const where =
        rows.length === 0
          ? { sv: '', en: '' }
          : byRecord
            ? { sv: `, ${many ? 'posterna' : 'post'} ${listed}`, en: `, ${many ? 'records' : 'record'} ${listed}` }
            : { sv: `, ${many ? 'raderna' : 'rad'} ${listed}`, en: `, ${many ? 'rows' : 'row'} ${listed}` };
      const words = NORMALIZE_HOW_WORDS[how];
      notes.push({
        column,
        how,
        count,
        rows: [...rows],
        message: {
          sv: `Kolumnen "${header.sv}": värden ${words.sv} (${numberText(count, 'sv')} ${one ? 'värde' : 'värden'}${where.sv}).`,
          en: `The column "${header.en}": values ${words.en} (${numberText(count, 'en')} ${one ? 'value' : 'values'}${where.en}).`,
        },
      });
    }
  }
  return notes.length > 0 ? { normalizedNotes: notes } : {};
}

/**
 * The summary's note on total rows left out, or nothing when there are none. `headerRow` is the
 * summary's (1-based file row of the header), so record 4 under a header on row 4 is row 8.
 */
export function totalRowsNote(records: readonly number[], headerRow: number | undefined): Pick<ImportSummary, 'totalRows'> {
  if (records.length === 0) return {};
  const rows = records.map((r) => r + (headerRow ?? 0)).join(', ');
  const one = records.length === 1;
  const message = {
    sv: `${one ? 'Rad' : 'Raderna'} ${rows} i filen är ${one ? 'en summarad' : 'summarader'} (Summa, Totalt) och tas inte med: summor är inga poster.`,
    en: `${one ? 'Row' : 'Rows'} ${rows} of the file ${one ? 'is a total row' : 'are total rows'} (Summa, Totalt) and ${one ? 'is' : 'are'} left out: totals are not records.`,
  };
  return { totalRows: { records: [...records], message } };
}

/**
 * The summary's note on hidden rows under the header (`headerRow`, the sheet's), or nothing when
 * there are none: a person who hid or filtered rows away may not expect them read.
 */
export function hiddenRowsNote(input: ImportInput, headerRow: number | undefined): Pick<ImportSummary, 'hiddenRows'> {
  const rows = 'table' in input ? (input.hiddenRows ?? []).filter((r) => r > (headerRow ?? 0)) : [];
  if (rows.length === 0) return {};
  const named = rows.slice(0, MAX_NAMED_CELLS).join(', ') + (rows.length > MAX_NAMED_CELLS ? ' …' : '');
  const one = rows.length === 1;
  const message = {
    sv: `${one ? 'Rad' : 'Raderna'} ${named} ${one ? 'är dold' : 'är dolda'} i arbetsboken (för hand eller av ett filter) men lästes som de andra. Ta bort ${one ? 'den' : 'dem'} ur filen om ${one ? 'den' : 'de'} inte ska importeras.`,
    en: `${one ? 'Row' : 'Rows'} ${named} ${one ? 'is' : 'are'} hidden in the workbook (by hand or by a filter) but ${one ? 'was' : 'were'} read like the others. Delete ${one ? 'it' : 'them'} from the file if ${one ? 'it is' : 'they are'} not to be imported.`,
  };
  return { hiddenRows: { rows: [...rows], message } };
}

/**
 * The summary's note on the document's columns read from columns hidden in the sheet (`keys`), or
 * nothing when there are none: a person who hid a column may not expect it read, nor find it when
 * a value in it is refused.
 */
export function hiddenColumnsNote(kind: DocKind, keys: readonly string[]): Pick<ImportSummary, 'hiddenColumns'> {
  if (keys.length === 0) return {};
  const headers = keys.map((k) => cellColumn(kind, k)?.header ?? { sv: k, en: k });
  const one = keys.length === 1;
  const sv = headers.map((h) => `"${h.sv}"`).join(', ');
  const en = headers.map((h) => `"${h.en}"`).join(', ');
  const message = {
    sv: `${one ? 'Kolumnen' : 'Kolumnerna'} ${sv} ${one ? 'är dold' : 'är dolda'} i arbetsboken men lästes som de andra. Ta bort ${one ? 'den' : 'dem'} ur filen om ${one ? 'den' : 'de'} inte ska importeras.`,
    en: `The ${one ? 'column' : 'columns'} ${en} ${one ? 'is' : 'are'} hidden in the workbook but ${one ? 'was' : 'were'} read like the others. Delete ${one ? 'it' : 'them'} from the file if ${one ? 'it is' : 'they are'} not to be imported.`,
  };
  return { hiddenColumns: { columns: [...keys], message } };
}

/**
 * The summary's note on a file with nothing to import (`filled`: its rows under the header that
 * hold anything, its records for JSON, `byRecord`), or nothing when it has some: an import of no
 * rows is no error, but a person who picked the wrong file or saved only the header is told.
 */
export function noRowsNote(filled: number, byRecord: boolean): Pick<ImportSummary, 'noRows'> {
  if (filled > 0) return {};
  const message = byRecord
    ? { sv: 'Filen har inga poster, så det finns inget att importera.', en: 'The file holds no records, so there is nothing to import.' }
    : { sv: 'Filen har inga rader under rubrikraden, så det finns inget att importera.', en: 'The file has no rows under its header, so there is nothing to import.' };
  return { noRows: { message } };
}
