/**
 * The formats a document is exported in (`export-rows.ts`), in a module of their own so that
 * `samplan export --format` is checked before any of the server is loaded.
 */

/** The export formats. */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'ods'] as const;

/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
