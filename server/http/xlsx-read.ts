/**
 * Reading an imported XLSX workbook without letting it take the server down:
 *
 * 1. the ZIP directory is read first (no inflating): a workbook that claims to unpack to more
 *    than {@link XLSX_LIMITS}.maxUncompressedBytes is refused at once (413);
 * 2. everything else runs in a worker thread (`xlsx-parts.ts` by `read-worker.ts`): the parts a
 *    table needs (workbook, relationships, styles, shared strings, the sheets read) are each
 *    inflated as a stream with a hard output bound (so a directory that lies about sizes is caught
 *    too) and parsed as they come by a streaming XML parser, nothing written to disk and no part
 *    held whole; the sheets that are not hidden (a template's hidden sheet of dropdown lists is not
 *    the table) are read in tab order; rows and cells of the first beyond the limits are refused
 *    (413), a later sheet beyond them is left unread and named (`skippedSheets`); which tab was
 *    open at saving (`active`) and the hidden rows and columns are read too; the worker's heap is
 *    capped and it is ended after {@link XLSX_LIMITS}.timeoutMs;
 * 3. cells come back by their type (`xlsx-sheet-reader.ts`) — numbers, text (shared or inline,
 *    rich text joined), booleans as the text they show (`TRUE`/`FALSE`, or the words of their
 *    format: LibreOffice writes `"SANT";"SANT";"FALSKT"`), dates (as `Date`, by the cell's number format and the 1900 or
 *    1904 date system), formula results (a formula without a saved result reads as empty, and its
 *    cell is named: `formulasWithoutValue`), a merged cell's value over the cells it covers — for
 *    the normaliser; nothing is turned into text first, but a
 *    number under a percent format, which Excel keeps as a hundredth (12 % typed is 0.12), comes
 *    back as the text shown (`12 %`), read as 12 like a CSV's `12 %` (`parse-number.ts`). A text that
 *    begins with `'` before `=`, `+`, `-`, `@` loses that one apostrophe (`stripNeutralizer`, as a
 *    CSV import does): it is the formula guard of a Samplan CSV export that a spreadsheet opened and
 *    saved as a workbook — LibreOffice and Excel show a CSV's `'=1+1` as that text, apostrophe
 *    included. A person never types it so: the `'` typed before `=1+1` in Excel or LibreOffice is
 *    the program's text prefix (Excel's `quotePrefix` style), not part of the cell's value, which
 *    is `=1+1`; a cell whose value is `'=1+1` was typed `''=1+1`, or written by Samplan's own XLSX
 *    export, which adds one apostrophe to such a text (`escapeNeutralizer`, `xlsx.ts`) so that it
 *    comes back as it was.
 *
 * Corrupt, truncated or non-XLSX bytes answer 400 with a sentence; a failure of the reader's own
 * code or of its worker is no verdict on the file: it answers 500 and is logged (`read-worker.ts`,
 * `ReadFaultError`).
 */
import { Limits } from '../../shared/protocol/limits.js';
import { AppError, badRequest } from './errors.js';
import { partsWorkerSource } from './parts-worker-source.js';
import type { ReadProgress } from './read-progress.js';
import { ReadDeadlineError, runReadWorker, type ReadWorkerJob, type ReadWorkerOwner } from './read-worker.js';
import { ZipError, zipEntries } from './zip-directory.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** A cell as read from a workbook. */
export type XlsxCell = string | number | boolean | Date | null;

/** What an imported workbook may hold. */
export const XLSX_LIMITS = {
  /** Sum of the unpacked sizes of all parts. */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** Rows of the sheet read, header included. */
  maxRows: Limits.maxRows + 1,
  /** Rows × columns of the first sheet. */
  maxCells: 2_000_000,
  /** Heap of the reading worker. */
  maxHeapMb: 512,
  /** How long reading may take. */
  timeoutMs: 60_000,
} as const;

/**
 * Reads one worker serves before it is ended and a new one started: a warm worker spares
 * starting a thread and evaluating its reader per read, and a fresh one now and then returns what
 * the reads left on its heap.
 */
