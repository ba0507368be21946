/**
 * Errors of the HTTP API. Every failure leaves the server as
 * `{ error: { code, message, details } }` through the one handler {@link handleError};
 * route code throws {@link AppError} (or Hono's `HTTPException`) and never builds error bodies itself.
 * Messages are sentences a coordinator can act on; codes are stable and go to the logs. A sentence
 * in both languages (`details.message { sv, en }`) is said in `message` in the language the request
 * asks for (`Accept-Language`: `acceptedLang`), else in Swedish ({@link API_DEFAULT_LANG});
 * `Content-Language` names the one `message` is in.
 *
 * Sentences may repeat what the request said (`"2025Q5" is not a period`, `no unit "x"`), which
 * helps people see their typing slip; a personnummer typed in the wrong place must not come back
 * that way, into screenshots, proxies' logs and the pane's Problems. So every error body passes
 * {@link maskIdentities} on its way out, whichever route built it: the guard's spellings become
 * {@link IDENTITY_MASK}, everything else stays as written.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { decodeEscapesLeniently, redactUrl } from '../log-redact.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { IdentityInTextError, TextCharacterError } from '../storage/record-text.js';
import { LastAdminError } from '../storage/last-admin.js';
import { StorageUnavailableError } from '../storage/watched.js';
import { DamagedHistoryError, damagedRefusalWords } from '../sync/stored-history.js';
import type { Localized } from '../../shared/schema/types.js';
import { DEFAULT_LANG, type Lang } from '../../shared/i18n/t.js';
import { issueWordsSv, type IssueLike } from '../../shared/i18n/issue-words.js';
import { fieldWordsSv } from '../../shared/i18n/field-words.js';
import { issueWordsEn } from '../../shared/i18n/issue-words-en.js';
import type { TextFaultParams } from '../../shared/validate/text-fault.js';
import { KeylessHistoryError } from '../storage/keyless-history.js';
import { acceptedLang } from './accept-language.js';

/**
 * The sentence of a refusal: `{ sv, en }` for every answer the pane or a manager's workbook can
 * get (the pane is Swedish by default and shows `details.message[lang]`), or English alone for
 * what only the command line and the admin API see.
 */
export type Sentence = string | Localized;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** What an identity number in an error body becomes; a word both languages' readers know. */
export const IDENTITY_MASK = '[personnummer]';
const MASK_DEPTH = 6;

/**
 * A copy of an error body's `message` or `details` with every personnummer and samordningsnummer
 * (every spelling of `shared/validate/personnummer.ts`, also percent-escaped) in any string, at any
 * depth up to six, replaced by {@link IDENTITY_MASK}. Keys, numbers and the shape stay as they are.
 */
