/**
 * Text files as Excel and LibreOffice save them: UTF-8 with or without a byte-order mark,
 * UTF-16 LE or BE with a byte-order mark ("Unicode text") or without one ({@link utf16Layout}), and, when the bytes are not valid
 * UTF-8, Windows-1252 (Swedish Excel's "CSV (semikolonavgränsad)") or Mac Roman (Excel for Mac's
 * plain "CSV", "CSV (Macintosh)"), told apart by the bytes of the Swedish letters
 * ({@link singleByteEncoding}). A line of such a file that is whole UTF-8 of Latin letters
 * (rows appended in another editor) is read as UTF-8 ({@link decodeSingleByte}). Decoding uses `iconv-lite`.
 */
import iconv from 'iconv-lite';
import { slicer } from '../sync/slices.js';

/** The encodings recognised. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';

/** A decoded text and the encoding it was read in. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `å ä ö Å é` in Mac Roman (0x8C 0x8A 0x9A 0x81 0x8E): `Œ Š š`, nothing and `Ž` in Windows-1252. */
const MAC_ROMAN_SWEDISH = new Set([0x8c, 0x8a, 0x9a, 0x81, 0x8e]);
/** `å ä ö Å Ä Ö é` in Windows-1252 (0xE5 0xE4 0xF6 0xC5 0xC4 0xD6 0xE9): `Â ‰ ˆ ≈ ƒ ÷ Ë` in Mac Roman. */
const WINDOWS_SWEDISH = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9]);

/**
 * The single-byte encoding of bytes that are not UTF-8: Mac Roman when more of their bytes are
 * Swedish letters as Mac Roman writes them than as Windows-1252 does, else Windows-1252 (which
 * decodes every byte). Read as Windows-1252, a Mac file's `Hälsodag på torget` is `HŠlsodag pŒ
 * torget`, and its en dash (0xD0) the letter `Ð`, which hides a personnummer written with one.
 * Mac Roman's `Ä` and `Ö` (0x80, 0x85) are not counted: they are `€` and `…` in Windows-1252.
 * Linear in the bytes.
 */
export function singleByteEncoding(bytes: Uint8Array): 'windows-1252' | 'macintosh' {
  let mac = 0;
  let windows = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    if (MAC_ROMAN_SWEDISH.has(b)) mac++;
    else if (WINDOWS_SWEDISH.has(b)) windows++;
  }
  return mac > windows ? 'macintosh' : 'windows-1252';
}

/** Bytes looked at to tell UTF-16 without a byte-order mark (an even number). */
const UTF16_SAMPLE = 4096;

/**
 * The UTF-16 layout of bytes without a byte-order mark, or null. Some programs' and scripts'
 * exports write UTF-16 and leave the mark out (as does cutting the first line off a file that had
 * one); every character of a Swedish table (U+0001–U+00FF) is then its byte and a NUL, valid
 * "UTF-8" with a NUL every other byte, which was refused as no table at all. Taken as UTF-16 LE
 * when, in the first {@link UTF16_SAMPLE} bytes, at least half of the pairs are a byte then a
 * NUL, at most one in eight of that many a NUL then a byte, none two NULs, and the text read
 * holds a line break or a separator and no control character but tab and line breaks; BE
 * likewise the other way. Anything else (a binary file, UTF-8 with a NUL in a quoted value) is
 * left to the other readings.
 */
export function utf16Layout(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const layout = utf16Pattern(bytes);
  if (!layout) return null;
  const n = Math.floor(Math.min(bytes.length, UTF16_SAMPLE) / 2);
  const sample = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, 2 * n), layout);
  // eslint-disable-next-line no-control-regex -- a control character other than tab and line breaks says the bytes are no text
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(sample)) return null;
  return /[\n\r\t;,]/.test(sample) ? layout : null;
}

/**
 * The byte layout alone of {@link utf16Layout} (NULs on one side of the pairs in the first
 * {@link UTF16_SAMPLE} bytes), without reading the text: bytes that look like UTF-16 whether or
 * not their text can be read, for the words of a refusal.
 */
export function utf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.floor(Math.min(bytes.length, UTF16_SAMPLE) / 2);
  if (n < 2) return null;
  let low = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    const first = bytes[2 * i] as number;
    const second = bytes[2 * i + 1] as number;
    if (first === 0 && second === 0) return null;
    if (second === 0) low++;
    else if (first === 0) high++;
  }
  // A character whose other byte is 0 (U+0100 Ā, U+4E00, U+2000) puts a NUL on the other side now and then.
  return low * 2 >= n && high * 8 <= low ? 'utf-16le' : high * 2 >= n && low * 8 <= high ? 'utf-16be' : null;
}

