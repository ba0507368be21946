/**
 * Reading an imported OpenDocument spreadsheet (`.ods`, LibreOffice Calc's own format, which many
 * municipalities and regions save) to the same answer as an XLSX workbook (`xlsx-read.ts`), under
 * the same limits ({@link XLSX_LIMITS}):
 *
 * 1. the ZIP directory is read first (no inflating): a file that claims to unpack to more than
 *    `maxUncompressedBytes` is refused at once (413);
 * 2. the rest runs in a worker thread (`ods-parts.ts`), its heap capped and ended after
 *    `timeoutMs`, as an XLSX read does, so a large file holds no other request up: only `content.xml` (the sheets) and `settings.xml` (which sheet was open) are inflated, each
 *    with a hard output bound, so a directory that lies about sizes is caught too; the other parts
 *    (styles, thumbnails, pictures) are never unpacked;
 * 3. `content.xml` is read as a stream (`ods-content.ts`): the visible sheets in tab order (the
 *    first sheet when all are hidden); the first past the limits is refused (413), a later one left
 *    unread and named (`skippedSheets`); reading longer than `timeoutMs` is refused (413);
 * 4. the sheet that was open at saving is `settings.xml`'s `ActiveTable` (the first sheet when the
 *    file has no settings, as an XLSX without `activeTab`), so `import-sheet.ts` chooses among the
 *    sheets by the same rule and with the same words as for a workbook.
 *
 * Texts lose a Samplan CSV export's formula guard as an XLSX's do (`stripNeutralizer`). Corrupt,
 * truncated or non-OpenDocument bytes answer 400 `not-ods` with a sentence.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { stripNeutralizer } from './csv.js';
import { AppError, badRequest } from './errors.js';
import type { OdsSheet } from './ods-content.js';
import type { OdsPartsAnswer } from './ods-parts.js';
import { XLSX_LIMITS, workbookTooLarge, type XlsxCell, type XlsxSheet, type XlsxWorkbook } from './xlsx-read.js';
import { ZipError, zipEntries, type ZipEntry } from './zip-directory.js';

/** 400 `not-ods`: the English says what was wrong with the file (`en`), the Swedish how to save it again. */
function notOds(en = 'The file is not a readable OpenDocument spreadsheet.'): AppError {
  return badRequest('not-ods', {
    sv: 'Filen är inget läsbart OpenDocument-kalkylark (.ods). Öppna den i LibreOffice Calc och spara den igen, eller spara den som Excel-arbetsbok (.xlsx) eller CSV.',
    en,
  });
}

/** 413 `too-large` for a read past its deadline. */
function tooSlow(): AppError {
  return new AppError(413, 'too-large', { sv: 'Det tog för lång tid att läsa kalkylarket; dela upp det i mindre filer.', en: 'The spreadsheet took too long to read; split it into smaller files.' });
}

/**
 * Runs in the worker as CommonJS (eval), as `xlsx-read.ts`'s does, so the same source serves the
 * built server and `tsx`/vitest runs: it imports `ods-parts` by the URL of this file's sibling,
 * `.js` when built and `.ts` from source, and registers tsx's ESM hooks (`tsx/esm/api`'s `register`) first in the latter case (a
 * worker started from a vitest file does not inherit a TypeScript loader).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
async function main() {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { readOdsParts } = await import(workerData.parts);
  parentPort.postMessage(await readOdsParts(workerData.bytes, workerData.entries, workerData.limits, workerData.deadline));
}
main().catch((err) => parentPort.postMessage({ error: { kind: 'corrupt', message: 'The file is not a readable OpenDocument spreadsheet (' + (err && err.message) + ').' } }));
`;

/**
 * The file URL of tsx's ESM API as `import` finds it. `require.resolve` finds its CommonJS build,
 * which cannot load its own ESM half, and `tsx/esm` alone registers only on Node's main thread
 * (Node 20), so the path is read from the package's `exports` under the `import` condition.
 */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import?: { default?: string } }> };
  const path = exports['./esm/api']?.import?.default;
  if (!path) throw new Error('tsx/esm/api has no ESM build');
  return new URL(path, pathToFileURL(manifest)).href;
}

/** Where the worker finds `ods-parts` and, when this file runs from source, tsx's loader. */
function workerModules(): { parts: string; tsx: string | null } {
  const fromSource = import.meta.url.endsWith('.ts');
  const parts = new URL(fromSource ? './ods-parts.ts' : './ods-parts.js', import.meta.url).href;
  return { parts, tsx: fromSource ? tsxEsmApi() : null };
}

/**
 * Reads `content.xml` and `settings.xml` in a worker thread (`ods-parts.ts`) with the heap cap
 * of an XLSX read, ended at the deadline: the event loop stays free for every other request.
 */
function runWorker(bytes: Uint8Array, entries: ZipEntry[]): Promise<{ sheets: OdsSheet[]; open: string | null }> {
  const deadline = Date.now() + XLSX_LIMITS.timeoutMs;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bytes, entries, limits: XLSX_LIMITS, deadline, ...workerModules() },
    resourceLimits: { maxOldGenerationSizeMb: XLSX_LIMITS.maxHeapMb },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(tooSlow());
      void worker.terminate();
    }, XLSX_LIMITS.timeoutMs);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    worker.once('message', (answer: OdsPartsAnswer) =>
      settle(() => {
        if (!('error' in answer)) return resolve(answer);
        const { kind, message } = answer.error;
        reject(kind === 'too-large' ? workbookTooLarge(message) : kind === 'timeout' ? tooSlow() : notOds(message));
      }),
    );
    worker.once('error', (err: Error & { code?: string }) => settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? workbookTooLarge('unpacked') : notOds())));
  });
}

/** A sheet as a workbook's, its texts without the formula guard (see `xlsx-read.ts`). */
function asXlsxSheet(s: OdsSheet, active: boolean): XlsxSheet {
  const unguarded = (row: XlsxCell[]) => row.map((c) => (typeof c === 'string' ? stripNeutralizer(c) : c));
  return { name: s.name, table: s.table.map(unguarded), rowNumbers: s.rowNumbers, formulasWithoutValue: s.formulasWithoutValue, hiddenRows: s.hiddenRows, hiddenColumns: s.hiddenColumns, active };
}

/**
 * The first visible sheet of an OpenDocument spreadsheet (the first sheet when all are hidden)
 * as a table of typed cells, with the later visible sheets (`otherSheets`), exactly as
 * `readXlsxSheet` answers for a workbook. Throws an {@link AppError}: 413 `too-large` when the
 * first visible sheet or the whole file is past a limit or takes too long, 400 `not-ods` for
 * anything unreadable.
 */
export async function readOdsSheet(bytes: Uint8Array): Promise<XlsxWorkbook> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    if (err.kind !== 'too-large') throw notOds(err.message.replace('XLSX workbook', 'spreadsheet'));
    throw new AppError(413, 'too-large', { sv: 'Kalkylarket är större än den här servern importerar.', en: err.message });
  }
  const claimed = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (claimed > XLSX_LIMITS.maxUncompressedBytes) throw workbookTooLarge('unpacked');
  const { sheets, open: active } = await runWorker(bytes, entries);
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