export function maskIdentities<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (value === null || typeof value !== 'object' || depth > MASK_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => maskIdentities(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskIdentities(v, depth + 1);
  return out as T;
}

/**
 * How many times a text's percent escapes are decoded in turn when looking for an identity number
 * (`%252D` is `%2D` once decoded, `-` twice): a tool that decodes what it shows may do so again.
 */
const DECODE_ROUNDS = 3;

/**
 * One text masked. A sentence that echoes a URL's path repeats it as sent, percent-escaped
 * (`/v1/x/850101%E2%80%931236`, what a browser makes of an en dash): such a text is read with its
 * escapes decoded (bytes that are no UTF-8, `%FF`, as the `�` a browser shows for them; see
 * `decodeEscapesLeniently`), up to {@link DECODE_ROUNDS} times, and given back decoded and masked when a
 * reading shows an identity number. A text none of whose readings holds one is given back as written.
 */
function maskText(text: string): string {
  let shown = redactPersonnummer(text, IDENTITY_MASK);
  let reading = shown;
  for (let round = 0; round < DECODE_ROUNDS && reading.includes('%'); round++) {
    const decoded = decodeEscapesLeniently(reading);
    if (decoded === reading) break;
    reading = decoded;
    if (findPersonnummer(reading) !== null) shown = reading = redactPersonnummer(reading, IDENTITY_MASK);
  }
  return shown;
}

/**
 * The language of `message` for a request that asks for neither Swedish nor English (no
 * `Accept-Language`, another language, one that cannot be read): Swedish, the default of
 * `shared/i18n` (`DEFAULT_LANG`), as the pane, the command line and the sync server's close
 * reasons speak. Such a client is a coordinator's or an admin's script (PowerShell, curl, Power
 * Query), whose `message` a Swedish clinic reads; English was a second language for a Swedish
 * tool's every script. A script that acts on an error reads `code`, which stays; one that wants
 * English asks for it (`Accept-Language: en`), and `details.message` holds both.
 */
export const API_DEFAULT_LANG: Lang = DEFAULT_LANG;

/** `details.message` when it is a sentence in both languages ({@link withWords}), else null. */
function wordsOf(details: unknown): Localized | null {
  const words = (details as { message?: { sv?: unknown; en?: unknown } } | null | undefined)?.message;
  return typeof words?.sv === 'string' && typeof words.en === 'string' ? { sv: words.sv, en: words.en } : null;
}

/**
 * The JSON answer of an error: the body {@link ErrorBody}, its texts masked by {@link maskIdentities}.
 * `message` is the sentence in the language the request asks for ({@link acceptedLang}, else
 * {@link API_DEFAULT_LANG}) when `details.message` has it in both, else `message` as given (English:
 * a sentence only the command line and the admin API see); `Content-Language` says which.
 */
function errorAnswer(c: Context, code: string, message: string, details: unknown, status: ContentfulStatusCode): Response {
  const words = wordsOf(details);
  const lang = words ? (acceptedLang(c.req.header('accept-language')) ?? API_DEFAULT_LANG) : 'en';
  // The English as the route gave it: some add to it what their `details.message.en` leaves to the Swedish beside it.
  const said = lang === 'sv' && words ? words.sv : message;
  const headers = { 'Content-Language': lang, Vary: 'Accept-Language' };
  return c.json<ErrorBody>({ error: { code, message: maskIdentities(said), details: maskIdentities(details ?? null) } }, status, headers);
}

/**
 * `details` with the sentence in both languages added as `details.message` (`{ sv, en }`), the
 * shape the pane reads (`addin/taskpane/notice.ts`). Details that are no object (null, a list)
 * are kept under `value`.
 */
function withWords(details: unknown, words: Localized): Record<string, unknown> {
  if (details === null || details === undefined) return { message: words };
  if (typeof details === 'object' && !Array.isArray(details)) return { ...(details as Record<string, unknown>), message: words };
  return { value: details, message: words };
}

/**
 * An error with a stable code, an HTTP status and a sentence for people. Given `{ sv, en }`, the
 * body's `message` is the sentence in the request's language and `details.message` carries both (see {@link Sentence}).
 */
export class AppError extends HTTPException {
  readonly code: string;
  readonly details: unknown;
  /**
   * Seconds after which the request may be tried again, sent as `Retry-After` (a 503 of a server
   * busy with other requests' work); unset for a refusal that trying again will not change.
   */
  retryAfterSeconds: number | undefined;

  constructor(status: ContentfulStatusCode, code: string, message: Sentence, details: unknown = null) {
    super(status, { message: typeof message === 'string' ? message : message.en });
    this.code = code;
    this.details = typeof message === 'string' ? details : withWords(details, message);
  }
}

/** 400 for a request the API cannot use. */
export function badRequest(code: string, message: Sentence, details: unknown = null): AppError {
  return new AppError(400, code, message, details);
}

/** 404 for a workspace, document or version that does not exist. */
export function notFound(code: string, message: Sentence, details: unknown = null): AppError {
  return new AppError(404, code, message, details);
}

/** 403 for a role that does not allow the action. */
export function forbidden(message: Sentence, details: unknown = null): AppError {
  return new AppError(403, 'forbidden', message, details);
}

/** 404 `workspace-not-found` for workspace `id`, in both languages. */
export function workspaceNotFound(id: string): AppError {
  return notFound('workspace-not-found', { sv: `Det finns ingen arbetsyta "${id}".`, en: `There is no workspace "${id}".` });
}

/** 409 `unknown-kind` for a document whose kind this server does not know (one made by a newer version). */
export function unknownKindError(doc: string): AppError {
  return new AppError(409, 'unknown-kind', {
    sv: `Dokumentet "${doc}" är av ett slag som den här servern inte känner till.`,
    en: `The document "${doc}" has a kind this server does not know.`,
  });
}

/** The words of the generic answers when a status came without a sentence of ours (Hono's own refusals). */
const STATUS_WORDS: Record<number, Localized> = {
  400: { sv: 'Servern kunde inte använda förfrågan.', en: 'The request could not be used.' },
  401: { sv: 'Förfrågan saknar en giltig inloggning eller åtkomstnyckel.', en: 'The request has no valid sign-in or access token.' },
  403: { sv: 'Din roll tillåter inte detta.', en: 'Your role does not allow this.' },
  404: { sv: 'Det som efterfrågades finns inte.', en: 'What was asked for does not exist.' },
  413: { sv: 'Förfrågan är för stor för servern.', en: 'The request is too large for the server.' },
};
const FALLBACK_WORDS: Localized = { sv: 'Förfrågan kunde inte hanteras.', en: 'The request could not be handled.' };

/** The sentence of an unexpected error (500), which says nothing of the server's inside. */
export const INTERNAL_WORDS: Localized = {
  sv: 'Något gick fel på servern. Försök igen; om det fortsätter, kontakta din administratör.',
  en: 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
};

/** The codes Hono's own statuses map to when no AppError was thrown. */
function codeForStatus(status: number): string {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 413) return 'too-large';
  return 'error';
}

