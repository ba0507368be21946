/** The words of keeping or dropping changes the server will not take, Swedish and English. */
import { messageLookup } from '../../shared/i18n/message-lookup.js';

const WORDS = {
  sv: {
    heading: 'Ändringar som servern inte tar emot',
    intro: 'Ändringar i det här dokumentet finns bara här och kan inte sparas på servern. Du kan spara dem i ett eget blad (till exempel för att skicka till en samordnare) och sedan återgå till den delade versionen.',
    keep: 'Spara mina ändringar i ett nytt blad',
    discard: 'Återställ till den delade versionen',
    confirm: '{count} ändrade rader tas bort från den här arbetsboken och tabellen skrivs om med serverns version. Det går inte att ångra. Vill du spara dem i ett nytt blad först?',
    keepFirst: 'Spara i ett nytt blad först',
    confirmDiscard: 'Ta bort {count} ändringar och återställ',
    cancel: 'Avbryt',
    reading: 'Hämtar serverns version …',
    kept: '{count} ändrade rader sparades i bladet ”{sheet}”. Ändringarna finns kvar i dokumentet tills du återställer.',
    keptNone: 'Inga rader skiljer sig från serverns version; inget blad skapades.',
    restored: 'Tabellen visar nu den delade versionen; {count} ändringar togs bort.',
    keepFailed: 'Det gick inte att skapa bladet: {reason}. Ingenting har tagits bort; ändringarna finns kvar här.',
    discardFailed: 'Det gick inte att återställa: {reason}. Ingenting har tagits bort; ändringarna finns kvar här.',
    noServer: 'servern svarar inte, så dess version kan inte hämtas',
    noExcel: 'Excel är inte anslutet',
    what: 'Ändring',
    columns: 'Ändrade kolumner',
    rowId: 'Rad-id',
    changed: 'ändrad',
    new: 'ny',
    deleted: 'borttagen',
  },
  en: {
    heading: 'Changes the server does not take',
    intro: 'Changes to this document exist only here and cannot be stored on the server. You can keep them in a sheet of their own (to send to a coordinator, say) and then return to the shared version.',
    keep: 'Keep my changes in a new sheet',
    discard: 'Return to the shared version',
    confirm: '{count} changed rows are dropped from this workbook and the table is written again from the server’s version. This cannot be undone. Keep them in a new sheet first?',
    keepFirst: 'Keep them in a new sheet first',
    confirmDiscard: 'Drop {count} changes and return',
    cancel: 'Cancel',
    reading: 'Fetching the server’s version …',
    kept: '{count} changed rows were kept in the sheet “{sheet}”. The changes stay in the document until you return to the shared version.',
    keptNone: 'No row differs from the server’s version; no sheet was made.',
    restored: 'The table now shows the shared version; {count} changes were dropped.',
    keepFailed: 'The sheet could not be made: {reason}. Nothing was dropped; the changes are still here.',
    discardFailed: 'Could not return to the shared version: {reason}. Nothing was dropped; the changes are still here.',
    noServer: 'the server does not answer, so its version cannot be fetched',
    noExcel: 'Excel is not connected',
    what: 'Change',
    columns: 'Changed columns',
    rowId: 'Row id',
    changed: 'changed',
    new: 'new',
    deleted: 'deleted',
  },
} as const;

/**
 * A word of this file in `lang`, its `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const refusedWord = messageLookup(WORDS.sv, WORDS.en);
