/**
 * How a table's file says that documents were left out because their stored history does not
 * decode (`shared/rounds/unreadable.ts`), where the person opening the file reads it.
 *
 * A workbook gets a sheet of its own, `Utelämnat` (`Left out`), right after the table's sheet,
 * its tab red: a sentence, then each document with its unit and the server's words. The table's
 * sheet stays a clean table (header on row 1, rows under it) and stays first, so Power Query's
 * `Excel.Workbook`, a reader of the first sheet and Samplan's own import read it as before; a note
 * above the table would have made row 1 a sentence for all of them.
 *
 * A CSV holds one table and nothing else: a comment line is no CSV (Power Query's
 * `Table.PromoteHeaders` would make it the header row), and a trailing row would be a row of the
 * table (its first cell a sentence, read as an indicator or a unit by a pivot and as a row by an
 * import of the file; and in a 12,000-row table it is where no person looks). So a CSV keeps its
 * rows, `X-Samplan-Unreadable` names the documents for scripts, and the file's name, which the
 * browser saves and Excel shows in its title bar, ends `-ofullstandig` (`-incomplete` in English)
 * ({@link partialFileName}). Power Query sees only a few standard response headers outside a custom
 * connector, so a query reads `unreadable` from the JSON answer or the workbook's sheet instead.
 */
import type ExcelJS from 'exceljs';
import type { Lang } from '../../shared/i18n/t.js';
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import { escapeNeutralizer } from './csv.js';

/** The sheet's name, by language. */
export const UNREADABLE_SHEET = { sv: 'Utelämnat', en: 'Left out' } as const;

const WORDS = {
  sv: {
    note: 'Värden ur dokument som inte kan läsas (den sparade historiken är skadad) är utelämnade: tabellen visar bara värdena ur de dokument som kunde läsas.',
    noteAny: 'Värden ur dokument som inte kan läsas (varför står under Orsak) är utelämnade: tabellen visar bara värdena ur de dokument som kunde läsas.',
    header: ['Enhet', 'Enhetsnamn', 'Dokument', 'Titel', 'Orsak'],
  },
  en: {
    note: 'Values of documents that cannot be read (their stored history is damaged) are left out: the table shows only the values of the documents that could be read.',
    noteAny: 'Values of documents that cannot be read (the reason is under Reason) are left out: the table shows only the values of the documents that could be read.',
    header: ['Unit', 'Unit name', 'Document', 'Title', 'Reason'],
  },
} as const;

/**
 * Add the `Utelämnat` sheet naming `unreadable` to `wb`, after the sheets it has (nothing when
 * none was left out). `unitNames` maps unit codes to names (a code without one: empty).
 */
export function addUnreadableSheet(wb: ExcelJS.Workbook, unreadable: readonly UnreadableDoc[], lang: Lang, unitNames: ReadonlyMap<string, string>): void {
  if (unreadable.length === 0) return;
  const sheet = wb.addWorksheet(UNREADABLE_SHEET[lang], { properties: { tabColor: { argb: 'FFC00000' } } });
  sheet.columns = [{ width: 14 }, { width: 28 }, { width: 24 }, { width: 28 }, { width: 90 }];
  // The note names the cause when every document left out has the same one, damaged history; else each row's Reason does.
  const damaged = unreadable.every((d) => (d.code ?? 'document-damaged') === 'document-damaged');
  sheet.addRow([damaged ? WORDS[lang].note : WORDS[lang].noteAny]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([...WORDS[lang].header]).font = { bold: true };
  // Texts as the table's are written: an import of the workbook reads them back (`escapeNeutralizer`).
  for (const d of unreadable) sheet.addRow([d.ownerUnit, unitNames.get(d.ownerUnit) ?? '', d.doc, d.title, d.message[lang]].map(escapeNeutralizer));
}

/**
 * A file name for a table's download, `<base>.<ext>`, or `<base>-ofullstandig.<ext>`
 * (`-incomplete` in English) when documents were left out as unreadable. ASCII, as a
 * `Content-Disposition` filename is read everywhere.
 *
 * @example partialFileName('hbi-stockholm-indikatorer', 'csv', [damaged], 'sv') // 'hbi-stockholm-indikatorer-ofullstandig.csv'
 */
export function partialFileName(base: string, ext: string, unreadable: readonly UnreadableDoc[], lang: Lang): string {
  const partial = unreadable.length === 0 ? '' : lang === 'sv' ? '-ofullstandig' : '-incomplete';
  return `${base}${partial}.${ext}`;
}
