/**
 * Turning the bytes of an import into records, whatever wrote them: CSV or tab-separated text in
 * any encoding Excel and LibreOffice save (see `decode-text.ts`), with or without a `sep=` line;
 * XLSX read by cell type off the event loop (see `xlsx-read.ts`); OpenDocument spreadsheets
 * (`.ods`, LibreOffice Calc's own) read to the same answer (`ods-read.ts`); JSON row objects. Large text
 * files are parsed in slices. Every failure is an {@link AppError} with a sentence: 400 for what
 * cannot be read, 413 for what is larger than a document may hold.
 */
import { extname } from 'node:path';
import { z } from 'zod';
import { Limits } from '../../shared/protocol/limits.js';
import { CsvQuoteError, parseCsvSliced } from './csv-read.js';
import type { TextEncoding } from './decode-text.js';
import { AppError, badRequest } from './errors.js';
import { readOdsSheet } from './ods-read.js';
import { jsonVersion, workbookVersion, type FileVersion } from './file-version.js';
import { zipEntries } from './zip-directory.js';
import { readXlsxSheet, type MergedRange, type ReadOptions, type XlsxCell, type XlsxSheet, type XlsxSkippedSheet } from './xlsx-read.js';
import { digits, numberText } from '../../shared/i18n/number-words.js';

/**
 * What an import reads: a table (header first) of text fields (CSV) or typed cells (XLSX, ODS), or
 * JSON row objects. `encoding` says how a text file was decoded; `rowNumbers` the 1-based row
 * number of each table row in the sheet, or in the CSV file as a spreadsheet opens it (empty rows
 * and blank lines are left out of the table);
 * `formulasWithoutValue` (XLSX) the cells of a formula with no saved result, read as empty.
 */
export type ImportInput =
  | {
      table: readonly (readonly XlsxCell[])[];
      /** `ods` for an OpenDocument spreadsheet, read as a workbook: the fields marked XLSX hold for it too. */
      format: 'csv' | 'xlsx' | 'ods';
      encoding?: TextEncoding;
      /** CSV: the field separator read (`;`, `,` or a tab). */
      separator?: string;
      rowNumbers?: readonly number[];
      formulasWithoutValue?: readonly string[];
      /** XLSX: the sheet's numbers of hidden filled rows (hidden by hand or by a filter). */
      hiddenRows?: readonly number[];
      /** XLSX: the 1-based numbers of the hidden columns of the sheet `table` is. */
      hiddenColumns?: readonly number[];
      /** XLSX: the merged ranges whose value was read into every cell they cover. */
      mergedRanges?: readonly MergedRange[];
      /** XLSX: the name of the sheet `table` is, and the workbook's later visible sheets (`import-sheet.ts` chooses). */
      sheet?: string;
      /** XLSX: true when `table`'s sheet was the tab open when the workbook was saved. */
      active?: boolean;
      otherSheets?: readonly XlsxSheet[];
      /** XLSX: later visible sheets left unread, past the limits. */
      skippedSheets?: readonly XlsxSkippedSheet[];
      /** XLSX, ODS: the version of the document the file was exported from (`file-version.ts`), when it is stamped. */
      version?: FileVersion;
    }
  | { objects: Record<string, unknown>[]; format: 'json'; version?: FileVersion };

/** Largest number of records a file may hold: one document's rows. */
export const MAX_IMPORT_RECORDS = Limits.maxRows;

const tooManyRecords = () =>
  new AppError(413, 'too-many-rows', {
    sv: `Filen har fler rader än ett dokument får ha (högst ${numberText(MAX_IMPORT_RECORDS, 'sv')}).`,
    en: `The file has more records than a document may hold (at most ${numberText(MAX_IMPORT_RECORDS, 'en')}).`,
  });

const jsonRowsSchema = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }).transform((o) => o.rows),
]);

