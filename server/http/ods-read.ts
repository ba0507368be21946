/**
 * Reading an imported OpenDocument spreadsheet (`.ods`, LibreOffice Calc's own format, which many
 * municipalities and regions save) to the same answer as an XLSX workbook (`xlsx-read.ts`), under
 * the same limits ({@link XLSX_LIMITS}):
 *
 * 1. the ZIP directory is read first (no inflating): a file that claims to unpack to more than
 *    `maxUncompressedBytes` is refused at once (413);
 * 2. the rest runs in a worker thread (`ods-parts.ts` by `read-worker.ts`), its heap capped and
 *    ended after `timeoutMs` (60 s unless the caller says), kept warm for the next `.ods` (up to
 *    `XLSX_READS_PER_WORKER` reads), as an XLSX read does, so a large file
 *    holds no other request up: only `content.xml` (the sheets) and `settings.xml` (which sheet
 *    was open) are inflated, each
 *    with a hard output bound, so a directory that lies about sizes is caught too; the other parts
 *    (styles, thumbnails, pictures) are never unpacked;
 * 3. `content.xml` is read as a stream (`ods-content.ts`): the visible sheets in tab order (the
 *    first sheet when all are hidden); the first past the limits is refused (413), a later one left
 *    unread and named (`skippedSheets`); reading longer than `timeoutMs` is refused (413);
 * 4. the sheet that was open at saving is `settings.xml`'s `ActiveTable` (the first sheet when the
 *    file has no settings, as an XLSX without `activeTab`), so `import-sheet.ts` chooses among the
 *    sheets by the same rule and with the same words as for a workbook.
 *
 * Texts lose a Samplan CSV export's formula guard as an XLSX's do, in the worker (`read-worker.ts`). Corrupt,
 * truncated or non-OpenDocument bytes answer 400 `not-ods` with a sentence.
 */
import { AppError, badRequest } from './errors.js';
import type { OdsSheet } from './ods-content.js';
import { partsWorkerSource } from './parts-worker-source.js';
import { ReadDeadlineError, runReadWorker } from './read-worker.js';
import { XLSX_LIMITS, XLSX_READS_PER_WORKER, readDeadline, workbookTooLarge, type ReadOptions, type XlsxCell, type XlsxSheet, type XlsxWorkbook } from './xlsx-read.js';
import { ZipError, zipEntries, type ZipEntry } from './zip-directory.js';

/** 400 `not-ods`: the English says what was wrong with the file (`what`), both how to save it again. */
function notOds(what = 'The file is not a readable OpenDocument spreadsheet.'): AppError {
  return badRequest('not-ods', {
    sv: 'Filen är inget läsbart OpenDocument-kalkylark (.ods). Öppna den i LibreOffice Calc och spara den igen, eller spara den som Excel-arbetsbok (.xlsx) eller CSV.',
    en: `${what} Open it in LibreOffice Calc and save it again, or save it as an Excel workbook (.xlsx) or CSV.`,
  });
}

/** 413 `too-large` for a read past its deadline. */
function tooSlow(): AppError {
  return new ReadDeadlineError(413, 'too-large', { sv: 'Det tog för lång tid att läsa kalkylarket; dela upp det i mindre filer.', en: 'The spreadsheet took too long to read; split it into smaller files.' });
}

/** A sheet as the worker posts it: its table comes back by slices, texts unguarded. */
type PostedSheet = Omit<OdsSheet, 'table'>;

/**
 * Reads `content.xml` and `settings.xml` in a worker thread (`ods-parts.ts`, `read-worker.ts`)
 * with the heap cap of an XLSX read, ended at the deadline: the event loop stays free for every
 * other request.
 */
async function runWorker(bytes: Uint8Array, entries: ZipEntry[], options: ReadOptions): Promise<{ sheets: OdsSheet[]; open: string | null }> {
  const source = await partsWorkerSource('ods-parts');
  // Counted from here: the worker's modules bundled once per process are no part of a read.
  const deadline = readDeadline(options);
  return runReadWorker<PostedSheet, { open: string | null }, XlsxCell>({
    source,
    // The worker's own deadline (`readOdsContent`) stops a long read in words before the timer has to.
    data: { bytes, entries, limits: XLSX_LIMITS, deadline },
    // Kept for the next `.ods` as an `.xlsx` worker is: a new worker evaluated the parts' bundle (saxes and the reader) every read.
    warm: { key: 'ods', reads: XLSX_READS_PER_WORKER, setup: {} },
    maxHeapMb: XLSX_LIMITS.maxHeapMb,
    deadline,
    signal: options.signal,
    owner: options.owner,
    onProgress: options.onProgress,
    tooSlow,
    refused: ({ kind, message }) => (kind === 'too-large' ? workbookTooLarge(message) : kind === 'timeout' ? tooSlow() : notOds(message)),
    outOfMemory: () => workbookTooLarge('unpacked'),
  });
}

/** A sheet as a workbook's, `active` when it was the one open at saving. */
function asXlsxSheet(s: OdsSheet, active: boolean): XlsxSheet {
  return { name: s.name, table: s.table, rowNumbers: s.rowNumbers, formulasWithoutValue: s.formulasWithoutValue, hiddenRows: s.hiddenRows, hiddenColumns: s.hiddenColumns, mergedRanges: s.mergedRanges, active };
}
/**
 * The first visible sheet of an OpenDocument spreadsheet (the first sheet when all are hidden)
 * as a table of typed cells, with the later visible sheets (`otherSheets`), exactly as
 * `readXlsxSheet` answers for a workbook. Throws an {@link AppError}: 413 `too-large` when the
 * first visible sheet or the whole file is past a limit or takes too long, 400 `not-ods` for
 * anything unreadable.
 */
export async function readOdsSheet(bytes: Uint8Array, options: ReadOptions = {}): Promise<XlsxWorkbook> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes, 'OpenDocument spreadsheet');
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    if (err.kind !== 'too-large') throw notOds(err.message);
    throw new AppError(413, 'too-large', { sv: 'Kalkylarket är större än den här servern importerar.', en: err.message });
  }
  const claimed = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (claimed > XLSX_LIMITS.maxUncompressedBytes) throw workbookTooLarge('unpacked');
  const { sheets, open: active } = await runWorker(bytes, entries, options);
  if (sheets.length === 0) throw notOds('The file holds no sheet; it is not an OpenDocument spreadsheet with a table.');
  const visible = sheets.filter((s) => !s.hidden);
  const readable = visible.length > 0 ? visible : sheets.slice(0, 1);
  const [first, ...later] = readable;
  if (!first) throw notOds();
  if (first.over) throw workbookTooLarge(first.over);
  const open = active ?? sheets[0]?.name;
  return {
    ...asXlsxSheet(first, first.name === open),
    otherSheets: later.filter((s) => !s.over).map((s) => asXlsxSheet(s, s.name === open)),
    skippedSheets: later.flatMap((s) => (s.over ? [{ name: s.name, over: s.over }] : [])),
  };
}
