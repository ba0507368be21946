/**
 * The History view's words, and counts said the way each language says them ("1 cell",
 * "3 celler") through `Intl.PluralRules`, never by gluing an "s" on.
 */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import type { Lang } from './strings.js';
import { sayCount, type Forms } from './plural-forms.js';

const COUNTS = {
  sv: {
    cells: { one: '{n} cell', other: '{n} celler' },
    rowsAdded: { one: '{n} ny rad', other: '{n} nya rader' },
    rowsDeleted: { one: '{n} rad borttagen', other: '{n} rader borttagna' },
    rows: { one: '{n} rad', other: '{n} rader' },
    changes: { one: '{n} ändring', other: '{n} ändringar' },
    more: { one: '… och {n} ändring till', other: '… och {n} ändringar till' },
    comments: { one: '{n} kommentar', other: '{n} kommentarer' },
  },
  en: {
    cells: { one: '{n} cell', other: '{n} cells' },
    rowsAdded: { one: '{n} new row', other: '{n} new rows' },
    rowsDeleted: { one: '{n} row deleted', other: '{n} rows deleted' },
    rows: { one: '{n} row', other: '{n} rows' },
    changes: { one: '{n} change', other: '{n} changes' },
    more: { one: '… and {n} more change', other: '… and {n} more changes' },
    comments: { one: '{n} comment', other: '{n} comments' },
  },
} satisfies Record<Lang, Record<string, Forms>>;

/** What a count is of. */
export type Counted = keyof (typeof COUNTS)['sv'];

/** `n` of `what` in `lang`: `count('cells', 1, 'sv')` → "1 cell", `count('cells', 3, 'sv')` → "3 celler". */
export function count(what: Counted, n: number, lang: Lang): string {
  return sayCount(COUNTS[lang][what], n, lang);
}

const WORDS = {
  sv: {
    importedBy: 'Importerad av {name}',
    server: 'Samplan (server)',
    checkpoint: 'Sammanfattad version (äldre ändringar)',
    showChanges: 'Visa ändringar',
    hideChanges: 'Dölj ändringar',
    viewVersion: 'Visa versionen',
    unnamedRow: 'rad utan namn',
    added: 'Ny rad',
    deleted: 'Borttagen rad',
    empty: '(tom)',
    restoreTitle: 'Återställ till version {seq}',
    restoreNothing: 'Ingen har ändrat dokumentet efter den här versionen på ett sätt som återställningen skulle ångra.',
    restoreOthers: 'Återställningen skulle ångra dessa senare ändringar av andra:',
    restoreMine: 'Den ångrar också {changes} som du själv gjort senare.',
    restoreRow: 'Återställ bara raden',
    restoreAll: 'Återställ hela versionen',
    restoreAllAnyway: 'Återställ hela versionen ändå',
    restoreChanged: 'Dokumentet har ändrats sedan listan visades, så ingenting återställdes. Se igenom listan igen innan du återställer.',
    restoreCheckFailed: 'Ingenting återställdes: det gick inte att se efter om någon ändrat dokumentet sedan listan visades ({why}).',
    rowRestored: 'Raden "{row}" återställd till version {seq} som en ny ändring.',
    rowAddedLater: 'raden lades till senare',
    rowDeletedLater: 'raden togs bort senare',
    commentAdded: 'Kommentar',
    commentEdited: 'Ändrad kommentar',
    commentDeleted: 'Borttagen kommentar',
    takenBack: 'Ändring tillbakatagen ({why})',
    'why.forbidden-row': 'raden hör till en annan enhet',
    'why.locked-row': 'raden ingår i en godkänd uppföljningsomgång',
    'why.forbidden-meta': 'bara samordnare och administratörer ändrar dokumentets inställningar',
    'why.forbidden-comment': 'kommentaren är någon annans',
    'why.archived': 'dokumentet är arkiverat',
    'why.forbidden-doc': 'rollen eller enheterna tillåter inte ändringar i dokumentet',
    'why.other': 'ändringen var inte tillåten',
  },
  en: {
    importedBy: 'Imported by {name}',
    server: 'Samplan (server)',
    checkpoint: 'Summed-up version (older changes)',
    showChanges: 'Show changes',
    hideChanges: 'Hide changes',
    viewVersion: 'View the version',
    unnamedRow: 'unnamed row',
    added: 'New row',
    deleted: 'Deleted row',
    empty: '(empty)',
    restoreTitle: 'Restore to version {seq}',
    restoreNothing: 'Nobody changed the document after this version in a way restoring would undo.',
    restoreOthers: 'Restoring would undo these later changes by others:',
    restoreMine: 'It also undoes {changes} you made yourself later.',
    restoreRow: 'Restore this row only',
    restoreAll: 'Restore the whole version',
    restoreAllAnyway: 'Restore the whole version anyway',
    restoreChanged: 'The document was changed since the list was shown, so nothing was restored. Read the list again before you restore.',
    restoreCheckFailed: 'Nothing was restored: Samplan could not check whether anyone changed the document since the list was shown ({why}).',
    rowRestored: 'Row "{row}" restored to version {seq} as a new change.',
    rowAddedLater: 'the row was added later',
    rowDeletedLater: 'the row was deleted later',
    commentAdded: 'Comment',
    commentEdited: 'Edited comment',
    commentDeleted: 'Deleted comment',
    takenBack: 'Change taken back ({why})',
    'why.forbidden-row': 'the row belongs to another unit',
    'why.locked-row': 'the row is part of an approved follow-up round',
    'why.forbidden-meta': "only coordinators and admins change the document's settings",
    'why.forbidden-comment': "the comment is someone else's",
    'why.archived': 'the document is archived',
    'why.forbidden-doc': 'the role or the units do not allow changing the document',
    'why.other': 'the change was not allowed',
  },
} as const;

/** A History word. */
export type HistoryWord = keyof (typeof WORDS)['sv'];

/**
 * The History word `key` in `lang` with its `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const hword = messageLookup(WORDS.sv, WORDS.en);
