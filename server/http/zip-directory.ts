/**
 * Reading a ZIP file's central directory without inflating anything, so an XLSX whose entries
 * unpack to more than we accept (a "zip bomb") is refused before a byte is inflated. The sizes
 * read here are what the file claims; `xlsx-read.ts` also bounds the real inflation.
 */
import { withArticle } from '../../shared/i18n/english-article.js';

/** One file in the archive, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be read: `corrupt` (not a ZIP, truncated) or `too-large` (ZIP64 sizes). */
export class ZipError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The signature every ZIP archive starts with (a local file header, `PK\x03\x04`). */
const LOCAL = 0x04034b50;

function findEndRecord(b: Buffer, file: ZipFileName): number {
  // A file that does not start as a ZIP is some other file with the ending, most often a CSV
  // saved as .xlsx: saying "truncated" would send the person looking for a cut download.
  if (b.readUInt32LE(0) !== LOCAL) throw new ZipError('corrupt', `The file is not a ZIP archive, so no ${file}; it may be a text file (CSV) saved under its ending.`);
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) if (b.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('corrupt', `The file is not a complete ${file} (no ZIP directory found); it may be truncated.`);
}

/** What the archive was sent as, for the English of a {@link ZipError}. */
export type ZipFileName = 'XLSX workbook' | 'OpenDocument spreadsheet';

/**
 * The entries of a ZIP archive, sent as `file` (an XLSX workbook unless told). Throws
 * {@link ZipError} for anything that is not a readable ZIP, its English naming `file`.
 * @example zipEntries(bytes).reduce((n, e) => n + e.uncompressedSize, 0) // bytes it unpacks to
 */
export function zipEntries(bytes: Uint8Array, file: ZipFileName = 'XLSX workbook'): ZipEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 22) throw new ZipError('corrupt', `The file is too short to be ${withArticle(file)}.`);
  const end = findEndRecord(b, file);
  const count = b.readUInt16LE(end + 10);
  const size = b.readUInt32LE(end + 12);
  const offset = b.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipError('too-large', 'The workbook is a ZIP64 archive, larger than this server imports.');
  }
  if (offset + size > end) throw new ZipError('corrupt', `The ${file} is truncated or damaged (its directory points past the end).`);
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || b.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt', `The ${file} is damaged (a directory entry cannot be read).`);
    const nameLength = b.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: b.readUInt16LE(p + 10),
      compressedSize: b.readUInt32LE(p + 20),
      uncompressedSize: b.readUInt32LE(p + 24),
      localHeaderOffset: b.readUInt32LE(p + 42),
      name: b.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new ZipError('too-large', 'The workbook is a ZIP64 archive, larger than this server imports.');
    }
    if (entry.localHeaderOffset + 30 + entry.compressedSize > b.length) {
      throw new ZipError('corrupt', `The ${file} is truncated: a part of it is missing.`);
    }
    entries.push(entry);
    p += 46 + nameLength + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return entries;
}
