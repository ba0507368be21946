/**
 * The places of a document's stored history as `history scan`, `history drop` and `migrate` name
 * them (`update 12`, `snapshot`, `checkpoint 40`: data, in English), said in words in Swedish.
 * Imports nothing but a type, so that the words of any command may use it.
 */
import type { CliLang } from './cli-lang.js';

/** Swedish of the scan's place names, by their English kind (`history-scan.ts`). */
const PLACE_SV: Readonly<Record<string, string>> = {
  update: 'uppdatering',
  checkpoint: 'kontrollpunkt',
  'take-back': 'tillbakatagning',
  snapshot: 'ögonblicksbilden',
  'snapshot fresh state': 'ögonblicksbildens starttillstånd',
};

/**
 * A place as the scan or a drop names it, in `lang`: `update 12` → `uppdatering 12`, `snapshot`
 * → `ögonblicksbilden`; a path of the live state with its reason, `rows/r1/title (a personnummer)`,
 * keeps its path and says its reason. A place of no known form is returned as it is.
 */
export function placeWords(place: string, lang: CliLang): string {
  if (lang === 'en') return place;
  const numbered = /^(update|checkpoint|take-back) (\d+)$/.exec(place);
  if (numbered) return `${PLACE_SV[numbered[1] as string]} ${numbered[2]}`;
  if (PLACE_SV[place] !== undefined) return PLACE_SV[place];
  return place.replace(/ \(a personnummer\)$/, ' (ett personnummer)');
}

