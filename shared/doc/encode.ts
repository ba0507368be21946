import * as Y from 'yjs';
import { REMOTE_ORIGIN } from './origin.js';

/** The doc's whole state (or, given a state vector, what that peer misses) as a Yjs update V2. */
export function encodeState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return Y.encodeStateAsUpdateV2(doc, stateVector);
}

/** The doc's state vector: which updates it already has, per client. */
export function encodeStateVector(doc: Y.Doc): Uint8Array {
  return Y.encodeStateVector(doc);
}

/** Applies a V2 update from {@link encodeState} to `doc` with `origin` (default `REMOTE_ORIGIN`). */
export function applyState(doc: Y.Doc, update: Uint8Array, origin: unknown = REMOTE_ORIGIN): void {
  Y.applyUpdateV2(doc, update, origin);
}

/** A new doc holding the state encoded by {@link encodeState}. */
export function docFromState(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  applyState(doc, update);
  return doc;
}
