/**
 * The legacy 8-bit encodings a Swedish file carries, by iconv-lite's names, which the raw-byte
 * net reads bytes that are no UTF-8 in (`raw-scan-readings.ts`): ISO-8859-1 and Windows-1252
 * (Swedish Excel's CSV), ISO-8859-15, Mac Roman (Excel for Mac) and the DOS code pages 437 and
 * 850 of old exports. A module of its own so that the pane's build (`vite.config.ts`) bundles
 * these six of iconv-lite's code tables only, not its whole table file.
 */
export const SINGLE_BYTE_ENCODINGS = ['windows1252', 'iso88591', 'iso885915', 'macintosh', 'cp437', 'cp850'] as const;
