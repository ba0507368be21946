/**
 * A minimal ZIP writer for tests: deflated entries, a central directory and its end record, with
 * the option to lie about an entry's unpacked size (as a crafted "zip bomb" does).
 */
import { constants, deflateRawSync } from 'node:zlib';

/** One file to put in the archive. */
export interface ZipInput {
  name: string;
  /** The entry's bytes, or `{ zeros: n }`: n zero bytes (a bomb's payload), deflated without allocating them ({@link deflatedZeros}). */
  data: Uint8Array | { zeros: number };
  /** Written in the directory instead of the real unpacked size. */
  claimedSize?: number;
  /** Stored as it is, not deflated (an OpenDocument file's first part, `mimetype`, must be). */
  stored?: boolean;
}

function crc32(data: Uint8Array): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * The raw deflate stream of `n` zero bytes, built from one 1 MiB block's deflate (ended with a
 * full flush: byte-aligned, no back-reference out of it) repeated, the rest, and an empty final
 * block: a few ms for 169 MiB where deflating (and allocating) them took 4.5 s at load 30.
 */
export function deflatedZeros(n: number): Buffer {
  const block = 1 << 20;
  const flushed = { level: 1, finishFlush: constants.Z_FULL_FLUSH };
  const whole = deflateRawSync(Buffer.alloc(block), flushed);
  const parts: Buffer[] = Array.from({ length: Math.floor(n / block) }, () => whole);
  if (n % block > 0) parts.push(deflateRawSync(Buffer.alloc(n % block), flushed));
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** The bytes of a ZIP archive holding `files`, each deflated unless `stored`. CRCs are computed only for small entries. */
export function makeZip(files: readonly ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = f.data;
    const stored = f.stored === true && data instanceof Uint8Array;
    const packed = data instanceof Uint8Array ? (stored ? Buffer.from(data) : deflateRawSync(data, { level: 1 })) : deflatedZeros(data.zeros);
    const length = data instanceof Uint8Array ? data.length : data.zeros;
    const crc = data instanceof Uint8Array && length <= 1 << 20 ? crc32(data) : 0;
    const size = f.claimedSize ?? length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
