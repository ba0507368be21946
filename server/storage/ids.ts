import { z } from 'zod';
import { checkWords } from '../../shared/i18n/check-words.js';
import { SLUG_PATTERN, SLUG_WORDS } from './slug.js';

/**
 * The zod schema of a slug, for HTTP routes and CLI arguments.
 *
 * @example
 * ```ts
 * const params = z.object({ workspace: slugSchema, doc: slugSchema });
 * ```
 */
export const slugSchema = z.string().regex(SLUG_PATTERN, checkWords(SLUG_WORDS));
