/**
 * The answer to a client that holds nothing, kept in storage beside the snapshot
 * (`StoredDoc.fresh`): the document's whole state as a Yjs update V1 (what a sync step 2 to an
 * empty state vector carries) and its state vector (what the server's step 1 carries), written
 * by the compaction that wrote the snapshot, of the same state. A room loaded with them and no
 * update after the snapshot serves a connect storm of fresh clients from these bytes alone: no
 * Y.Doc is built, nothing applied or encoded, until something needs the document (`room.ts`).
 *
 * Bytes (lib0 encoding): varUint format (3), varString the document's kind ('' for none),
 * varUint its `meta.schemaVersion`, varString its `meta.title` ('' for none or a title that is no
 * text), varUint8Array the state vector, varUint8Array the V1 update, then 4 bytes: the CRC-32
 * (`zlib.crc32`, unsigned, little-endian) of every byte before them. The title lets a load check
 * the catalogue record's title against the document's (`title-follow.ts`) without reading the
 * update's structs, which costs about what building the document does.
 * The kind and schema version say whether a load would migrate the document (a newer Samplan's
 * schema, `migrate-on-load.ts`): then the bytes are not served and the document is built as before.
 *
 * Format 2, which earlier versions wrote, is format 3 without the title; format 1 is format 2
 * without the checksum. Both are still served, format 1 after a read of the update's structs
 * (`freshDamage`); their title is read from the update's structs (`rootMapValue`) when asked. Bytes of format 2 are checked by their
 * checksum alone: `encodeFresh` writes the state vector and the update of one doc, so bytes the
 * checksum finds unchanged are a whole state. That read of every struct was most of a cold load
 * of a small plan (0.4–0.7 ms of each room load of a 20-row plan in a connect storm on a loaded
 * machine; the checksum takes microseconds), and the checksum also sees damage that keeps the
 * shape (a changed letter in a string), which the read does not.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { crc32 } from 'node:zlib';
import { metaOf } from '../../shared/doc/create.js';
import { isDocKind, kindDef } from '../../shared/schema/index.js';
import type { StoredDoc } from '../storage/storage.js';

/** The format `encodeFresh` writes: with a checksum and the title. */
const FORMAT = 3;
/** The format with a checksum and without the title, which earlier versions wrote. */
const FORMAT_UNTITLED = 2;
/** The format without a checksum or title, which earlier versions wrote. */
const FORMAT_UNCHECKED = 1;
/** Bytes of the checksum at the end of {@link FORMAT}. */
const CHECKSUM_BYTES = 4;

/** A document's whole state as stored for fresh clients. */
export interface FreshState {
  /** `meta.kind`, or '' for a document without one. */
  kind: string;
  /** `meta.schemaVersion` when written (0 without meta). */
  schemaVersion: number;
  /** `Y.encodeStateVector` of the state. */
  stateVector: Uint8Array;
  /** `Y.encodeStateAsUpdate` (V1) of the state. */
  update: Uint8Array;
  /** Whether the bytes carried a checksum and it held (formats 2 and 3); false for format 1. */
  checked: boolean;
  /** `meta.title` when written, '' for none or one that is no text; undefined in bytes of formats 1 and 2, which do not carry it. */
  title?: string | undefined;
}

/** `doc`'s state as {@link FreshState} bytes: one V1 encode and one state vector of the whole doc. */
export function encodeFresh(doc: Y.Doc): Uint8Array {
  const meta = metaOf(doc);
  return frameFresh(meta?.kind ?? '', meta?.schemaVersion ?? 0, typeof meta?.title === 'string' ? meta.title : '', Y.encodeStateVector(doc), Y.encodeStateAsUpdate(doc));
}

/**
 * `fresh` (bytes of an earlier format, read by {@link decodeFresh}) framed again as
 * {@link encodeFresh} frames them, with `title` (`meta.title`, '' for none or no text) added:
 * the same state vector and update, no Yjs encode. A load that had to read the title from the
 * update's structs stores these (`room-fresh.ts`), so the next load reads it from the bytes.
 */
