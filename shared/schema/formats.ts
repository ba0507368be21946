/**
 * Text formats of typed columns, defined once: the zod schemas, `validateRow` and the JSON
 * Schema all use these patterns.
 */

/** An email address: something, one `@`, a domain with a dot. Deliberately lenient. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/**
 * A phone number as people write it in Sweden: optional country code (`+46`), digits in
 * groups separated by spaces or hyphens, an optional `(0)`. 7–15 digits in all.
 */
export const PHONE_PATTERN = /^(?:\+\d{1,3}[ -]?)?(?:\(0\)[ -]?)?\d(?:[ -]?\d){6,14}$/;

/**
 * A unit code: a clinic code such as `vc-fittja`, a kommun code such as `0127`, a län group.
 * Lower-case ASCII letters, digits and single hyphens.
 */
export const UNIT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The longest round id (`roundIdSchema`, `shared/rounds/model.ts`), in characters. */
export const ROUND_ID_MAX = 64;

/** What a round id that is not of {@link UNIT_PATTERN}'s shape is told, after the id (`roundIdSchema`, the CLI's check). */
export const ROUND_ID_WORDS = { sv: 'ska bestå av små bokstäver a–z, siffror och "-"', en: 'must be lower-case letters, digits and dashes' } as const;

/** A period as stored: `yyyy`, `yyyyQn`, `yyyyMM` or `yyyySn` (see `catalog/period.ts`). */
export const PERIOD_PATTERN = /^\d{4}(?:Q[1-4]|S[12]|0[1-9]|1[0-2])?$/;

/** The longest one-line text when a column does not say. */
export const DEFAULT_TEXT_LENGTH = 200;
/** The longest free text. */
export const LONGTEXT_LENGTH = 2000;
