/**
 * A row comment as the document stores it, and the zod schemas comments are read with
 * ({@link CommentSchema}) and written with ({@link CommentWriteSchema}, which the server and the
 * pane check every comment written over the socket against, see `shared/validate/update-comments.ts`).
 *
 * Shape: `comments` is a root `Y.Map` of comment id → `Y.Map` of primitive fields, like `rows`:
 * - `row`    the stable id of the row the comment is about (`rows` key); fixed at creation;
 * - `author` the member id of the person who wrote it (the server checks it is the writer); fixed;
 * - `at`     when it was written, ISO 8601 in UTC (`2026-03-12T09:15:00.000Z`); fixed;
 * - `text`   1–{@link COMMENT_MAX_LENGTH} characters, with mentions as `@{member-id}`;
 * - `edited` when the text was last changed (ISO 8601), absent until then.
 */
import { z } from 'zod';
import { freeText } from '../validate/plain-text.js';
import { findTextFault, type TextFault } from '../validate/text-fault.js';
import { MEMBER_ID_MAX } from '../protocol/member-id.js';

/** Name of the root `Y.Map` that holds the comments (comment id → comment `Y.Map`). */
export const COMMENTS_ROOT = 'comments';

/** Longest comment text, in UTF-16 code units (what `String.length` counts). */
export const COMMENT_MAX_LENGTH = 1000;

/** Fields a comment's author (or an admin) may change after it was written. */
export const EDITABLE_COMMENT_FIELDS: ReadonlySet<string> = new Set(['text', 'edited']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Comment fields and their zod types, as a comment is **read**: an object with any other field is
 * refused. Its text may hold any character, so that a comment stored before the character rule
 * of {@link CommentWriteSchema} still shows (the pane shows such characters as their code,
 * `visibleText` of `plain-text.ts`).
 */
export const CommentSchema = z
  .object({
    row: z.string().min(1).max(128),
    author: z.string().min(1).max(MEMBER_ID_MAX),
    at: z.string().regex(ISO_INSTANT),
    text: z
      .string()
      .max(COMMENT_MAX_LENGTH)
      .refine((t) => t.trim().length > 0),
    edited: z.string().regex(ISO_INSTANT).optional(),
  })
  .strict();

/** A stored comment, with its id. */
export type Comment = z.infer<typeof CommentSchema> & { id: string };

/** The field names of a comment. */
export const COMMENT_FIELDS: ReadonlySet<string> = new Set(Object.keys(CommentSchema.shape));

/**
 * The character rule of a comment text as written: line feeds and tabs kept, a control character,
 * a bidirectional embedding, override or isolate or a lone surrogate refused (`freeText` of
 * `shared/validate/plain-text.ts`). The first such character, or null.
 *
 * @example
 * commentTextFault('Ring\u202e1236')?.code; // 'U+202E'
 */
export function commentTextFault(text: string): TextFault | null {
  return findTextFault(text, { multiline: true });
}

/**
 * A comment as it may be **written** (a new one, or a changed text): {@link CommentSchema} with
 * the text's characters checked as {@link commentTextFault} does.
 */
export const CommentWriteSchema = CommentSchema.extend({
  text: freeText(COMMENT_MAX_LENGTH).refine((t) => t.trim().length > 0),
}).strict();
