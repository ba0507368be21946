/**
 * The one wording of a refused identity number, in Swedish and English, wherever a text is
 * refused for holding one: an update (`refuse.personnummer`, `update-refusal.ts`), a record
 * of the catalogue (`IdentityInTextError`, `server/storage/record-text.ts`) and a record of an
 * import (`server/http/import-check.ts`). A date of birth with a clock time (`född 1995-02-11
 * 00:01`, refused whatever its check digit: see `findPersonnummer`) is told what to write
 * instead ({@link BIRTH_TIME}); a number that may be a phone's, how to write a phone.
 */
import type { Localized } from '../schema/types.js';

/**
 * What a text holding a date of birth with a clock time holds and what to write instead, after
 * "contains" / "innehåller": every refusal and the pane's own guard say it alike.
 */
export const BIRTH_TIME: Localized = {
  sv: 'ett födelsedatum med klockslag, som kan vara ett personnummer. Födelsedatum och personnummer får inte sparas i Samplan: skriv ålder eller åldersgrupp i stället (t.ex. 0–5 år), utan datum och klockslag.',
  en: 'a date of birth with a time of day, which may be a personal identity number. Dates of birth and identity numbers must not be stored in Samplan: write an age or age group instead (e.g. 0–5 years), without the date and time.',
};

/** What `findPersonnummer` found, as far as the sentence needs it. */
export interface IdentityFound {
  /** `reservnummer`: a region's reserve identity number for a patient without a personnummer. */
  kind: 'personnummer' | 'samordningsnummer' | 'reservnummer';
  /** Ten digits grouped as a phone's may be one: the sentence says how to write a phone. */
  phoneLike: boolean;
  /** A date of birth with a clock time: the sentence says to write an age instead. */
  birthDate?: true;
}

/** Each kind of number as the refusal names it, after "innehåller" / "contains". */
const KIND_WORDS: Record<IdentityFound['kind'], Localized> = {
  personnummer: { sv: 'ett personnummer', en: 'a personal identity number' },
  samordningsnummer: { sv: 'ett samordningsnummer', en: 'a coordination number' },
  reservnummer: { sv: 'ett reservnummer', en: 'a reserve identity number (reservnummer)' },
};

/** `text` with its first letter in capitals (`kolumnen "Titel"` → `Kolumnen "Titel"`). */
const capital = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The sentence refusing a text at `where` (what holds it, as the subject of the sentence:
 * `Kolumnen "Kommentar"` / `The column "Comment"`, capitalised here) that holds `found`.
 *
 * @example
 * identityRefusal({ sv: 'titeln', en: 'the title' }, { kind: 'personnummer', phoneLike: false }).sv;
 * // 'Titeln innehåller ett personnummer. Personnummer får inte sparas i Samplan.'
 */
export function identityRefusal(where: Localized, found: IdentityFound): Localized {
  const Where = { sv: capital(where.sv), en: capital(where.en) };
  if (found.birthDate === true) return { sv: `${Where.sv} innehåller ${BIRTH_TIME.sv}`, en: `${Where.en} contains ${BIRTH_TIME.en}` };
  const what = KIND_WORDS[found.kind];
  const phone = found.phoneLike
    ? { sv: ' Är det ett telefonnummer? Skriv det med bindestreck och mellanslag, som 070-123 45 67.', en: ' If it is a phone number, write it with a dash and spaces, like 070-123 45 67.' }
    : { sv: '', en: '' };
  return {
    sv: `${Where.sv} innehåller ${what.sv}. ${found.kind === 'reservnummer' ? 'Personnummer och reservnummer' : 'Personnummer'} får inte sparas i Samplan.${phone.sv}`,
    en: `${Where.en} contains ${what.en}. Identity numbers must not be stored in Samplan.${phone.en}`,
  };
}
