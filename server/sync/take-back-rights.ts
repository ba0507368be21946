/**
 * Whether the server may write again, for its author, a value that lost to a take-back and was
 * kept (`take-back-lookback.ts`, `Room.lookBackStored`): the author's rights are asked as they are
 * now, not as they were when the update was taken. The write happens after the update was stored
 * and the stored take-backs read, and meanwhile the author may have been removed, had a token
 * revoked, or moved to another unit; such an author's kept value is not written. So too when a
 * room loads the document and writes kept values again (`take-back-lookback.ts`): the author of
 * each is read from the stored update that holds it, and asked as the member is now
 * ({@link authorsMayWrite}).
 */
import * as Y from 'yjs';
import type { DocRecord, DocRef } from '../storage/storage.js';
import type { Principal } from './principal.js';
import type { RoomDeps } from './room-types.js';
import { mayWriteCell, offerRefusal } from './offer-checks.js';
import { pathOf } from './take-back-items.js';
import type { LookBackWrite } from './take-back-lookback.js';

/**
 * May `principal` (null: a trusted server-side write) write `value` to `map`'s `key` of `doc` as
 * it is now? A cell (`rows/<row>/<column>`) is asked as an offered cell edit is
 * (`mayWriteCell`: the write right, the row's unit, an archived document, an approved round's
 * lock); a whole row (`rows/<row>`) as a write of each of its cells; a setting (`meta/<key>`) as
 * an offered change of that setting. Anything else (comments) is not written for a principal: the
 * checks of those read the update itself.
 */
export function mayWriteAgain(doc: Y.Doc, record: DocRecord, deps: Pick<RoomDeps, 'auth' | 'locks'>, principal: Principal | null, map: Y.Map<unknown>, key: string, value: unknown): boolean {
  const path = pathOf(map, key);
  const [root, first, second] = path;
  if (root === 'rows' && path.length === 3 && first !== undefined && second !== undefined) return mayWriteCell(doc, record, deps, principal, first, second);
  if (root === 'rows' && path.length === 2 && first !== undefined) {
    const cells = value !== null && typeof value === 'object' && '_prelimContent' in value ? (value as { _prelimContent: Map<string, unknown> | null })._prelimContent : null;
    return [...(cells?.keys() ?? [])].every((column) => mayWriteCell(doc, record, deps, principal, first, column));
  }
  if (principal === null) return true;
  if (root === 'meta' && path.length === 2) {
    if (record.archivedAt || !deps.auth.canWrite(principal, record)) return false;
    const verdict = { ok: true as const, touchedRows: [], createdRows: [], deletedRows: [], metaKeys: [key], cells: [], comments: { created: new Map(), changed: new Map(), deleted: new Set<string>() } };
    return offerRefusal(doc, record, deps, { principal, verdict, update: new Uint8Array(0) }) === null;
  }
  return false;
}

/**
 * Whether an item id is one `update` (Yjs V1) wrote: inside its range of clocks of the item's
 * client. Throws what Yjs throws on bytes that are not an update.
 */
export function writtenBy(update: Uint8Array): (id: Y.ID) => boolean {
  const { from, to } = Y.parseUpdateMeta(update);
  return (id) => id.clock >= (from.get(id.client) ?? Infinity) && id.clock < (to.get(id.client) ?? -Infinity);
}

/**
 * Asked by a load (`loadDoc`) before it writes again `owed`, kept values of `doc` that lost to a
 * stored take-back: the writes their authors may make now. `tailFrom` is the sequence number the
 * stored tail starts after (where the sets most likely are). Rejects with what storage rejects with.
 */
export type OwedFilter = (doc: Y.Doc, owed: readonly LookBackWrite[], tailFrom: number) => Promise<LookBackWrite[]>;

/** How many stored updates a look for authors reads at a time. */
const AUTHOR_PAGE = 500;

/**
 * The {@link OwedFilter} of the document `ref` (its record as `record` gives it now): the author of
 * each owed write is the member id stored with the update that wrote its set (`listUpdates`; the
 * tail first, then older updates history still keeps); a member the workspace no longer has
 * (removed) writes nothing; one it has is asked as {@link mayWriteAgain} asks, with the role and
 * units stored now (moved to another unit: not that unit's rows); an update stored with no member
 * (the server's own write) is asked as a trusted write. A set whose update history no longer keeps
 * is not written (its author cannot be asked), and logged with its id (never a value). The
 * authors' members are read by id (`getMembers`: one row per author, however many members the
 * workspace holds). With no record (`record()` gives null: a document no server opens, written
 * again by `samplan history drop`), only what needs none is asked: the author is still a member,
 * or the write was the server's own; the unit, role, archive and round-lock rights a record
 * carries cannot be.
 */
export function authorsMayWrite(ref: DocRef, record: () => DocRecord | null, deps: Pick<RoomDeps, 'storage' | 'records' | 'auth' | 'locks' | 'logger'>): OwedFilter {
  return async (doc, owed, tailFrom) => {
    if (owed.length === 0) return [];
    const authors = await authorsOf(deps, ref, owed.map((w) => w.set), tailFrom);
    const ids = [...new Set([...authors.values()].filter((id): id is string => id !== null))];
    const members = new Map((ids.length === 0 ? [] : await deps.records.getMembers(ref.workspace, ids)).map((m) => [m.id, m]));
    const allowed: LookBackWrite[] = [];
    for (const w of owed) {
      const memberId = authors.get(`${w.set.client}.${w.set.clock}`);
      if (memberId === undefined) {
        deps.logger.warn({ ...ref, set: w.set }, 'a kept value that lost to a stored take-back was not written again on load: the update that wrote it is no longer stored, so its author cannot be asked');
        continue;
      }
      const member = memberId === null ? null : members.get(memberId);
      if (member === undefined) continue;
      const principal: Principal | null = member && { workspace: ref.workspace, memberId: member.id, name: member.name, role: member.role, units: member.units, tokenId: '' };
      const rec = record();
      if (rec === null || mayWriteAgain(doc, rec, deps, principal, w.map, w.key, w.value)) allowed.push(w);
    }
    return allowed;
  };
}

/** The member id (null: the server's own write) stored with the update that wrote each of `sets`, as `client.clock`; a set not found is absent. */
async function authorsOf(deps: Pick<RoomDeps, 'storage'>, ref: DocRef, sets: readonly Y.ID[], tailFrom: number): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  const scan = async (after: number, until: number): Promise<void> => {
    while (found.size < sets.length && after < until) {
      const page = await deps.storage.listUpdates(ref, after, AUTHOR_PAGE);
      if (page.length === 0) return;
      for (const rec of page) {
        let ours: (id: Y.ID) => boolean;
        try {
          ours = writtenBy(rec.update);
        } catch {
          continue;
        }
        for (const set of sets) if (ours(set)) found.set(`${set.client}.${set.clock}`, rec.memberId);
      }
      after = (page.at(-1) as { seq: number }).seq;
    }
  };
  await scan(Math.max(0, tailFrom), Infinity);
  await scan(0, tailFrom);
  return found;
}
