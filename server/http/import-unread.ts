/**
 * The warnings `unread-values` of an import (`import-rows.ts`): values under no header, which were
 * not read, the import going on. One warning per column under an empty header cell, and one per
 * count of values past the header's last named column, each naming its rows as ranges
 * ("Raderna 2–501, 503 i filen: kolumn C har värden men ingen rubrik och lästes inte."), so a sheet
 * of 500 rows with a column left unnamed gives one warning, not 500.
 */
import type { Localized } from '../../shared/schema/types.js';
import type { ImportWarning } from './import-warnings.js';
import { columnLetters } from './ods-cell.js';
import { digits, numberText } from '../../shared/i18n/number-words.js';

/** A record with values under no header: its number, its 0-based unread columns (`RawRecord.unread`), and its id as the answer may show it. */
export interface UnreadRecord {
  record: number;
  unread: readonly number[];
  rowId: string | null;
}

/** A separator as a person types it in a sentence: `;`, `,`, or none for a tab (no one types a tab into a value). */
const TYPED_SEPARATORS: ReadonlySet<string> = new Set([';', ',']);

/** How many runs of rows a warning spells out; past them it ends with `…` and the count. */
const MAX_RUNS = 10;

/**
 * The `unread-values` warnings of `records` (in file order) under a header on `headerRow` (the
 * file's row, 1-based) that names `headerWidth` columns, in file order of their first rows. Values
 * under an empty header cell give one warning per column, naming it as the sheet does (`C`);
 * values past the header's last named column give one warning per count of values a row has, which
 * counts them ("the rows have 5 values but the header names 3 columns: the last 2 were not read")
 * and, for a CSV file (`separator` given), asks whether a separator stands unquoted inside a value,
 * the common cause (`kommentar; mer`). `row`, `record` and `rowId` are the first row's (`rowId`
 * only when the warning names one row); `rows` lists every row when it names more.
 */
export function unreadWarnings(records: readonly UnreadRecord[], headerWidth: number, headerRow: number, separator: string | undefined): ImportWarning[] {
  const groups = new Map<string, { column: number; words: (many: boolean) => Localized; records: UnreadRecord[] }>();
  const add = (key: string, column: number, words: (many: boolean) => Localized, rec: UnreadRecord) => {
    const group = groups.get(key) ?? { column, words, records: [] };
    group.records.push(rec);
    groups.set(key, group);
  };
  for (const rec of records) {
    for (const c of rec.unread) if (c < headerWidth) add(`column ${c}`, c, (many) => noHeaderWords(columnLetters(c + 1), many), rec);
    const last = rec.unread.at(-1);
    if (last !== undefined && last >= headerWidth) add(`past ${last}`, headerWidth, (many) => pastHeaderWords(last + 1, headerWidth, separator, many), rec);
  }
  return [...groups.values()]
    .map((g) => {
      const rows = g.records.map((r) => headerRow + r.record);
      const first = g.records[0] as UnreadRecord;
      const many = rows.length > 1;
      const place = placeOfRows(rows);
      const words = g.words(many);
      return {
        record: first.record,
        row: rows[0] as number,
        ...(many ? { rows } : {}),
        rowId: many ? null : first.rowId,
        column: columnLetters(g.column + 1),
        code: 'unread-values',
        message: { sv: `${place.sv}: ${words.sv}`, en: `${place.en}: ${words.en}` },
      };
    })
    .sort((a, b) => a.record - b.record);
}

/** `2–5, 8, 10–12` for rows in ascending order: its first {@link MAX_RUNS} runs, then `…`. */
function runsOf(rows: readonly number[]): { text: string; cut: boolean } {
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs.at(-1);
    if (last && r === last[1] + 1) last[1] = r;
    else if (!last || r !== last[1]) runs.push([r, r]);
  }
  const text = runs.slice(0, MAX_RUNS).map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
  return runs.length > MAX_RUNS ? { text: `${text}, …`, cut: true } : { text, cut: false };
}

/** "Rad 4 i filen", or "Raderna 2–501, 503 i filen" (with how many, when the runs are cut short). */
function placeOfRows(rows: readonly number[]): Localized {
  if (rows.length === 1) return { sv: `Rad ${digits(rows[0] ?? 0)} i filen`, en: `Row ${digits(rows[0] ?? 0)} of the file` };
  const { text, cut } = runsOf(rows);
  return { sv: `Raderna ${text} i filen${cut ? ` (${numberText(rows.length, 'sv')} rader)` : ''}`, en: `Rows ${text} of the file${cut ? ` (${numberText(rows.length, 'en')} rows)` : ''}` };
}

/** "the row has 5 values but the header names 3 columns: the last 2 were not read (an unquoted ; inside a value?)", or of rows. */
function pastHeaderWords(values: number, named: number, separator: string | undefined, many: boolean): Localized {
  const past = values - named;
  const hint = separator !== undefined && TYPED_SEPARATORS.has(separator);
  return {
    sv: `${many ? 'raderna' : 'raden'} har ${numberText(values, 'sv')} värden men rubrikraden namnger ${numberText(named, 'sv')} ${named === 1 ? 'kolumn' : 'kolumner'}: ${past === 1 ? 'det sista lästes' : `de ${numberText(past, 'sv')} sista lästes`} inte${hint ? ` (ett ${separator} utan citattecken inne i ett värde?)` : ''}.`,
    en: `the ${many ? 'rows have' : 'row has'} ${numberText(values, 'en')} values but the header names ${numberText(named, 'en')} ${named === 1 ? 'column' : 'columns'}: the last ${past === 1 ? 'one was' : `${numberText(past, 'en')} were`} not read${hint ? ` (an unquoted ${separator} inside a value?)` : ''}.`,
  };
}

/** "column F holds a value but no header, so it was not read", or values of rows. */
function noHeaderWords(letter: string, many: boolean): Localized {
  return {
    sv: `kolumn ${letter} ${many ? 'har värden' : 'har ett värde'} men ingen rubrik och lästes inte.`,
    en: `column ${letter} ${many ? 'holds values' : 'holds a value'} but no header, so ${many ? 'they were' : 'it was'} not read.`,
  };
}
