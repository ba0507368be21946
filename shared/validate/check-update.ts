import * as Y from 'yjs';
import { META_ROOT, metaMap, rootMap, rowsMap } from '../doc/create.js';
import { COMMENTS_ROOT } from '../comments/comment-schema.js';
import { rowCount } from '../doc/row-index.js';
import { Limits } from '../protocol/limits.js';
import { cellColumnKeys, isDocKind } from '../schema/index.js';
import type { DocKind } from '../schema/types.js';
import { fitsWithin } from './doc-size.js';
import { mayHoldNumber, scanBytes, scanUpdate } from './raw-scan.js';
import { maskHeld, valuePlace } from './update-text.js';
import { refuse, type UpdateRefused } from './update-refusal.js';
import { decodeWholeUpdate, StructLookup, type DecodedUpdate } from './update-structs.js';
import { binariesOf } from './update-shape.js';
import { UpdateWalk } from './update-walk.js';
import { addPart } from './update-parts.js';
import { ofOtherMaking } from './other-making.js';
import type { UpdateAccepted } from './update-accepted.js';
import { judgeCellWrite, NO_COMMENTS, NONE, readCellWrite, type CellWriteBytes } from './cell-write.js';
import { splitHeaders, splitInWrites } from './split-personnummer.js';
import { settledCells } from './settled-cells.js';
import type { CellWrite } from './update-walk.js';

export type { UpdateRefused, UpdateRefusalCode } from './update-refusal.js';
export type { CellWrite } from './update-walk.js';
export type { CommentEffects } from './update-comments.js';

export type { UpdateAccepted } from './update-accepted.js';

/** What {@link checkUpdate} says about an update. */
export type UpdateVerdict = UpdateAccepted | UpdateRefused<UpdateAccepted>;

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
  maxKeyLength: number;
  maxRows: number;
  maxDocBytes: number;
}

/** The options of a call that gives none (the server's, at every edit): one object, not one per call. */
const NO_OPTIONS: CheckUpdateOptions = Object.freeze({});

const MALFORMED_BYTES = { sv: 'inte en Yjs-ändring', en: 'not a Yjs update' };
const MALFORMED_TRAILING = { sv: 'det finns byte efter ändringen', en: 'there are bytes after the update' };
const MALFORMED_SHAPE = { sv: 'fel struktur', en: 'wrong structure' };

/** The value a new document's first update writes to `meta.kind`: absent, or whatever it is. */
function kindWrite(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): { value: unknown } | undefined {
  for (const s of structs) {
    if (s instanceof Y.Item && (s.parent as unknown) === META_ROOT && s.parentSub === 'kind') {
      return { value: s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined };
    }
  }
  return undefined;
}

/** The kind `meta` holds, when it is one (what `metaOf(doc)?.kind` says, without reading the other fields). */
function kindOf(meta: Y.Map<unknown>): DocKind | undefined {
  const kind = meta.get('kind');
  return isDocKind(kind) ? kind : undefined;
}

