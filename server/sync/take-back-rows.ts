/**
 * The take-backs of rows a room remembers (`take-back-index.ts`): a row map a refused delete
 * deleted, and the copy the server put back in its place, so that a cell edit landing in the
 * deleted row is written into the copy (`take-backs.ts`). Such a take-back is not dropped from
 * memory for the process's budget (`take-back-budget.ts`): `keepLostSets` keeps no set in a deleted
 * map, so a dropped row's cell edits would land where nothing keeps them. Dropped from the index's
 * ring for the budget, it is held aside here and still counted in the budget (a budget of rows
 * alone may so be passed; each is one row a refused delete deleted, and the document's own bound
 * holds them), and forgotten as the document's count bound forgets: once `limit` newer take-backs
 * of the document came. The ids of the rows forgotten are kept as ranges
 * ({@link RowTakeBacks.forgotten}), so that a cell edit landing in one is told.
 */
import type * as Y from 'yjs';
import type { RowTakeBack } from './take-back-types.js';
import { IdRanges } from './take-back-ranges.js';

/** The remembered take-backs of rows of one room, by the deleted row map; each with its sequence number in the index. */
export class RowTakeBacks {
  /** Row take-backs by the deleted row map: its copy, and the sequence number. */
  private readonly rows = new Map<Y.Map<unknown>, { copy: Y.Map<unknown>; seq: number }>();
  /** Row take-backs out of the ring for the budget but held (see the module comment), oldest first from `heldFrom`. */
  private held: { old: Y.Map<unknown>; seq: number }[] = [];
  private heldFrom = 0;
  /** Ids of the row maps refused deletes deleted whose take-backs were forgotten here (a cell edit landing in one is lost). */
  readonly forgotten = new IdRanges();

  /** @param limit how many take-backs of the document are remembered (`TAKE_BACK_LIMIT`): a held row is forgotten once as many newer came */
  constructor(private readonly limit: number) {}

  /** How many are remembered, in the ring or held aside. */
  get size(): number {
    return this.rows.size;
  }

  /** Remembers the take-back of the deleted row map `old` put back as `copy`, with sequence number `seq`. */
  add(old: Y.Map<unknown>, copy: Y.Map<unknown>, seq: number): void {
    this.rows.set(old, { copy, seq });
  }

  /** True when a remembered row take-back's copy is the map item `copy` (by id). */
  hasCopy(copy: Y.ID): boolean {
    for (const { copy: c } of this.rows.values()) if (c._item?.id.client === copy.client && c._item.id.clock === copy.clock) return true;
    return false;
  }

  /** The remembered take-back of the deleted row map `old`, or null. */
  get(old: Y.Map<unknown>): RowTakeBack | null {
    const r = this.rows.get(old);
    return r ? { kind: 'row', old, copy: r.copy } : null;
  }

  /**
   * The ring of the index dropped the take-back of `old` with sequence number `seq`: for the
   * budget (`evict`), it is held aside and true is returned; else it is forgotten (when it is still
   * the row's newest) and false is returned.
   */
  dropped(old: Y.Map<unknown>, seq: number, evict: boolean): boolean {
    if (this.rows.get(old)?.seq !== seq) return false;
    if (evict) {
      this.held.push({ old, seq });
      return true;
    }
    this.forget(old);
    return false;
  }

  /**
   * Forgets the row take-backs held aside that `limit` take-backs newer than them came after
   * (`newest`: the newest's sequence number). Returns how many left the held list (each still
   * counted in the budget until now).
   */
  forgetHeld(newest: number): number {
    let left = 0;
    while (this.heldFrom < this.held.length && newest - (this.held[this.heldFrom] as { seq: number }).seq >= this.limit) {
      const { old, seq } = this.held[this.heldFrom++] as { old: Y.Map<unknown>; seq: number };
      if (this.rows.get(old)?.seq === seq) this.forget(old);
      left++;
    }
    if (this.heldFrom > 1024 && this.heldFrom * 2 > this.held.length) {
      this.held = this.held.slice(this.heldFrom);
      this.heldFrom = 0;
    }
    return left;
  }

  /** Forgets every row take-back (the doc was replaced); the ids of those forgotten stay. */
  clear(): void {
    this.rows.clear();
    this.held = [];
    this.heldFrom = 0;
  }

  /** Forgets the take-back of the deleted row map `old`, keeping the map's id ({@link RowTakeBacks.forgotten}). */
  private forget(old: Y.Map<unknown>): void {
    this.rows.delete(old);
    if (old._item) this.forgotten.add(old._item.id);
  }
}
