import type * as Y from 'yjs';

/**
 * The update one transaction of `edit` on `doc` emits, as a y-websocket client sends it (V1).
 * Throws when the edit changed nothing.
 */
export function emitted(doc: Y.Doc, edit: () => void): Uint8Array {
  let out: Uint8Array | null = null;
  const listen = (u: Uint8Array): void => {
    out = u;
  };
  doc.on('update', listen);
  edit();
  doc.off('update', listen);
  if (out === null) throw new Error('the edit changed nothing');
  return out;
}
