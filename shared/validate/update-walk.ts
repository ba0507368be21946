/**
 * The one walk over a decoded update that `checkUpdate` makes: every struct and every delete,
 * whether or not the doc already has it and whether or not its parent is deleted, against the
 * allow-list of `update-shape.ts`, every text scanned. What the update newly writes (rows
 * touched, created and deleted, cells and meta fields) is collected on the way, for the server's
 * rights checks, so nothing decodes or walks the update a second time.
 */
import * as Y from 'yjs';
import { META_ROOT, POS_KEY, ROWS_ROOT } from '../doc/create.js';
import { COMMENTS_ROOT } from '../comments/comment-schema.js';
import { CommentWalk } from './update-comments.js';
import type { DocKind } from '../schema/types.js';
import type { CellWrite, WalkLimits, WalkResult } from './update-walk-types.js';
import { COMMENT, heldTextProblem, NAME, namePlace, refusalOf, textProblem, titleRefusal, TOO_LONG, valuePlace, type TextProblem } from './update-text.js';
import { rowKnown } from '../doc/rows.js';
import { findPersonnummerInBinary } from './raw-scan-binary.js';
import { refuse, type UpdateRefused } from './update-refusal.js';
import { binariesOf, DELETED, META_FIELDS, shapeOf, visitContent, type Shape, type TextVisitor } from './update-shape.js';
import { MADE_FIELD } from '../doc/create.js';
import { StructLookup, type DecodedUpdate, type Parent } from './update-structs.js';
import { OwnDeletes } from './update-own-deletes.js';
import { addPart, PartFinder, type Dropped, type Part, type PartPlace, type RefusedParts } from './update-parts.js';

export type { CellWrite, WalkLimits, WalkResult } from './update-walk-types.js';

const MALFORMED_REF = { sv: 'den hänvisar till något som saknas', en: 'it refers to something missing' };
const MALFORMED_SHAPE = { sv: 'fel struktur', en: 'wrong structure' };

/**
 * The empty set each of a walk's collections starts as, shared by every walk and never added to
 * ({@link UpdateWalk.add} makes a set of its own first): most updates (a cell edit) leave most of
 * them empty, and a set made and dropped per update was work on every edit.
 */
const NONE: Set<string> = new Set();
const VISITED: Parent = { at: 'dead' };

