/**
 * Writing a ZIP archive (PKWARE APPNOTE 6.3.10, without ZIP64: every part and the whole under
 * 4 GiB): each file deflated or stored as it is, in the order given, with its CRC-32, then the
 * central directory and its end record. Enough for an OpenDocument package (`ods-write.ts`), whose
 * first part, `mimetype`, must be stored uncompressed.
 *
 * A part is given whole or as pieces, read one at a time and deflated by a `node:zlib` stream (in
 * libuv's thread pool), the event loop given back between pieces: a server's export of a large
 * document (10,000 rows of 1,900 characters made 6.8 s of XML and deflating in one go) never holds
 * every other request for long. The bytes are those of one `deflateRawSync` of the whole part, as
 * zlib's output does not depend on how its input is cut when nothing is flushed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { finished } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

/** A piece of a part: bytes, or text written as UTF-8. */
export type ZipPiece = Uint8Array | string;

/** One file of the archive. */
export interface ZipPart {
  /** Its path in the archive, `/`-separated, no leading `/`. */
  name: string;
  /** Its content, whole or as pieces made one at a time (a generator: each is made when the loop comes back to it). */
  data: ZipPiece | Iterable<ZipPiece> | AsyncIterable<ZipPiece>;
  /** Stored as it is, not deflated (an OpenDocument package's `mimetype`). */
  stored?: boolean;
}

/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
/** 1980-01-01 00:00 in MS-DOS time and date, the earliest a ZIP entry can say: the archive's bytes do not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffffffff;

/** A part read and packed: its bytes as written in the archive, their count, the part's size and CRC-32. */
interface Packed {
  chunks: Buffer[];
  packedLength: number;
  size: number;
  crc: number;
}

const pieces = (data: ZipPart['data']): Iterable<ZipPiece> | AsyncIterable<ZipPiece> => (typeof data === 'string' || data instanceof Uint8Array ? [data] : data);

/** `part` read piece by piece, each deflated (or kept) as it comes, the loop given back after each. */
async function pack(part: ZipPart): Promise<Packed> {
  const chunks: Buffer[] = [];
  const deflate = part.stored ? null : createDeflateRaw();
  deflate?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = deflate ? finished(deflate) : null;
  // Awaited below; a failure of the stream meanwhile is not an unhandled one.
  done?.catch(() => undefined);
  let crc = 0;
  let size = 0;
  try {
    for await (const piece of pieces(part.data)) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (size > MAX_32) throw new RangeError('zipArchive: a part is over 4 GiB (ZIP64 is not written)');
      if (!deflate) chunks.push(Buffer.from(bytes));
      else if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
      await nextTurn();
    }
  } catch (error) {
    deflate?.destroy();
    await done?.catch(() => undefined);
    throw error;
  }
  if (deflate) {
    deflate.end();
    await done;
  }
  return { chunks, packedLength: chunks.reduce((n, c) => n + c.length, 0), size, crc };
}

/** The local header and the central directory record of a part at `offset`. */
function headers(name: Buffer, method: number, p: Packed, offset: number): { local: Buffer; central: Buffer } {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(UTF8_NAMES, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(p.crc, 14);
  local.writeUInt32LE(p.packedLength, 18);
  local.writeUInt32LE(p.size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(UTF8_NAMES, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(p.crc, 16);
  central.writeUInt32LE(p.packedLength, 20);
  central.writeUInt32LE(p.size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(offset, 42);
  return { local, central };
}

/**
 * The bytes of a ZIP archive holding `parts`, in their order, each read piece by piece (see the
 * module's words). Rejects with a `RangeError` when the archive would need ZIP64 (a part or the
 * whole over 4 GiB, or over 65,535 parts), and with what a part's pieces throw.
 *
 * @example await zipArchive([{ name: 'mimetype', data: bytes, stored: true }, { name: 'content.xml', data: xmlPieces() }])
 */
export async function zipArchive(parts: readonly ZipPart[]): Promise<Uint8Array> {
  if (parts.length > 0xffff) throw new RangeError('zipArchive: over 65,535 parts (ZIP64 is not written)');
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = await pack(part);
    if (offset > MAX_32) throw new RangeError('zipArchive: the archive is over 4 GiB (ZIP64 is not written)');
    const { local, central } = headers(name, part.stored ? 0 : 8, packed, offset);
    chunks.push(local, name, ...packed.chunks);
    directory.push(central, name);
    offset += local.length + name.length + packed.packedLength;
  }
  if (offset > MAX_32) throw new RangeError('zipArchive: the archive is over 4 GiB (ZIP64 is not written)');
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dir, end]));
}
