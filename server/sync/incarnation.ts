/**
 * A document's incarnation: which making of a document id a client's copy belongs to. Deleting a
 * document (`DELETE …/documents/:doc`) and making a new one under the same id (`POST
 * …/documents` with that id, or a copy to a new year that is given it) makes a new document whose
 * first `meta.made` item (`markMade`, written by the server's own Yjs client as it makes the
 * document) no copy of the deleted one holds. A client that kept its copy of the deleted document
 * (an offline pane, a stock y-websocket client holding its Y.Doc) would otherwise write every row
 * of it, and its writes made offline, into the new one with its answer to the server's sync step 1.
 * So a client whose state vector holds anything, yet not the document's making, is refused before
 * its state is taken in. Documents made before `meta.made` existed (and test documents stored
 * without it) carry no making and are not checked.
 */
import * as Y from 'yjs';
import { MADE_FIELD, metaMap } from '../../shared/doc/create.js';

/**
 * The id of the document's making: the first `meta.made` item ever written (later writes of the
 * key, which `checkUpdate` refuses from clients, would stand to its right). Null when there is none.
 */
export function creationOf(doc: Y.Doc): Y.ID | null {
  let item = (metaMap(doc) as unknown as { _map: Map<string, Y.Item> })._map.get(MADE_FIELD) ?? null;
  if (!item) return null;
  while (item.left) item = item.left;
  return item.id;
}

/**
 * Whether a client's copy, told by its sync step 1 `stateVector` (y-protocols encoding), belongs to
 * another making of `doc`'s id: it holds something (a non-empty state vector) but not the item
 * that made `doc`. An empty copy (a client opening the document for the first time) and a
 * document with no making item always match. Throws what Yjs throws for bytes that are no state
 * vector.
 */
export function otherIncarnation(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const sv = Y.decodeStateVector(stateVector);
  if (sv.size === 0) return false;
  const creation = creationOf(doc);
  if (!creation) return false;
  return (sv.get(creation.client) ?? 0) <= creation.clock;
}

/** The close reason sent with `CloseCode.replaced` (English, as every close reason; the pane words it in Swedish). */
export const REPLACED_REASON = 'The document was deleted and made again under its id; this copy is of the deleted one and was not taken in';