/** State of one walk. */
export class UpdateWalk implements WalkResult {
  touched = NONE;
  created = NONE;
  deleted = NONE;
  metaKeys = NONE;
  readonly cells: CellWrite[] = [];
  /** What the update does to comments, judged after the walk (see `update-comments.ts`); null while it does nothing to them. */
  comments: CommentWalk | null = null;
  /** Finds structs by id and where an item lands; read after the walk too (`settled-cells.ts`). */
  readonly lookup: StructLookup;
  /** The update's own deletes, asked whether they remove a new item of it; made when first asked. */
  private ownDeletes: OwnDeletes | null = null;
  /** The update writes `meta.kind` (the same kind, or the walk would have refused it). */
  private kindWritten = false;
  /** Per client, the clock up to which the doc and the update together have every struct. */
  private readonly reach = new Map<number, number>();
  /** The item whose content {@link visitor} scans: where it goes, whether in a comment, the first refusal. */
  private visiting: Parent = VISITED;
  private visitingComment = false;
  private visitBad: UpdateRefused | null = null;
  private visitProblem: TextProblem | null = null;
  /**
   * The first refusal of a part alone and the parts of every such refusal (see {@link refusePart}):
   * the walk goes on, so that any other refusal still wins, and `checkUpdate` returns it with the
   * rest's verdict ({@link UpdateRefused.only}). Null: none.
   */
  refusedParts: RefusedParts | null = null;
  private readonly parts: PartFinder;
  /** Values the update writes into rows already deleted (Yjs drops them as they land); null: none. */
  dropped: CellWrite[] | null = null;
  /** Texts the update writes that the doc holds already as row ids (a comment's `row`), judged by length alone; null: none. */
  held: Set<string> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
    private readonly columns: ReadonlySet<string> | undefined,
    private readonly kind: DocKind | undefined,
    /** The kind the document already has; it keeps it for life. */
    private readonly existingKind: DocKind | undefined,
    private readonly limits: WalkLimits,
    /** Collects the texts scanned for a personnummer, for the raw-byte net (none: the net will not run). */
    private readonly scanned: Set<string> | undefined = undefined,
  ) {
    this.lookup = new StructLookup(doc, update.structs);
    this.parts = new PartFinder(this.lookup);
  }

  /** Adds `value` to one of the walk's collections, making it a set of its own first when it is still the shared empty one. */
  add(which: 'touched' | 'created' | 'deleted' | 'metaKeys', value: string): void {
    let set = this[which];
    if (set === NONE) this[which] = set = new Set();
    set.add(value);
  }

  /** The comment part of the walk, made when the update first does something to a comment. */
  private commentWalk(): CommentWalk {
    return (this.comments ??= new CommentWalk(this.doc));
  }

  /** Walk every struct, then every delete; the first refusal, or null. */
  run(): UpdateRefused | null {
    for (const s of this.update.structs) {
      const bad = this.struct(s);
      if (bad) return bad;
    }
    return this.deletes();
  }

  /**
   * Whether an id `item` names (its left or right origin, its parent) is there for Yjs to find:
   * in the doc or the update, and, when it is of the item's own client, before the item. Yjs
   * integrates a client's structs in clock order and never waits for its own client's, so an
   * item naming itself or a later struct of its client makes `Y.applyUpdate` throw halfway
   * through a transaction; one naming what nobody has would stay pending in memory, unchecked.
   */
  private resolves(item: Y.Item, ref: Y.ID | null): boolean {
    if (ref === null) return true;
    if (ref.client === item.id.client && ref.clock >= item.id.clock) return false;
    return this.lookup.find(ref) !== undefined;
  }

  private struct(s: Y.Item | Y.GC | Y.Skip): UpdateRefused | null {
    const { client, clock } = s.id;
    const reach = this.reach.get(client) ?? Y.getState(this.doc.store, client);
    // A gap would leave the rest pending in memory, unchecked against what fills it later.
    if (clock > reach || (s instanceof Y.Skip && clock + s.length > reach)) return refuse.malformed(MALFORMED_REF);
    this.reach.set(client, Math.max(reach, clock + s.length));
    return s instanceof Y.Item ? this.item(s) : null;
  }

  private item(item: Y.Item): UpdateRefused | null {
    if (!this.resolves(item, item.origin) || !this.resolves(item, item.rightOrigin)) return refuse.malformed(MALFORMED_REF);
    if (item.parent instanceof Y.ID && !this.resolves(item, item.parent)) return refuse.malformed(MALFORMED_REF);
    const where = this.lookup.parentOf(item);
    const comment = where.at === 'child' ? this.commentOf(where.parent) : null;
    const bad = this.texts(item, where, comment !== null);
    if (bad) return bad;
    const known = this.lookup.known(item);
    const shape = shapeOf(item.content);
    // What the item leaves in the doc: nothing, when the update's own deletes remove it again.
    const effect = known || shape.is === 'deleted' || !(this.ownDeletes ??= new OwnDeletes(this.update.ds)).removes(item) ? shape : DELETED;
    switch (where.at) {
      case 'missing':
        return refuse.malformed(MALFORMED_REF);
      case 'dead':
        // Its parent is garbage-collected: Yjs keeps only the id, and drops the item as it lands.
        // Only a cell can be there, of a deleted row (which one, nothing here tells: `rowId` is
        // empty, `column` too when unknown); the author is told it was lost.
        // A composite value there is dropped as well, whatever it holds (its texts were scanned above).
        if (!known && effect.is !== 'deleted') (this.dropped ??= []).push({ rowId: '', column: item.parentSub ?? '', value: effect.is === 'primitive' ? effect.value : undefined });
        return null;
      case 'root':
        if (where.root !== META_ROOT && where.root !== ROWS_ROOT && where.root !== COMMENTS_ROOT) return refuse.outsideRoot();
        if (where.key === null) return this.listInRoot(item, where.root, known);
        if (where.root === META_ROOT) return this.metaField(item, where.key, shape, known);
        if (where.root === COMMENTS_ROOT) return this.partly('comments', this.commentWalk().entry(where.key, shape, effect, known));
        return this.row(where.key, shape, effect, known);
      case 'child':
        if (comment !== null) {
          return this.partly('comments', where.key === null ? refuse.nonPrimitive({ at: 'comment' }) : this.commentWalk().field(comment, where.parent, where.key, shape, effect, known));
        }
        return this.cell(item, where, shape, effect, known);
    }
  }

  /**
   * Every name and value an item carries, scanned for personnummer and length; names first. A
   * refusal's place is worked out only when there is one: the common item (a map entry of one
   * text) costs no allocation here.
   */
  private texts(item: Y.Item, where: Parent, inComment: boolean): UpdateRefused | null {
    const { maxKeyLength, maxStringLength } = this.limits;
    const seen = this.scanned;
    if (where.at === 'root') {
      const problem = textProblem(where.root, maxKeyLength, seen);
      if (problem !== null) return refusalOf(problem, NAME, maxKeyLength);
    }
    // The key an item lands under, also when Yjs takes it from a neighbour the walk has not reached.
    const key = where.at === 'root' || where.at === 'child' ? where.key : item.parentSub;
    if (key !== null) {
      const problem = textProblem(key, maxKeyLength, seen);
      if (problem !== null) return this.tooLongInPart(problem, where, refusalOf(problem, namePlace(where), maxKeyLength));
    }
    const content = item.content;
    if (content instanceof Y.ContentAny && content.arr.length === 1 && typeof content.arr[0] === 'string') {
      const text = content.arr[0];
      // A comment's `row` naming a row the doc holds is that row's id, stored already: one made
      // before the guard read a number in it stays its row's, and commenting on the row stays open.
      const held = inComment && where.at === 'child' && where.key === 'row' && rowKnown(this.doc, text);
      if (held) (this.held ??= new Set()).add(text);
      const problem = held ? heldTextProblem(text, maxStringLength, seen) : textProblem(text, maxStringLength, seen);
      if (problem === null) return null;
      return this.tooLongInPart(problem, where, refusalOf(problem, inComment ? COMMENT : valuePlace(where), maxStringLength));
    }
    this.visiting = where;
    this.visitingComment = inComment;
    this.visitBad = null;
    this.visitProblem = null;
    visitContent(content, (this.visitor ??= (text, isName) => this.visitText(text, isName)));
    if (this.visitBad !== null) return this.tooLongInPart(this.visitProblem, where, this.visitBad);
    for (const bytes of binariesOf(content)) {
      const hidden = findPersonnummerInBinary(bytes);
      if (hidden !== null) return refuse.personnummer({ at: 'bytes' }, hidden);
    }
    return null;
  }

  /** Scans each text {@link visitContent} finds in the item {@link texts} looks at; made once per walk, when first needed. */
  private visitor: TextVisitor | undefined;

  private visitText(text: string, isName: boolean): boolean {
    const max = isName ? this.limits.maxKeyLength : this.limits.maxStringLength;
    const problem = textProblem(text, max, this.scanned);
    if (problem === null) return false;
    const place = isName ? NAME : this.visitingComment ? COMMENT : valuePlace(this.visiting);
    this.visitBad = refusalOf(problem, place, max);
    this.visitProblem = problem;
    return true;
  }

  /**
   * A text over the limit (no number in it) in a part of the document refuses only that part; a
   * personnummer, or a text outside every part, refuses the whole update.
   */
  private tooLongInPart(problem: TextProblem | null, where: Parent, refusal: UpdateRefused): UpdateRefused | null {
    return problem === TOO_LONG ? this.inPart(this.parts.of(where), refusal) : refusal;
  }

  private metaField(item: Y.Item, key: string, shape: Shape, known: boolean): UpdateRefused | null {
    const type = META_FIELDS.get(key);
    if (type === undefined) {
      // The doc's placeholder of such a field taken back, sent again: it changes nothing.
      if (known && this.takenBack(item, key)) return null;
      return this.partly('meta', refuse.unknownField(key));
    }
    if (shape.is !== 'deleted' && shape.is !== 'primitive') return this.partly('meta', refuse.nonPrimitive({ at: 'meta', key }));
    if (!known && key === 'kind' && this.existingKind !== undefined) {
      const value = shape.is === 'primitive' ? shape.value : undefined;
      if (value !== this.existingKind) return refuse.kindChange(this.existingKind, String(value));
    }
    if (shape.is === 'primitive' && typeof shape.value !== type) return this.partly('meta', refuse.wrongType({ at: 'meta', key }));
    if (known) return null;
    // The mark of the server's making of the document (`markMade`): no client writes it.
    if (key === MADE_FIELD) return refuse.unknownField(key);
    const title = titleRefusal(key, shape);
    if (title !== null) return this.partly('meta', title);
    this.add('metaKeys', key);
    if (key === 'kind') this.kindWritten = true;
    return null;
  }

  /**
   * An item of a root's list (no key): a list or text written where the settings or comments map
   * belongs refuses that part (taken back whole); in `rows` it names no row, and is malformed.
   */
  private listInRoot(item: Y.Item, root: string, known: boolean): UpdateRefused | null {
    if (root === ROWS_ROOT) return refuse.malformed(MALFORMED_SHAPE);
    // Such an item taken back (deleted in the doc), sent again: it changes nothing.
    if (known && this.takenBack(item, null)) return null;
    return this.partly(root === META_ROOT ? 'meta' : 'comments', refuse.wrongType({ at: root === META_ROOT ? 'meta-root' : 'comments-root' }));
  }

  private row(rowId: string, shape: Shape, effect: Shape, known: boolean): UpdateRefused | null {
    if (shape.is !== 'row-map' && shape.is !== 'deleted') return this.partly({ row: rowId }, refuse.nonPrimitive({ at: 'row-id' }));
    if (!known && effect.is === 'row-map') this.add('created', rowId);
    return null;
  }

  private cell(item: Y.Item, where: Extract<Parent, { at: 'child' }>, shape: Shape, effect: Shape, known: boolean): UpdateRefused | null {
    const rowId = this.rowOf(where.parent);
    // Inside a value that is not a cell's (a map or list written in a cell, a setting, a comment, a
    // row that is no map): refused with the part that value is in.
    if (rowId === null) {
      // What the doc holds deleted (inside such a value taken back), sent again, changes nothing.
      if (known && this.takenBack(item, item.parentSub)) return null;
      const part = this.parts.holding(where.parent);
      if (part !== null && 'dropped' in part) return null;
      return this.inPart(part, refuse.nonPrimitive(part?.place ?? { at: 'column-name' }));
    }
    if (where.key === null) return this.partly({ row: rowId }, refuse.nonPrimitive({ at: 'column-name' }));
    const column = where.key;
    // The doc's placeholder of a cell taken back (a column the kind lacks, a composite), sent again: it changes nothing.
    if (known && this.takenBack(item, column)) return null;
    if (shape.is !== 'primitive' && shape.is !== 'deleted') return this.partly({ row: rowId }, refuse.nonPrimitive({ at: 'cell', column }));
    if (column === POS_KEY) {
      if (shape.is === 'primitive' && typeof shape.value !== 'string') return this.partly({ row: rowId }, refuse.wrongType({ at: 'pos' }));
    } else if (this.columns === undefined || !this.columns.has(column)) {
      // With no kind no cell can be judged: the whole update is refused.
      if (this.columns === undefined) return refuse.unknownColumn(column, this.kind);
      return this.partly({ row: rowId }, refuse.unknownColumn(column, this.kind));
    }
    // A cell under a deleted row is dropped as it lands: checked above, but it changes nothing (listed in `dropped`).
    if (known) return null;
    if (where.parent.deleted || where.parent.content instanceof Y.ContentDeleted) {
      if (column !== POS_KEY && effect.is === 'primitive') (this.dropped ??= []).push({ rowId, column, value: effect.value });
      return null;
    }
    this.add('touched', rowId);
    if (column !== POS_KEY) this.cells.push({ rowId, column, value: effect.is === 'primitive' ? effect.value : undefined });
    return null;
  }

  /** Whether the doc holds `item` as a deleted entry of `key` (a cell or setting taken back), or collected. */
  private takenBack(item: Y.Item, key: string | null): boolean {
    const held = this.lookup.find(item.id);
    return held instanceof Y.GC || (held instanceof Y.Item && held.deleted && held.parentSub === key);
  }

  /**
   * Notes `refusal` (null: none) as one of `part` alone ({@link refusedParts}) and lets the walk go
   * on: a column the kind lacks, a composite value, a text over the limit, an unknown setting, a
   * comment of the wrong shape. Those the server takes back with their part, the rest kept.
   */
  private partly(part: Part, refusal: UpdateRefused | null): null {
    if (refusal !== null) this.refusedParts = addPart(this.refusedParts, part, refusal);
    return null;
  }

  /** {@link partly} when `at` names a part; else `refusal`, of the whole update. */
  private inPart(at: PartPlace | Dropped | null, refusal: UpdateRefused): UpdateRefused | null {
    if (at === null) return refusal;
    return 'dropped' in at ? null : this.partly(at.part, refusal);
  }

  /**
   * The row an item holding cells is, or null when it is not an entry of `rows`. A deleted row
   * (its content already dropped) still counts: a cell written there is checked all the same.
   */
  private rowOf(parent: Y.Item): string | null {
    const up = this.lookup.parentOf(parent);
    if (up.at !== 'root' || up.root !== ROWS_ROOT || up.key === null) return null;
    const shape = shapeOf(parent.content);
    return shape.is === 'row-map' || shape.is === 'deleted' ? up.key : null;
  }

  /** The comment a map item is, or null when it is not an entry of `comments`. */
  private commentOf(parent: Y.Item): string | null {
    const up = this.lookup.parentOf(parent);
    if (up.at !== 'root' || up.root !== COMMENTS_ROOT || up.key === null) return null;
    const shape = shapeOf(parent.content);
    return shape.is === 'row-map' || shape.is === 'deleted' ? up.key : null;
  }

  /** Every delete must hit something the doc or the update has; what it removes is collected. */
  private deletes(): UpdateRefused | null {
    for (const [client, ranges] of this.update.ds.clients) {
      const reach = this.reach.get(client) ?? Y.getState(this.doc.store, client);
      const known = Y.getState(this.doc.store, client);
      const structs = this.doc.store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (clock + len > reach) return refuse.malformed(MALFORMED_REF);
        if (structs === undefined || clock >= known) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i] as Y.Item | Y.GC;
          if (s.id.clock >= clock + len) break;
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const bad = this.removed(s);
          if (bad) return bad;
        }
      }
    }
    return null;
  }

  /** Records what deleting a live item of the doc removes; the kind is never removed. */
  private removed(item: Y.Item): UpdateRefused | null {
    const where = this.lookup.parentOf(item);
    if (where.at === 'root' && where.key !== null) {
      if (where.root === COMMENTS_ROOT) this.commentWalk().removed(where.key, null);
      if (where.root === ROWS_ROOT) this.add('deleted', where.key);
      else if (where.root === META_ROOT) this.add('metaKeys', where.key);
      // Removing the kind is changing it, unless the update writes the same kind again.
      if (where.root === META_ROOT && where.key === 'kind' && this.existingKind !== undefined && !this.kindWritten) {
        return refuse.kindChange(this.existingKind, 'undefined');
      }
    } else if (where.at === 'child' && where.key !== null) {
      const comment = this.commentOf(where.parent);
      if (comment !== null) {
        this.commentWalk().removed(comment, where.key);
        return null;
      }
      const rowId = this.rowOf(where.parent);
      if (rowId === null) return null;
      this.add('touched', rowId);
      if (where.key !== POS_KEY) this.cells.push({ rowId, column: where.key, value: undefined });
    }
    return null;
  }
}
