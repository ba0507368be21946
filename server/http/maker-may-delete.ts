/**
 * Who may delete a document besides an admin: the member who made it, while it is still only its
 * making. Adopting a sheet (`addin/taskpane/adopt-flow.ts`) makes the document first and writes the
 * rows only once Excel has taken the table; when Excel fails before that, the pane takes back what
 * it made, and an editor or coordinator is no admin. A document anyone has written to since (its
 * maker included) is theirs to keep: only an admin deletes it.
 */
import type { Principal } from '../auth/principal.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import { can } from './access.js';
import { AppError } from './errors.js';

/** The audit `detail` of a deletion by the maker of an untouched document. */
export const UNTOUCHED_BY_MAKER = 'untouched-by-maker';

/**
 * True when the stored document `ref` is its making alone, by `memberId`: one kept update, the
 * first, written by that member (the `create` route stores the making as update 1 under the
 * member who asked). False when anything was appended since, or the making is no longer kept.
 */
export async function untouchedMaking(storage: Storage, ref: DocRef, memberId: string): Promise<boolean> {
  const kept = await storage.listUpdates(ref, 0, 2);
  return kept.length === 1 && kept[0]?.seq === 1 && kept[0].memberId === memberId;
}

/**
 * Lets `p` delete `record` or throws: an admin always (the caller's other checks aside); anyone
 * else only when they may still make such a document (`create`) and it is their untouched making
 * (403 `not-untouched-maker` in words otherwise). Resolves with the audit detail the deletion
 * carries: {@link UNTOUCHED_BY_MAKER} for a maker's, null for an admin's.
 */
export async function assertMayDelete(storage: Storage, p: Principal, record: DocRecord): Promise<string | null> {
  const ref = { workspace: record.workspace, doc: record.doc };
  if (can(p, 'admin', { workspace: ref.workspace })) return null;
  const mayMake = can(p, 'create', { workspace: ref.workspace, doc: { kind: record.kind, ownerUnit: record.ownerUnit } });
  if (mayMake && (await untouchedMaking(storage, ref, p.memberId))) return UNTOUCHED_BY_MAKER;
  throw new AppError(403, 'not-untouched-maker', {
    sv: 'Bara en administratör kan ta bort det här dokumentet. Den som gjort ett dokument kan ta bort det bara så länge ingen har skrivit i det.',
    en: 'Only an admin can delete this document. Whoever made a document can delete it only while no one has written in it.',
  });
}
