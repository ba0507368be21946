import { z } from 'zod';
import { checkWords } from '../../shared/i18n/check-words.js';

/**
 * Workspace, document and unit ids are lowercase slugs: they appear in URLs
 * (`/v1/sync/:workspace/:doc`), file names of exports and log lines, so they are kept to
 * characters that never need escaping.
 */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** True when `value` is a valid slug (see {@link SLUG_PATTERN}). */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}

/**
 * The zod schema of a slug, for HTTP routes and CLI arguments.
 *
 * @example
 * ```ts
 * const params = z.object({ workspace: slugSchema, doc: slugSchema });
 * ```
 */
export const slugSchema = z
  .string()
  .regex(
    SLUG_PATTERN,
    checkWords({
      sv: 'ska ha 1–64 tecken a–z, 0–9 eller "-" och börja med en bokstav eller siffra',
      en: 'must be 1–64 characters a–z, 0–9 or "-", starting with a letter or digit',
    }),
  );
