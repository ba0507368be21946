/**
 * Turning the bytes of an import into records, whatever wrote them: CSV or tab-separated text in
 * any encoding Excel and LibreOffice save (see `decode-text.ts`), with or without a `sep=` line;
 * XLSX read by cell type off the event loop (see `xlsx-read.ts`); JSON row objects. Large text
 * files are parsed in slices. Every failure is an {@link AppError} with a sentence: 400 for what
 * cannot be read, 413 for what is larger than a document may hold.
 */
import { extname } from 'node:path';
import { z } from 'zod';
import { Limits } from '../../shared/protocol/limits.js';
import { parseCsvSliced } from './csv.js';
import { decodeTextSliced, type TextEncoding } from './decode-text.js';
import { AppError, badRequest } from './errors.js';
import { readXlsxSheet, type XlsxCell, type XlsxSheet } from './xlsx-read.js';

/**
 * What an import reads: a table (header first) of text fields (CSV) or typed cells (XLSX), or
 * JSON row objects. `encoding` says how a text file was decoded; `rowNumbers` the 1-based row
 * number of each table row in the sheet, or in the CSV file as a spreadsheet opens it (empty rows
 * and blank lines are left out of the table);
 * `formulasWithoutValue` (XLSX) the cells of a formula with no saved result, read as empty.
 */
export type ImportInput =
  | {
      table: readonly (readonly XlsxCell[])[];
      format: 'csv' | 'xlsx';
      encoding?: TextEncoding;
      rowNumbers?: readonly number[];
      formulasWithoutValue?: readonly string[];
      /** XLSX: the name of the sheet `table` is, and the workbook's later visible sheets (`import-sheet.ts` chooses). */
      sheet?: string;
      otherSheets?: readonly XlsxSheet[];
    }
  | { objects: Record<string, unknown>[]; format: 'json' };

/** Largest number of records a file may hold: one document's rows. */
export const MAX_IMPORT_RECORDS = Limits.maxRows;

const tooManyRecords = () =>
  new AppError(413, 'too-many-rows', {
    sv: `Filen har fler rader än ett dokument får ha (högst ${MAX_IMPORT_RECORDS.toLocaleString('sv')}).`,
    en: `The file has more records than a document may hold (at most ${MAX_IMPORT_RECORDS.toLocaleString('en')}).`,
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
  return { objects: parsed.data, format: 'json' };
}

async function readXlsx(bytes: Uint8Array): Promise<ImportInput> {
  const { name, otherSheets, ...first } = await readXlsxSheet(bytes);
  return { ...first, format: 'xlsx', sheet: name, otherSheets };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Bytes that are no text file: an old binary Excel workbook, a PDF, an image … */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  return sample.includes('\u0000');
}

async function readText(bytes: Uint8Array, json: boolean | 'guess'): Promise<ImportInput> {
  const { text, encoding } = await decodeTextSliced(bytes);
  if (looksBinary(text)) {
    throw badRequest('not-a-table', {
      sv: 'Filen är varken CSV, tabbavgränsad text, XLSX eller JSON. Spara den från Excel som "CSV UTF-8" eller som arbetsbok (.xlsx).',
      en: 'The file is neither CSV, tab-separated text, XLSX nor JSON. Save it from Excel as "CSV UTF-8" or as a workbook (.xlsx).',
    });
  }
  if (json === true || (json === 'guess' && /^\s*[[{]/.test(text))) return parseJsonRows(text);
  const { records, rowNumbers } = await parseCsvSliced(text, { maxRecords: MAX_IMPORT_RECORDS + 1, tooMany: tooManyRecords });
  return { table: records, rowNumbers, format: 'csv', encoding };
}

/**
 * Read an HTTP import body by its content type (`…spreadsheetml…` or ZIP bytes → XLSX,
 * `…json…` → JSON, no type and JSON-looking text → JSON, anything else → CSV).
 */
export async function readImportBody(contentType: string, bytes: Uint8Array): Promise<ImportInput> {
  if (contentType.includes('spreadsheetml') || isZip(bytes)) return readXlsx(bytes);
  if (contentType.includes('json')) return readText(bytes, true);
  return readText(bytes, contentType === '' ? 'guess' : false);
}

/** Read an import file by its name: `.json`, `.xlsx` (or ZIP bytes), anything else as CSV or tab-separated text. */
export async function readImportFile(name: string, bytes: Uint8Array): Promise<ImportInput> {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx' || isZip(bytes)) return readXlsx(bytes);
  return readText(bytes, ext === '.json');
}
