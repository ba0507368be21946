import * as Y from 'yjs';
import { DOC_KINDS, type DocKind } from '../schema/types.js';
import { LOCAL_ORIGIN } from './origin.js';

/** Name of the root `Y.Map` holding the document's metadata. */
export const META_ROOT = 'meta';
/** Name of the root `Y.Map` holding the rows (row id → row `Y.Map`). */
export const ROWS_ROOT = 'rows';
/** Cell key inside each row map that holds the row's fractional-index position. */
export const POS_KEY = '_pos';

/** What `meta` holds. */
export interface DocMeta {
  kind: DocKind;
  schemaVersion: number;
  title: string;
  /** Unit code of the unit that owns the document (a clinic, a län group). */
  ownerUnit: string;
}

/** The fields of {@link DocMeta} besides the kind, given when a document is created. */
export type DocMetaInit = Omit<DocMeta, 'kind'>;

/**
 * `doc.getMap(name)`: the root `Y.Map` named `name`, made (or a placeholder root typed) when
 * needed, and throwing as Yjs does when the root is of another type. When the root already is a
 * `Y.Map` it is read straight from `doc.share`: Yjs' `Doc.get` makes a closure per call (for
 * `setIfUndefined`), and the update check asks for three roots per edit.
 */
export function rootMap<T>(doc: Y.Doc, name: string): Y.Map<T> {
  const held = doc.share.get(name);
  return held !== undefined && held.constructor === Y.Map ? (held as Y.Map<T>) : doc.getMap<T>(name);
}

/** The `meta` root map of a doc. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return rootMap<unknown>(doc, META_ROOT);
}

/**
 * The `meta` key the server writes once when it makes a document (`POST …/documents`, a copy to a
 * new year, the demo seed): a document holding it takes no other making of its id, so a copy of
 * an earlier document of the same id is told apart (`shared/validate/other-making.ts`). Clients
 * never write it (`checkUpdate` refuses it); every copy of the document holds it.
 */
export const MADE_FIELD = 'made';

/** Marks `doc`, just made with {@link createDoc}, as made by the server (`meta.made` = 1). */
export function markMade(doc: Y.Doc): void {
  metaMap(doc).set(MADE_FIELD, 1);
}

/** The `rows` root map of a doc. Outside `shared/doc/`, use the row functions instead. */
export function rowsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return rootMap<Y.Map<unknown>>(doc, ROWS_ROOT);
}

/**
 * A new, empty document of `kind`.
 *
 * @example
 * const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
 */
export function createDoc(kind: DocKind, init: DocMetaInit): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('kind', kind);
    meta.set('schemaVersion', init.schemaVersion);
    meta.set('title', init.title);
    meta.set('ownerUnit', init.ownerUnit);
    rowsMap(doc);
  }, LOCAL_ORIGIN);
  return doc;
}

/** The document's metadata, or null when `meta` does not (yet) hold a known kind. */
export function metaOf(doc: Y.Doc): DocMeta | null {
  const meta = metaMap(doc);
  const kind: unknown = meta.get('kind');
  if (typeof kind !== 'string' || !(DOC_KINDS as readonly string[]).includes(kind)) return null;
  const schemaVersion: unknown = meta.get('schemaVersion');
  const title: unknown = meta.get('title');
  const ownerUnit: unknown = meta.get('ownerUnit');
  return {
    kind: kind as DocKind,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
    title: typeof title === 'string' ? title : '',
    ownerUnit: typeof ownerUnit === 'string' ? ownerUnit : '',
  };
}

/** Writes the given metadata fields, only those whose value changes, in one transaction. */
export function setMeta(doc: Y.Doc, patch: Partial<DocMeta>): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && meta.get(key) !== value) meta.set(key, value);
    }
  }, LOCAL_ORIGIN);
}

/**
 * Calls `cb` with the new title whenever a transaction changes the document's title (a rename,
 * here or arriving from the server). Returns a function that stops observing.
 */
export function observeTitle(doc: Y.Doc, cb: (title: string) => void): () => void {
  const meta = metaMap(doc);
  const handler = (event: Y.YMapEvent<unknown>): void => {
    const title = meta.get('title');
    if (event.keysChanged.has('title') && typeof title === 'string') cb(title);
  };
  meta.observe(handler);
  return () => meta.unobserve(handler);
}