export const XLSX_READS_PER_WORKER = 20;

/** 413 `too-large` for a workbook past a limit: `rows`, `cells`, or (anything else) its unpacked size. */
export function workbookTooLarge(what: string): AppError {
  const mib = XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024;
  const sentence =
    what === 'rows'
      ? {
          sv: `Arbetsboken har fler rader än ett dokument får ha (högst ${numberText(Limits.maxRows, 'sv')}).`,
          en: `The workbook has more rows than a document may hold (at most ${numberText(Limits.maxRows, 'en')}).`,
        }
      : what === 'cells'
        ? {
            sv: `Arbetsboken har fler celler än den här servern importerar (högst ${numberText(XLSX_LIMITS.maxCells, 'sv')}).`,
            en: `The workbook has more cells than this server imports (at most ${numberText(XLSX_LIMITS.maxCells, 'en')}).`,
          }
        : { sv: `Arbetsboken packas upp till mer än ${numberText(mib, 'sv')} MiB, mer än den här servern importerar.`, en: `The workbook unpacks to more than ${numberText(mib, 'en')} MiB, more than this server imports.` };
  return new AppError(413, 'too-large', sentence);
}

/** 400 `not-xlsx`: the English says what was wrong with the file (`en`), the Swedish that it cannot be read. */
function notXlsx(en = 'The file is not a readable XLSX workbook.'): AppError {
  return badRequest('not-xlsx', { sv: 'Filen är ingen läsbar XLSX-arbetsbok. Öppna den i Excel och spara den igen som arbetsbok (.xlsx).', en });
}

/** A sheet as read: its name (the tab's), its filled rows, and the sheet's 1-based row number of each. */
export interface XlsxSheet {
  name: string;
  table: XlsxCell[][];
  rowNumbers: number[];
  /**
   * The cells (`C2`, as the sheet names them) holding a formula but no value computed for it:
   * files written by a program (a library, a script) rather than Excel carry none until Excel
   * recalculates. They read as empty; the import's summary names them (`import-rows.ts`).
   */
  formulasWithoutValue: string[];
  /** The sheet's numbers of the filled rows that are hidden (by hand or by a filter). */
  hiddenRows: number[];
  /** The 1-based numbers of the hidden columns (`A` is 1), as `table`'s cells are placed. */
  hiddenColumns: number[];
  /** The merged ranges whose value was also read into the other cells they cover (`import-merged.ts` says so). */
  mergedRanges: MergedRange[];
  /** True for the tab that was open when the workbook was saved (its `activeTab`). */
  active: boolean;
}

/** A merged range as the sheet names it (`B3:B5`), and the sheet's numbers of its first and last rows. */
export interface MergedRange {
  range: string;
  firstRow: number;
  lastRow: number;
}

/** A later visible sheet left unread because it is past the limits (`rows` or `cells`). */
export interface XlsxSkippedSheet {
  name: string;
  over: 'rows' | 'cells';
}

/** A workbook as read: its first visible sheet's fields, and its later visible sheets in tab order. */
export interface XlsxWorkbook extends XlsxSheet {
  /** The visible sheets after the first, each as read (one past the limits is left out). */
  otherSheets: XlsxSheet[];
  /** The later visible sheets past the limits, left unread (the import says so). */
  skippedSheets: XlsxSkippedSheet[];
}

/** A workbook's sheet as its worker posts it (the table comes back by slices, texts unguarded). */
type PostedSheet = Omit<XlsxSheet, 'table'>;

/** Past what a worker may read: the limits of {@link XLSX_LIMITS}, and the time this read may take. */
export interface ReadOptions {
  /** How long the read may take, in ms from the call, the wait for a free worker included (default {@link XLSX_LIMITS}.timeoutMs, 60 s). */
  timeoutMs?: number;
  /** When the read must have ended (epoch ms): a caller's deadline, e.g. its request's; wins over `timeoutMs`. */
  deadline?: number;
  /** Aborted when nobody waits for the read any more (a request's client went away): the read is given up (`read-worker.ts`). */
  signal?: AbortSignal;
  /** Whose warm worker reads it (an app's: its close ends only its own idle workers, `read-worker.ts`). */
  owner?: ReadWorkerOwner;
  /**
   * Told how far the read has got, at each whole percent once (`read-progress.ts`): an `.ods`'s
   * `content.xml` parsed, a CSV's text, an `.xlsx`'s inflated bytes parsed of its styles, shared
   * strings and sheets read (`xlsx-parts.ts`).
   */
  onProgress?: (progress: ReadProgress) => void;
}

