/**
 * Reading an imported XLSX workbook without letting it take the server down:
 *
 * 1. the ZIP directory is read first (no inflating): a workbook that claims to unpack to more
 *    than {@link XLSX_LIMITS}.maxUncompressedBytes is refused at once (413);
 * 2. everything else runs in a worker thread: each part is inflated with a hard output bound
 *    (so a directory that lies about sizes is caught too), then `exceljs` reads the sheets that
 *    are not hidden (a template's hidden sheet of dropdown lists is not the table), in tab order;
 *    rows and cells of the first beyond the limits are refused (413), a later sheet beyond them is
 *    left unread and named (`skippedSheets`); which tab was open at saving (`active`) and the
 *    hidden columns are read too; the worker's heap is capped and it is
 *    ended after {@link XLSX_LIMITS}.timeoutMs;
 * 3. cells come back by their type — numbers, text (shared or inline), booleans, dates (as
 *    `Date`), formula results (a formula without a saved result reads as empty, and its cell is
 *    named: `formulasWithoutValue`) — for the normaliser; nothing is turned into text first, but a
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
 * Corrupt, truncated or non-XLSX bytes answer 400 with a sentence; an exception of the reader's own
 * code is no verdict on the file: it answers 500 and is logged (`read-worker.ts`, `ReadFaultError`).
 */
import { createRequire } from 'node:module';
import { Limits } from '../../shared/protocol/limits.js';
import { AppError, badRequest } from './errors.js';
import type { ReadProgress } from './read-progress.js';
import { ReadDeadlineError, runReadWorker, type ReadWorkerJob, type ReadWorkerOwner } from './read-worker.js';
import { ZipError, zipEntries } from './zip-directory.js';

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
 * Runs in the worker as CommonJS (eval) after `read-worker.ts`'s prelude (`fail`, `postSheets`),
 * so it needs no build step and works under tsx and vitest. It loads exceljs once and defines
 * `read(data)`, which the warm worker calls for each workbook it is sent (`read-worker.ts`, `warm`).
 */
const WORKER_SOURCE = `
const zlib = require('node:zlib');
const { Transform } = require('node:stream');
const ExcelJS = require(workerData.exceljs);
// How far a read has got, in whole percents of the read, by stage: each stage's share as measured
// on a 12,000-row workbook (checking the parts ~5 %, exceljs unzipping them ~15 %, parsing the
// sheets' XML ~30 %, the shared strings, styles and the model ~35 %, taking the cells ~15 %).
// Within a stage it moves by the parts checked, the sheets' characters parsed, the rows taken.
const STAGE = { checked: 5, unzipped: 20, parsed: 50, loaded: 85, done: 100 };
function stage(from, to, fraction) {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 1;
  progress(Math.round(100 * (from + (to - from) * f)), 10000);
}
// exceljs's load parses each worksheet part from a stream of its text (exceljs 4.4, xlsx.js
// _processWorksheetEntry): the text is counted as it flows to the parser, the one part of the
// load that can be watched. Only when the read asked for progress; without the hook, no motion.
function countSheetParse(xlsx, sheetBytes) {
  const original = xlsx._processWorksheetEntry;
  if (typeof original !== 'function' || !progressAsked()) return;
  let parsed = 0;
  xlsx._processWorksheetEntry = function (stream, ...rest) {
    const counted = new Transform({
      objectMode: true,
      transform(chunk, _encoding, done) {
        parsed += chunk.length;
        stage(STAGE.unzipped, STAGE.parsed, parsed / sheetBytes);
        done(null, chunk);
      },
    });
    stream.on('error', (err) => counted.destroy(err));
    return original.call(this, stream.pipe(counted), ...rest);
  };
}
const WORKSHEET_PART = new RegExp('^/?xl/worksheets/sheet[0-9]+[.]xml$');
// 'rows' or 'cells' when a sheet is past the limits, else null.
function overOf(sheet, limits) {
  return sheet.rowCount > limits.maxRows ? 'rows' : sheet.rowCount * sheet.columnCount > limits.maxCells ? 'cells' : null;
}
function text(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date || typeof v !== 'object') return v;
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return text(v.result === undefined ? null : v.result);
  if ('error' in v) return String(v.error);
  if ('text' in v) return typeof v.text === 'object' ? text(v.text) : String(v.text);
  return null;
}
// A number shown as a percentage (0.12 under 0%: Excel's 12 % typed) is read as the text shown,
// 12 %, which the normaliser reads as 12, as Samplan stores percentages; a % in quotes or escaped is
// a literal sign, not a percent format.
function shown(cell) {
  const v = text(cell.value);
  const fmt = typeof cell.numFmt === 'string' ? cell.numFmt.replace(/"[^"]*"/g, '').replace(/\\\\./g, '') : '';
  if (typeof v !== 'number' || !fmt.includes('%')) return v;
  return String(Number((v * 100).toPrecision(15))) + ' %';
}
async function readOnce({ bytes, entries, limits }) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = limits.maxUncompressedBytes;
  const claimed = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  let sheetBytes = 0;
  for (const e of entries) {
    const at = e.localHeaderOffset;
    if (b.readUInt32LE(at) !== 0x04034b50) return fail('corrupt', 'The XLSX workbook is damaged (a part cannot be found).');
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    const data = b.subarray(start, start + e.compressedSize);
    let size = data.length;
    if (e.method === 8) {
      try { size = zlib.inflateRawSync(data, { maxOutputLength: budget + 1 }).length; }
      catch (err) {
        if (err && err.code === 'ERR_BUFFER_TOO_LARGE') return fail('too-large', 'unpacked');
        return fail('corrupt', 'The XLSX workbook is damaged (a part cannot be unpacked).');
      }
    } else if (e.method !== 0) return fail('corrupt', 'The XLSX workbook uses a compression this server does not read.');
    budget -= size;
    if (budget < 0) return fail('too-large', 'unpacked');
    if (WORKSHEET_PART.test(e.name)) sheetBytes += size;
    stage(0, STAGE.checked, (limits.maxUncompressedBytes - budget) / claimed);
  }
  const wb = new ExcelJS.Workbook();
  countSheetParse(wb.xlsx, sheetBytes);
  // exceljs failing to load is the file's fault (400); an exception past this line is ours (500,
  // logged: read-worker.ts's fault), never told to the coordinator as a damaged file.
  try { await wb.xlsx.load(b); }
  catch (err) { return fail('corrupt', 'The file is not a readable XLSX workbook.'); }
  // The sheets a person sees, in tab order: templates keep their dropdown lists in a hidden sheet,
  // often first. The first of them is held to the limits (a refusal, as ever); a later one past
  // them is left unread (the import names the sheet it read, import-sheet.ts).
  const visible = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  const readable = visible.length > 0 ? visible : wb.worksheets.slice(0, 1);
  if (readable.length === 0) return fail('corrupt', 'The file holds no worksheet; it is not an XLSX workbook with a table.');
  // The tab that was open when the workbook was saved (bookViews' activeTab counts hidden sheets too).
  const views = Array.isArray(wb.views) ? wb.views : [];
  const activeSheet = wb.worksheets[(views[0] && views[0].activeTab) || 0];
  const sheets = [];
  const skipped = [];
  // The rows of the sheets to be read, for the progress of taking their cells.
  const rowsToTake = readable.reduce((n, ws, i) => (overOf(ws, limits) && i > 0 ? n : n + ws.rowCount), 0);
  let rowsBefore = 0;
  stage(STAGE.loaded, STAGE.done, 0);
  for (const [i, sheet] of readable.entries()) {
    const width = sheet.columnCount;
    const over = overOf(sheet, limits);
    if (over && i === 0) return fail('too-large', over);
    if (over) { skipped.push({ name: sheet.name, over }); continue; }
    const hiddenColumns = [];
    for (let c = 1; c <= width; c++) if (sheet.getColumn(c).hidden) hiddenColumns.push(c);
    const table = [];
    const rowNumbers = [];
    const formulasWithoutValue = [];
    const hiddenRows = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const v = cell.value;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null)) formulasWithoutValue.push(cell.address);
        cells.push(shown(cell));
      }
      table.push(cells);
      rowNumbers.push(row.number);
      if (row.hidden) hiddenRows.push(row.number);
      stage(STAGE.loaded, STAGE.done, (rowsBefore + row.number) / rowsToTake);
    });
    rowsBefore += sheet.rowCount;
    sheets.push({ name: sheet.name, table, rowNumbers, formulasWithoutValue, hiddenRows, hiddenColumns, active: sheet === activeSheet });
  }
  stage(STAGE.loaded, STAGE.done, 1);
  await postSheets(sheets, { skipped });
}
async function read(data) {
  await readOnce(data);
}
`;