/** The methods that change nothing (RFC 9110's safe methods): a damaged document met by one is a failure to answer, by another a refused write. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The app's `onError`: turns any thrown error into the JSON error body. Unexpected errors are
 * logged with their stack (never with the request body) and answered with 500 and a generic
 * sentence, so internals do not leak; a failing store, or one refusing the write, is answered with
 * its status (503, or 409 for a write clashing with one stored first) and a sentence. A document
 * whose stored history does not decode (`DamagedHistoryError`) is answered 500 to a read and 409
 * to a request that would write (`damagedRefusalWords`: nothing written, restore from a backup),
 * both `document-damaged` naming the document and the place, and logged with that code.
 */
export function handleError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
      return errorAnswer(c, err.code, err.message, err.details, err.status);
    }
    if (err instanceof IdentityInTextError) {
      // Wherever the check ran (route, token issuing, storage), the answer is the same 422.
      return errorAnswer(c, err.code, err.message, { field: err.field, kind: err.kind, message: { sv: err.sv, en: err.message } }, 422);
    }
    if (err instanceof LastAdminError) {
      // The store's refusal, checked in the write's transaction (`storage/last-admin.ts`): nothing written.
      return errorAnswer(c, err.code, err.message, { member: err.memberId, message: err.localized }, 409);
    }
    if (err instanceof TextCharacterError) {
      const details = { field: err.field, character: err.character, index: err.place.index, number: err.place.number, message: { sv: err.sv, en: err.message } };
      return errorAnswer(c, err.code, err.message, details, 400);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const words = STATUS_WORDS[status] ?? FALLBACK_WORDS;
      const en = err.message || words.en;
      return errorAnswer(c, codeForStatus(status), en, { message: { sv: words.sv, en } }, status);
    }
    if (err instanceof DamagedHistoryError) {
      // The operator's place to look: the document, the stored update, what Yjs said; never the bytes.
      const where = { code: err.code, ref: err.ref, place: err.place, said: err.said, method: c.req.method, url: redactUrl(c.req.url) };
      if (!SAFE_METHODS.has(c.req.method)) {
        // A write meeting it is refused before anything is stored: a refusal in words, not a fault to retry.
        logger.warn(where, 'write refused: stored history damaged');
        const message = damagedRefusalWords(err);
        return errorAnswer(c, err.code, message.en, { document: err.ref.doc, place: err.place, message }, 409);
      }
      logger.error(where, 'stored history damaged');
      return errorAnswer(c, err.code, err.message, { document: err.ref.doc, place: err.place, message: { sv: err.sv, en: err.message } }, 500);
    }
    if (err instanceof KeylessHistoryError) {
      // Rows no document has may be its history, its row of doc_keys gone or given another key
      // (`storage/keyless-history.ts`): nothing read or written until a person decides. A refusal
      // in words, read or write alike (409: trying again meets it until the key is back), not a fault.
      const why = err.code === 'document-key-changed' ? 'its row of doc_keys names another key' : 'its row of doc_keys is gone';
      logger.warn({ code: err.code, workspace: err.workspace, doc: err.doc, keys: err.keys, method: c.req.method, url: redactUrl(c.req.url) }, `document refused: ${why}`);
      return errorAnswer(c, err.code, err.message, { document: err.doc, keys: err.keys, message: err.localized }, 409);
    }
    if (err instanceof StorageUnavailableError) {
      // The store's words (`reason`: a constraint's or a trigger's, never a value of the row) go to the log only.
      logger.warn({ err, code: err.code, method: c.req.method, url: redactUrl(c.req.url) }, err.code === 'storage-unavailable' ? 'storage unavailable' : 'storage refused the write');
      return errorAnswer(c, err.code, err.message, { message: { sv: err.sv, en: err.message } }, err.status);
    }
    logger.error({ err, method: c.req.method, url: redactUrl(c.req.url) }, 'unhandled error');
    return errorAnswer(c, 'internal', INTERNAL_WORDS.en, { message: INTERNAL_WORDS }, 500);
  };
}

