/**
 * The audit `detail` column holds a short text the server composes itself: a refusal code, a
 * count, a file name. It must never hold frame content or cell values, because the server keeps
 * patient identities out of storage. Callers are responsible for that; this function is a last
 * line of defence applied by every adapter before a detail is written.
 */
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';

/** Longest detail kept; anything longer is cut. */
export const MAX_AUDIT_DETAIL = 200;

// A Swedish personal identity or coordination number in its common ASCII spellings:
// yyMMdd-nnnn, yyMMdd+nnnn, yyyyMMdd-nnnn, yyMMddnnnn, yyyyMMddnnnn. Matching more than the strict
// (date + Luhn) check is intended here: a false positive only redacts a log line. The strict
// check, which reads every other spelling, runs after it.
const IDENTITY_NUMBER = /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/g;

// Control characters would let a detail forge extra lines in log viewers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * A detail as it may be stored: control characters made spaces, cut to {@link MAX_AUDIT_DETAIL}
 * characters, then identity numbers redacted, in that order. Redacting first would judge a text
 * that is not the one stored: a control character the guard reads as nothing joins a digit to a
 * number (`9\u00018501011236` is eleven digits, no number) and as a space parts them again
 * (`9 8501011236`), and the cut takes the last digit of a longer run (`…85010112367` stored as
 * `…8501011236`). A redaction that makes the text longer than the cap (`⑫` is one character of
 * two digits) is cut and redacted again, so the stored text is always the one judged.
 *
 * @example
 * sanitizeAuditDetail(`${'c'.repeat(190)}85010112367`); // ends in '[redacted]', not '8501011236'
 */
export function sanitizeAuditDetail(detail: string | null): string | null {
  if (detail === null) return null;
  let clean = redact(cut(detail.replace(CONTROL, ' ')));
  while (clean.length > MAX_AUDIT_DETAIL) clean = redact(cut(clean));
  return clean;
}

function cut(text: string): string {
  return text.length > MAX_AUDIT_DETAIL ? text.slice(0, MAX_AUDIT_DETAIL) : text;
}

function redact(text: string): string {
  return redactPersonnummer(text.replace(IDENTITY_NUMBER, '[redacted]'));
}
