/**
 * What keeps identity numbers out of log lines. A log keeps whatever it is given, so the server
 * masks instead of refusing: digit runs in URL paths, document ids and workspace ids (which come
 * straight from requests, authenticated or not), and every personnummer in any other string of
 * any line, in every spelling the guard knows.
 */
import { normalizeForDigits, originalSpan } from '../shared/validate/normalize-digits.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';

/** What a masked digit run becomes. */
export const DIGITS_MASK = '[digits]';
/** Six digits or more, single separators between them allowed: any date part of an identity number. */
const DIGIT_RUN = /\d(?:[-+./ ]?\d){5,}/g;
/** A run of percent escapes, decoded together so multi-byte characters come out whole. */
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
/** Fields that carry ids taken from a request path; their digit runs are masked like a URL's. */
const ID_FIELDS = new Set(['url', 'path', 'doc', 'workspace', 'docId', 'ref']);
const MAX_DEPTH = 6;
/** `scheme://host[:port]` at the start of an absolute URL; group 2 is the host with its port. */
const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/([^/?#@]*))/i;
/**
 * An IPv4 or bracketed IPv6 literal with an optional port: the server's own listen address, kept
 * readable (`http://127.0.0.1:8787`). Any other host is masked like the rest of the URL.
 */
const IP_HOST = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `text` with every well-formed run of percent escapes decoded (`850101%E2%80%931236` →
 * `850101–1236`); malformed ones stay as they are. For texts that echo a URL as it was sent.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(ESCAPES, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** UTF-8 as a browser's address bar or a log viewer reads it: a byte that is no UTF-8 becomes U+FFFD. */
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `text` with every run of percent escapes decoded as UTF-8, as {@link decodeEscapes} does, and
 * bytes that make no UTF-8 character (`%FF`, a cut `%E2%80`) read as U+FFFD `�`, the way a browser
 * or a log viewer shows them; the well-formed escapes of such a run are read all the same
 * (`850101%E2%80%93%FF1236` → `850101–�1236`). A `%` without two hex digits after it stays. For
 * telling what a person reading an echoed URL sees.
 */
export function decodeEscapesLeniently(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(ESCAPES, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return LENIENT_UTF8.decode(bytes);
  });
}

/**
 * `text` with percent escapes decoded and every run of six or more digits (of any script, through
 * spaces, dashes, dots, slashes and invisible characters) replaced by {@link DIGITS_MASK}, and so
 * is every personnummer the guard finds in another spelling (letters for digits). Meant
 * for URL paths and ids, where a long digit run is never needed to read a log.
 *
 * @example
 * redactDigitRuns('/v1/sync/w/850101%E2%80%931236'); // '/v1/sync/w/[digits]'
 */
export function redactDigitRuns(text: string): string {
  // A number spelled with letters for digits (`85010l-l236`, `B50101-1236`) makes no digit run:
  // the guard's own reading finds it, first, so that no part of it is left.
  const decoded = redactPersonnummer(decodeEscapes(text), DIGITS_MASK);
  const normal = normalizeForDigits(decoded, 6);
  if (normal === null) return decoded;
  const spans: Array<[number, number]> = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(normal.text); m !== null; m = DIGIT_RUN.exec(normal.text)) {
    spans.push(originalSpan(decoded, normal, m.index, m.index + m[0].length));
  }
  let out = decoded;
  for (const [start, end] of spans.reverse()) out = out.slice(0, start) + DIGITS_MASK + out.slice(end);
  return out;
}

/**
 * A URL or path as it may be logged: the `token` query parameter hidden (WebSocket clients put
 * the token there), then digit runs masked by {@link redactDigitRuns}.
 *
 * @example
 * redactUrl('/v1/sync/w/850101-1236?token=spl_x'); // '/v1/sync/w/[digits]?token=[redacted]'
 * redactUrl('http://127.0.0.1:8787/v1/sync/850101-1236'); // 'http://127.0.0.1:8787/v1/sync/[digits]'
 */
export function redactUrl(url: string): string {
  const hidden = url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
  const origin = ORIGIN.exec(hidden);
  if (origin && IP_HOST.test(origin[2] ?? '')) return origin[1] + redactDigitRuns(hidden.slice(origin[1]!.length));
  return redactDigitRuns(hidden);
}

/**
 * A copy of a log line's value with identity numbers masked: digit runs in {@link ID_FIELDS},
 * every personnummer in any other string and in every object key (keys can be ids from a request). A value nested deeper than {@link MAX_DEPTH} levels is
 * logged as its JSON text, masked the same way. Error instances are left to the logger's error
 * serializer, which passes its plain result through here again.
 */
export function redactLogValue(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return ID_FIELDS.has(key) ? redactUrl(value) : redactPersonnummer(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  // Deeper than the walk goes, the value is logged as its JSON text, masked like any other string.
  if (depth > MAX_DEPTH) return redactPersonnummer(jsonOf(value));
  if (Array.isArray(value)) return value.map((v: unknown) => redactLogValue(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  const idKey = ID_FIELDS.has(key);
  // A key can come from a request too (counts by document id): a personnummer in it is masked.
  for (const [k, v] of Object.entries(value)) out[redactPersonnummer(k)] = redactLogValue(v, idKey ? key : k, depth + 1);
  return out;
}

/** `value` as JSON text, or a placeholder when it has none (a cycle, a bigint). */
function jsonOf(value: object): string {
  try {
    return JSON.stringify(value) ?? '[unserializable]';
  } catch {
    return '[unserializable]';
  }
}
