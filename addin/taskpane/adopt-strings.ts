/** The words of "Gör till delat dokument" (adopting a table someone already keeps), Swedish and English. */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import { isSingular } from './plural-forms.js';
import type { Lang } from './strings.js';

const WORDS = {
  sv: {
    heading: 'Gör till delat dokument',
    intro: 'Bladet {sheet} blir ett delat dokument. En kopia av originalet sparas i bladet {copy}.',
    kind: 'Dokumenttyp',
    title: 'Namn',
    mapping: 'Kolumner',
    own: '(egen kolumn, behålls till höger)',
    column: 'Kolumn {n}',
    preview: 'Förhandsvisning (första {count} av {total} rader)',
    previewAll: 'Förhandsvisning ({count} rader)',
    previewOne: 'Förhandsvisning ({count} rad)',
    noProblems: 'Inga problem',
    left: 'Rader som inte tas med ({count})',
    row: 'Rad {n}',
    adopt: 'Gör till delat dokument',
    cancel: 'Avbryt',
    reading: 'Läser bladet …',
    adopting: 'Skapar dokumentet …',
    noExcel: 'Excel är inte anslutet, så det finns inget blad att läsa.',
    noSelection: 'Markera en cell i tabellen du vill dela och försök igen. Bladet är tomt.',
    noHeader: 'Hittade ingen rubrikrad med kolumner Samplan känner igen. Välj kolumnerna själv nedan.',
    noMapped: 'Ingen kolumn är kopplad till dokumentet. Välj minst en kolumn.',
    noTitle: 'Skriv ett namn på dokumentet.',
    failed: 'Det gick inte att göra om bladet: {reason}. Inget har tagits bort; originalet finns kvar.',
    keptEmpty: '{reason}; dokumentet ”{title}” som skapades för bladet finns kvar i Samplan, tomt',
    keptRows: '{reason}; dokumentet ”{title}” har fått bladets rader och finns kvar i Samplan',
  },
  en: {
    heading: 'Make shared document',
    intro: 'The sheet {sheet} becomes a shared document. A copy of the original is kept in the sheet {copy}.',
    kind: 'Document kind',
    title: 'Name',
    mapping: 'Columns',
    own: '(own column, kept at the right)',
    column: 'Column {n}',
    preview: 'Preview (first {count} of {total} rows)',
    previewAll: 'Preview ({count} rows)',
    previewOne: 'Preview ({count} row)',
    noProblems: 'No problems',
    left: 'Rows not taken ({count})',
    row: 'Row {n}',
    adopt: 'Make shared document',
    cancel: 'Cancel',
    reading: 'Reading the sheet …',
    adopting: 'Creating the document …',
    noExcel: 'Excel is not connected, so there is no sheet to read.',
    noSelection: 'Select a cell in the table you want to share and try again. The sheet is empty.',
    noHeader: 'Found no header row with columns Samplan knows. Choose the columns yourself below.',
    noMapped: 'No column is mapped to the document. Choose at least one column.',
    noTitle: 'Write a name for the document.',
    failed: 'The sheet could not be made over: {reason}. Nothing was removed; the original is still there.',
    keptEmpty: '{reason}; the document "{title}" made for the sheet is kept in Samplan, empty',
    keptRows: '{reason}; the document "{title}" has the rows of the sheet and is kept in Samplan',
  },
} as const;

/** An adoption word. */
export type AdoptWord = keyof (typeof WORDS)['sv'];

/**
 * The adoption word `key` in `lang`, its `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const aword = messageLookup(WORDS.sv, WORDS.en);

/**
 * The preview's heading for the first `count` of `total` rows: "första 5 av 12 rader" when some are
 * not shown, else all of them, agreeing with their count: "1 rad", "3 rader".
 */
export function previewWords(count: number, total: number, lang: Lang): string {
  if (count < total) return aword('preview', lang, { count, total });
  return aword(isSingular(count, lang) ? 'previewOne' : 'previewAll', lang, { count });
}
