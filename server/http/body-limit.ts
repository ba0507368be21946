/**
 * How large a request body the server takes before it reads it. The routes read a body whole
 * (`c.req.json()`, the zod validators) before they look at it, the sign-in routes without a
 * token, so without a limit one anonymous request makes the server hold and parse all it is sent:
 * a 400 MB body to `POST /auth/session` took 1.3 GB of memory and 31 s. A body of the JSON API is
 * a few kilobytes (a member, a round definition with its units); a file import and a Kolada page
 * may be larger, and their routes keep their own limit and words (`MAX_IMPORT_BYTES`,
 * `MAX_KOLADA_BYTES`): this limit lets them through up to that size.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors.js';
import { MAX_KOLADA_BYTES } from './indicators.js';
import { MAX_IMPORT_BYTES } from './rows.js';

/** Largest body of any other request, bytes: 1 MiB, some hundred times the largest JSON body the pane sends. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The routes that take a file or a data page, by path, with the larger limit their own middleware holds them to. */
const FILE_ROUTES: readonly { path: RegExp; maxSize: number }[] = [
  { path: /^\/v1\/workspaces\/[^/]+\/documents\/[^/]+\/import$/, maxSize: MAX_IMPORT_BYTES },
  { path: /^\/v1\/workspaces\/[^/]+\/indicators\/kolada$/, maxSize: MAX_KOLADA_BYTES },
];

/** The limit for a request to `path`, bytes: a file route's own, else {@link MAX_BODY_BYTES}. */
export function bodyLimitFor(path: string): number {
  return FILE_ROUTES.find((r) => r.path.test(path))?.maxSize ?? MAX_BODY_BYTES;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('sv');

/**
 * Middleware refusing a body over {@link bodyLimitFor} its path with 413 `too-large` in words,
 * by its `Content-Length` before a byte is read, or, sent without one (chunked), as soon as the
 * bytes received pass the limit.
 *
 * @example
 * app.use('*', requestBodyLimit());
 */
export function requestBodyLimit(): MiddlewareHandler {
  const limits = new Map<number, MiddlewareHandler>();
  const limiter = (maxSize: number): MiddlewareHandler => {
    let limit = limits.get(maxSize);
    if (!limit) {
      limit = bodyLimit({
        maxSize,
        onError: () => {
          throw new AppError(413, 'too-large', {
            sv: `Förfrågan är för stor (högst ${mib(maxSize)} MiB).`,
            en: `The request is too large (at most ${mib(maxSize)} MiB).`,
          });
        },
      });
      limits.set(maxSize, limit);
    }
    return limit;
  };
  return (c, next) => limiter(bodyLimitFor(c.req.path))(c, next);
}
