/**
 * The words of importing a file into a document from the pane (`addin/taskpane/samplan-file-import.ts`),
 * Swedish and English: the action, the file picker, what the server's dry run found (before
 * anything is changed: refusals, values stored otherwise than written, values to look at again,
 * notes on the file), and what came of the import: its counts, the rows taken (new and changed), paged,
 * and the rows refused, which can be copied as a table to fix them in the file. Counts come in
 * already said, noun and all ("1 ny rad", "3 nya rader": `addin/taskpane/import-counts.ts`), and
 * every number grouped as the language writes it.
 */
import { wordLookup } from './word-table.js';

const WORDS = {
  action: { sv: 'Importera fil', en: 'Import file' },
  pick: { sv: 'Välj en fil (.xlsx, .ods, CSV eller JSON) att importera till {title}', en: 'Choose a file (.xlsx, .ods, CSV or JSON) to import into {title}' },
  check: { sv: 'Granska filen', en: 'Check the file' },
  checked: {
    sv: 'Om du importerar filen blir det {added} och {changed}. Inget är ändrat än.',
    en: 'Importing the file makes {added} and {changed}. Nothing has been changed yet.',
  },
  willBeRefused: { sv: 'De här raderna importeras inte (inget av dem sparas):', en: 'These rows will not be imported (nothing of them is stored):' },
  unknownColumns: { sv: 'De här kolumnerna finns inte i dokumentet och läses inte: {columns}.', en: 'These columns are not in the document and are not read: {columns}.' },
  unresolved: { sv: 'De här värdena finns inte i listorna och sparas som de är skrivna:', en: 'These values are not in the lists and are stored as written:' },
  fileNotes: { sv: 'Om filen:', en: 'About the file:' },
  normalized: { sv: 'De här värdena sparas på ett annat sätt än filen skriver dem:', en: 'These values are stored otherwise than the file writes them:' },
  warnings: { sv: '{count} värden importeras som de är skrivna men bör ses över:', en: '{count} values are imported as written but are worth a second look:' },
  warningsOne: { sv: '1 värde importeras som det är skrivet men bör ses över:', en: '1 value is imported as written but is worth a second look:' },
  valueDifferencesOne: {
    sv: '1 värde stämmer inte med täljare och nämnare; värdet räknas fram ur dem i stället:',
    en: '1 value does not match numerator and denominator; the value is computed from them instead:',
  },
  valueDifferences: {
    sv: '{count} värden stämmer inte med täljare och nämnare; värdet räknas fram ur dem i stället:',
    en: '{count} values do not match numerator and denominator; the value is computed from them instead:',
  },
  heldBack: {
    sv: 'De här värdena i filen skrivs inte: någon annan ändrade cellen i Samplan efter att filen togs ut, till ett annat värde. Värdet i Samplan behålls; skriv in filens värde i bladet om det är det som ska gälla:',
    en: "These values of the file are not written: someone else changed the cell in Samplan after the file was exported, to another value. The value in Samplan is kept; type the file's value in the sheet if that is the one that should hold:",
  },
  laterEdits: {
    sv: 'Filen togs ut ur en tidigare version av dokumentet. De här ändringarna gjordes i Samplan efter det och behålls (filens värden skrivs inte över dem):',
    en: 'The file was exported from an earlier version of the document. These changes were made in Samplan since and are kept (the file\'s values are not written over them):',
  },
  more: { sv: '… och {count} till.', en: '… and {count} more.' },
  // What the import did, said after it as the check said it before: in the past tense.
  unknownColumnsDone: { sv: 'De här kolumnerna finns inte i dokumentet och lästes inte: {columns}.', en: 'These columns are not in the document and were not read: {columns}.' },
  unresolvedDone: { sv: 'De här värdena finns inte i listorna och sparades som de var skrivna:', en: 'These values are not in the lists and were stored as written:' },
  normalizedDone: { sv: 'De här värdena sparades på ett annat sätt än filen skriver dem:', en: 'These values were stored otherwise than the file writes them:' },
  warningsDone: { sv: '{count} värden importerades som de var skrivna men bör ses över:', en: '{count} values were imported as written but are worth a second look:' },
  warningsOneDone: { sv: '1 värde importerades som det var skrivet men bör ses över:', en: '1 value was imported as written but is worth a second look:' },
  valueDifferencesOneDone: {
    sv: '1 värde stämde inte med täljare och nämnare; värdet räknades fram ur dem i stället:',
    en: '1 value did not match numerator and denominator; the value was computed from them instead:',
  },
  valueDifferencesDone: {
    sv: '{count} värden stämde inte med täljare och nämnare; värdet räknades fram ur dem i stället:',
    en: '{count} values did not match numerator and denominator; the value was computed from them instead:',
  },
  start: { sv: 'Importera', en: 'Import' },
  back: { sv: 'Importera inte', en: 'Do not import' },
  close: { sv: 'Stäng', en: 'Close' },
  imported: { sv: '{added} och {changed} importerades.', en: '{added} and {changed} were imported.' },
  rowsRefused: { sv: 'De här raderna importerades inte (inget av dem sparades):', en: 'These rows were not imported (nothing of them was stored):' },
  refused: { sv: 'Filen importerades inte, inget ändrades:', en: 'The file was not imported; nothing was changed:' },
  countsChecked: {
    sv: 'Importeras: {taken} ({added}, {changed}). Importeras inte: {refused}. Oförändrade (redan som i filen): {unchanged}.',
    en: 'To be imported: {taken} ({added}, {changed}). Not to be imported: {refused}. Unchanged (already as in the file): {unchanged}.',
  },
  countsDone: {
    sv: 'Importerades: {taken} ({added}, {changed}). Importerades inte: {refused}. Oförändrade (redan som i filen): {unchanged}.',
    en: 'Imported: {taken} ({added}, {changed}). Not imported: {refused}. Unchanged (already as in the file): {unchanged}.',
  },
  addedRows: { sv: 'Nya rader ({count}):', en: 'New rows ({count}):' },
  changedRows: { sv: 'Ändrade rader ({count}):', en: 'Changed rows ({count}):' },
  placeRow: { sv: 'Rad {row} i filen', en: 'Row {row} of the file' },
  placeRecord: { sv: 'Post {record}', en: 'Record {record}' },
  page: { sv: '{from}–{to} av {count}', en: '{from}–{to} of {count}' },
  previous: { sv: 'Föregående', en: 'Previous' },
  next: { sv: 'Nästa', en: 'Next' },
  copyRefused: { sv: 'Kopiera raderna som inte importerades', en: 'Copy the rows not imported' },
  copiedRefused: { sv: 'Kopierat: klistra in bredvid filen i Excel och rätta raderna där.', en: 'Copied: paste it beside the file in Excel and fix the rows there.' },
  copyRow: { sv: 'Rad i filen', en: 'Row of the file' },
  copyRecord: { sv: 'Post', en: 'Record' },
  copyId: { sv: 'Id', en: 'Id' },
  copyReason: { sv: 'Varför den inte importerades', en: 'Why it was not imported' },
} as const;

/** A key of {@link fileImportWords}. */
export type FileImportWord = keyof typeof WORDS;

/**
 * The words `key` in `lang`, each `{name}` filled in from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const fileImportWords = wordLookup(WORDS);
