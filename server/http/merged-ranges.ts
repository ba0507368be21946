/**
 * What the workbook readers (`xlsx-sheet-reader.ts`, `ods-sheet-reader.ts`) keep of a sheet's
 * merged cells: both name at most this many merged ranges per sheet, of which the import's summary
 * names a few (a sheet can hold thousands).
 */
export const MAX_NAMED_MERGES = 1_000;
