import { CloseCode } from '../../shared/protocol/close-codes.js';
import { damagedCloseReason } from '../../shared/protocol/damaged-history.js';
import { withoutNumber } from '../../shared/validate/cut-text.js';
import { DamagedHistoryError } from './stored-history.js';

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

/**
 * The close of a socket whose document did not load: 4500 naming the damaged place when its stored
 * history does not decode (the pane says so in words and does not connect again on its own, as a
 * load would meet the same bytes), else 1011 (storage failed: the pane retries with a backoff).
 */
export function loadFailureClose(err: unknown): [code: number, reason: string] {
  if (err instanceof DamagedHistoryError) return [CloseCode.damaged, damagedCloseReason(err.place)];
  return [CloseCode.unavailable, 'Document could not be loaded'];
}
