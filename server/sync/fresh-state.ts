/**
 * The answer to a client that holds nothing, kept in storage beside the snapshot
 * (`StoredDoc.fresh`): the document's whole state as a Yjs update V1 (what a sync step 2 to an
 * empty state vector carries) and its state vector (what the server's step 1 carries), written
 * by the compaction that wrote the snapshot, of the same state. A room loaded with them and no
 * update after the snapshot serves a connect storm of fresh clients from these bytes alone: no
 * Y.Doc is built, nothing applied or encoded, until something needs the document (`room.ts`).
 *
 * Bytes (lib0 encoding): varUint format (1), varString the document's kind ('' for none),
 * varUint its `meta.schemaVersion`, varUint8Array the state vector, varUint8Array the V1 update.
 * The kind and schema version say whether a load would migrate the document (a newer Samplan's
 * schema, `migrate-on-load.ts`): then the bytes are not served and the document is built as before.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { metaOf } from '../../shared/doc/create.js';
import { isDocKind, kindDef } from '../../shared/schema/index.js';
import type { StoredDoc } from '../storage/storage.js';

const FORMAT = 1;

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
}

/** `doc`'s state as {@link FreshState} bytes: one V1 encode and one state vector of the whole doc. */
export function encodeFresh(doc: Y.Doc): Uint8Array {
  const meta = metaOf(doc);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FORMAT);
  encoding.writeVarString(encoder, meta?.kind ?? '');
  encoding.writeVarUint(encoder, meta?.schemaVersion ?? 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

/** The {@link FreshState} of `bytes`, or null when they are of another format or do not decode. */
export function decodeFresh(bytes: Uint8Array): FreshState | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== FORMAT) return null;
    const kind = decoding.readVarString(decoder);
    const schemaVersion = decoding.readVarUint(decoder);
    const stateVector = decoding.readVarUint8Array(decoder);
    const update = decoding.readVarUint8Array(decoder);
    return { kind, schemaVersion, stateVector, update };
  } catch {
    return null;
  }
}

/**
 * The fresh state a room may serve `stored` from without building its document, or null when it
 * must build it: no fresh bytes, updates after the snapshot (their state is not in the bytes),
 * stored take-backs (a load may write values again over them, `take-back-lookback.ts`), bytes that
 * do not decode, or a schema older than the kind's now (a load would migrate it).
 */
export function servableFresh(stored: StoredDoc): FreshState | null {
  if (!stored.fresh || !stored.snapshot || stored.updates.length > 0 || (stored.takeBacks?.length ?? 0) > 0) return null;
  const fresh = decodeFresh(stored.fresh);
  if (!fresh) return null;
  if (fresh.kind !== '') {
    if (!isDocKind(fresh.kind) || fresh.schemaVersion < kindDef(fresh.kind).schemaVersion) return null;
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
  const keys = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || Y.isDeleted(ds, struct.id)) continue;
    const key = resolve(struct);
    if (key !== null) keys.add(key);
  }
  return keys;
}
