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
