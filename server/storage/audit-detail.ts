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

/** Redact identity-number look-alikes, strip control characters and cap the length. */
export function sanitizeAuditDetail(detail: string | null): string | null {
  if (detail === null) return null;
  const clean = redactPersonnummer(detail.replace(IDENTITY_NUMBER, '[redacted]')).replace(CONTROL, ' ');
  return clean.length > MAX_AUDIT_DETAIL ? clean.slice(0, MAX_AUDIT_DETAIL) : clean;
}
