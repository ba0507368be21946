import * as Y from 'yjs';
import { META_ROOT, POS_KEY, ROWS_ROOT, metaOf, rowsMap } from '../doc/create.js';
import { rowCount } from '../doc/row-index.js';
import { Limits } from '../protocol/limits.js';
import { cellColumnKeys, isDocKind } from '../schema/index.js';
import type { DocKind } from '../schema/types.js';
import { fitsWithin } from './doc-size.js';
import { findPersonnummer } from './personnummer.js';
import { refuse, type Place, type UpdateRefused } from './update-refusal.js';
import { StructLookup, type Parent } from './update-structs.js';

export type { UpdateRefused, UpdateRefusalCode } from './update-refusal.js';

/** An accepted update and the rows it writes, for the server's per-row ownership check. */
export interface UpdateAccepted {
  ok: true;
  /** Existing rows whose cells the update writes or removes (rows it creates are not listed). */
  touchedRows: string[];
  /** Rows the update creates. */
  createdRows: string[];
  /** Rows the update deletes, or replaces by creating a row under an existing id. */
  deletedRows: string[];
  /** Metadata fields the update writes. */
  metaKeys: string[];
}

/** What {@link checkUpdate} says about an update. */
export type UpdateVerdict = UpdateAccepted | UpdateRefused;

/** Options of {@link checkUpdate}. */
export interface CheckUpdateOptions {
  /** The document kind, when the caller knows it better than the doc's `meta`. */
  kind?: DocKind;
  /** The update is in Yjs' V2 encoding (default: V1, as y-websocket sends). */
  v2?: boolean;
  /** Overrides of the protocol limits (default: `Limits` of `shared/protocol/limits.ts`). */
  limits?: Partial<UpdateLimits>;
}

/** The limits {@link checkUpdate} enforces. */
export interface UpdateLimits {
  maxStringLength: number;
  maxRows: number;
  maxDocBytes: number;
}

const MALFORMED_BYTES = { sv: 'inte en Yjs-ändring', en: 'not a Yjs update' };
const MALFORMED_REF = { sv: 'den hänvisar till något som saknas', en: 'it refers to something missing' };
const MALFORMED_SHAPE = { sv: 'fel struktur', en: 'wrong structure' };
const LARGE_INTEGER = 1e9;

/** A string or number that must not carry a personnummer or be too long. */
function scan(value: string | number, place: Place, maxLength: number): UpdateRefused | null {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || Math.abs(value) < LARGE_INTEGER) return null;
    value = String(Math.abs(value));
  }
  const pnr = findPersonnummer(value);
  if (pnr !== null) return refuse.personnummer(place, pnr.kind, pnr.phoneLike);
  if (value.length > maxLength) return refuse.stringTooLong(place, maxLength);
  return null;
}

/** Checks the values of a map entry: primitives only, each scanned. */
function scanContent(content: unknown, place: Place, maxLength: number): UpdateRefused | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (!(content instanceof Y.ContentAny)) return refuse.nonPrimitive(place);
  for (const v of content.arr as unknown[]) {
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v !== 'string' && typeof v !== 'number') return refuse.nonPrimitive(place);
    const bad = scan(v, place, maxLength);
    if (bad) return bad;
  }
  return null;
}

/** The value a new document's first update writes to `meta.kind`: absent, or whatever it is. */
function kindWrite(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): { value: unknown } | undefined {
  for (const s of structs) {
    if (s instanceof Y.Item && (s.parent as unknown) === META_ROOT && s.parentSub === 'kind') {
      return { value: s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined };
    }
  }
  return undefined;
}

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** State collected while walking an update. */
interface Walk {
  lookup: StructLookup;
  columns: ReadonlySet<string> | undefined;
  kind: DocKind | undefined;
  /** The kind the document already has; it keeps it for life (columns, rights and validation hang on it). */
  existingKind: DocKind | undefined;
  touched: Set<string>;
  created: Set<string>;
  deleted: Set<string>;
  metaKeys: Set<string>;
  limits: UpdateLimits;
}

/** The row a `child` parent is, or null when that parent is not a row map in `rows`. */
function rowOf(w: Walk, parent: Y.Item): string | null {
  const up: Parent = w.lookup.parentOf(parent);
  if (up.at !== 'root' || up.root !== ROWS_ROOT || up.key === null) return null;
  return parent.content instanceof Y.ContentType && parent.content.type instanceof Y.Map ? up.key : null;
}

