/**
 * The parts of a document a refusal of `checkUpdate` may be limited to, so that the server can
 * take just that part back and keep the rest of the update (`server/sync/offer-checks.ts`): a row,
 * the settings (`meta`), the comments. `update-walk.ts` asks which part an item lands in; what
 * lands outside them (an unknown root, a parent nobody has or Yjs collected) has none, and its
 * refusal stays one of the whole update.
 */
import { COMMENTS_ROOT } from '../comments/comment-schema.js';
import { META_ROOT, ROWS_ROOT } from '../doc/create.js';
import type { Place, UpdateRefused } from './update-refusal.js';
import type { Parent, StructLookup } from './update-structs.js';
import type * as Y from 'yjs';

/** A part of a document: a row by id, the settings, the comments. */
export type Part = { row: string } | 'meta' | 'comments';

/** A part, and where in it an item lands, for the refusal's sentence. */
export interface PartPlace {
  part: Part;
  place: Place;
}

/**
 * What lands under a parent Yjs has collected (a row deleted and gone): Yjs drops it as it lands,
 * so there is nothing to refuse or take back.
 */
export const DROPPED = Object.freeze({ dropped: true as const });
export type Dropped = typeof DROPPED;

/** The parts refused so far in one walk, with the first refusal (its sentence is the one shown). */
export interface RefusedParts {
  refusal: UpdateRefused;
  rows: Set<string>;
  meta: boolean;
  comments: boolean;
}

/** Notes `part` as refused in `parts` (made with `refusal` when null); returns the parts. */
export function addPart(parts: RefusedParts | null, part: Part, refusal: UpdateRefused): RefusedParts {
  const to = parts ?? { refusal, rows: new Set<string>(), meta: false, comments: false };
  if (part === 'meta') to.meta = true;
  else if (part === 'comments') to.comments = true;
  else to.rows.add(part.row);
  return to;
}

/**
 * The part an entry of a root map lands in, or null (a root the model lacks, a list insert in
 * `rows`: it names no row). A list or text written where the settings or comments map belongs
 * lands in that part: taking that part back removes it.
 */
export function rootPart(root: string, key: string | null): PartPlace | null {
  if (key === null) {
    if (root === META_ROOT) return { part: 'meta', place: { at: 'meta-name' } };
    return root === COMMENTS_ROOT ? { part: 'comments', place: { at: 'comment' } } : null;
  }
  if (root === ROWS_ROOT) return { part: { row: key }, place: { at: 'row-id' } };
  if (root === META_ROOT) return { part: 'meta', place: { at: 'meta', key } };
  if (root === COMMENTS_ROOT) return { part: 'comments', place: { at: 'comment' } };
  return null;
}

/**
 * Finds the part holding content nested at any depth (a value inside a map or array written in a
 * cell, a comment field, a setting). Each item is climbed once per walk: a forged update nesting
 * thousands of levels costs linear time, not quadratic.
 */
export class PartFinder {
  private readonly memo = new Map<Y.Item, PartPlace | Dropped | null>();

  constructor(private readonly lookup: StructLookup) {}

  /** The part where an item lands whose parent is `where`, {@link DROPPED}, or null. */
  of(where: Parent): PartPlace | Dropped | null {
    if (where.at === 'root') return rootPart(where.root, where.key);
    if (where.at === 'dead') return DROPPED;
    return where.at === 'child' ? this.holding(where.parent) : null;
  }

  /**
   * The part of whatever `holder`'s content holds: climbs to the root map entry above it. Nested
   * in a row, the place is the row's cell the outermost value was written in. {@link DROPPED}
   * when the climb ends at a collected parent.
   */
  holding(holder: Y.Item): PartPlace | Dropped | null {
    const climbed: Y.Item[] = [];
    let at = holder;
    let key: string | null = null;
    let found: PartPlace | Dropped | null | undefined;
    for (;;) {
      const known = this.memo.get(at);
      if (known !== undefined) {
        found = known;
        break;
      }
      const up = this.lookup.parentOf(at);
      if (up.at === 'root') {
        const part = rootPart(up.root, up.key);
        found = part && typeof part.part === 'object' ? { part: part.part, place: key === null ? { at: 'column-name' } : { at: 'cell', column: key } } : part;
        break;
      }
      if (up.at !== 'child') {
        found = up.at === 'dead' ? DROPPED : null;
        break;
      }
      climbed.push(at);
      key = up.key;
      at = up.parent;
    }
    // Every item climbed lies under the same root entry: the same answer (the entry itself is not memoized).
    for (const item of climbed) this.memo.set(item, found);
    return found;
  }
}
