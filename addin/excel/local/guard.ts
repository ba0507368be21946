/**
 * The text guard of every value the binding reads from the sheet: personal identity numbers
 * never reach the doc (and so never storage, logs or peers). The check is the shared one.
 */
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { BIRTH_TIME } from '../../../shared/validate/update-refusal.js';
import type { TextGuard } from './read-row.js';

/**
 * Refuses Swedish personal identity numbers (personnummer, samordningsnummer, reservnummer: see
 * `findPersonnummer`) before they reach the doc, a reservnummer named as one; a date of birth with a
 * clock time (`född 1995-02-11 00:01`) is told what to write instead.
 */
export const personnummerGuard: TextGuard = (text) => {
  const found = findPersonnummer(text);
  if (found === null) return undefined;
  const message =
    found.birthDate === true
      ? { sv: `Texten innehåller ${BIRTH_TIME.sv} Texten finns kvar i cellen men skickas inte.`, en: `The text contains ${BIRTH_TIME.en} The text stays in the cell but is not sent.` }
      : found.kind === 'reservnummer'
      ? {
          sv: 'Texten innehåller ett reservnummer. Personnummer, samordningsnummer och reservnummer får inte sparas i Samplan. Texten finns kvar i cellen men skickas inte.',
          en: 'The text contains a reserve identity number (reservnummer). Personal identity numbers and reserve numbers must not be stored in Samplan. The text stays in the cell but is not sent.',
        }
      : {
          sv: 'Personnummer och samordningsnummer får inte sparas i Samplan. Texten finns kvar i cellen men skickas inte. Ett telefonnummer skrivs som 070-123 45 67.',
          en: 'Personal identity numbers must not be stored in Samplan. The text stays in the cell but is not sent. Write a phone number as 070-123 45 67.',
        };
  return { code: 'personnummer', message };
};
