/**
 * Who may write which row comment. Anyone who may write the document may comment on any of its
 * rows (in a county action plan also on other units' rows, which they can read but not change),
 * always under their own member id; only a comment's author, or an admin, changes or deletes it.
 * Readers (viewers; an editor in another clinic's plan) read the threads and write none: their
 * sockets send no updates at all (DESIGN.md: read-only connections have their updates dropped).
 */
import type * as Y from 'yjs';
import { commentAuthor } from '../../shared/comments/comments.js';
import type { CommentEffects } from '../../shared/validate/check-update.js';
import type { Principal } from './principal.js';

/** Why `principal` may not make these comment changes (an English sentence for a close frame), or null. */
export function forbiddenComment(doc: Y.Doc, effects: CommentEffects, principal: Principal): string | null {
  for (const fields of effects.created.values()) {
    if (fields.author !== principal.memberId) return 'A comment is written under your own name only';
  }
  if (principal.role === 'admin') return null;
  for (const id of [...effects.changed.keys(), ...effects.deleted]) {
    const author = commentAuthor(doc, id);
    if (author !== null && author !== principal.memberId) return "Only a comment's author or an admin changes or deletes it";
  }
  return null;
}
