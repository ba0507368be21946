/**
 * The parts of an XLSX package (a ZIP of XML parts, ECMA-376 part 2) as the `.xlsx` reader reads
 * them (`xlsx-parts.ts`): each part inflated as a stream under a hard output bound (so a directory
 * that lies about sizes is caught too), decoded as UTF-8 and fed to a streaming XML parser
 * (`saxes`) chunk by chunk, so that neither a part's bytes nor its text is ever held whole, and
 * the inflated bytes parsed can be told as the read's progress.
 *
 * Elements are matched by local name: SpreadsheetML's writers choose prefixes (`x:row`) and the
 * Strict and Transitional variants differ only in namespace URIs. Namespaces are not resolved,
 * which also keeps the parser's cost linear in the nesting depth, bounded by {@link MAX_XML_DEPTH}.
 */
import { createInflateRaw } from 'node:zlib';
import type { ZipEntry } from './zip-directory.js';

/** How deeply elements may nest: Excel writes under a dozen levels; deeper is no workbook of a person's. */
export const MAX_XML_DEPTH = 256;

/** Bytes inflated (and then parsed) at a time: a 400 KB sheet moves the progress ~25 times, a 64 MiB one ~4,000. */
const CHUNK = 1 << 14;

/**
 * Why a workbook is refused, as data for the worker to post (`fail`): `corrupt` (an English
 * sentence saying what is wrong in `message`) or `too-large` (`message` is the limit passed:
 * `rows`, `cells` or `unpacked`). Any other exception is a fault of the reader's own code.
 */
export class XlsxRefusal extends Error {
  constructor(
    readonly kind: 'corrupt' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** A refusal of the file as damaged, `sentence` saying how. */
export const corrupt = (sentence: string) => new XlsxRefusal('corrupt', sentence);

/** A refusal of the file past a limit: `rows`, `cells` or `unpacked`. */
export const tooLarge = (what: 'rows' | 'cells' | 'unpacked') => new XlsxRefusal('too-large', what);

/** Thrown from a handler to stop reading a part early (a later sheet past the limits): not an error. */
export class StopPart extends Error {}

/** An element as the handlers are told of it: its local name (prefix dropped) and attributes by qualified name. */
export interface XmlTag {
  local: string;
  attributes: Record<string, string>;
}

/** What a part's reader does with its elements and text; each may throw an {@link XlsxRefusal} or {@link StopPart}. */
export interface XmlHandlers {
  open(tag: XmlTag): void;
  text?(text: string): void;
  close(local: string): void;
}

/** The name after an XML prefix: `x:row` → `row`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name, whatever its prefix (`r:id` → `id`). */
export function attribute(tag: XmlTag, local: string): string | undefined {
  const plain = tag.attributes[local];
  if (plain !== undefined) return plain;
  for (const [name, value] of Object.entries(tag.attributes)) if (localName(name) === local) return value;
  return undefined;
}

/** An `xsd:boolean` attribute: `1` or `true`. */
export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** The compressed bytes of `entry` in `b`, or a refusal when its local header is not where the directory says. */
function compressed(b: Buffer, e: ZipEntry): Buffer {
  const at = e.localHeaderOffset;
  if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) throw corrupt('The XLSX workbook is damaged (a part cannot be found).');
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  return b.subarray(start, start + e.compressedSize);
}

/**
 * The unpacked bytes of `entry`, chunk by chunk: at most `budget` in all (else `too-large`, as a
 * ZIP bomb), and no more than the directory claims (else refused: `too-large` past the budget,
 * `corrupt` below it).
 */
async function* unpacked(b: Buffer, e: ZipEntry, budget: number): AsyncGenerator<Buffer> {
  const data = compressed(b, e);
  if (e.method === 0) {
    if (data.length > budget) throw tooLarge('unpacked');
    if (data.length > e.uncompressedSize) throw corrupt('The XLSX workbook is damaged (a part unpacks to more than its directory says).');
    for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
    return;
  }
  if (e.method !== 8) throw corrupt('The XLSX workbook uses a compression this server does not read.');
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(data);
  let size = 0;
  const chunks = inflater[Symbol.asyncIterator]();
  const next = async (): Promise<IteratorResult<Buffer>> => {
    try {
      return (await chunks.next()) as IteratorResult<Buffer>;
    } catch {
      throw corrupt('The XLSX workbook is damaged (a part cannot be unpacked).');
    }
  };
  try {
    for (let chunk = await next(); !chunk.done; chunk = await next()) {
      size += chunk.value.length;
      if (size > budget) throw tooLarge('unpacked');
      // The directory lied about this part (a ZIP bomb's mark): none of it past the claim is parsed,
      // and it is unpacked on, bounded, only to tell a bomb (413) from a damaged directory (400).
      if (size > e.uncompressedSize) {
        while (!(chunk = await next()).done) {
          size += chunk.value.length;
          if (size > budget) throw tooLarge('unpacked');
        }
        throw corrupt('The XLSX workbook is damaged (a part unpacks to more than its directory says).');
      }
      yield chunk.value;
    }
  } finally {
    inflater.destroy();
  }
}

/**
 * Reads the part `entry` of the package `b` through `handlers`, unpacking at most `budget` bytes;
 * `onBytes` is told each chunk's unpacked size once it is parsed. Answers the bytes unpacked.
 * Throws an {@link XlsxRefusal} for a part that cannot be unpacked or is not well-formed XML
 * (`name` says which part, in the sentence); a handler's {@link StopPart} ends the read early.
 */
export async function readXmlPart(b: Buffer, entry: ZipEntry, budget: number, handlers: XmlHandlers, onBytes: (n: number) => void = () => {}): Promise<number> {
  // Imported at the first workbook part read, not at the server's start: every start loaded it (`tests/server/cli-loads.test.ts`).
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser({ position: false });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let depth = 0;
  parser.on('error', (err) => {
    throw corrupt(`The XLSX workbook is damaged (${entry.name} is not well-formed XML: ${err.message}).`);
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH) throw corrupt(`The XLSX workbook is damaged (${entry.name} nests elements more than ${MAX_XML_DEPTH} levels deep).`);
    // Without namespaces (`xmlns` off) saxes gives each attribute as its plain value.
    handlers.open({ local: localName(tag.name), attributes: tag.attributes as Record<string, string> });
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close(localName(tag.name));
  });
  const text = handlers.text;
  if (text) {
    parser.on('text', (t) => text(t));
    parser.on('cdata', (t) => text(t));
  }
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw corrupt(`The XLSX workbook is damaged (${entry.name} is not UTF-8 text).`);
    }
  };
  let size = 0;
  try {
    for await (const chunk of unpacked(b, entry, budget)) {
      parser.write(decode(chunk));
      size += chunk.length;
      onBytes(chunk.length);
    }
    parser.write(decode());
    parser.close();
  } catch (err) {
    if (err instanceof StopPart) return size;
    throw err;
  }
  return size;
}
