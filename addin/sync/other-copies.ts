/**
 * Offline copies of a document on this computer that are not the signed-in member's own
 * (`offline-copy.ts`): another member's, and one of the old format with no owner
 * (`unownedCopyName`). None is ever opened as the member's own, since its unsent edits would go
 * out under the wrong account; but the person is told when such a copy holds edits the server does
 * not have, and the copy with no owner (whose edits cannot be shown to be anyone's: Yjs records
 * no account) is offered to the person who opens the document, who may take its edits as theirs.
 */
import * as Y from 'yjs';
import { offlineCopyName, unownedCopyName } from './offline-copy.js';
import { openOfflineStore } from './offline-store.js';

/** Which document, and whose copy is the person's own. */
export interface CopyPlace {
  workspace: string;
  docId: string;
  member: string;
}

/** What other copies of a document hold that the server does not have. */
export interface OtherCopies {
  /** Another member's copy holds unsent edits (kept for them, never sent here). */
  otherAccount: boolean;
  /** The edits the copy with no owner holds that the server does not have (an update), or null. */
  unowned: Uint8Array | null;
}

/** Origin of the transaction that takes the edits of the copy with no owner into the document. */
export const TAKEN_FROM_UNOWNED = Symbol('samplan:taken-from-unowned-copy');

/** The names of the copies of `place`'s document kept on this computer besides the member's own. */
async function otherNames(factory: IDBFactory, place: CopyPlace): Promise<{ members: string[]; unowned: string | null }> {
  const own = offlineCopyName(place);
  const old = unownedCopyName(place);
  const suffix = `:${place.workspace}:${place.docId}`;
  const names = (await factory.databases()).flatMap((d) => (d.name ? [d.name] : []));
  // The member part is encoded (no colon), so the suffix names this document alone.
  const members = names.filter((n) => n !== own && n.startsWith('samplan-member:') && n.endsWith(suffix) && !n.slice('samplan-member:'.length, -suffix.length).includes(':'));
  return { members, unowned: names.includes(old) ? old : null };
}

/**
 * The edits the copy `name` holds that `synced` (the document as the server has it, and the
 * member's own edits) lacks, as one update; null when it holds none. The copy is read into a
 * document of its own and left as it was.
 */
async function unsentIn(factory: IDBFactory, name: string, synced: Y.Doc): Promise<Uint8Array | null> {
  const copy = new Y.Doc();
  const store = openOfflineStore(factory, name, copy, {}, () => undefined);
  try {
    await store.whenLoaded;
    const diff = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(synced));
    // The diff carries every deletion the copy knows; only one the document lacks counts.
    const probe = new Y.Doc({ gc: false });
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(synced));
    const before = Y.snapshot(probe);
    Y.applyUpdate(probe, diff);
    const changed = !Y.equalSnapshots(before, Y.snapshot(probe));
    probe.destroy();
    return changed ? diff : null;
  } finally {
    await store.destroy();
    copy.destroy();
  }
}

/**
 * Looks at the other copies of `place`'s document in `factory` against `synced`, the document
 * after its first sync. A copy that cannot be read counts as holding nothing.
 */
export async function otherCopies(factory: IDBFactory, place: CopyPlace, synced: Y.Doc): Promise<OtherCopies> {
  const names = await otherNames(factory, place);
  let otherAccount = false;
  for (const name of names.members) {
    if (await unsentIn(factory, name, synced).catch(() => null)) {
      otherAccount = true;
      break;
    }
  }
  const unowned = names.unowned ? await unsentIn(factory, names.unowned, synced).catch(() => null) : null;
  return { otherAccount, unowned };
}

/**
 * The person said the edits of the copy with no owner are theirs: that copy is deleted, so it is
 * offered to no one again, and then `edits` (from {@link otherCopies}) go into `doc` as their
 * change (checked, sent and kept like any edit of theirs). Deleted first, so a rejection (the copy
 * could not be deleted) means nothing was taken and the question may honestly be asked again;
 * taken first, the edits were already sent when the person was told nothing was done. Once the
 * copy is deleted the edits are in `doc` in the same turn, as safe as an edit just typed.
 */
export async function takeUnowned(factory: IDBFactory, place: CopyPlace, doc: Y.Doc, edits: Uint8Array): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(unownedCopyName(place));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('the copy could not be deleted'));
    // Held open elsewhere (another pane): deleted once that closes it, and never read again here.
    request.onblocked = () => resolve();
  });
  Y.applyUpdate(doc, edits, TAKEN_FROM_UNOWNED);
}
