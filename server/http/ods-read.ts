/**
 * Reading an imported OpenDocument spreadsheet (`.ods`, LibreOffice Calc's own format, which many
 * municipalities and regions save) to the same answer as an XLSX workbook (`xlsx-read.ts`), under
 * the same limits ({@link XLSX_LIMITS}):
 *
 * 1. the ZIP directory is read first (no inflating): a file that claims to unpack to more than
 *    `maxUncompressedBytes` is refused at once (413);
 * 2. only `content.xml` (the sheets) and `settings.xml` (which sheet was open) are inflated, each
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
import { inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { SaxesParser } from 'saxes';
import { stripNeutralizer } from './csv.js';
import { AppError, badRequest } from './errors.js';
import { MAX_XML_DEPTH, OdsContentError, readOdsContent, tooDeep, type OdsSheet } from './ods-content.js';
import { XLSX_LIMITS, workbookTooLarge, type XlsxCell, type XlsxSheet, type XlsxWorkbook } from './xlsx-read.js';
import { ZipError, zipEntries, type ZipEntry } from './zip-directory.js';

const inflate = promisify(inflateRaw);
const CONFIG = 'urn:oasis:names:tc:opendocument:xmlns:config:1.0';

/** 400 `not-ods`: the English says what was wrong with the file (`en`), the Swedish how to save it again. */
function notOds(en = 'The file is not a readable OpenDocument spreadsheet.'): AppError {
  return badRequest('not-ods', {
    sv: 'Filen är inget läsbart OpenDocument-kalkylark (.ods). Öppna den i LibreOffice Calc och spara den igen, eller spara den som Excel-arbetsbok (.xlsx) eller CSV.',
    en,
  });
}

/** The unpacked bytes of one part, at most `budget` of them (else 413, as a ZIP bomb). */
async function unpack(b: Buffer, e: ZipEntry, budget: number): Promise<Buffer> {
  const at = e.localHeaderOffset;
  if (b.readUInt32LE(at) !== 0x04034b50) throw notOds('The spreadsheet is damaged (a part cannot be found).');
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (data.length > budget) throw workbookTooLarge('unpacked');
    return data;
  }
  if (e.method !== 8) throw notOds('The spreadsheet uses a compression this server does not read.');
  let out: Buffer;
  try {
    out = await inflate(data, { maxOutputLength: budget + 1 });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw workbookTooLarge('unpacked');
    throw notOds('The spreadsheet is damaged (a part cannot be unpacked).');
  }
  if (out.length > budget) throw workbookTooLarge('unpacked');
  return out;
}

/** The name of the sheet open at saving: the first view's `ActiveTable` in `settings.xml`, or null. */
function activeTable(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let found: string | null = null;
  let reading = false;
  let text = '';
  let depth = 0;
  parser.on('error', () => {
    // Settings are a hint: unreadable ones leave the first sheet as the one open.
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH) throw tooDeep();
    if (found !== null || tag.uri !== CONFIG || tag.local !== 'config-item') return;
    reading = Object.values(tag.attributes).some((a) => a.uri === CONFIG && a.local === 'name' && a.value === 'ActiveTable');
    text = '';
  });
  parser.on('text', (t) => {
    if (reading) text += t;
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (!reading || tag.uri !== CONFIG || tag.local !== 'config-item') return;
    reading = false;
    found = text;
  });
  try {
    parser.write(xml).close();
  } catch {
    return found;
  }
  return found;
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
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const contentEntry = entries.find((e) => e.name === 'content.xml');
  if (!contentEntry) throw notOds('The file holds no content.xml; it is not an OpenDocument spreadsheet with a table.');
  const deadline = Date.now() + XLSX_LIMITS.timeoutMs;
  const content = await unpack(b, contentEntry, XLSX_LIMITS.maxUncompressedBytes);
  const settingsEntry = entries.find((e) => e.name === 'settings.xml');
  const settings = settingsEntry ? await unpack(b, settingsEntry, XLSX_LIMITS.maxUncompressedBytes - content.length) : null;

  let firstVisible = true;
  let sheets: OdsSheet[];
  try {
    sheets = await readOdsContent(content.toString('utf8'), XLSX_LIMITS, deadline, (sheet) => {
      if (sheet.hidden) return;
      // The first visible sheet is held to the limits: refused at once, the rest of the file unread.
      if (firstVisible && sheet.over) throw workbookTooLarge(sheet.over);
      firstVisible = false;
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof OdsContentError && err.kind === 'timeout') {
      throw new AppError(413, 'too-large', { sv: 'Det tog för lång tid att läsa kalkylarket; dela upp det i mindre filer.', en: 'The spreadsheet took too long to read; split it into smaller files.' });
    }
    throw notOds(`The file is not a readable OpenDocument spreadsheet (${(err as Error).message}).`);
  }
  if (sheets.length === 0) throw notOds('The file holds no sheet; it is not an OpenDocument spreadsheet with a table.');
  const visible = sheets.filter((s) => !s.hidden);
  const readable = visible.length > 0 ? visible : sheets.slice(0, 1);
  const [first, ...later] = readable;
  if (!first) throw notOds();
  if (first.over) throw workbookTooLarge(first.over);
  const open = (settings ? activeTable(settings.toString('utf8')) : null) ?? sheets[0]?.name;
  return {
    ...asXlsxSheet(first, first.name === open),
    otherSheets: later.filter((s) => !s.over).map((s) => asXlsxSheet(s, s.name === open)),
    skippedSheets: later.flatMap((s) => (s.over ? [{ name: s.name, over: s.over }] : [])),
  };
}