/** The walk's verdict; the texts it let through as held already (`UpdateWalk.held`) go into `held`. */
function walk(doc: Y.Doc, update: DecodedUpdate, limits: UpdateLimits, opts: CheckUpdateOptions, scanned: Set<string> | undefined, held: Set<string>): UpdateVerdict {
  // The roots as Y.Map first: Yjs swaps a placeholder root type for the typed one on first use.
  rowsMap(doc);
  const meta = metaMap(doc);
  rootMap(doc, COMMENTS_ROOT);
  // Before anything else of it is judged: a copy of a deleted document is refused as that, whatever it holds.
  if (ofOtherMaking(doc, update.structs)) return refuse.otherMaking();
  const existing = opts.kind ?? kindOf(meta);
  const write = existing === undefined ? kindWrite(update.structs) : undefined;
  const kind = existing ?? (write && isDocKind(write.value) ? write.value : undefined);
  const columns = kind === undefined ? undefined : cellColumnKeys(kind);
  const w = new UpdateWalk(doc, update, columns, kind, existing, limits, scanned);
  const bad = w.run();
  if (bad) return bad;
  for (const text of w.held ?? []) held.add(text);
  let added = 0;
  if (w.created.size > 0) {
    const rows = rowsMap(doc);
    for (const id of w.created) {
      if (rows.has(id)) w.add('deleted', id);
      else added++;
    }
  }
  const gone = (id: string): boolean => w.deleted.has(id) && !w.created.has(id);
  const split = kind === undefined ? null : splitInWrites(kind, w.cells, heldIn(doc, w.created), gone, settledCells(doc, update, w.lookup));
  if (split !== null && kind !== undefined) return refuse.personnummer({ at: 'cells', ...splitHeaders(kind, split) }, split.found);
  for (const id of w.created) w.touched.delete(id);
  for (const id of w.deleted) w.touched.delete(id);
  if (added > 0 && rowCount(doc) + added - w.deleted.size > limits.maxRows) return refuse.tooManyRows(limits.maxRows);
  const judged = w.comments === null ? NO_COMMENTS : w.comments.verdict(w.created);
  // A comment of the wrong shape refuses the comments of the update, not the rest of it.
  if ('ok' in judged) w.refusedParts = addPart(w.refusedParts, 'comments', judged);
  const comments = 'ok' in judged || w.refusedParts?.comments ? NO_COMMENTS : judged;
  const accepted: UpdateAccepted = {
    ok: true,
    touchedRows: listOf(w.touched),
    createdRows: listOf(w.created),
    deletedRows: listOf(w.deleted),
    metaKeys: listOf(w.metaKeys),
    cells: w.cells.length === 0 ? NONE : w.cells,
    comments,
    ...(w.dropped ? { droppedCells: w.dropped } : {}),
  };
  const parts = w.refusedParts;
  if (parts === null) return accepted;
  return { ...parts.refusal, only: { rows: [...parts.rows], meta: parts.meta, comments: parts.comments, rest: accepted } };
}

/**
 * What `doc` holds in a row's cell, for {@link splitInWrites}: nothing for a row the update makes
 * (anew, when the id was taken: the old row's cells go with it).
 */
function heldIn(doc: Y.Doc, created: ReadonlySet<string>): (rowId: string, column: string) => unknown {
  const rows = rowsMap(doc);
  return (rowId, column) => {
    if (created.has(rowId)) return undefined;
    const row = rows.get(rowId);
    return row instanceof Y.Map ? row.get(column) : undefined;
  };
}

/** Whether a one-cell write would make a personnummer with a cell beside it: then the walk judges, and refuses. */
function splitsWith(doc: Y.Doc, kind: DocKind, cells: readonly CellWrite[]): boolean {
  return splitInWrites(kind, cells, heldIn(doc, NO_ROWS), NONE_GONE) !== null;
}

const NO_ROWS: ReadonlySet<string> = new Set();
/** No row is deleted by a one-cell write: one function for every such check, not a closure per edit. */
const NONE_GONE = (): boolean => false;

function listOf(set: ReadonlySet<string>): readonly string[] {
  return set.size === 0 ? NONE : [...set];
}

