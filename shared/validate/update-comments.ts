/**
 * The comments part of checking an update (see `check-update.ts`): what an update does to the
 * `comments` root, gathered while `UpdateWalk` walks it, and then judged as a whole against the
 * comment schema of `shared/comments/comment-schema.ts`, the text as written (`commentTextFault`:
 * no control or bidirectional character, refused `bad-character` naming it). A new comment carries every field and is
 * about a row the document has or had (one deleted meanwhile keeps it, archived); an existing comment changes only its text (and `edited`); a field is
 * never removed from a comment that stays. Who may write which comment (its author, an admin) is
 * the server's rule, applied to the {@link CommentEffects} returned here.
 */
import * as Y from 'yjs';
import { rowKnown } from '../doc/rows.js';
import { COMMENT_FIELDS, CommentSchema, commentTextFault, EDITABLE_COMMENT_FIELDS, COMMENTS_ROOT } from '../comments/comment-schema.js';
import type { CellValue } from '../schema/types.js';
import { refuse, type UpdateRefused } from './update-refusal.js';
import type { Shape } from './update-shape.js';

const COMMENT = { at: 'comment' } as const;
const MULTILINE = { multiline: true } as const;

/** What an accepted update does to comments, by comment id. */
export interface CommentEffects {
  /** New comments with the fields the update gives them. */
  created: ReadonlyMap<string, Readonly<Record<string, CellValue>>>;
  /** Existing comments whose fields the update writes (field → new value). */
  changed: ReadonlyMap<string, Readonly<Record<string, CellValue>>>;
  /** Existing comments the update deletes (or replaces under the same id). */
  deleted: ReadonlySet<string>;
}

/** Gathers comment writes during one walk; {@link CommentWalk.verdict} judges them after it. */
export class CommentWalk {
  readonly created = new Map<string, Record<string, CellValue>>();
  readonly changed = new Map<string, Record<string, CellValue>>();
  readonly deleted = new Set<string>();
  /** Fields removed from existing comments (an edit removes the old value, then writes the new one). */
  private readonly removedFields = new Map<string, Set<string>>();

  constructor(private readonly doc: Y.Doc) {}

  /** An entry of the `comments` root: a plain map (a comment) or a deletion. */
  entry(id: string, shape: Shape, effect: Shape, known: boolean): UpdateRefused | null {
    if (shape.is !== 'row-map' && shape.is !== 'deleted') return refuse.nonPrimitive({ at: 'comment' });
    if (known || effect.is !== 'row-map') return null;
    if (this.doc.getMap(COMMENTS_ROOT).has(id)) this.deleted.add(id);
    this.created.set(id, {});
    return null;
  }

  /** A field written into a comment map (`parent` is that map's item). */
  field(id: string, parent: Y.Item, key: string, shape: Shape, effect: Shape, known: boolean): UpdateRefused | null {
    if (shape.is !== 'primitive' && shape.is !== 'deleted') return refuse.nonPrimitive({ at: 'comment' });
    if (!COMMENT_FIELDS.has(key)) return refuse.unknownField(key);
    if (known || parent.deleted || parent.content instanceof Y.ContentDeleted || effect.is !== 'primitive') return null;
    const target = this.created.get(id) ?? this.changedOf(id);
    target[key] = effect.value;
    return null;
  }

  /** A live item of the doc the update deletes: a whole comment, or a field of one. */
  removed(id: string, key: string | null): void {
    if (key === null) {
      this.deleted.add(id);
      return;
    }
    const fields = this.removedFields.get(id) ?? new Set<string>();
    fields.add(key);
    this.removedFields.set(id, fields);
  }

  private changedOf(id: string): Record<string, CellValue> {
    let fields = this.changed.get(id);
    if (fields === undefined) this.changed.set(id, (fields = {}));
    return fields;
  }

  /**
   * Judges what was gathered. `createdRows` are the rows the same update creates (a comment may
   * be about one of them). Returns the effects, or the first refusal.
   */
  verdict(createdRows: ReadonlySet<string>): CommentEffects | UpdateRefused {
    const comments = this.doc.getMap(COMMENTS_ROOT);
    for (const fields of this.created.values()) {
      const parsed = CommentSchema.safeParse(fields);
      if (!parsed.success) return refuse.badComment();
      const fault = commentTextFault(parsed.data.text);
      if (fault !== null) return refuse.badCharacter(COMMENT, fault, MULTILINE);
      if (!rowKnown(this.doc, parsed.data.row) && !createdRows.has(parsed.data.row)) return refuse.commentUnknownRow();
    }
    for (const [id, fields] of this.changed) {
      if (this.created.has(id) || this.deleted.has(id)) continue;
      const current = comments.get(id);
      if (!(current instanceof Y.Map)) continue;
      if (Object.keys(fields).some((k) => !EDITABLE_COMMENT_FIELDS.has(k))) return refuse.commentFixed();
      if (!CommentSchema.safeParse({ ...current.toJSON(), ...fields }).success) return refuse.badComment();
      // Only a text the update writes is judged: a comment stored before the rule keeps its own.
      const fault = typeof fields.text === 'string' ? commentTextFault(fields.text) : null;
      if (fault !== null) return refuse.badCharacter(COMMENT, fault, MULTILINE);
    }
    for (const [id, keys] of this.removedFields) {
      if (this.deleted.has(id)) continue;
      const written = this.changed.get(id) ?? {};
      if ([...keys].some((k) => !(k in written))) return refuse.commentFixed();
    }
    return { created: this.created, changed: this.changed, deleted: this.deleted };
  }
}
