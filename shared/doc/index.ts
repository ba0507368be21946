/**
 * The Yjs document model of DESIGN.md: one `Y.Doc` per document with a `meta` map and a `rows`
 * map of row maps, ordered by a fractional-index `_pos` cell. Code outside `shared/doc/` reads
 * and writes documents only through these functions.
 */
export { createDoc, metaOf, observeTitle, setMeta, META_ROOT, ROWS_ROOT, POS_KEY, type DocMeta, type DocMetaInit } from './create.js';
export { drawnIdShape, NEW_ROW_ID_PATTERN, newRowId, randomString, ROW_ID_PATTERN } from './ids.js';
export { LOCAL_ORIGIN, REMOTE_ORIGIN } from './origin.js';
export { comparePositioned } from './order.js';
export { rowsOf, rowsOfSliced, getRow, rowCount, type Row } from './row-index.js';
export {
  insertRow,
  insertRows,
  setCell,
  setCells,
  deleteRow,
  deleteRows,
  moveRow,
  writtenOnlyHere,
  type Placement,
  type InsertOptions,
} from './rows.js';
export { observeChanges, type CellChange, type ChangeSet } from './observe.js';
export { encodeState, encodeStateVector, applyState, docFromState } from './encode.js';