/** Parse a JSON import body: an array of row objects, or `{ rows: [...] }`. */
export function parseJsonRows(text: string): ImportInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest('invalid-json', { sv: 'Filen är inte giltig JSON.', en: 'The file is not valid JSON.' });
  }
  const parsed = jsonRowsSchema.safeParse(data);
  if (!parsed.success) {
    throw badRequest('invalid-json-rows', {
      sv: 'JSON-filen måste vara en lista med rader, eller ett objekt med en lista "rows".',
      en: 'The JSON must be a list of rows, or an object with a "rows" list.',
    });
  }
  if (parsed.data.length > MAX_IMPORT_RECORDS) throw tooManyRecords();
  const version = jsonVersion(data);
  return { objects: parsed.data, format: 'json', ...(version ? { version } : {}) };
}

async function readXlsx(bytes: Uint8Array, options: ReadOptions): Promise<ImportInput> {
  const { name, otherSheets, ...first } = await readXlsxSheet(bytes, options);
  const version = await stampOf(bytes, 'xlsx');
  return { ...first, format: 'xlsx', sheet: name, otherSheets, ...(version ? { version } : {}) };
}

async function readOds(bytes: Uint8Array, options: ReadOptions): Promise<ImportInput> {
  const { name, otherSheets, ...first } = await readOdsSheet(bytes, options);
  const version = await stampOf(bytes, 'ods');
  return { ...first, format: 'ods', sheet: name, otherSheets, ...(version ? { version } : {}) };
}