/**
 * Decode a text file's bytes: by its byte-order mark when it has one, as UTF-16 when its bytes are
 * laid out so ({@link utf16Layout}), as UTF-8 when the bytes
 * are valid UTF-8, else as Windows-1252 or Mac Roman ({@link singleByteEncoding}). The BOM is not part of the text.
 * @example decodeText(iconv.encode('Hälsa', 'win1252')) // { text: 'Hälsa', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: iconv.decode(b.subarray(3), 'utf-8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = utf16Layout(b);
  if (utf16) return { text: iconv.decode(b, utf16), encoding: utf16 };
  try {
    return { text: strictUtf8.decode(b), encoding: 'utf-8' };
  } catch {
    const encoding = singleByteEncoding(b);
    return { text: decodeSingleByte(b, encoding), encoding };
  }
}

/** A UTF-8 Latin letter's first byte (`ä` is C3 A4): U+00C0–U+00FF. */
const UTF8_LATIN_LEAD = 0xc3;

/** True when `b` holds a UTF-8 Latin letter (C3 then a continuation byte), as a file partly written in UTF-8 does. */
function holdsUtf8Letter(b: Buffer): boolean {
  for (let at = b.indexOf(UTF8_LATIN_LEAD); at >= 0 && at + 1 < b.length; at = b.indexOf(UTF8_LATIN_LEAD, at + 1)) {
    const next = b[at + 1] as number;
    if (next >= 0x80 && next <= 0xbf) return true;
  }
  return false;
}

/**
 * Text a line's UTF-8 reading is taken for: Latin letters and signs (U+0080–U+024F), general
 * punctuation (dashes, quotes, U+2000–U+206F) and the euro sign, besides ASCII. A single-byte line
 * that happens to be valid UTF-8 reads as something else (`Ö` and a no-break space, D6 A0, as a
 * Hebrew accent) and stays single-byte.
 */
// eslint-disable-next-line no-control-regex -- a line's control characters are text as any other
const LATIN_TEXT = /^[\u0000-\u024f\u2000-\u206f\u20ac]*$/;

/**
 * `b` in the single-byte encoding `encoding`, except its lines that are whole UTF-8 of Latin
 * text: those were written in UTF-8 (rows appended in another editor, a file joined from two),
 * and read as Windows-1252 their `ä` would be `Ã¤`. A file with no UTF-8 letter is decoded whole.
 * Linear in the bytes.
 */
export function decodeSingleByte(b: Buffer, encoding: 'windows-1252' | 'macintosh'): string {
  const name = encoding === 'macintosh' ? 'macintosh' : 'win1252';
  if (!holdsUtf8Letter(b)) return iconv.decode(b, name);
  const parts: string[] = [];
  for (let start = 0; start < b.length; ) {
    const newline = b.indexOf(0x0a, start);
    const end = newline < 0 ? b.length : newline + 1;
    const line = b.subarray(start, end);
    parts.push(utf8Line(line) ?? iconv.decode(line, name));
    start = end;
  }
  return parts.join('');
}

/** `line` read as UTF-8 when it is whole UTF-8 of {@link LATIN_TEXT}, else null. */
function utf8Line(line: Buffer): string | null {
  if (!holdsUtf8Letter(line)) return null;
  try {
    const text = strictUtf8.decode(line);
    return LATIN_TEXT.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** Bytes decoded between two looks at the clock. */
const CHUNK = 256 * 1024;

/**
 * {@link decodeText} for large files: decodes in chunks and yields to the event loop every few
 * milliseconds, so a large import does not hold up other requests. Same result.
 */
export async function decodeTextSliced(bytes: Uint8Array): Promise<DecodedText> {
  if (bytes.byteLength <= CHUNK) return decodeText(bytes);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pause = slicer();
  let encoding: TextEncoding = 'utf-8';
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  else if (b[0] === 0xff && b[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b[0] === 0xfe && b[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else encoding = utf16Layout(b) ?? 'utf-8';
  const decode = async (enc: TextEncoding, fatal: boolean): Promise<string | null> => {
    const parts: string[] = [];
    const utf8 = new TextDecoder('utf-8', { fatal });
    const other = enc === 'utf-8' ? null : iconv.getDecoder(enc === 'windows-1252' ? 'win1252' : enc);
    try {
      for (let at = start; at < b.length; at += CHUNK) {
        const chunk = b.subarray(at, Math.min(b.length, at + CHUNK));
        parts.push(other ? other.write(chunk) : utf8.decode(chunk, { stream: true }));
        const turn = pause();
        if (turn) await turn;
      }
      parts.push(other ? (other.end() ?? '') : utf8.decode());
    } catch {
      return null;
    }
    return parts.join('');
  };
  if (encoding !== 'utf-8' || start === 3) return { text: (await decode(encoding, false)) as string, encoding };
  const utf8 = await decode('utf-8', true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const single = singleByteEncoding(b);
  // A file partly in UTF-8 is read line by line (rare: read at once, without slices).
  if (holdsUtf8Letter(b)) return { text: decodeSingleByte(b, single), encoding: single };
  return { text: (await decode(single, false)) as string, encoding: single };
}
