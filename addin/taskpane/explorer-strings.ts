/** The Explorer's words for a document's life (rename, copy, archive) and the twin warning. */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import type { Lang } from './strings.js';
import { digits } from '../../shared/i18n/number-words.js';

const WORDS = {
  sv: {
    more: 'Åtgärder för {title}',
    rename: 'Byt namn',
    copy: 'Kopiera till nytt år',
    archive: 'Arkivera',
    unarchive: 'Återställ',
    archived: 'Arkiverade ({count})',
    save: 'Spara',
    cancel: 'Avbryt',
    newTitle: 'Nytt namn',
    copyTitle: 'Namn på kopian',
    titleRefused: 'Namnet godtogs inte: det liknar ett personnummer. Samplan sparar inga personnummer.',
    titleRefusedReserve: 'Namnet godtogs inte: det innehåller ett reservnummer. Samplan sparar inga personnummer eller reservnummer.',
    titleInvalid: 'Skriv ett namn (högst 200 tecken).',
    renamed: 'Bytte namn till {title}.',
    copied: 'Kopierade planen till {title}: raderna och planens kolumner, utan utfall, datum ett år fram.',
    archivedDone: '{title} är arkiverat. Du hittar det under Arkiverade.',
    unarchivedDone: '{title} är återställt.',
    twin: 'Det finns redan {title} för {unit}. Öppna den, eller skapa en till?',
    openExisting: 'Öppna den',
    createAnyway: 'Skapa en till',
    twinRename: 'Det finns redan {title} för {unit}. Öppna den, eller byt namn ändå?',
    renameAnyway: 'Byt namn ändå',
  },
  en: {
    more: 'Actions for {title}',
    rename: 'Rename',
    copy: 'Copy to a new year',
    archive: 'Archive',
    unarchive: 'Restore',
    archived: 'Archived ({count})',
    save: 'Save',
    cancel: 'Cancel',
    newTitle: 'New name',
    copyTitle: 'Name of the copy',
    titleRefused: 'The name was not accepted: it looks like a personal identity number. Samplan stores none.',
    titleRefusedReserve: 'The name was not accepted: it contains a reserve identity number (reservnummer). Samplan stores no identity numbers.',
    titleInvalid: 'Write a name (at most 200 characters).',
    renamed: 'Renamed to {title}.',
    copied: 'Copied the plan to {title}: its rows and plan columns, without outcomes, dates a year on.',
    archivedDone: '{title} is archived. You find it under Archived.',
    unarchivedDone: '{title} is restored.',
    twin: 'There already is {title} for {unit}. Open it, or make another?',
    openExisting: 'Open it',
    createAnyway: 'Make another',
    twinRename: 'There already is {title} for {unit}. Open it, or rename anyway?',
    renameAnyway: 'Rename anyway',
  },
} as const;

/** An Explorer word. */
export type ExplorerWord = keyof (typeof WORDS)['sv'];

/**
 * The Explorer word `key` in `lang`, its `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const eword = messageLookup(WORDS.sv, WORDS.en);

/** The title a copy for the next year starts with: every year in it one on, else "(kopia)". */
export function nextYearTitle(title: string, lang: Lang): string {
  const next = title.replace(/\b(19|20)(\d{2})\b/g, (y) => digits(Number(y) + 1));
  return next !== title ? next : `${title} (${lang === 'sv' ? 'kopia' : 'copy'})`;
}