/** The version stamp of a workbook already read (its directory was read and checked then). */
async function stampOf(bytes: Uint8Array, format: 'xlsx' | 'ods'): Promise<FileVersion | undefined> {
  try {
    return await workbookVersion(bytes, zipEntries(bytes), format);
  } catch {
    return undefined;
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * The media type an OpenDocument file names itself by: a ZIP whose first part, stored as it is,
 * is named `mimetype` and holds `application/vnd.oasis.opendocument…` (OpenDocument 1.3, part 3,
 * 3.3); null for any other file.
 */
function openDocumentType(bytes: Uint8Array): string | null {
  if (!isZip(bytes) || bytes.length < 30) return null;
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  const extraLength = (bytes[28] ?? 0) | ((bytes[29] ?? 0) << 8);
  const name = Buffer.from(bytes.subarray(30, 30 + nameLength)).toString('latin1');
  // The part is stored (not deflated), so its size in the local header is the type's length.
  const size = Math.min(100, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(18));
  const start = 30 + nameLength + extraLength;
  const type = Buffer.from(bytes.subarray(start, start + size)).toString('latin1').trim();
  return name === 'mimetype' && type.startsWith('application/vnd.oasis.opendocument') ? type : null;
}

/** An OpenDocument spreadsheet (`.ods`), or its template (`.ots`), which Calc saves the same way. */
function isOpenDocumentSpreadsheet(bytes: Uint8Array): boolean {
  const type = openDocumentType(bytes);
  return type === 'application/vnd.oasis.opendocument.spreadsheet' || type === 'application/vnd.oasis.opendocument.spreadsheet-template';
}

/** An Excel 97–2003 workbook (`.xls`): an OLE2 compound file, D0 CF 11 E0 A1 B1 1A E1. */
function isOle2(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * A file of a kind Samplan does not read — an OpenDocument file that is no spreadsheet (a text
 * document `.odt`, a presentation `.odp`), an Excel 97–2003 workbook (`.xls`) — refused with 400
 * `not-read-kind` and the words naming it and how to save it as one it reads; null for anything else.
 */
function unreadKind(bytes: Uint8Array): AppError | null {
  if (openDocumentType(bytes) !== null && !isOpenDocumentSpreadsheet(bytes)) {
    return badRequest('not-read-kind', {
      sv: 'Filen är ett OpenDocument-dokument men inget kalkylark (till exempel en textfil .odt eller en presentation .odp), och Samplan läser tabeller ur kalkylark. Klistra in tabellen i ett kalkylark i LibreOffice Calc eller Excel och spara det som .ods, .xlsx eller CSV.',
      en: 'The file is an OpenDocument file but no spreadsheet (a text document .odt or a presentation .odp, say), and Samplan reads tables from spreadsheets. Paste the table into a spreadsheet in LibreOffice Calc or Excel and save it as .ods, .xlsx or CSV.',
    });
  }
  if (isOle2(bytes)) {
    return badRequest('not-read-kind', {
      sv: 'Filen är en äldre Excel-arbetsbok (.xls, Excel 97–2003), som Samplan inte läser. Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx) eller CSV UTF-8, och importera den igen.',
      en: 'The file is an older Excel workbook (.xls, Excel 97–2003), which Samplan does not read. Open it in Excel, save it as an Excel workbook (.xlsx) or CSV UTF-8, and import it again.',
    });
  }
  return null;
}

/** A byte-order mark (UTF-8, UTF-16 LE or BE): the bytes declare themselves text, as every CSV Samplan writes does. */
function hasByteOrderMark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Characters a quoted CSV field begins after: the start, a separator, a line end, a byte-order mark. */
const FIELD_START = new Set(['', ',', ';', '\t', '\n', '\r', '\uFEFF']);

/**
 * Bytes that are no text file (an image, a PDF …): a NUL outside a quoted field in the first 4,096
 * characters, in a file that does not begin with a byte-order mark. A NUL inside quotes is a cell's
 * value (the sync takes one, and Samplan's export quotes it, `csv.ts`), and a file with a
 * byte-order mark declares itself text, so a CSV Samplan wrote always reads back.
 */
function looksBinary(bytes: Uint8Array, text: string): boolean {
  if (hasByteOrderMark(bytes)) return false;
  const sample = text.slice(0, 4096);
  if (!sample.includes('\u0000')) return false;
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') {
      if (!quoted) quoted = FIELD_START.has(sample[i - 1] ?? '');
      else if (sample[i + 1] === '"') i++;
      else quoted = false;
    } else if (ch === '\u0000' && !quoted) return true;
  }
  return false;
}

async function readText(bytes: Uint8Array, json: boolean | 'guess', options: ReadOptions): Promise<ImportInput> {
  // Imported at the first text file read, with iconv-lite, not at the server's start (`tests/server/cli-loads.test.ts`).
  const { decodeTextSliced, utf16Pattern } = await import('./decode-text.js');
  const { text, encoding } = await decodeTextSliced(bytes);
  if (looksBinary(bytes, text)) {
    // Bytes laid out as UTF-16 whose text could not be read as such (a control character in it):
    // said so, not only "no table", so the person knows which way to save it again.
    if (utf16Pattern(bytes)) {
      throw badRequest('not-a-table', {
        sv: 'Filen ser ut som UTF-16-text utan byte-ordningsmärke (vartannat byte är 0), men den gick inte att läsa som text: den innehåller styrtecken som ingen tabell har. Spara den från Excel som "CSV UTF-8" eller som arbetsbok (.xlsx).',
        en: 'The file looks like UTF-16 text without a byte-order mark (every other byte is 0), but it could not be read as text: it holds control characters no table has. Save it from Excel as "CSV UTF-8" or as a workbook (.xlsx).',
      });
    }
    throw badRequest('not-a-table', {
      sv: 'Filen är varken CSV, tabbavgränsad text, XLSX, OpenDocument-kalkylark (.ods) eller JSON. Spara den från Excel som "CSV UTF-8" eller som arbetsbok (.xlsx).',
      en: 'The file is neither CSV, tab-separated text, XLSX, an OpenDocument spreadsheet (.ods) nor JSON. Save it from Excel as "CSV UTF-8" or as a workbook (.xlsx).',
    });
  }
  if (json === true || (json === 'guess' && /^\s*[[{]/.test(text))) return parseJsonRows(text);
  try {
    const { records, rowNumbers, separator } = await parseCsvSliced(text, { maxRecords: MAX_IMPORT_RECORDS + 1, tooMany: tooManyRecords, onProgress: options.onProgress });
    return { table: records, rowNumbers, format: 'csv', encoding, separator };
  } catch (err) {
    throw err instanceof CsvQuoteError ? quoteRefusal(err) : err;
  }
}

/**
 * The refusal of a CSV file whose quotes cannot be read without guessing (`CsvQuoteError`): 400
 * `unclosed-quote` (a quoted value never closed: the rows after it would have been read into it)
 * or `undoubled-quote` (a quote inside a quoted value not doubled), naming the row where the value
 * begins as the answers' `row` does. The whole file is refused: nothing of it is imported.
 */
function quoteRefusal(err: CsvQuoteError): AppError {
  const row = err.row;
  if (err.fault === 'unclosed') {
    return badRequest('unclosed-quote', {
      sv: `Rad ${digits(row)} i filen: ett värde börjar med citattecken (") som aldrig stängs, så resten av filen skulle läsas in i det värdet. Inget importerades. Stäng citattecknet efter värdet, eller ta bort det, och importera filen igen.`,
      en: `Row ${digits(row)} of the file: a value begins with a quote (") that is never closed, so the rest of the file would be read into that value. Nothing was imported. Close the quote after the value, or remove it, and import the file again.`,
    });
  }
  return badRequest('undoubled-quote', {
    sv: `Rad ${digits(row)} i filen: ett värde inom citattecken innehåller ett citattecken som inte är dubblerat (i ett värde inom citattecken skrivs " som ""). Inget importerades. Dubblera citattecknen i värdet, eller ta bort dem, och importera filen igen.`,
    en: `Row ${digits(row)} of the file: a value in quotes holds a quote that is not doubled (inside a quoted value, " is written ""). Nothing was imported. Double the quotes inside the value, or remove them, and import the file again.`,
  });
}

/**
 * Read an HTTP import body by its content type (an OpenDocument spreadsheet by its bytes → ODS,
 * whatever the type says, or ZIP bytes typed `…opendocument.spreadsheet`; `…spreadsheetml…` or ZIP bytes → XLSX, `…json…` → JSON, no type and
 * JSON-looking text → JSON, anything else → CSV); an `.xls` workbook or an OpenDocument file
 * that is no spreadsheet, by its bytes, is refused in words (400 `not-read-kind`). A workbook is
 * read within `options` (the caller's deadline; 60 s from the call by default), the wait for a
 * free reading worker included (`read-worker.ts`: 503 `read-busy` when the server reads too many).
 */
export async function readImportBody(contentType: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportInput> {
  const unread = unreadKind(bytes);
  if (unread) throw unread;
  if (isOpenDocumentSpreadsheet(bytes) || (isZip(bytes) && contentType.includes('opendocument.spreadsheet'))) return readOds(bytes, options);
  if (contentType.includes('spreadsheetml') || isZip(bytes)) return readXlsx(bytes, options);
  if (contentType.includes('json')) return readText(bytes, true, options);
  return readText(bytes, contentType === '' ? 'guess' : false, options);
}

/**
 * Read an import file by its name: `.json`, `.xlsx` (or ZIP bytes), anything else as CSV or
 * tab-separated text; an OpenDocument spreadsheet by its bytes, whatever its name (or ZIP bytes named `.ods`); `.xls` bytes
 * and other OpenDocument files refused as in {@link readImportBody}, a workbook read within `options` as there.
 */
export async function readImportFile(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportInput> {
  const ext = extname(name).toLowerCase();
  const unread = unreadKind(bytes);
  if (unread) throw unread;
  if (isOpenDocumentSpreadsheet(bytes) || (isZip(bytes) && (ext === '.ods' || ext === '.ots'))) return readOds(bytes, options);
  if (ext === '.xlsx' || isZip(bytes)) return readXlsx(bytes, options);
  return readText(bytes, ext === '.json', options);
}
