/**
 * The part of reading an `.xlsx` that costs time, run in a worker thread (`xlsx-read.ts` by
 * `read-worker.ts`): the workbook's parts read as streams (`xlsx-xml.ts`: inflated under a hard
 * output bound, parsed by `saxes` chunk by chunk, nothing written to disk), the visible sheets in
 * tab order (the first sheet when all are hidden), the first past the limits refused at once, a
 * later one past them left unread and named.
 *
 * Progress is the inflated bytes parsed of the styles, the shared strings and the sheets read, of
 * all the directory says they hold, so it moves steadily from 0 to 100 % however the time is spread
 * over them. It imports nothing of the server but the readers, so a worker loads little; every
 * refusal comes back as data ({@link XlsxPartsAnswer}'s `error`), and any exception it throws is
 * its own fault, never a verdict on the file.
 */
import type { XlsxSkippedSheet } from './xlsx-read.js';
import { Package, readBook, readSharedStrings, readStyles } from './xlsx-package.js';
import { XlsxSheetReader, type XlsxReadSheet } from './xlsx-sheet-reader.js';
import { corrupt, tooLarge, XlsxRefusal } from './xlsx-xml.js';
import type { ZipEntry } from './zip-directory.js';

/** The limits a read is held to (the fields of `XLSX_LIMITS` it uses). */
export interface XlsxPartsLimits {
  /** Sum of the unpacked sizes of the parts read, in bytes. */
  maxUncompressedBytes: number;
  /** Rows of a sheet, header included. */
  maxRows: number;
  /** Rows × columns of a sheet. */
  maxCells: number;
}

/** A sheet as read, `active` for the tab open at saving. */
export type XlsxPartsSheet = Omit<XlsxReadSheet, 'over'> & { active: boolean };

/** Why a workbook was refused: `corrupt` (the English sentence in `message`) or `too-large` (`message` the limit passed: `rows`, `cells`, `unpacked`). */
export interface XlsxPartsError {
  kind: 'corrupt' | 'too-large';
  message: string;
}

/** What a read answers: the sheets read in tab order and the later ones left unread, or why not. */
export type XlsxPartsAnswer = { sheets: XlsxPartsSheet[]; skipped: XlsxSkippedSheet[] } | { error: XlsxPartsError };

/**
 * Reads the sheets of the `.xlsx` in `bytes`, whose ZIP directory (`entries`) the caller read and
 * checked. `onProgress(done, total)` is told the bytes parsed as it goes. Every refusal of the file
 * is the answer's `error`; it throws only an exception of its own code (a bug).
 */
export async function readXlsxParts(
  bytes: Uint8Array,
  entries: ZipEntry[],
  limits: XlsxPartsLimits,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<XlsxPartsAnswer> {
  try {
    const pkg = new Package(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), entries, limits.maxUncompressedBytes);
    const book = await readBook(pkg);
    if (book.sheets.length === 0) throw corrupt('The file holds no worksheet; it is not an XLSX workbook with a table.');
    // The sheets a person sees, in tab order: templates keep their dropdown lists in a hidden sheet, often first.
    const visible = book.sheets.filter((s) => !s.hidden);
    const readable = visible.length > 0 ? visible : book.sheets.slice(0, 1);
    const active = book.sheets[book.activeTab] ?? book.sheets[0];
    const parts = [book.styles, book.sharedStrings, ...readable.map((s) => s.part)];
    const total = parts.reduce((n, e) => n + (e?.uncompressedSize ?? 0), 0);
    let done = 0;
    const parsed = (n: number) => {
      done += n;
      onProgress(Math.min(done, total), total);
    };
    const { kinds, booleanWords } = await readStyles(pkg, book.styles, parsed);
    const strings = await readSharedStrings(pkg, book.sharedStrings, parsed);
    const budget = { cells: 2 * limits.maxCells, spans: limits.maxCells };
    const sheets: XlsxPartsSheet[] = [];
    const skipped: XlsxSkippedSheet[] = [];
    for (const [i, s] of readable.entries()) {
      const reader = new XlsxSheetReader(s.name, { strings, kinds, booleanWords, date1904: book.date1904, limits, budget });
      const before = done;
      await pkg.read(s.part, reader.handlers, parsed);
      // A sheet left unread past a limit is done all the same.
      done = Math.max(done, Math.min(total, before + s.part.uncompressedSize));
      const { over, ...sheet } = reader.finish();
      if (over && i === 0) throw tooLarge(over);
      if (over) skipped.push({ name: s.name, over });
      else sheets.push({ ...sheet, active: s === active });
    }
    onProgress(total, total);
    return { sheets, skipped };
  } catch (err) {
    if (err instanceof XlsxRefusal) return { error: { kind: err.kind, message: err.message } };
    throw err;
  }
}
