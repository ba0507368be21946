/**
 * Where a document holds Samplan's own ids, for the scans of stored documents (`doc-texts.ts`,
 * `history-texts.ts`, and so `samplan migrate` and `samplan history scan`): the keys of `rows`
 * (row ids) and of `comments` (comment ids), a comment's `row`, a partner cell (the partner list
 * row's id). A text there of the shape of a drawn id (`drawnIdShape`: a letter and 11 base62
 * characters) is an id, judged by that shape as the server's check judges it (`idReference`,
 * `heldTextProblem`), and not named as a personnummer: an id drawn before the guard read a number
 * in it (`P850101x1236`) is the row's or comment's key, which no one can change, and no person's
 * identity. Any other text there (an id an import kept, `198501011236`) is read as every text is.
 */
import { COMMENTS_ROOT } from '../shared/comments/comment-schema.js';
import { ROWS_ROOT } from '../shared/doc/create.js';
import { drawnIdShape } from '../shared/doc/ids.js';
import { idRefColumnKeys } from '../shared/schema/index.js';
import { DOC_KINDS } from '../shared/schema/types.js';

/** The keys under which a value is an id: a comment's `row`, and every kind's partner-ref columns. */
const ID_VALUE_KEYS: ReadonlySet<string> = new Set(['row', ...DOC_KINDS.flatMap((kind) => [...idRefColumnKeys(kind)])]);

/** True when `key`, a key of the root `root`, is a row or comment id of a drawn shape. */
export function isIdKey(root: string, key: string): boolean {
  return (root === ROWS_ROOT || root === COMMENTS_ROOT) && drawnIdShape(key);
}

/**
 * True when `value`, stored under `key` of a map that is an entry of the root `root` (a row, a
 * comment; null when the root is not known, as in a stored update whose parent item another
 * update wrote), is an id of a drawn shape in an id's place: a comment's `row`, a row's partner
 * cell.
 */
export function isIdValue(root: string | null, key: string, value: unknown): boolean {
  if (typeof value !== 'string' || !drawnIdShape(value)) return false;
  if (root === COMMENTS_ROOT) return key === 'row';
  if (root === ROWS_ROOT) return key !== 'row' && ID_VALUE_KEYS.has(key);
  return root === null && ID_VALUE_KEYS.has(key);
}
