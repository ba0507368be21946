/**
 * The query parameters of the rounds routes (`rounds.ts`), as zod schemas: the routes validate
 * with them and `/openapi.json` describes them from them (`openapi.ts`), so the two cannot drift.
 * Unknown parameters are ignored, as everywhere in the API.
 */
import { z } from 'zod';

/** `GET …/rounds/:round/completeness`: JSON by default, or CSV for Power Query. */
export const roundTableQuerySchema = z.object({
  format: z.enum(['json', 'csv']).optional().describe('json (the default) or csv'),
  sep: z.enum(['comma', 'semicolon']).optional().describe('The CSV separator: comma (the default) or semicolon, for Excel set to Swedish'),
});

/** `GET …/rounds/:round/rollup`: as {@link roundTableQuerySchema}, and which table a CSV holds. */
export const rollupQuerySchema = roundTableQuerySchema.extend({
  table: z.enum(['activities', 'far', 'indicators']).optional().describe('The table of a CSV: activities (the default), far or indicators'),
});

/** `GET …/rounds/:round/report`: the styrgrupp report's scope, language and format. */
export const reportQuerySchema = z.object({
  unit: z.string().min(1).max(64).optional().describe("One unit's report (its code); the county's when unset"),
  lang: z.enum(['sv', 'en']).optional().describe('sv (the default) or en'),
  format: z.enum(['html', 'pdf']).optional().describe('html (the default): a printable page; pdf: the same page printed to A4 by the server'),
});
