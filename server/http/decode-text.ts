/**
 * Text files as Excel and LibreOffice save them: UTF-8 with or without a byte-order mark,
 * UTF-16 LE or BE with a byte-order mark ("Unicode text"), and Windows-1252 (Swedish Excel's
 * "CSV (semikolonavgränsad)") when the bytes are not valid UTF-8. Decoding uses `iconv-lite`.
 */
import iconv from 'iconv-lite';

/** The encodings recognised. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A decoded text and the encoding it was read in. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a text file's bytes: by its byte-order mark when it has one, as UTF-8 when the bytes
 * are valid UTF-8, else as Windows-1252 (which decodes every byte). The BOM is not part of the text.
 * @example decodeText(iconv.encode('Hälsa', 'win1252')) // { text: 'Hälsa', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: iconv.decode(b.subarray(3), 'utf-8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: strictUtf8.decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(b, 'win1252'), encoding: 'windows-1252' };
  }
}