function checkItem(w: Walk, item: Y.Item): UpdateRefused | null {
  const where = w.lookup.parentOf(item);
  if (where.at === 'dead') return null;
  if (where.at === 'missing') return refuse.malformed(MALFORMED_REF);
  if (where.at === 'root') {
    if (where.root !== META_ROOT && where.root !== ROWS_ROOT) return refuse.outsideRoot();
    if (where.key === null) return refuse.malformed(MALFORMED_SHAPE);
    if (where.root === META_ROOT) {
      const max = w.limits.maxStringLength;
      const bad = scan(where.key, { at: 'meta-name' }, max) ?? scanContent(item.content, { at: 'meta', key: where.key }, max);
      w.metaKeys.add(where.key);
      if (bad) return bad;
      if (where.key === 'kind' && w.existingKind !== undefined) {
        const value: unknown = item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
        if (value !== w.existingKind) return refuse.kindChange(w.existingKind, String(value));
      }
      return null;
    }
    const bad = scan(where.key, { at: 'row-id' }, w.limits.maxStringLength);
    if (bad) return bad;
    if (item.content instanceof Y.ContentDeleted) return null;
    if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
      return refuse.nonPrimitive({ at: 'row-id' });
    }
    w.created.add(where.key);
    return null;
  }
  if (where.parent.content instanceof Y.ContentDeleted) return null;
  const rowId = rowOf(w, where.parent);
  if (rowId === null || where.key === null) return refuse.nonPrimitive({ at: 'column-name' });
  const nameBad = scan(where.key, { at: 'column-name' }, w.limits.maxStringLength);
  if (nameBad) return nameBad;
  if (where.key === POS_KEY) {
    if (!(item.content instanceof Y.ContentDeleted) && !(item.content instanceof Y.ContentAny && typeof item.content.arr[0] === 'string')) {
      return refuse.malformed(MALFORMED_SHAPE);
    }
  } else if (w.columns === undefined || !w.columns.has(where.key)) {
    return refuse.unknownColumn(where.key, w.kind);
  }
  if (!w.created.has(rowId)) w.touched.add(rowId);
  return scanContent(item.content, { at: 'cell', column: where.key }, w.limits.maxStringLength);
}

/** Marks the rows whose map entry or cells the update's delete set removes. */
function collectDeletes(w: Walk, doc: Y.Doc, ds: DeleteSet): void {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= known) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i] as Y.Item | Y.GC;
        if (s.id.clock >= clock + len) break;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const where = w.lookup.parentOf(s);
        if (where.at === 'root' && where.root === ROWS_ROOT && where.key !== null) w.deleted.add(where.key);
        else if (where.at === 'child') {
          const rowId = rowOf(w, where.parent);
          if (rowId !== null) w.touched.add(rowId);
        }
      }
    }
  }
}

function walk(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, ds: DeleteSet, opts: CheckUpdateOptions): UpdateVerdict {
  // Both roots as Y.Map first: Yjs swaps a placeholder root type for the typed one on first use.
  const rows = rowsMap(doc);
  const existing = opts.kind ?? metaOf(doc)?.kind;
  const write = existing === undefined ? kindWrite(structs) : undefined;
  const kind = existing ?? (write && isDocKind(write.value) ? write.value : undefined);
  const w: Walk = {
    lookup: new StructLookup(doc, structs),
    columns: kind === undefined ? undefined : cellColumnKeys(kind),
    kind,
    existingKind: existing,
    touched: new Set(),
    created: new Set(),
    deleted: new Set(),
    metaKeys: new Set(),
    limits: { ...Limits, ...opts.limits },
  };
  for (const s of structs) {
    if (!(s instanceof Y.Item) || w.lookup.known(s)) continue;
    const bad = checkItem(w, s);
    if (bad) return bad;
  }
  collectDeletes(w, doc, ds);
  let added = 0;
  for (const id of w.created) {
    if (rows.has(id)) w.deleted.add(id);
    else added++;
  }
  for (const id of w.deleted) w.touched.delete(id);
  if (added > 0 && rowCount(doc) + added - w.deleted.size > w.limits.maxRows) return refuse.tooManyRows(w.limits.maxRows);
  return {
    ok: true,
    touchedRows: [...w.touched],
    createdRows: [...w.created],
    deletedRows: [...w.deleted],
    metaKeys: [...w.metaKeys],
  };
}

/**
 * Inspects a Yjs update against `doc` without applying it, and refuses it when it writes outside
 * `meta`/`rows`, writes a non-primitive, an unknown column for the doc's kind, a string over
 * 2,000 characters or a personnummer/samordningsnummer anywhere (keys included), or would take
 * the doc past 50,000 rows or 32 MiB. Never throws; undecodable bytes are `malformed`.
 * The cost per call depends on the update, not on the size of the doc.
 *
 * @example
 * const verdict = checkUpdate(room.doc, frame);
 * if (!verdict.ok) socket.close(verdict.closeCode, verdict.code);
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, opts: CheckUpdateOptions = {}): UpdateVerdict {
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DeleteSet };
  try {
    decoded = opts.v2 ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update);
  } catch {
    return refuse.malformed(MALFORMED_BYTES);
  }
  try {
    const verdict = walk(doc, decoded.structs, decoded.ds, opts);
    const maxBytes = opts.limits?.maxDocBytes ?? Limits.maxDocBytes;
    if (verdict.ok && !fitsWithin(doc, update.byteLength, maxBytes)) return refuse.docTooLarge(maxBytes);
    return verdict;
  } catch {
    return refuse.malformed(MALFORMED_SHAPE);
  }
}