/** The epoch ms by which a read called now with `options` must end. */
export function readDeadline(options: ReadOptions): number {
  return options.deadline ?? Date.now() + (options.timeoutMs ?? XLSX_LIMITS.timeoutMs);
}

/** 413 `too-large` for a workbook read past its deadline. */
function tooSlow(): AppError {
  return new ReadDeadlineError(413, 'too-large', { sv: 'Det tog för lång tid att läsa arbetsboken; dela upp den i mindre filer.', en: 'The workbook took too long to read; split it into smaller files.' });
}

/**
 * The worker job reading `bytes`, whose ZIP directory is `entries` (`zip-directory.ts`), for
 * `runReadWorker`: the file's faults are refused in words ({@link workbookTooLarge}, 400 `not-xlsx`),
 * a failure of the reader's own code or its worker rejects with a `ReadFaultError` (500, logged).
 */
export async function xlsxReadJob(bytes: Uint8Array, entries: unknown, options: ReadOptions): Promise<ReadWorkerJob> {
  const source = await partsWorkerSource('xlsx-parts');
  return {
    source,
    data: { bytes, entries, limits: XLSX_LIMITS },
    warm: { key: 'xlsx', reads: XLSX_READS_PER_WORKER, setup: {} },
    maxHeapMb: XLSX_LIMITS.maxHeapMb,
    // Counted from here: the reader's bundle made once per process from source is no part of a read.
    deadline: readDeadline(options),
    signal: options.signal,
    owner: options.owner,
    onProgress: options.onProgress,
    tooSlow,
    refused: (r) => (r.kind === 'too-large' ? workbookTooLarge(r.message) : notXlsx(r.message)),
    outOfMemory: () => workbookTooLarge('unpacked'),
  };
}

async function runWorker(bytes: Uint8Array, entries: unknown, options: ReadOptions): Promise<XlsxWorkbook> {
  const { sheets, skipped } = await runReadWorker<PostedSheet, { skipped: XlsxSkippedSheet[] }, XlsxCell>(await xlsxReadJob(bytes, entries, options));
  const [first, ...others] = sheets;
  if (!first) throw notXlsx();
  return { ...first, otherSheets: others, skippedSheets: skipped };
}

/**
 * The first visible sheet of a workbook (the first sheet when all are hidden) as a table of typed
 * cells, top first, empty rows left out (`rowNumbers` gives each row's number in the sheet, so a
 * header under a title and a blank row can be named as the sheet shows it), with the later
 * visible sheets read the same way (`otherSheets`: an import takes the sheet whose header names
 * the document's columns, `import-sheet.ts`). Throws an {@link AppError}: 413 `too-large` when the
 * first visible sheet or the whole workbook is past a limit, 400 `not-xlsx` for anything unreadable.
 */
export async function readXlsxSheet(bytes: Uint8Array, options: ReadOptions = {}): Promise<XlsxWorkbook> {
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch (err) {
    if (err instanceof ZipError) {
      if (err.kind !== 'too-large') throw notXlsx(err.message);
      throw new AppError(413, 'too-large', { sv: 'Arbetsboken är större än den här servern importerar.', en: err.message });
    }
    throw err;
  }
  const claimed = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (claimed > XLSX_LIMITS.maxUncompressedBytes) throw workbookTooLarge('unpacked');
  return runWorker(bytes, entries, options);
}

/** The table of {@link readXlsxSheet} alone. */
export async function readXlsxTable(bytes: Uint8Array): Promise<XlsxCell[][]> {
  return (await readXlsxSheet(bytes)).table;
}
