/**
 * Texts as the raw-byte net (`shared/validate/raw-scan.ts`) meets them: as the one string of an
 * encoded Yjs update, or as bytes of any encoding framed as an update frames a string. Shared by
 * the raw-net tests that hold it against the text guard.
 */
import * as Y from 'yjs';

/** One document whose updates carry the texts, each as the one string of an update (a map's value). */
const doc = new Y.Doc();

/** The update that sets `text` as a map's value, UTF-8 as Yjs writes it. */
export function asUpdate(text: string): Uint8Array {
  let update: Uint8Array = new Uint8Array();
  const keep = (u: Uint8Array): void => void (update = u);
  doc.on('update', keep);
  doc.getMap('row').set('title', text);
  doc.off('update', keep);
  return update;
}

/** `bytes` between the type byte `w`, the length and the bytes after a string, as an encoded update holds it. */
export const framed = (bytes: Uint8Array): Uint8Array => Uint8Array.from([0, 119, bytes.length & 0x7f, ...bytes, 1, 0]);
