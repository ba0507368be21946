/**
 * Row ownership in county action plans: an editor writes only rows whose `unit` cell is one of
 * their units, may not create a row for another unit, and may not hand an own row to another unit.
 * The owner of an existing row is read from the current doc; the owner a row gets from an update
 * is read from the update's decoded structs, before anything is applied.
 */
import * as Y from 'yjs';

/** The cell that says which unit owns an action-plan row. */
export const UNIT_COLUMN = 'unit';
const ROWS = 'rows';

type ItemId = { client: number; clock: number };

interface Place {
  rowId: string;
  key: string;
}

function idKey(id: ItemId): string {
  return `${id.client}:${id.clock}`;
}

/** The current owner unit of a row, or null when the row has none (or does not exist). */
export function rowUnit(doc: Y.Doc, rowId: string): string | null {
  const row = doc.getMap(ROWS).get(rowId);
  if (!(row instanceof Y.Map)) return null;
  const unit: unknown = row.get(UNIT_COLUMN);
  return typeof unit === 'string' ? unit : null;
}

/** Resolves where the items of one update land: which row, which cell. */
class PlaceResolver {
  private readonly local = new Map<string, Y.Item>();
  private readonly rows: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly (Y.Item | Y.GC | Y.Skip | Y.AbstractStruct)[],
  ) {
    this.rows = doc.getMap(ROWS);
    for (const s of structs) if (s instanceof Y.Item) this.local.set(idKey(s.id), s);
  }

  private docItem(id: ItemId): Y.Item | null {
    try {
      const found = Y.getItem(this.doc.store, Y.createID(id.client, id.clock));
      return found instanceof Y.Item ? found : null;
    } catch {
      return null;
    }
  }

  /** The row id of the row map created by the item with this id, if it is a row. */
  private rowIdOf(id: ItemId, depth: number): string | null {
    const local = this.local.get(idKey(id));
    if (local) {
      if ((local.parent as unknown) === ROWS && typeof local.parentSub === 'string') return local.parentSub;
      const via = local.origin ?? local.rightOrigin;
      if (local.parentSub === null && via && depth < 8) {
        const sibling = this.keyOf(via, depth + 1);
        return sibling && sibling.parentIsRows ? sibling.key : null;
      }
      return null;
    }
    const item = this.docItem(id);
    if (item && item.parent === this.rows && typeof item.parentSub === 'string') return item.parentSub;
    return null;
  }

  /** Key and parent kind of an item that a new item overwrites (its origin). */
  private keyOf(id: ItemId, depth: number): { key: string; parentIsRows: boolean; rowId: string | null } | null {
    const local = this.local.get(idKey(id));
    if (local) {
      const place = this.placeOf(local, depth + 1);
      if (place) return { key: place.key, parentIsRows: false, rowId: place.rowId };
      if ((local.parent as unknown) === ROWS && typeof local.parentSub === 'string') {
        return { key: local.parentSub, parentIsRows: true, rowId: null };
      }
      return null;
    }
    const item = this.docItem(id);
    if (!item || typeof item.parentSub !== 'string') return null;
    if (item.parent === this.rows) return { key: item.parentSub, parentIsRows: true, rowId: null };
    const parent = item.parent as Y.AbstractType<unknown> | null;
    const rowItem = parent?._item;
    if (rowItem && rowItem.parent === this.rows && typeof rowItem.parentSub === 'string') {
      return { key: item.parentSub, parentIsRows: false, rowId: rowItem.parentSub };
    }
    return null;
  }

  /** Which row cell an item writes, or null when it writes no row cell. */
  placeOf(item: Y.Item, depth = 0): Place | null {
    if (depth > 8) return null;
    if (typeof item.parentSub === 'string' && item.parent !== null) {
      const parent = item.parent as unknown;
      if (typeof parent === 'string') return null;
      const rowId = this.rowIdOf(parent as ItemId, depth + 1);
      return rowId === null ? null : { rowId, key: item.parentSub };
    }
    const via = item.origin ?? item.rightOrigin;
    if (!via) return null;
    const overwritten = this.keyOf(via, depth + 1);
    if (!overwritten || overwritten.parentIsRows || overwritten.rowId === null) return null;
    return { rowId: overwritten.rowId, key: overwritten.key };
  }
}

/**
 * The `unit` values an update writes, by row id. A value that is not a string (a deleted or
 * nulled owner) is reported as null.
 */
export function unitWrites(doc: Y.Doc, update: Uint8Array): Map<string, string | null> {
  const { structs } = Y.decodeUpdate(update);
  const resolver = new PlaceResolver(doc, structs);
  const writes = new Map<string, string | null>();
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    const place = resolver.placeOf(s);
    if (place?.key !== UNIT_COLUMN) continue;
    const value: unknown = s.content.arr[0];
    writes.set(place.rowId, typeof value === 'string' ? value : null);
  }
  return writes;
}

/**
 * The rows an update writes cells of (`touched`, existing in the doc) and the rows it adds
 * (`created`), from its structs alone. Deletions are not covered.
 */
export function rowsWritten(doc: Y.Doc, update: Uint8Array): { touched: Set<string>; created: Set<string> } {
  const { structs } = Y.decodeUpdate(update);
  const resolver = new PlaceResolver(doc, structs);
  const rows = doc.getMap(ROWS);
  const touched = new Set<string>();
  const created = new Set<string>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if ((s.parent as unknown) === ROWS && typeof s.parentSub === 'string') {
      (rows.has(s.parentSub) ? touched : created).add(s.parentSub);
      continue;
    }
    const place = resolver.placeOf(s);
    if (place && !created.has(place.rowId)) touched.add(place.rowId);
  }
  return { touched, created };
}

/** The rows an accepted update affects, as `checkUpdate` lists them. */
export interface RowEffects {
  touchedRows: Iterable<string>;
  createdRows: Iterable<string>;
  deletedRows: Iterable<string>;
}

/**
 * The first row an update may not write, with a reason, or null when every row it affects is
 * allowed. `allowed(unit)` answers for one owner unit.
 */
export function forbiddenRow(
  doc: Y.Doc,
  update: Uint8Array,
  effects: RowEffects,
  allowed: (unit: string | null) => boolean,
): { rowId: string; reason: string } | null {
  const writes = unitWrites(doc, update);
  for (const rowId of [...effects.touchedRows, ...effects.deletedRows]) {
    if (!allowed(rowUnit(doc, rowId))) return { rowId, reason: `row ${rowId} belongs to another unit` };
  }
  for (const rowId of effects.createdRows) {
    if (!allowed(writes.get(rowId) ?? rowUnit(doc, rowId))) {
      return { rowId, reason: `new row ${rowId} must belong to one of your units` };
    }
  }
  for (const [rowId, unit] of writes) {
    if (!allowed(unit)) return { rowId, reason: `row ${rowId} cannot be given to another unit` };
  }
  return null;
}
