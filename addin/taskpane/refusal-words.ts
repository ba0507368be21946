/**
 * The one mapping from a server's refusal to the sentence the pane shows, for every dialog that
 * sends something the server may refuse (create, rename, copy, the Members view, tokens …), so
 * no call site guesses the reason from the HTTP status. By the server's code:
 * - an identity number (`personnummer`, as `IdentityInTextError` and the sync check's
 *   `update-refused-personnummer` name it): the sentence for that, the caller's own when it has
 *   one that names what was sent;
 * - any other refusal: the server's own words (`details.message[lang]`), which say which rule it
 *   was (a title too long, a character it may not hold, a look-alike, a locked round …);
 * - a refusal without words: the pane's sentence for its kind (no sign-in, no right, gone, not
 *   reached), or, for a request the server would not take, a sentence naming the code: never the
 *   identity sentence, never "something went wrong on the server" for what was the request's fault.
 */
import { refusalSentence } from '../../shared/i18n/refusal-words.js';
import { ApiError } from './api-client.js';
import { errorText, type Lang } from './strings.js';
import { digits } from '../../shared/i18n/number-words.js';

/** The codes of a text refused for holding a personnummer, samordningsnummer or reservnummer. */
const IDENTITY_CODES: ReadonlySet<string> = new Set(['personnummer', 'update-refused-personnummer']);

/** The statuses of a request the server would not take as sent (not a fault of the server, nor of the sign-in). */
const REQUEST_REFUSED = new Set([400, 409, 413, 422, 423]);

/** What the pane reads of a refused call, whichever client made it. */
export interface RefusedCall {
  /** The server's error code (`error.code`), or the client's (`http-422`, `unreachable`). */
  code: string;
  /** The HTTP status, null when the server was not reached. */
  status: number | null;
  /** The server's `error.details` (its words in `details.message { sv, en }`). */
  details: unknown;
  /** The client's own reading of it (`ApiError.kind`: `expired`, `revoked` …), when it has one. */
  kind?: string;
}

/** The server's words in `lang` from `details.message`, or null when it gave none. */
export function serverSentence(details: unknown, lang: Lang): string | null {
  const message = (details as { message?: Partial<Record<Lang, unknown>> } | null | undefined)?.message;
  const words = message && typeof message === 'object' ? message[lang] : undefined;
  return typeof words === 'string' && words.trim() !== '' ? words : null;
}

/** The status of a client's own code (`http-404`), or null. */
function statusOfCode(code: string): number | null {
  const m = /^http-(\d{3})$/.exec(code);
  return m ? Number(m[1]) : null;
}

/** The pane's error kind (`errorText`) of a refusal without words. */
function kindOf(call: RefusedCall): string {
  if (call.kind) return call.kind;
  if (call.code === 'unreachable') return 'unreachable';
  const status = call.status ?? statusOfCode(call.code);
  if (status === 401 || call.code.startsWith('token-')) return 'unauthorized';
  if (status === 403 || call.code === 'forbidden') return 'forbidden';
  if (status === 404) return 'notFound';
  return 'server';
}

/**
 * A caller's own sentences for a text refused for an identity number, naming what it sent
 * ("Namnet godtogs inte …"): `number` for a personnummer or samordningsnummer, `reserve` for a
 * reservnummer, which the server names as one (`details.kind`), so that someone holding a reserve
 * number does not read "personnummer" and take it for another's.
 */
export interface IdentityWords {
  number: Readonly<Record<Lang, string>>;
  reserve: Readonly<Record<Lang, string>>;
}

/** Whether the server said the identity number it refused was a reservnummer (`details.kind`). */
function refusedReserve(details: unknown): boolean {
  return (details as { kind?: unknown } | null | undefined)?.kind === 'reservnummer';
}

/**
 * The sentence for `call` in `lang` (see the file comment). `identity`: the caller's sentences for a
 * text refused for an identity number ({@link IdentityWords}).
 *
 * @example
 * refusalWordsOf({ code: 'invalid-request', status: 400, details: { message: { sv: 'Titeln får vara högst 200 tecken.', en: '…' } } }, 'sv');
 * // 'Titeln får vara högst 200 tecken.'
 */
export function refusalWordsOf(call: RefusedCall, lang: Lang, identity?: IdentityWords): string {
  if (IDENTITY_CODES.has(call.code)) {
    const own = identity && (refusedReserve(call.details) ? identity.reserve : identity.number);
    return own?.[lang] ?? serverSentence(call.details, lang) ?? refusalSentence('identity', lang);
  }
  const said = serverSentence(call.details, lang);
  if (said) return said;
  const kind = kindOf(call);
  const status = call.status ?? statusOfCode(call.code);
  if (kind === 'server' && status !== null && REQUEST_REFUSED.has(status)) {
    // The server's code is named for support; a status alone (a proxy's page) is no code to name.
    return statusOfCode(call.code) === null ? refusalSentence('refused', lang, { code: call.code }) : refusalSentence('refusedPlain', lang);
  }
  return errorText(kind, lang);
}

/**
 * The sentence for a failed call of `SamplanApi` (`err`, an {@link ApiError}) in `lang`; null for
 * an error that is no answer of the server's, for the caller's own words (`failureWords`).
 */
export function refusalWords(err: unknown, lang: Lang, identity?: IdentityWords): string | null {
  if (!(err instanceof ApiError)) return null;
  return refusalWordsOf({ code: err.code ?? (err.status === null ? 'unreachable' : `http-${digits(err.status)}`), status: err.status, details: err.details, kind: err.kind }, lang, identity);
}
