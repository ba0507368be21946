/**
 * When each row of a document last changed, read from its kept update log: the ISO time (`at` of
 * the stored update) of the newest kept change that wrote or removed a cell of the row, created it
 * or deleted it (a move, which writes only its position, is no change to its values). Completeness uses it to tell a manager that a unit's values changed after its
 * last status change ("Senast ändrad", `shared/rounds/completeness.ts`); the round's status history
 * alone knows nothing of edits made after a submission.
 *
 * The rows an update touched are found by walking its structs and deletes up to the `rows` root
 * in the live document (which holds every struct the update wrote; `StructLookup` of the update
 * check). Comments and document meta are not row values and do not count. A change older than the
 * history retention window (`storage/retention.ts`, folded into a checkpoint) has no author time
 * left and is not counted. Results are cached per storage and document (by its creation time, so a
 * document deleted and made again starts over) and advanced by the updates stored since.
 */
import * as Y from 'yjs';
import { POS_KEY, ROWS_ROOT } from '../../shared/doc/create.js';
import { StructLookup, type DeleteSet, type Found } from '../../shared/validate/update-structs.js';
import type { DocRef, Storage, UpdateRecord } from '../storage/storage.js';

/** Row id → ISO time of its last kept change, and the last update seq read. */
interface Times {
  seq: number;
  at: Map<string, string>;
  /** Every delete of the updates read. */
  seen: DeleteSet;
}

const cache = new WeakMap<Storage, Map<string, Times>>();

const PAGE = 500;
/** A walk up from a struct to its row never needs more steps: a cell sits in a row map, a text in a cell. */
const MAX_DEPTH = 8;

/**
 * The row ids (keys of the `rows` root) that `update`, already applied to `doc`, wrote into or
 * deleted from. A delete already in `seen` (the deletes of the updates before it) is no change: an
 * update made by `Y.encodeStateAsUpdate(doc, before)`, as a REST write is, repeats every delete
 * the document ever had.
 */
export function rowsOfUpdate(doc: Y.Doc, update: Uint8Array, seen: DeleteSet = Y.createDeleteSet()): Set<string> {
  const { structs, ds } = Y.decodeUpdate(update);
  const lookup = new StructLookup(doc, structs);
  const out = new Set<string>();
  const add = (found: Found | undefined): void => {
    let item = found instanceof Y.Item ? found : null;
    // The key the walk came up through last: in a row map, the column written.
    let column: string | null = null;
    for (let depth = 0; item !== null && depth < MAX_DEPTH; depth++) {
      const p = lookup.parentOf(item);
      if (p.at === 'root') {
        // A move writes only the row's position: its values did not change.
        if (p.root === ROWS_ROOT && p.key !== null && column !== POS_KEY) out.add(p.key);
        return;
      }
      column = p.at === 'child' ? p.key : null;
      item = p.at === 'child' ? p.parent : null;
    }
  };
  for (const s of structs) if (!(s instanceof Y.Skip)) add(lookup.find(s.id) ?? s);
  for (const [client, deletes] of ds.clients) {
    for (const d of deletes) {
      for (let clock = d.clock; clock < d.clock + d.len; ) {
        const id = new Y.ID(client, clock);
        const found = lookup.find(id);
        if (found === undefined) break;
        if (!Y.isDeleted(seen, id)) add(found);
        clock = found.id.clock + found.length;
      }
    }
  }
  return out;
}

/** Whether `doc` holds every struct of `update` (false: the update is newer than this copy of the document). */
function applied(doc: Y.Doc, update: Uint8Array): boolean {
  const state = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  for (const [client, clock] of state) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

/**
 * The updates of `ref` stored after those its cached times have read, to hand to
 * {@link advanceRowTimes} with the document. `createdAt` is the document record's creation time.
 */
export async function pendingRowUpdates(storage: Storage, ref: DocRef, createdAt: string): Promise<{ key: string; updates: UpdateRecord[] }> {
  const key = `${ref.workspace}\u0000${ref.doc}\u0000${createdAt}`;
  let after = cache.get(storage)?.get(key)?.seq ?? 0;
  const updates: UpdateRecord[] = [];
  for (;;) {
    const batch = await storage.listUpdates(ref, after, PAGE);
    updates.push(...batch);
    const last = batch.at(-1);
    if (batch.length < PAGE || !last) break;
    after = last.seq;
  }
  return { key, updates };
}

/**
 * Each row's last kept change time in `doc`, after reading `pending` (from {@link pendingRowUpdates})
 * into the cache. Synchronous, so it can run inside `DocAccess.read`. An update `doc` does not hold
 * yet stops the reading; it is read next time.
 */
export function advanceRowTimes(storage: Storage, doc: Y.Doc, pending: { key: string; updates: readonly UpdateRecord[] }): ReadonlyMap<string, string> {
  let byKey = cache.get(storage);
  if (!byKey) cache.set(storage, (byKey = new Map()));
  let times = byKey.get(pending.key);
  if (!times) byKey.set(pending.key, (times = { seq: 0, at: new Map(), seen: Y.createDeleteSet() }));
  for (const rec of pending.updates) {
    if (rec.seq <= times.seq) continue;
    if (!applied(doc, rec.update)) break;
    // Updates come in log order: a later one's time replaces an earlier one's.
    for (const row of rowsOfUpdate(doc, rec.update, times.seen)) times.at.set(row, rec.at);
    times.seen = Y.mergeDeleteSets([times.seen, Y.decodeUpdate(rec.update).ds]);
    times.seq = rec.seq;
  }
  return times.at;
}
