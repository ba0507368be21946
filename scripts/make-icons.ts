/**
 * Draws the add-in's icons (16, 20, 32, 64, 80 and 128 px PNGs) into `addin/taskpane/public/`
 * without any image library: a Fluent-blue rounded square with a white table whose rows
 * rise like a follow-up chart. Run with `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 20, 32, 64, 80, 128];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon's pixels at `size`. */
export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const r = size * 0.18;
  const inside = (x: number, y: number): boolean => {
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const bars = [0.35, 0.55, 0.75];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      if (!inside(x + 0.5, y + 0.5)) continue;
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      // Three white bars of rising length, as rows of a plan filling up.
      const row = Math.floor((v - 0.22) / 0.2);
      const inRow = row >= 0 && row < 3 && (v - 0.22) % 0.2 < 0.13;
      const white = inRow && u > 0.2 && u < 0.2 + (bars[row] as number) * 0.75;
      px.set(white ? [255, 255, 255, 255] : [15, 108, 189, 255], i);
    }
  }
  return px;
}

const out = resolve(import.meta.dirname, '../addin/taskpane/public');
for (const size of SIZES) writeFileSync(resolve(out, `icon-${size}.png`), encodePng(size, drawIcon(size)));