/**
 * Inspects a Yjs update against `doc` without applying it. Every struct and every delete is
 * checked, also those the doc already has and those under a deleted parent, against the document
 * model: `meta` holds only its fields (kind, schemaVersion, title, ownerUnit) as primitives,
 * `rows` only plain `Y.Map` rows, a row only primitive cells of the kind's columns and `_pos`,
 * `comments` only comments of the shape `shared/comments/comment-schema.ts` gives.
 * Any other content (text, arrays, XML types and hooks, formats, embeds, binary, JSON,
 * sub-documents) is refused, as is every name or value holding a personnummer or
 * samordningsnummer (keys, type names and root names included; then the raw bytes once more, each
 * string of a V1 update alone: `scanUpdate` of `raw-scan.ts`),
 * a value over 2,000 or a name over 128 characters, an update past 50,000 rows or 32 MiB.
 * Byte arrays of more than 6,000 bytes together (three times the longest text) are refused whole
 * (`non-primitive`) before any net reads them: no value holds bytes, and refused whole nothing
 * of them is stored.
 * Bytes after a complete update, structs and deletes that refer to what neither the doc nor
 * the update has, and structs that name themselves or a later struct of their own client (which
 * `Y.applyUpdate` would throw on halfway) are `malformed` (close code 4400). A fault of one part
 * of the document is refused with `only` (the rows, whether the settings, whether the comments,
 * and the verdict of the rest) when nothing else is wrong, so that the server can take just those
 * parts back: a cell of a column the kind lacks, a composite value (map, list, text, object) in a
 * cell, a row or a setting, a text or key over the limit in a row or the settings, an unknown
 * setting, a comment of the wrong shape (`comment-invalid`, and its composites, unknown fields,
 * over-long texts), a value of the wrong type (`wrong-type`: a setting's, a row's `_pos` that is no
 * text, a list or text written where the settings or comments map belongs). What lands under a
 * row Yjs has collected is dropped as it lands, composites too: listed in `droppedCells`, not
 * refused (a personnummer in it still is). A list written where the rows map belongs names no
 * row and stays `malformed`. A struct of an unknown column or setting the doc already holds (taken back) passes.
 * Never throws; an update it accepts, or refuses with `only`, Yjs applies.
 * The cost per call depends on the update, not on the size of the doc.
 *
 * @example
 * const verdict = checkUpdate(room.doc, frame);
 * if (!verdict.ok) socket.close(verdict.closeCode, verdict.code);
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, opts: CheckUpdateOptions = NO_OPTIONS): UpdateVerdict {
  const limits: UpdateLimits = opts.limits ? { ...Limits, ...opts.limits } : Limits;
  let digits: boolean | undefined;
  if (opts.v2 !== true) {
    const write = cellWriteOf(doc, update);
    if (write !== null) {
      digits = mayHoldNumber(update);
      const quick = cellWrite(doc, update, write, limits, opts, digits);
      if (quick !== null) return quick;
    }
  }
  return checkWalked(doc, update, limits, opts, digits);
}

/** `readCellWrite` of `update`, or null, also for bytes it cannot read (the walk says what is wrong with them). */
function cellWriteOf(doc: Y.Doc, update: Uint8Array): CellWriteBytes | null {
  try {
    return readCellWrite(doc, update);
  } catch {
    return null;
  }
}

/**
 * The verdict of an update that writes one cell (`write`, as `readCellWrite` read it) and is
 * accepted (`cell-write.ts`), without the walk; null for an update of that shape the walk would
 * refuse or that would not fit: then the walk judges it. The same verdict as the walk's
 * (`cell-write.test.ts`).
 */
function cellWrite(doc: Y.Doc, update: Uint8Array, write: CellWriteBytes, limits: UpdateLimits, opts: CheckUpdateOptions, digits: boolean): UpdateAccepted | null {
  try {
    // As the walk begins: the roots typed, the kind known.
    const rows = rowsMap(doc);
    const meta = metaMap(doc);
    rootMap(doc, COMMENTS_ROOT);
    const kind = opts.kind ?? kindOf(meta);
    if (kind === undefined) return null;
    const scanned = digits ? new Set<string>() : undefined;
    const verdict = judgeCellWrite(write, rows as Y.AbstractType<unknown>, cellColumnKeys(kind), limits, scanned);
    if (verdict === null) return null;
    if (digits && scanUpdate(update, scanned) !== null) return null;
    if (verdict.cells.length > 0 && splitsWith(doc, kind, verdict.cells)) return null;
    return fitsWithin(doc, update.byteLength, limits.maxDocBytes) ? verdict : null;
  } catch {
    return null;
  }
}

/**
 * {@link checkUpdate} by the full walk, whatever the update's shape. `known`: what
 * `mayHoldNumber` said of the update, when asked already. Byte arrays too large to be any value
 * are refused before any net reads the update (`tooManyBytes`).
 */
