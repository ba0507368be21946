/**
 * Which version of a document an exported file holds, so that importing the file again can tell
 * its own changes from the ones it would undo.
 *
 * An export is stamped with the document's last stored update (its version, as `GET …/versions/:seq`
 * names them) and the document's creation time (a document deleted and made again under the
 * same id numbers its updates anew):
 * - JSON: `document.version` and `document.createdAt` beside the document's workspace and id;
 * - XLSX: the workbook's keywords (`cp:keywords` in `docProps/core.xml`, Excel's File → Info →
 *   Tags, LibreOffice's Keywords), as the {@link versionStamp} word. Excel and LibreOffice keep
 *   them when the workbook is saved again, and LibreOffice carries them into an `.ods` it saves
 *   (`meta:keyword` in `meta.xml`), which is read the same way;
 * - CSV has nowhere to hold it: a CSV file is imported as if it were made from the document as it is now.
 *
 * A stamp is a hint: one that cannot be read, names another document, or a document made anew,
 * is no stamp, and the file is imported as an unstamped one is.
 */
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type { ZipEntry } from './zip-directory.js';

const inflate = promisify(inflateRaw);

/** The version of a document an exported file holds. */
export interface FileVersion {
  workspace: string;
  doc: string;
  /** The document's last stored update when the file was exported (0: none yet). */
  seq: number;
  /** The document's `createdAt` in ms since 1970, which tells it from a document made again under its id. */
  createdMs: number;
}

const WORD = 'samplan-version';
const STAMP = /samplan-version\/([A-Za-z0-9~._-]{1,120})\/([A-Za-z0-9~._-]{1,120})\/(\d{1,15})\/(\d{1,15})(?![0-9])/;

/**
 * The stamp text of `v`, one word: `samplan-version/<workspace>/<doc>/<seq>/<createdMs>`, e.g.
 * `samplan-version/hbi-stockholm/aktivitetsplan-vc-tensta/1234/1768204800000`. One word, since
 * LibreOffice splits keywords at spaces and colons (an `.ods` keeps each as a `meta:keyword` of
 * its own, and an `.xlsx` it saves has its colons turned into spaces).
 */
export function versionStamp(v: FileVersion): string {
  return `${WORD}/${v.workspace}/${v.doc}/${v.seq}/${v.createdMs}`;
}

/** The version stamped anywhere in `text` (keywords a person added beside it are passed over), or undefined. */
export function readVersionStamp(text: string): FileVersion | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const seq = Number(m[3]);
  const createdMs = Number(m[4]);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(createdMs)) return undefined;
  return { workspace: m[1] as string, doc: m[2] as string, seq, createdMs };
}

/** A part's text is read for a stamp only when it unpacks to at most this many bytes (core.xml and meta.xml are a few hundred). */
const MAX_PART_BYTES = 256 * 1024;

/**
 * The version stamped in a workbook: the keywords of an XLSX (`docProps/core.xml`) or an ODS
 * (`meta.xml`), found in the ZIP directory `entries` of `bytes`. Undefined when there is none or
 * the part cannot be read (a stamp is a hint; the sheets are read and refused on their own).
 */
export async function workbookVersion(bytes: Uint8Array, entries: readonly ZipEntry[], format: 'xlsx' | 'ods'): Promise<FileVersion | undefined> {
  const name = format === 'xlsx' ? 'docprops/core.xml' : 'meta.xml';
  const entry = entries.find((e) => e.name.replace(/^\//, '').toLowerCase() === name);
  if (!entry || entry.uncompressedSize > MAX_PART_BYTES) return undefined;
  try {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) return undefined;
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    const data = b.subarray(start, start + entry.compressedSize);
    const text = entry.method === 0 ? data : entry.method === 8 ? await inflate(data, { maxOutputLength: MAX_PART_BYTES }) : null;
    return text ? readVersionStamp(text.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** The version a JSON export names (`document.workspace`, `id`, `version`, `createdAt`), or undefined. */
export function jsonVersion(body: unknown): FileVersion | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const d = (body as { document?: unknown }).document;
  if (typeof d !== 'object' || d === null) return undefined;
  const { workspace, id, version, createdAt } = d as Record<string, unknown>;
  if (typeof workspace !== 'string' || typeof id !== 'string' || typeof createdAt !== 'string') return undefined;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return undefined;
  const createdMs = Date.parse(createdAt);
  if (!Number.isSafeInteger(createdMs)) return undefined;
  return readVersionStamp(versionStamp({ workspace, doc: id, seq: version, createdMs }));
}