/**
 * Reads one worker serves before it is ended and a new one started: a warm worker spares the
 * 0.5 s of loading exceljs per read, and a fresh one now and then returns what exceljs and the
 * reads left on its heap.
 */
export const XLSX_READS_PER_WORKER = 20;

/** 413 `too-large` for a workbook past a limit: `rows`, `cells`, or (anything else) its unpacked size. */
export function workbookTooLarge(what: string): AppError {
  const mib = XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024;
  const sentence =
    what === 'rows'
      ? {
          sv: `Arbetsboken har fler rader än ett dokument får ha (högst ${Limits.maxRows.toLocaleString('sv')}).`,
          en: `The workbook has more rows than a document may hold (at most ${Limits.maxRows.toLocaleString('en')}).`,
        }
      : what === 'cells'
        ? {
            sv: `Arbetsboken har fler celler än den här servern importerar (högst ${XLSX_LIMITS.maxCells.toLocaleString('sv')}).`,
            en: `The workbook has more cells than this server imports (at most ${XLSX_LIMITS.maxCells.toLocaleString('en')}).`,
          }
        : { sv: `Arbetsboken packas upp till mer än ${mib} MiB, mer än den här servern importerar.`, en: `The workbook unpacks to more than ${mib} MiB, more than this server imports.` };
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
  /** True for the tab that was open when the workbook was saved (its `activeTab`). */
  active: boolean;
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
   * `content.xml` parsed, a CSV's text; an `.xlsx`'s stages in hundredths of a percent of the read
   * (`total` 10,000: its parts checked, its sheets' XML parsed by exceljs, its rows taken; see
   * `STAGE` in the worker's source: exceljs's streaming reader, which would tell rows as they
   * come, reads no hidden rows or columns, so the whole workbook is still loaded at once).
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
 * an exception of the reader's own code rejects with a `ReadFaultError` (500, logged).
 */
export function xlsxReadJob(bytes: Uint8Array, entries: unknown, options: ReadOptions): ReadWorkerJob {
  const require = createRequire(import.meta.url);
  return {
    source: WORKER_SOURCE,
    data: { bytes, entries, limits: XLSX_LIMITS },
    warm: { key: 'xlsx', reads: XLSX_READS_PER_WORKER, setup: { exceljs: require.resolve('exceljs') } },
    maxHeapMb: XLSX_LIMITS.maxHeapMb,
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
  const { sheets, skipped } = await runReadWorker<PostedSheet, { skipped: XlsxSkippedSheet[] }, XlsxCell>(xlsxReadJob(bytes, entries, options));
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
