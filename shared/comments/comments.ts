/**
 * Row comments in a document's `Y.Doc`: write, edit, delete and read threads. A thread is every
 * comment whose `row` is the row's stable id, oldest first. Deleting a row keeps its comments in
 * the document (archived: no view lists them while the row is gone), so restoring the row from
 * History brings its thread back. Code outside `shared/` reads and writes comments only here.
 */
import * as Y from 'yjs';
import { newRowId } from '../doc/ids.js';
import { LOCAL_ORIGIN } from '../doc/origin.js';
import { rowsMap } from '../doc/create.js';
import { rowKnown } from '../doc/rows.js';
import { COMMENTS_ROOT, CommentSchema, CommentWriteSchema, type Comment } from './comment-schema.js';

/** The `comments` root map of a doc. */
export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS_ROOT);
}

/** A comment as stored, or null when the entry is not a valid comment. */
function readComment(id: string, entry: unknown): Comment | null {
  if (!(entry instanceof Y.Map)) return null;
  const parsed = CommentSchema.safeParse(entry.toJSON());
  return parsed.success ? { id, ...parsed.data } : null;
}

/** Every valid comment of the doc, oldest first (ties by id). */
export function allComments(doc: Y.Doc): Comment[] {
  const out: Comment[] = [];
  for (const [id, entry] of commentsMap(doc)) {
    const c = readComment(id, entry);
    if (c) out.push(c);
  }
  return out.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
}

/** The thread of one row, oldest first (newest last); empty when the row has none. */
export function threadOf(doc: Y.Doc, rowId: string): Comment[] {
  return allComments(doc).filter((c) => c.row === rowId);
}

/** Number of comments per row id, for rows that exist (archived threads of deleted rows are left out). */
export function commentCounts(doc: Y.Doc): Map<string, number> {
  const rows = rowsMap(doc);
  const counts = new Map<string, number>();
  for (const c of allComments(doc)) {
    if (rows.has(c.row)) counts.set(c.row, (counts.get(c.row) ?? 0) + 1);
  }
  return counts;
}

/** What {@link addComment} needs; `at` defaults to now. */
export interface NewComment {
  row: string;
  author: string;
  text: string;
  at?: Date;
}

/**
 * Writes a new comment on `row` in one transaction and returns its id. Throws a `RangeError`
 * when the document never had the row and a `TypeError` when the comment does not fit {@link CommentWriteSchema}
 * (empty text, over the length limit, a control or bidirectional character). The personnummer guard runs where the update is checked
 * (the pane's send gate and the server), so a refused comment is taken back there.
 */
export function addComment(doc: Y.Doc, input: NewComment): string {
  if (!rowKnown(doc, input.row)) throw new RangeError(`no row with id ${input.row}`);
  const fields = { row: input.row, author: input.author, at: (input.at ?? new Date()).toISOString(), text: input.text };
  if (!CommentWriteSchema.safeParse(fields).success) throw new TypeError('not a valid comment');
  const id = newRowId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
    commentsMap(doc).set(id, entry);
  }, LOCAL_ORIGIN);
  return id;
}

/** Replaces a comment's text and stamps `edited`. Throws a `RangeError` when there is no such comment. */
export function editComment(doc: Y.Doc, id: string, text: string, at: Date = new Date()): void {
  const entry = commentsMap(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new RangeError(`no comment with id ${id}`);
  doc.transact(() => {
    entry.set('text', text);
    entry.set('edited', at.toISOString());
  }, LOCAL_ORIGIN);
}

/** Deletes a comment; nothing happens when there is no such comment. */
export function deleteComment(doc: Y.Doc, id: string): void {
  const map = commentsMap(doc);
  if (map.has(id)) doc.transact(() => map.delete(id), LOCAL_ORIGIN);
}

/** The author of a stored comment, or null when there is no such comment. */
export function commentAuthor(doc: Y.Doc, id: string): string | null {
  const entry = commentsMap(doc).get(id);
  const author: unknown = entry instanceof Y.Map ? entry.get('author') : undefined;
  return typeof author === 'string' ? author : null;
}
