/**
 * The verdict of the commonest update, one cell written, read straight from its bytes: what the
 * full walk (`update-walk.ts`) would say of it, without Yjs' generic decoder (a generator, a
 * decoder object per kind of field, a delete set of Maps) and without the walk's lookup tables.
 * At one edit per document every few seconds, which is how a region's server sees its documents,
 * that machinery runs cold (not yet optimized, its caches gone) and cost several times the rest
 * of the check. Anything but the one shape below is answered with null, and `checkUpdate` walks
 * the update in full: the verdict is then the walk's by construction, and for the shape below it
 * is the same (`tests/shared/validate/cell-write.test.ts` compares both over the update corpus).
 *
 * The shape (Yjs' V1 encoding, as `Y.Map.set` of a text in a row writes it): one client, one
 * struct, an `Item` of `ContentAny` holding one primitive (a text, a finite number, a boolean,
 * null), either with a left origin (the cell's
 * previous value, which the doc holds) and no right origin, or with neither and a parent id (the
 * row, which the doc holds) and a key; its clock the next the doc expects of its client; a delete
 * set empty or deleting exactly that previous value; no byte after it. The row is a live `Y.Map`
 * entry of `rows`, the column one of the kind's or `_pos`, the document's kind known, and the
 * texts pass `textProblem` as in the walk. The rest of `checkUpdate` (the raw-byte net, the size
 * limit) is the caller's, as for the walk's verdict.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { POS_KEY } from '../doc/create.js';
import { numberText } from './personnummer.js';
import { textProblem } from './update-text.js';
import { shortText } from './short-text.js';
import type { CommentEffects } from './update-comments.js';
import type { CellWrite } from './update-walk-types.js';
import type { UpdateAccepted } from './update-accepted.js';
import { ANY_FALSE, ANY_FLOAT32, ANY_FLOAT64, ANY_INTEGER, ANY_NULL, ANY_STRING, ANY_TRUE, CONTENT_ANY, HAS_ORIGIN, HAS_PARENT_SUB, HAS_RIGHT_ORIGIN } from './v1-bytes.js';

/** What an accepted cell write says: the walk's `UpdateAccepted`, never with dropped cells. */
export type CellWriteAccepted = Omit<UpdateAccepted, 'droppedCells'>;


/**
 * The primitive value of a cell at the decoder's position, read as lib0's `readAny` reads it, or
 * undefined for any other type byte (an object, a list, bytes, a bigint, undefined).
 */
function readPrimitive(d: decoding.Decoder): string | number | boolean | null | undefined {
  switch (decoding.readUint8(d)) {
    case ANY_STRING:
      return shortText(d) ?? decoding.readVarString(d);
    case ANY_INTEGER:
      return decoding.readVarInt(d);
    case ANY_FLOAT64:
      return decoding.readFloat64(d);
    case ANY_FLOAT32:
      return decoding.readFloat32(d);
    case ANY_TRUE:
      return true;
    case ANY_FALSE:
      return false;
    case ANY_NULL:
      return null;
    default:
      return undefined;
  }
}

