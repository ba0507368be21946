/**
 * How far a long import read has got, for the people waiting on it (`POST …/import` with
 * `Accept: application/x-ndjson`, `import-progress.ts`): the characters of the file's table text
 * read so far, of all (an `.ods`'s `content.xml` as its worker parses it, a CSV's decoded text), or
 * an `.xlsx`'s unpacked bytes of its parts parsed (`xlsx-parts.ts`).
 * A read is told at each whole percent once, so a large file sends at most about a hundred
 * progress lines, however it is sliced.
 */

import { percentOf, type ReadProgress } from '../../shared/protocol/read-progress.js';

export { percentOf, type ReadProgress } from '../../shared/protocol/read-progress.js';

/**
 * A function to call with a read's progress as often as it likes: it calls `onProgress` only
 * when the whole percent has moved on since it last did (nothing when `onProgress` is undefined).
 */
export function progressTeller(onProgress: ((p: ReadProgress) => void) | undefined): (p: ReadProgress) => void {
  if (!onProgress) return () => {};
  let told = -1;
  return (p) => {
    const percent = percentOf(p);
    if (percent <= told) return;
    told = percent;
    onProgress(p);
  };
}
