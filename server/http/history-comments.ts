/**
 * The comment events of a history group: comments written, edited and deleted between the state
 * before the group and the state after it, each with the row's name and the text as people read
 * it (mentions as `@Name`). Who made them is the group's author.
 */
import type * as Y from 'yjs';
import { allComments } from '../../shared/comments/comments.js';
import { shownText } from '../../shared/comments/mentions.js';
import { labelOf, MAX_GROUP_CHANGES, type GroupCommentChange, type Snapshot } from './history-groups.js';

/** Comments by id: their row, author and text. */
export type CommentSnapshot = Map<string, { row: string; author: string; text: string }>;


/** The comments of `doc` now. */
export function commentSnapshotOf(doc: Y.Doc): CommentSnapshot {
  return new Map(allComments(doc).map((c) => [c.id, { row: c.row, author: c.author, text: c.text }]));
}

/** What happened to comments from `before` to `after`, at most {@link MAX_GROUP_CHANGES} events. */
export function describeComments(
  before: CommentSnapshot,
  after: CommentSnapshot,
  rows: { before: Snapshot; after: Snapshot },
  names: ReadonlyMap<string, string>,
  keys: readonly string[],
): GroupCommentChange[] {
  const out: GroupCommentChange[] = [];
  const push = (commentId: string, c: { row: string; author: string; text: string }, event: GroupCommentChange['event']): void => {
    if (out.length >= MAX_GROUP_CHANGES) return;
    const rowLabel = labelOf(rows.after.get(c.row), keys) ?? labelOf(rows.before.get(c.row), keys);
    out.push({ commentId, rowId: c.row, rowLabel, event, authorId: c.author, text: shownText(c.text, names) });
  };
  for (const [id, c] of after) {
    const old = before.get(id);
    if (!old) push(id, c, 'added');
    else if (old.text !== c.text) push(id, c, 'edited');
  }
  for (const [id, c] of before) if (!after.has(id)) push(id, c, 'deleted');
  return out;
}