/** A struct of the doc's store at `client`/`clock`, or undefined when the doc has not that clock. */
function held(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | undefined {
  if (clock >= Y.getState(doc.store, client)) return undefined;
  const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC>;
  return structs[Y.findIndexSS(structs, clock)];
}

/** One cell write as {@link readCellWrite} reads it: the row item, the column, the text, the previous value. */
export interface CellWriteBytes {
  /** The item the written value lands in (a row when {@link judgeCellWrite} accepts it). */
  row: Y.Item;
  column: string;
  value: string | number | boolean | null;
  /** The previous value of the cell, deleted by the update; null: none deleted. */
  replaced: Y.Item | null;
  /** The item the write was made over (its left origin, in the doc); null: none named. */
  origin: Y.Item | null;
  /** The new item's id: its client, and its clock (the next the doc expected of that client when read). */
  client: number;
  clock: number;
}

/**
 * `update` read as one cell write against `doc` (its bytes, and the structs of `doc` it names),
 * or null when it is not of that shape (then nothing is known). Reads `doc`'s store only, changes
 * nothing; throws on bytes lib0 cannot read.
 */
export function readCellWrite(doc: Y.Doc, update: Uint8Array): CellWriteBytes | null {
  const d = decoding.createDecoder(update);
  if (decoding.readVarUint(d) !== 1 || decoding.readVarUint(d) !== 1) return null;
  const client = decoding.readVarUint(d);
  const clock = decoding.readVarUint(d);
  const info = decoding.readUint8(d);
  if ((info & 0x1f) !== CONTENT_ANY || (info & HAS_RIGHT_ORIGIN) !== 0) return null;
  // The clock the doc expects next of this client: not known, and no gap.
  if (clock !== Y.getState(doc.store, client)) return null;
  let row: Y.Item;
  let column: string;
  let origin: Y.Item | null = null;
  if ((info & HAS_ORIGIN) !== 0) {
    // Parent and key are the left origin's, as Yjs copies them when it integrates the item.
    const left = held(doc, decoding.readVarUint(d), decoding.readVarUint(d));
    if (!(left instanceof Y.Item) || left.length !== 1) return null;
    const parent = left.parent;
    if (!(parent instanceof Y.AbstractType) || parent._item === null || left.parentSub === null) return null;
    row = parent._item;
    column = left.parentSub;
    origin = left;
  } else {
    // A parent id (not a root's name), then the key.
    if (decoding.readVarUint(d) !== 0 || (info & HAS_PARENT_SUB) === 0) return null;
    const parent = held(doc, decoding.readVarUint(d), decoding.readVarUint(d));
    if (!(parent instanceof Y.Item)) return null;
    row = parent;
    column = shortText(d) ?? decoding.readVarString(d);
  }
  if (decoding.readVarUint(d) !== 1) return null;
  const value = readPrimitive(d);
  if (value === undefined) return null;
  // The delete set: nothing, or exactly the cell's previous value (one client, one range of one).
  const dsClients = decoding.readVarUint(d);
  if (dsClients > 1) return null;
  if (dsClients === 1) {
    if (origin === null) return null;
    const dsClient = decoding.readVarUint(d);
    if (decoding.readVarUint(d) !== 1) return null;
    const dsClock = decoding.readVarUint(d);
    if (decoding.readVarUint(d) !== 1 || dsClient !== origin.id.client || dsClock !== origin.id.clock) return null;
  }
  if (decoding.hasContent(d)) return null;
  return { row, column, value, replaced: dsClients === 1 ? origin : null, origin, client, clock };
}

/**
 * What {@link readCellWrite} read for the last verdict {@link judgeCellWrite} gave: a later step
 * that needs the same read of the same doc (the server's apply of a write Yjs would emit as it
 * came, `emits-as-is.ts`) takes it with that verdict ({@link cellWriteRead}) instead of reading the
 * bytes and the doc's store again; the room asks right after the check, before any other verdict is
 * given. Not a field of the verdict: a verdict keeps the walk's shape (`cell-write.test.ts` compares
 * them). One pair, not a WeakMap from verdicts: an entry per edit in a long-lived WeakMap grew its
 * table in the old generation and rebuilt it as the collector cleared the dead verdicts. The pair
 * holds one read (and through its items, its doc) until the next verdict of the quick path.
 */
let readFor: object | null = null;
let lastRead: CellWriteBytes | null = null;

/**
 * The cell write read for `verdict` when the quick path gave it (`judgeCellWrite`) and no verdict
 * of the quick path came after it, else undefined (a walked verdict, another check's, an older one):
 * then the caller reads again. It was read against the doc as it was when checked: a step that uses
 * it later checks it still holds (`asIsWrite` does).
 */
export function cellWriteRead(verdict: object): CellWriteBytes | undefined {
  return verdict === readFor && lastRead !== null ? lastRead : undefined;
}

/** Remember `write` as read for `verdict` ({@link cellWriteRead}) and return `verdict`. */
function withRead(verdict: CellWriteAccepted, write: CellWriteBytes): CellWriteAccepted {
  readFor = verdict;
  lastRead = write;
  return verdict;
}

/**
 * The walk's verdict of a cell write {@link readCellWrite} read, when the walk accepts it: the row
 * a live `Y.Map` entry of `rows` (the doc's root, typed already), the column `_pos` or one of
 * `columns` (the doc's kind's), its name and the value free of a personnummer and within the
 * limits (`textProblem`, which adds to `seen` as in the walk). Null otherwise: then the walk
 * judges, and gives the refusal.
 */
export function judgeCellWrite(
  write: CellWriteBytes,
  rows: Y.AbstractType<unknown>,
  columns: ReadonlySet<string>,
  limits: { maxKeyLength: number; maxStringLength: number },
  seen: Set<string> | undefined,
): CellWriteAccepted | null {
  const { row, column, value, replaced } = write;
  if (row.parent !== rows || row.parentSub === null || row.deleted) return null;
  if (!(row.content instanceof Y.ContentType) || row.content.type.constructor !== Y.Map) return null;
  // Written without seeing the value the doc holds (concurrently): Yjs may keep either, the walk settles which.
  if (((row.content.type as Y.AbstractType<unknown>)._map.get(column) ?? null) !== write.origin) return null;
  const rowId = row.parentSub;
  // The column's name, then the value, as the walk scans them (its `texts`).
  if (textProblem(column, limits.maxKeyLength, seen) !== null || valueProblem(value, limits.maxStringLength, seen)) return null;
  if (column === POS_KEY) {
    if (typeof value !== 'string') return null;
    return withRead({ ok: true, touchedRows: [rowId], createdRows: NONE, deletedRows: NONE, metaKeys: NONE, cells: NONE, comments: NO_COMMENTS }, write);
  }
  if (!columns.has(column)) return null;
  // The previous value removed too, when the doc still holds it live: the walk lists that too.
  // Written as one list of its length: a push onto a list of one made storage for 17 (~130 bytes an edit).
  const written: CellWrite = { rowId, column, value };
  const cells: CellWrite[] = replaced !== null && !replaced.deleted ? [written, { rowId, column, value: undefined }] : [written];
  return withRead({ ok: true, touchedRows: [rowId], createdRows: NONE, deletedRows: NONE, metaKeys: NONE, cells, comments: NO_COMMENTS }, write);
}

/**
 * Whether the walk would find fault with a cell's value itself: a text `textProblem` refuses, a
 * number that is no finite number (a composite to the walk) or whose digits `textProblem` refuses
 * as `numberText` spells them. Booleans and null hold nothing.
 */
function valueProblem(value: string | number | boolean | null, max: number, seen: Set<string> | undefined): boolean {
  if (typeof value === 'string') return textProblem(value, max, seen) !== null;
  if (typeof value !== 'number') return false;
  if (!Number.isFinite(value)) return true;
  const text = numberText(value);
  return text !== null && textProblem(text, max, seen) !== null;
}

/** A verdict's list when empty: one frozen array for every verdict, not one per verdict. */
export const NONE: readonly never[] = Object.freeze([]);
/** The comment effects of an update that does nothing to comments, shared by every such verdict. */
export const NO_COMMENTS: CommentEffects = Object.freeze({ created: new Map(), changed: new Map(), deleted: new Set<string>() });
