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
  indicators: z.string().max(4000).optional().describe("Some of the round's indicators, ids comma separated; all of them when unset; an id the round does not follow is 400 round-indicator"),
});

/**
 * `GET …/rounds/:round/rollup`: as {@link rollupQuerySchema}, and another period to roll the
 * round's indicators and units up over (`period-rollup.ts`; read by `parseAnyPeriod`, none is 400
 * `bad-period`).
 */
export const roundRollupQuerySchema = rollupQuerySchema.extend({
  period: z.string().max(40).optional().describe("Another period than the round's: 2025, 2025S1, 2025Q2 or 202503 (2025 kv 2 and other written forms too)"),
});

/** `GET …/rollup`: the period (required; missing or none is 400 `bad-period`) and the indicators. */
export const periodRollupQuerySchema = roundRollupQuerySchema.extend({
  indicators: z.string().max(4000).optional().describe('Indicator ids, comma separated; every catalog indicator with a value in the period when unset'),
});

/** `GET …/rounds/:round/report`: the styrgrupp report's scope, language and format. */
export const reportQuerySchema = z.object({
  unit: z.string().min(1).max(64).optional().describe("One unit's report (its code, or its name in any case and spacing); the county's when unset"),
  lang: z.enum(['sv', 'en']).optional().describe('sv (the default) or en'),
  format: z.enum(['html', 'pdf']).optional().describe('html (the default): a printable page; pdf: the same page printed to A4 by the server'),
});