export function withTitle(fresh: FreshState, title: string): Uint8Array {
  return frameFresh(fresh.kind, fresh.schemaVersion, title, fresh.stateVector, fresh.update);
}

function frameFresh(kind: string, schemaVersion: number, title: string, stateVector: Uint8Array, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FORMAT);
  encoding.writeVarString(encoder, kind);
  encoding.writeVarUint(encoder, schemaVersion);
  encoding.writeVarString(encoder, title);
  encoding.writeVarUint8Array(encoder, stateVector);
  encoding.writeVarUint8Array(encoder, update);
  encoding.writeUint32(encoder, 0);
  const bytes = encoding.toUint8Array(encoder);
  const end = bytes.byteLength - CHECKSUM_BYTES;
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(end, crc32(bytes.subarray(0, end)), true);
  return bytes;
}

/** The {@link FreshState} of `bytes`, or null when they are of another format or do not decode. */
export function decodeFresh(bytes: Uint8Array): FreshState | null {
  const read = readFresh(bytes);
  return typeof read === 'string' ? null : read;
}

/** The {@link FreshState} of `bytes`, null when of another format, else the words of why they do not decode. */
function readFresh(bytes: Uint8Array): FreshState | null | string {
  try {
    let decoder = decoding.createDecoder(bytes);
    const format = decoding.readVarUint(decoder);
    if (format !== FORMAT && format !== FORMAT_UNTITLED && format !== FORMAT_UNCHECKED) return null;
    const checked = format !== FORMAT_UNCHECKED;
    if (checked) {
      const end = bytes.byteLength - CHECKSUM_BYTES;
      if (end < 1) return 'the bytes are too short for their checksum';
      const told = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end, true);
      if (crc32(bytes.subarray(0, end)) !== told) return 'the bytes do not match their checksum';
      decoder = decoding.createDecoder(bytes.subarray(0, end));
      decoding.readVarUint(decoder);
    }
    const kind = decoding.readVarString(decoder);
    const schemaVersion = decoding.readVarUint(decoder);
    const title = format === FORMAT ? decoding.readVarString(decoder) : undefined;
    const stateVector = readSized(decoder);
    const update = readSized(decoder);
    if (checked && decoding.hasContent(decoder)) return 'bytes follow the update';
    return { kind, schemaVersion, stateVector, update, checked, title };
  } catch (err) {
    return `the frame does not decode (${(err as Error).message})`;
  }
}

/**
 * A varUint8Array of `decoder` that lies within its bytes: lib0 takes the length as told, and a
 * view past the end of a Buffer cut from Node's pool reads the pool's other bytes without a throw.
 */
function readSized(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.byteLength - decoder.pos) throw new RangeError(`${length} bytes told, ${decoder.arr.byteLength - decoder.pos} left`);
  return decoding.readUint8Array(decoder, length);
}

/**
 * Why `fresh` is not a whole state a stock Yjs client can apply, or null when it is: its update
 * (V1) must decode to the end of its delete set, hold each client's structs from clock 0 without a
 * gap (what `Y.encodeStateAsUpdate` of a whole doc writes), and its state vector be the one of
 * those structs (a client answers the server's step 1 with what that vector lacks). One struct
 * read of the update, as `rootMapKeys` makes: no Y.Doc is built, nothing applied. Damage that
 * keeps this shape (a changed letter in a string) is not seen.
 */
export function freshDamage(fresh: Pick<FreshState, 'stateVector' | 'update'>): string | null {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  let told: Map<number, number>;
  try {
    ({ structs } = Y.decodeUpdate(fresh.update));
  } catch (err) {
    return `the update does not decode (${(err as Error).message})`;
  }
  try {
    told = Y.decodeStateVector(fresh.stateVector);
  } catch (err) {
    return `the state vector does not decode (${(err as Error).message})`;
  }
  const held = new Map<number, number>();
  for (const struct of structs) {
    const at = held.get(struct.id.client) ?? 0;
    if (struct.id.clock !== at || struct instanceof Y.Skip) return `the update has a gap at client ${struct.id.client} clock ${at}`;
    held.set(struct.id.client, at + struct.length);
  }
  if (held.size !== told.size || [...held].some(([client, clock]) => told.get(client) !== clock)) return 'the state vector is not the update\'s';
  return null;
}