function checkWalked(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits, opts: CheckUpdateOptions, known?: boolean): UpdateVerdict {
  let decoded: DecodedUpdate | null;
  try {
    decoded = decodeWholeUpdate(update, opts.v2 === true);
  } catch {
    return refuse.malformed(MALFORMED_BYTES);
  }
  if (decoded === null) return refuse.malformed(MALFORMED_TRAILING);
  try {
    const big = tooManyBytes(doc, decoded, limits);
    if (big !== null) return big;
    const digits = known ?? mayHoldNumber(update);
    // Bytes without ten digits close together hold no number for the raw net to find: then the
    // walk need not remember the texts it scanned.
    const scanned = digits ? new Set<string>() : undefined;
    const held = new Set<string>();
    const verdict = walk(doc, decoded, limits, opts, scanned, held);
    // A refusal of cells alone (`only`) is returned only once the whole update passed the rest.
    if (!verdict.ok && verdict.only === undefined) return verdict;
    // Read with the update's layout (V1), as the decode noted it: no run across a string's edge (`scanUpdate`).
    const bytes = held.size === 0 ? update : maskHeld(update, held);
    const hidden = !digits ? null : scanBytes(bytes, scanned, decoded.spans ?? null);
    if (hidden !== null) return refuse.personnummer({ at: 'bytes' }, hidden);
    if (!fitsWithin(doc, update.byteLength, limits.maxDocBytes)) return refuse.docTooLarge(limits.maxDocBytes);
    return verdict;
  } catch {
    return refuse.malformed(MALFORMED_SHAPE);
  }
}

/**
 * The refusal, whole, of an update whose byte arrays (binary content, bytes in a JSON value, an
 * embed, a format: `binariesOf`) hold more than {@link mostBytes} bytes together, or null. A byte
 * array is no value a Samplan document holds: the walk refuses one wherever it lands (in part:
 * the row, the settings or the comments taken back), or Yjs drops it with a deleted row; but
 * first every net read it, every byte in every reading: an update with 1 MB of random bytes in a
 * cell held the check 25 s (load 13 on 2 cores) before the refusal. Refused whole, the update is
 * neither applied nor stored, so no byte of it is left unread that storage or a peer gets.
 */
function tooManyBytes(doc: Y.Doc, update: DecodedUpdate, limits: UpdateLimits): UpdateRefused | null {
  const most = mostBytes(limits);
  let total = 0;
  for (const s of update.structs) {
    if (!(s instanceof Y.Item)) continue;
    for (const bytes of binariesOf(s.content)) {
      total += bytes.byteLength;
      if (total > most) return refuse.nonPrimitive(valuePlace(new StructLookup(doc, update.structs).parentOf(s)));
    }
  }
  return null;
}

/** The most bytes of byte arrays an update may carry: as many as the longest text a cell takes, in UTF-8 (three bytes a unit). */
function mostBytes(limits: UpdateLimits): number {
  return limits.maxStringLength * 3;
}

/**
 * {@link checkUpdate} with every update walked in full, the one-cell write too: what the quick
 * path's verdicts are held against (`tests/shared/validate/cell-write.test.ts`).
 */
export function checkUpdateWalked(doc: Y.Doc, update: Uint8Array, opts: CheckUpdateOptions = {}): UpdateVerdict {
  const limits: UpdateLimits = opts.limits ? { ...Limits, ...opts.limits } : Limits;
  return checkWalked(doc, update, limits, opts);
}

/**
 * The quick path of {@link checkUpdate} alone: its verdict of an accepted one-cell write, or null
 * where `checkUpdate` walks the update in full (any other update, or one the walk would refuse).
 */
export function checkCellWrite(doc: Y.Doc, update: Uint8Array, opts: CheckUpdateOptions = {}): UpdateAccepted | null {
  if (opts.v2 === true) return null;
  const limits: UpdateLimits = opts.limits ? { ...Limits, ...opts.limits } : Limits;
  const write = cellWriteOf(doc, update);
  return write === null ? null : cellWrite(doc, update, write, limits, opts, mayHoldNumber(update));
}
