/**
 * How far a long import read has got, as the server streams it to the pane (`POST …/import` with
 * `Accept: application/x-ndjson`, `server/http/import-progress.ts`; read by
 * `addin/taskpane/import-client.ts`): the characters of the file's table text read so far, of all
 * (an `.ods`'s `content.xml`, a CSV's text), or for an `.xlsx` the unpacked bytes of its parts
 * parsed (styles, shared strings, the sheets read: `server/http/xlsx-parts.ts`).
 */

/** Work done (`done`) of all (`total`): characters of the table's text, or an `.xlsx`'s bytes parsed; `done` ≤ `total`. */
export interface ReadProgress {
  done: number;
  total: number;
}

/** The whole percent `p` stands at (0–100; 100 for an empty text). */
export function percentOf(p: ReadProgress): number {
  return p.total <= 0 ? 100 : Math.floor((100 * Math.min(p.done, p.total)) / p.total);
}
