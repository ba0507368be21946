import * as Y from 'yjs';

/**
 * The update `edit` makes to `doc`: every update the doc emits while `edit` runs, merged into one
 * (Yjs update V1), as a client would send them to the server in one frame.
 */
export function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array): number => updates.push(u);
  doc.on('update', record);
  try {
    edit();
  } finally {
    doc.off('update', record);
  }
  return Y.mergeUpdates(updates);
}
