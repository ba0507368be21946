/**
 * The words of row comments, in Swedish and English: the Comments view, its composer and its
 * refusals. Placeholders are `{name}`.
 */
import { messageLookup } from './message-lookup.js';

const sv = {
  title: 'Kommentarer',
  noDocument: 'Öppna ett dokument och markera en rad för att se och skriva kommentarer.',
  noRow: 'Markera en rad i tabellen: dess kommentarer visas här.',
  rowGone: 'Raden finns inte längre. Dess kommentarer sparas och visas igen om raden återställs.',
  about: 'Kommentarer om {row}',
  empty: 'Inga kommentarer på raden ännu.',
  label: 'Ny kommentar',
  placeholder: 'Skriv en kommentar… @ nämner någon',
  send: 'Skicka',
  save: 'Spara',
  cancel: 'Avbryt',
  edit: 'Ändra',
  delete: 'Ta bort',
  confirmDelete: 'Ta bort kommentaren?',
  edited: 'ändrad',
  readOnly: 'Du kan läsa kommentarerna men inte skriva här: {reason}',
  tooLong: 'Kommentaren är {n} tecken; högst {max} får plats.',
  blank: 'Skriv något först.',
  mentions: 'Personer att nämna',
  you: 'du',
  commentedRows: 'Rader med kommentarer',
} as const;

const en: Record<keyof typeof sv, string> = {
  title: 'Comments',
  noDocument: 'Open a document and select a row to read and write comments.',
  noRow: 'Select a row in the table: its comments show here.',
  rowGone: 'The row is gone. Its comments are kept and show again if the row is restored.',
  about: 'Comments on {row}',
  empty: 'No comments on this row yet.',
  label: 'New comment',
  placeholder: 'Write a comment… @ mentions someone',
  send: 'Send',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: 'Delete the comment?',
  edited: 'edited',
  readOnly: 'You can read the comments but not write here: {reason}',
  tooLong: 'The comment is {n} characters; at most {max} fit.',
  blank: 'Write something first.',
  mentions: 'People to mention',
  you: 'you',
  commentedRows: 'Rows with comments',
};

/** A comment word's key. */
export type CommentWord = keyof typeof sv;

/**
 * The comment word `key` in `lang`, with its `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const cword = messageLookup(sv, en);
