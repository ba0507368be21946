/**
 * An edit made on a copy of a document, as a peer makes it, and the shared check's verdict on it
 * judged against the original, as the room judges an offered update (`server/sync/offer-checks.ts`).
 */
import * as Y from 'yjs';
import { checkUpdate } from '../../../shared/validate/check-update.js';

/** A verdict the shared check accepted. */
export type AcceptedVerdict = Extract<ReturnType<typeof checkUpdate>, { ok: true }>;

/**
 * The verdict of `change` made on a copy of `doc`, judged against `doc` (which is not changed).
 * @throws Error with the check's English words when the check refuses the edit
 */
export function verdictOfCopyEdit(doc: Y.Doc, change: (d: Y.Doc) => void): AcceptedVerdict {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  const verdict = checkUpdate(doc, Y.encodeStateAsUpdate(copy, before));
  if (!verdict.ok) throw new Error(verdict.message.en);
  return verdict;
}