/**
 * The fresh state a room may serve `stored` from without building its document, or null when it
 * must build it: no fresh bytes, updates after the snapshot (their state is not in the bytes),
 * stored take-backs (a load may write values again over them, `take-back-lookback.ts`), bytes that
 * do not match their checksum, do not decode or (format 1) are not a whole state (`freshDamage`:
 * `damaged` is called with the words), or a
 * schema older than the kind's now (a load would migrate it).
 */
export function servableFresh(stored: StoredDoc, damaged: (why: string) => void = () => {}): FreshState | null {
  if (!stored.fresh || !stored.snapshot || stored.updates.length > 0 || (stored.takeBacks?.length ?? 0) > 0) return null;
  const fresh = readFresh(stored.fresh);
  if (fresh === null) return null;
  if (typeof fresh === 'string') {
    damaged(fresh);
    return null;
  }
  if (fresh.kind !== '') {
    if (!isDocKind(fresh.kind) || fresh.schemaVersion < kindDef(fresh.kind).schemaVersion) return null;
  }
  // Checked bytes are `encodeFresh`'s unchanged: a whole state (see the top of this file).
  const why = fresh.checked ? null : freshDamage(fresh);
  if (why !== null) {
    damaged(why);
    return null;
  }
  return fresh;
}

/** Whether `stateVector` is the empty one (a client that holds nothing): `Y.encodeStateVector` of an empty doc. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/**
 * The keys `root`'s map holds in the state `update` (Yjs update V1 of a whole document, as
 * {@link FreshState.update}), read from its structs without building a Y.Doc: what
 * `doc.getMap(root)` of the built doc would list. An entry that overwrote another names neither
 * its map nor its key (Yjs infers both from the entry it follows, `origin`), so those are followed
 * back to the first entry of the key; a key counts while one of its entries is not deleted.
 */
export function rootMapKeys(update: Uint8Array, root: string): Set<string> {
  return new Set(rootMapEntries(update, root).keys());
}

/**
 * The value `root`'s map holds at `key` in the state `update` (as {@link rootMapKeys} reads it):
 * the content of its entry that is not deleted, or undefined (no such key, a type, no live entry).
 * Throws what Yjs throws on bytes that are no update.
 */
export function rootMapValue(update: Uint8Array, root: string, key: string): unknown {
  const live = rootMapEntries(update, root).get(key);
  return live?.content instanceof Y.ContentAny ? live.content.arr[live.content.arr.length - 1] : undefined;
}

/** Each key of `root`'s map in the state `update` and an entry of it that is not deleted (the last read). */
function rootMapEntries(update: Uint8Array, root: string): Map<string, Y.Item> {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, typeof structs>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  /** The struct holding `id` (each client's structs are in clock order). */
  const find = (id: Y.ID): (typeof structs)[number] | undefined => {
    const list = byClient.get(id.client) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid] as (typeof structs)[number];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const keyOf = new Map<object, string | null>();
  /** The key of `root` whose entry `item` is, or null (another parent, a list item, an entry of a collected one). */
  const resolve = (item: Y.Item): string | null => {
    const chain: object[] = [];
    let at: (typeof structs)[number] | undefined = item;
    let key: string | null = null;
    while (at instanceof Y.Item) {
      const known = keyOf.get(at);
      if (known !== undefined) {
        key = known;
        break;
      }
      chain.push(at);
      // Decoded, not integrated: a root type's parent is its name, a nested one's the ID of its item.
      const parent = at.parent as unknown;
      if (parent !== null) {
        key = parent === root && at.parentSub !== null ? at.parentSub : null;
        break;
      }
      // Yjs takes the parent from the left neighbour, else from the right one.
      const next: Y.ID | null = at.origin ?? at.rightOrigin;
      at = next ? find(next) : undefined;
    }
    for (const s of chain) keyOf.set(s, key);
    return key;
  };
  const entries = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || Y.isDeleted(ds, struct.id)) continue;
    const key = resolve(struct);
    if (key !== null) entries.set(key, struct);
  }
  return entries;
}
