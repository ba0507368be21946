/**
 * Where a document holds Samplan's own ids, for the scans of stored documents (`doc-texts.ts`,
 * `history-texts.ts`, and so `samplan migrate` and `samplan history scan`): the keys of `rows`
 * (row ids) and of `comments` (comment ids), and a comment's `row`. A text there of the shape of a
 * drawn id (`drawnIdShape`: a letter and 11 base62 characters) is an id, judged by that shape as
 * the server's check judges it (`heldTextProblem`), and not named as a personnummer: an id drawn
 * before the guard read a number in it (`P850101x1236`) is the row's or comment's key, which no one
 * can change, and no person's identity. Any other text there (an id an import kept,
 * `198501011236`) is read as every text is. A partner cell is no such place: the check of a plan
 * cannot look into the partner list, so a text there is judged as any text (a person may type
 * `P850101x1236` in it), and a stored one is named.
 */
import { COMMENTS_ROOT } from '../shared/comments/comment-schema.js';
import { ROWS_ROOT } from '../shared/doc/create.js';
import { drawnIdShape } from '../shared/doc/ids.js';

/** True when `key`, a key of the root `root`, is a row or comment id of a drawn shape. */
export function isIdKey(root: string, key: string): boolean {
  return (root === ROWS_ROOT || root === COMMENTS_ROOT) && drawnIdShape(key);
}

/**
 * True when `value`, stored under `key` of a map that is an entry of the root `root` (a row, a
 * comment; null when the root is not known, as in a stored update whose parent item another
 * update wrote), is an id of a drawn shape in an id's place: a comment's `row`.
 */
export function isIdValue(root: string | null, key: string, value: unknown): boolean {
  if (typeof value !== 'string' || !drawnIdShape(value)) return false;
  return (root === COMMENTS_ROOT || root === null) && key === 'row';
}
