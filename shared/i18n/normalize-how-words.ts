/**
 * What the normaliser did to a value it read (`NormalizeHow`, `shared/normalize/normalize-cell.ts`),
 * in Swedish and English, for an import's answer (`server/http/import-summary.ts`,
 * `normalizedNotes`): the person is told before confirming which values will be stored otherwise
 * than the file writes them, so nothing is rewritten behind their back.
 */
import type { NormalizeHow } from '../normalize/normalize-cell.js';
import type { Localized } from '../schema/types.js';

/** Each way of reading a value, as a clause after "värden" / "values". */
export const NORMALIZE_HOW_WORDS: Readonly<Record<NormalizeHow, Localized>> = {
  'number-from-text': { sv: 'skrivna som text (t.ex. med decimalkomma eller mellanslag) sparas som tal', en: 'written as text (with a decimal comma or spaces, say) are stored as numbers' },
  'percent-dropped': { sv: 'med procenttecken sparas utan det, som tal', en: 'with a percent sign are stored without it, as numbers' },
  'date-from-text': { sv: 'skrivna som text (t.ex. 3/2 eller 3 feb 2025) sparas som datum ÅÅÅÅ-MM-DD', en: 'written as text (3/2 or 3 Feb 2025, say) are stored as dates YYYY-MM-DD' },
  'date-from-serial': { sv: 'som är Excels datumtal sparas som datum ÅÅÅÅ-MM-DD', en: "that are Excel's date serials are stored as dates YYYY-MM-DD" },
  'time-dropped': { sv: 'med klockslag sparas som datum utan klockslaget', en: 'with a time of day are stored as dates without the time' },
  'period-from-text': { sv: 'skrivna i ord (t.ex. 2024 kv 3) sparas som periodkod (2024Q3)', en: 'written in words (2024 Q3, say) are stored as period codes (2024Q3)' },
  'code-padded': { sv: 'utan inledande nolla sparas med den (t.ex. 180 som 0180)', en: 'without their leading zero are stored with it (180 as 0180, say)' },
  'kommun-from-name': { sv: 'skrivna som kommunnamn sparas som kommunkod', en: 'written as municipality names are stored as municipality codes' },
  'choice-from-label': { sv: 'skrivna som valets text sparas som valets kod', en: "written as a choice's label are stored as its code" },
  'ref-from-name': { sv: 'skrivna som namn sparas som id i listan', en: "written as names are stored as the list's ids" },
  'empty-from-dash': { sv: 'som bara är ett streck (–) sparas som tomma', en: 'that are a dash alone (–) are stored as empty' },
  'empty-from-missing': { sv: 'som är ".." (uppgift saknas) sparas som tomma', en: 'that are ".." (not available) are stored as empty' },
  'empty-from-spaces': { sv: 'som bara är mellanslag sparas som tomma', en: 'that are spaces alone are stored as empty' },
  'spaces-trimmed': { sv: 'med mellanslag före eller efter sparas utan dem', en: 'with spaces before or after them are stored without them' },
  'breaks-trimmed': { sv: 'med tabbar, radbrytningar eller osynliga tecken före eller efter sparas utan dem (mellanslagen behålls)', en: 'with tabs, line breaks or invisible characters before or after them are stored without them (the spaces are kept)' },
};
