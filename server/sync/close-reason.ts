import type { Logger } from 'pino';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { damagedCloseReason } from '../../shared/protocol/damaged-history.js';
import { withoutNumber } from '../../shared/validate/cut-text.js';
import { keyChangedCloseReason, keylessCloseReason } from '../../shared/protocol/keyless-history.js';
import { DocKeyChangedError, KeylessHistoryError } from '../storage/keyless-history.js';
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
 * The close of a socket whose document did not load or whose change was refused so: 4500 naming
 * the damaged place when its stored history does not decode, 4409 naming the keys when its key is
 * gone while changes under a key no document has may be its history (`KeylessHistoryError`), or
 * naming the old and new key when its key was changed (`DocKeyChangedError`); the
 * pane says either in words and does not connect again on its own, as a load would meet the same
 * refusal. Else 1011 (storage failed: the pane retries with a backoff).
 */
export function loadFailureClose(err: unknown): [code: number, reason: string] {
  if (err instanceof DamagedHistoryError) return [CloseCode.damaged, damagedCloseReason(err.place)];
  if (err instanceof DocKeyChangedError) return [CloseCode.keyless, keyChangedCloseReason(err.from, err.to)];
  if (err instanceof KeylessHistoryError) return [CloseCode.keyless, keylessCloseReason(err.keys)];
  return [CloseCode.unavailable, 'Document could not be loaded'];
}

/**
 * Log `err`, which failed a load or a write of `ref`, at the level it calls for: a refusal in
 * words (`KeylessHistoryError`, its key gone or changed: the person who asked is told why, and
 * trying again meets it until an administrator acts) at `warn`, with its code and the keys, no
 * stack; any other error, a fault, at `error` with the error. `what` is the log line's message.
 */
export function logLoadFailure(logger: Pick<Logger, 'warn' | 'error'>, err: unknown, ref: unknown, what: string): void {
  if (err instanceof KeylessHistoryError) logger.warn({ ref, code: err.code, keys: err.keys }, `${what}: refused in words`);
  else logger.error({ err, ref }, what);
}
