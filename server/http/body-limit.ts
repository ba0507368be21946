/**
 * How large a request body the server takes before it reads it. The routes read a body whole
 * (`c.req.json()`, the zod validators) before they look at it, the sign-in routes without a
 * token, so without a limit one anonymous request makes the server hold and parse all it is sent:
 * a 400 MB body to `POST /auth/session` took 1.3 GB of memory and 31 s. A body of the JSON API is
 * a few kilobytes (a member, a round definition with its units); a file import and a Kolada page
 * may be larger, and their routes keep their own limit and words (`MAX_IMPORT_BYTES`,
 * `MAX_KOLADA_BYTES`), run after sign-in is checked: this limit passes them untouched. Held here,
 * before sign-in, a file route's body sent without a length (chunked) was read into memory, up to
 * its 16 MiB, for an anonymous request later refused 401, and read again by the route's own limit.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** Largest body of any other request, bytes: 1 MiB, some hundred times the largest JSON body the pane sends. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The routes that take a file or a data page, by path: their own larger limit (`MAX_IMPORT_BYTES`
 * in `rows.ts`, `MAX_KOLADA_BYTES` in `indicators.ts`) holds them once the request is signed in.
 */
const FILE_ROUTES: readonly RegExp[] = [/^\/v1\/workspaces\/[^/]+\/documents\/[^/]+\/import$/, /^\/v1\/workspaces\/[^/]+\/indicators\/kolada$/];

/** Whether `path` is a file route's, whose own limit runs after sign-in is checked. */
const isFileRoute = (path: string): boolean => FILE_ROUTES.some((r) => r.test(path));

/** `bytes` in MiB as `lang` writes it (`31,5`); the English sentence wrote the Swedish comma too. */
const mib = (bytes: number, lang: 'sv' | 'en') => numberText(bytes / 1024 / 1024, lang);

/**
 * Middleware refusing a body over {@link MAX_BODY_BYTES} with 413 `too-large` in words, by its
 * `Content-Length` before a byte is read, or, sent without one (chunked), as soon as the bytes
 * received pass the limit. A file route's request passes untouched: its route's own limit holds
 * it, after `requireAuth`, so an anonymous one is refused 401 with its body unread.
 *
 * @example
 * app.use('*', requestBodyLimit());
 */
export function requestBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, 'too-large', {
        sv: `Förfrågan är för stor (högst ${mib(MAX_BODY_BYTES, 'sv')} MiB).`,
        en: `The request is too large (at most ${mib(MAX_BODY_BYTES, 'en')} MiB).`,
      });
    },
  });
  return (c, next) => (isFileRoute(c.req.path) ? next() : limit(c, next));
}
