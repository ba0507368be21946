/**
 * Workspace, document and unit ids are lowercase slugs: they appear in URLs
 * (`/v1/sync/:workspace/:doc`), file names of exports and log lines, so they are kept to
 * characters that never need escaping. Without zod, so that the CLI checks an id before it loads
 * any package (`cli-flag-checks.ts`); `slugSchema` (`ids.ts`) refuses by the same pattern and words.
 */

/** A slug: 1–64 characters a–z, 0–9 or `-`, starting with a letter or digit. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a value that is no slug is told, after its name. */
export const SLUG_WORDS = {
  sv: 'ska ha 1–64 tecken a–z, 0–9 eller "-" och börja med en bokstav eller siffra',
  en: 'must be 1–64 characters a–z, 0–9 or "-", starting with a letter or digit',
} as const;

/** True when `value` is a valid slug (see {@link SLUG_PATTERN}). */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}
