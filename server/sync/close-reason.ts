import { withoutNumber } from '../../shared/validate/cut-text.js';

/** A WebSocket close reason may hold at most 123 bytes of UTF-8. */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Shorten `text` to fit a close frame, cutting on a character boundary and marking the cut. The
 * cut never leaves an identity number it made: a reason naming another unit's row whose id ends
 * in eleven digits (no number) would otherwise end in ten of them (`…8501011236…`), so the kept
 * part ends before such a number (`withoutNumber`).
 */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_CLOSE_REASON_BYTES) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char + '…') > MAX_CLOSE_REASON_BYTES) break;
    out += char;
  }
  return withoutNumber(out) + '…';
}
