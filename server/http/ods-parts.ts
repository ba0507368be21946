/**
 * The part of reading an `.ods` that costs time, run in a worker thread (`ods-read.ts`): inflating
 * `content.xml` and `settings.xml` under a hard output bound, decoding them, and reading the
 * sheets and the sheet open at saving. A 20,001-row file held the server's event loop for
 * 350–800 ms here when it ran on the main thread.
 *
 * It runs where no `AppError` can be thrown to the caller, so every refusal comes back as data
 * ({@link OdsPartsAnswer}'s `error`), which `ods-read.ts` turns into the same answers as before.
 * It imports nothing of the server but the ODS readers, so a worker loads little.
 */
import { inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import type { SaxesParser } from 'saxes';
import { MAX_XML_DEPTH, OdsContentError, readOdsContent, tooDeep, type OdsSheet } from './ods-content.js';
import type { ZipEntry } from './zip-directory.js';

const inflate = promisify(inflateRaw);
const CONFIG = 'urn:oasis:names:tc:opendocument:xmlns:config:1.0';

/** The limits a read is held to (the fields of `XLSX_LIMITS` it uses). */
export interface OdsPartsLimits {
  /** Sum of the unpacked sizes of `content.xml` and `settings.xml`, in bytes. */
  maxUncompressedBytes: number;
  /** Rows of a sheet, header included. */
  maxRows: number;
  /** Rows × columns of a sheet. */
  maxCells: number;
}

/**
 * Why a read was refused: `corrupt` (the English sentence in `message`), `too-large` (`message`
 * is the limit passed: `rows`, `cells` or `unpacked`), `timeout` (past the deadline).
 */
export interface OdsPartsError {
  kind: 'corrupt' | 'too-large' | 'timeout';
  message: string;
}

/** What a read answers: the sheets in tab order and the name of the sheet open at saving, or why not. */
export type OdsPartsAnswer = { sheets: OdsSheet[]; open: string | null } | { error: OdsPartsError };

/** A refusal thrown inside this file and answered as data. */
class Refusal extends Error {
  constructor(readonly answer: OdsPartsError) {
    super(answer.message);
  }
}

const corrupt = (message: string) => new Refusal({ kind: 'corrupt', message });
const tooLarge = (what: string) => new Refusal({ kind: 'too-large', message: what });

/** The unpacked bytes of one part, at most `budget` of them (else `too-large`, as a ZIP bomb). */
async function unpack(b: Buffer, e: ZipEntry, budget: number): Promise<Buffer> {
  const at = e.localHeaderOffset;
  if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) throw corrupt('The spreadsheet is damaged (a part cannot be found).');
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (data.length > budget) throw tooLarge('unpacked');
    return data;
  }
  if (e.method !== 8) throw corrupt('The spreadsheet uses a compression this server does not read.');
  let out: Buffer;
  try {
    out = await inflate(data, { maxOutputLength: budget + 1 });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('unpacked');
    throw corrupt('The spreadsheet is damaged (a part cannot be unpacked).');
  }
  if (out.length > budget) throw tooLarge('unpacked');
  return out;
}

/**
 * The name of the sheet open at saving: the first view's `ActiveTable` in `settings.xml`, or null.
 * `Parser`: saxes' parser, imported by the caller at the first OpenDocument read, not at the server's start.
 */
function activeTable(xml: string, Parser: typeof SaxesParser): string | null {
  const parser = new Parser({ xmlns: true, position: false });
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

/**
 * Reads the sheets of an `.ods` whose ZIP directory (`entries`) was read and checked by the
 * caller. The first visible sheet past the limits stops the read at once (`too-large`); a later
 * one comes back with its `over` set. `deadline` is in ms since the epoch; `onProgress` is told the
 * characters of `content.xml` parsed, of all, as it goes. Every refusal of the file is an answer's
 * `error`; it throws only an exception of its own code (a bug), which is no verdict on the file.
 */
export async function readOdsParts(
  bytes: Uint8Array,
  entries: ZipEntry[],
  limits: OdsPartsLimits,
  deadline: number,
  onProgress?: (done: number, total: number) => void,
): Promise<OdsPartsAnswer> {
  try {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const contentEntry = entries.find((e) => e.name === 'content.xml');
    if (!contentEntry) throw corrupt('The file holds no content.xml; it is not an OpenDocument spreadsheet with a table.');
    const content = await unpack(b, contentEntry, limits.maxUncompressedBytes);
    const settingsEntry = entries.find((e) => e.name === 'settings.xml');
    const settings = settingsEntry ? await unpack(b, settingsEntry, limits.maxUncompressedBytes - content.length) : null;
    let firstVisible = true;
    const sheets = await readOdsContent(content.toString('utf8'), limits, deadline, (sheet) => {
      if (sheet.hidden) return;
      // The first visible sheet is held to the limits: refused at once, the rest of the file unread.
      if (firstVisible && sheet.over) throw tooLarge(sheet.over);
      firstVisible = false;
    }, onProgress);
    return { sheets, open: settings ? activeTable(settings.toString('utf8'), (await import('saxes')).SaxesParser) : null };
  } catch (err) {
    if (err instanceof Refusal) return { error: err.answer };
    if (err instanceof OdsContentError && err.kind === 'timeout') return { error: { kind: 'timeout', message: err.message } };
    if (err instanceof OdsContentError) return { error: { kind: 'corrupt', message: `The file is not a readable OpenDocument spreadsheet (${err.message}).` } };
    // Anything else is a fault of this code, not of the file: the worker reports it (read-worker.ts, ReadFaultError: 500, logged).
    throw err;
  }
}