/** The `notFound` handler: JSON for unknown API paths. */
export function handleNotFound(c: Context): Response {
  const at = `${c.req.method} ${new URL(c.req.url).pathname}`;
  const message = { sv: `Det finns inget på ${at}.`, en: `There is nothing at ${at}.` };
  return errorAnswer(c, 'not-found', message.en, { message }, 404);
}

/**
 * The hook for `@hono/zod-validator`: a failed validation becomes a 400 `invalid-request` with the
 * zod issues (never the values sent): `details.issues[]` is `{ path, code, message, sv }`, `path`
 * the field's keys joined by dots (machine-readable, `''` for the whole body), `code` zod's issue
 * code, `message` Samplan's English (`shared/i18n/issue-words-en.ts`, the words the CLI gives;
 * never zod's default English), `sv` Samplan's Swedish (`shared/i18n/issue-words.ts`).
 * Issues of fields the request does not take come first (a misspelt key is the usual cause of the
 * others). `details.message` is the first issue as a sentence in each language: the Swedish names the
 * field in the pane's words with its key (`sista dagen att rapportera (dueDate)`, `shared/i18n/field-words.ts`)
 * and holds no English; the English names the field by its key (`title must not be empty`). An issue refusing a character of
 * a name or text (`shared/validate/plain-text.ts`) also carries where it is: `character`
 * (`U+200B`), `index` (0-based, UTF-16 code units, in the text as trimmed) and `number` (1-based,
 * in characters); the first one's are repeated in `details` with its `field` (the issue's path),
 * so a client can show the text with the character marked.
 */
export function validationHook(
  result: { success: boolean; error?: { issues: readonly ValidationIssue[] }; data?: unknown },
): void {
  if (!result.success) {
    // A field the request does not take first: it is most often a misspelling (`member` for
    // `memberId`) and the cause of the other issues (the field it needs, missing).
    const raw = result.error?.issues ?? [];
    const all = [...raw.filter((i) => i.code === 'unrecognized_keys'), ...raw.filter((i) => i.code !== 'unrecognized_keys')];
    const input = 'data' in result ? { value: result.data } : undefined;
    const issues = all.map((i) => ({ path: i.path.map(String).join('.'), code: i.code ?? 'custom', message: issueWordsEn(i, input), sv: issueWordsSv(i, input), ...faultPlace(i) }));
    const first = issues[0];
    const message = first
      ? {
          sv: sentence(`Förfrågan är inte giltig: ${fieldWordsSv(first.path)} ${first.sv}`),
          en: sentence(`The request is not valid: ${first.path || 'the body'} ${first.message}`),
        }
      : { sv: 'Förfrågan är inte giltig.', en: 'The request is not valid.' };
    const place = first && all[0] ? faultPlace(all[0]) : {};
    throw badRequest('invalid-request', message, { issues, ...('character' in place ? { field: first?.path, ...place } : {}) });
  }
}

/**
 * `words` closed with a full stop, unless they already end a sentence (`.`, `?`, `!`, or `…` of a
 * text cut short): a sentence joined from another (`The server refused the change: ${reason}`)
 * then ends in one stop, not two.
 *
 * @example
 * sentence('Refused: Identity numbers must not be stored.'); // 'Refused: Identity numbers must not be stored.'
 */
export function sentence(words: string): string {
  return /[.?!…]$/.test(words) ? words : `${words}.`;
}

/** A zod issue as {@link validationHook} reads it (`IssueLike` of `issue-words.ts`); `params.sv` is the Swedish of a check that gives one. */
export interface ValidationIssue extends IssueLike {
  path: readonly PropertyKey[];
}

/** Where the character an issue refuses is (`TextFaultParams` of `text-fault.ts`), or nothing for another issue. */
function faultPlace(issue: ValidationIssue): { character: string; index: number; number: number } | Record<string, never> {
  const p = issue.params as Partial<TextFaultParams> | undefined;
  if (typeof p?.character !== 'string' || typeof p.index !== 'number' || typeof p.number !== 'number') return {};
  return { character: p.character, index: p.index, number: p.number };
}
