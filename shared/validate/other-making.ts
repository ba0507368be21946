/**
 * Which making of a document id an update belongs to. Every document is made by one fresh Yjs
 * client (`createDoc`) whose first write is `meta.kind`: an item in the `meta` root under `kind`
 * with neither a left nor a right origin, as only a write into a `meta` that holds no kind yet
 * has; a later write of the same kind names the item before it. The server marks each document it
 * makes (`markMade`: `meta.made`, over HTTP, a copy to a new year, the demo seed), and no client
 * writes that mark.
 *
 * An update is of another making of a marked document when it holds a first write of `meta.kind`
 * or of `meta.made` that the document does not have: a copy of a deleted document whose id a new
 * one took (an offline pane, a stock y-websocket client that kept its Y.Doc), whether the deleted
 * one was marked or made before marks existed. Its rows, take-backs and deletes must not be written
 * into the new one. A client that only wrote new items into a doc it had not synced yet (a pane
 * opening a document again, a cell typed before the first sync) writes neither and is not concerned;
 * nor is a client of the document that wrote offline. A document made before marks existed is
 * marked when the server loads it (`shared/doc/made-mark.ts`: a mark drawn from its making, the
 * same in every process), so a copy of it that lacks the mark is of its making, and one that holds
 * a mark of another making is not. A document without any mark (not loaded since) takes what it
 * took before, except a marked copy of another making.
 */
import * as Y from 'yjs';
import { MADE_FIELD, META_ROOT } from '../doc/create.js';
import { isLoadMarkOf } from '../doc/made-mark.js';

/**
 * Whether `structs` (a decoded update's, in any order) hold a making of `doc`'s id other than
 * `doc`'s own: a first write of `meta.made` that `doc` lacks (other than the load mark of `doc`'s
 * own making, which a copy made before it lacks), or, when `doc` holds a mark, a first write of
 * `meta.kind` that `doc` lacks. A `doc` with no kind (nothing made yet) has no making to
 * tell apart: false. Looks at each struct once, allocating nothing; the cost is
 * the update's, not the doc's.
 *
 * @param doc the document as the server holds it
 * @param structs the update's structs, decoded (`decodeWholeUpdate`)
 */
export function ofOtherMaking(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): boolean {
  let marked: boolean | undefined;
  for (const s of structs) {
    if (!(s instanceof Y.Item) || (s.parent as unknown) !== META_ROOT || s.origin !== null || s.rightOrigin !== null) continue;
    const key = s.parentSub;
    if (key !== 'kind' && key !== MADE_FIELD) continue;
    // The document's own making, sent again: known.
    if (s.id.clock < Y.getState(doc.store, s.id.client)) continue;
    const meta = doc.getMap<unknown>(META_ROOT)._map;
    // Nothing made here yet: no making to tell apart (the walk refuses a client's mark as such).
    if (!meta.has('kind')) return false;
    // A mark this document lacks is another making's, unless it is the mark the server writes
    // when it loads a document made before marks (`made-mark.ts`), drawn from this making.
    if (key === MADE_FIELD) {
      if (isLoadMarkOf(doc, s)) continue;
      return true;
    }
    marked ??= meta.has(MADE_FIELD);
    if (marked) return true;
  }
  return false;
}
