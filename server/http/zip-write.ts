/**
 * Writing a ZIP archive (PKWARE APPNOTE 6.3.10, without ZIP64: every part and the whole under
 * 4 GiB): each file deflated (`node:zlib`) or stored as it is, in the order given, with its CRC-32,
 * then the central directory and its end record. Enough for an OpenDocument package
 * (`ods-write.ts`), whose first part, `mimetype`, must be stored uncompressed.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One file of the archive. */
export interface ZipPart {
  /** Its path in the archive, `/`-separated, no leading `/`. */
  name: string;
  data: Uint8Array;
  /** Stored as it is, not deflated (an OpenDocument package's `mimetype`). */
  stored?: boolean;
}

/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
/** 1980-01-01 00:00 in MS-DOS time and date, the earliest a ZIP entry can say: the archive's bytes do not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The bytes of a ZIP archive holding `parts`, in their order. Throws a `RangeError` when the
 * archive would need ZIP64 (a part or the whole over 4 GiB, or over 65,535 parts).
 *
 * @example zipArchive([{ name: 'mimetype', data: bytes, stored: true }, { name: 'content.xml', data: xml }])
 */
export function zipArchive(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.stored ? 0 : 8;
    const packed = part.stored ? Buffer.from(part.data) : deflateRawSync(part.data);
    const crc = crc32(part.data);
    if (part.data.length > 0xffffffff || offset > 0xffffffff) throw new RangeError('zipArchive: a part or the archive is over 4 GiB (ZIP64 is not written)');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  if (parts.length > 0xffff || offset > 0xffffffff) throw new RangeError('zipArchive: too many parts or over 4 GiB (ZIP64 is not written)');
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dir, end]));
}
