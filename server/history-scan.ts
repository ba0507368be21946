/**
 * A document's history read for personnummer as bytes: everything the server keeps of it besides
 * its live state, where text typed and deleted again stays (`samplan history scan`, and
 * `samplan migrate` before it copies `update_log` byte for byte). Each stored blob is read by the
 * raw-byte net the server runs under every update (`findPersonnummerInBytes`,
 * `shared/validate/raw-scan.ts`): every kept update (`update <seq>`), the snapshot (`snapshot`)
 * and the fresh clients' state stored with it (`snapshot fresh state`), every checkpoint
 * (`checkpoint <seq>`) and every take-back (`take-back <n>`, the n-th oldest of the document).
 * A place is named, never the number found there. On the demo corpus, history a server wrote
 * itself (712 blobs: rounds, renames, reasons with dates and numbers, 480 cell edits) gave no
 * finding (`bench/migrate-history-scan.ts`); a number typed and deleted again is found.
 *
 * `samplan history drop` (`history-drop.ts`) removes what is found.
 *
 * The scan also decodes each update, the snapshot and each checkpoint as Yjs reads them, and names
 * every one that does not decode (its sequence number and the time it was stored): its bytes are
 * still read for a personnummer, but a history with a part no reader can apply is damaged, and the
 * scan that said only "No personnummer" left that unsaid. A part that decodes with bytes left over
 * after it is damaged too, and named so (`trailing`): Yjs stops reading at the end of an update's
 * delete set and ignores what follows, so it applies such bytes without a word, but no Samplan
 * server stores them (the door refuses an update that is not exactly one, `decodeWholeUpdate`,
 * and the server's own snapshots and checkpoints are each one whole encoding): they are the start
 * of another update joined to it, or bytes written over its end.
 */
import { bytesAfterUpdate } from '../shared/validate/update-structs.js';
import type { DamagedPlace } from '../shared/protocol/damaged-history.js';
import { findPersonnummerInBytes } from '../shared/validate/raw-scan.js';
import { ROUNDS_DOC } from './rounds/rounds-store.js';
import type { DocRef, DocumentStore, Storage } from './storage/storage.js';

/** Updates read per `listUpdates` call. */
const PAGE = 500;

const holds = (bytes: Uint8Array | null | undefined): boolean => bytes != null && findPersonnummerInBytes(bytes) !== null;

/**
 * A stored part of a history that is damaged: where, when it was stored (null for the snapshot,
 * which keeps no time), and either what Yjs said decoding it (`said`) or, for a part that decodes
 * with bytes left over, how many bytes follow the whole update (`trailing`; `said` is then '').
 */
export interface UndecodablePart {
  place: DamagedPlace;
  at: string | null;
  said: string;
  trailing?: number;
}

/**
 * How `bytes` (V1 update, or V2 when `v2`) fail to be one whole update: what Yjs says decoding
 * them, or the number of bytes left over after the update it decodes; null when they are exactly one.
 */
function undecodable(bytes: Uint8Array, v2: boolean): Pick<UndecodablePart, 'said' | 'trailing'> | null {
  let trailing: number;
  try {
    trailing = bytesAfterUpdate(bytes, v2);
  } catch (err) {
    return { said: err instanceof Error ? err.message : String(err) };
  }
  return trailing > 0 ? { said: '', trailing } : null;
}

/**
 * The places of `ref`'s stored history that hold a personnummer, in the order above (updates by
 * sequence number); empty when none does. With `damaged`, each update, the snapshot and each
 * checkpoint that does not decode, or decodes with bytes left over, is also put there
 * ({@link UndecodablePart}), in the same order.
 * Reads only; rejects with what the store throws.
 */
export async function scanDocHistory(store: DocumentStore, ref: DocRef, damaged?: UndecodablePart[]): Promise<string[]> {
  const places: string[] = [];
  const decodes = (bytes: Uint8Array, v2: boolean, place: DamagedPlace, at: string | null): void => {
    const fault = damaged ? undecodable(bytes, v2) : null;
    if (fault !== null) damaged?.push({ place, at, ...fault });
  };
  for (let after = 0; ; ) {
    const page = await store.listUpdates(ref, after, PAGE);
    for (const u of page) {
      if (holds(u.update)) places.push(`update ${u.seq}`);
      decodes(u.update, false, { kind: 'update', seq: u.seq }, u.at);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)?.seq ?? after;
  }
  const stored = await store.loadDoc(ref);
  if (holds(stored.snapshot)) places.push('snapshot');
  if (stored.snapshot) decodes(stored.snapshot, true, { kind: 'snapshot' }, null);
  if (holds(stored.fresh)) places.push('snapshot fresh state');
  for (const { seq, at } of await store.listCheckpoints(ref)) {
    const state = await store.getCheckpoint(ref, seq);
    if (holds(state)) places.push(`checkpoint ${seq}`);
    if (state) decodes(state, true, { kind: 'checkpoint', seq }, at);
  }
  (stored.takeBacks ?? []).forEach((t, i) => {
    if (holds(t)) places.push(`take-back ${i + 1}`);
  });
  return places;
}

/**
 * The documents a store holds history of, by workspace then id: every document record (archived
 * ones too) and each workspace's rounds (`~rounds`, kept under no record). Reads only.
 */
export async function documentsOf(storage: Storage, workspace?: string): Promise<DocRef[]> {
  const workspaces = workspace === undefined ? (await storage.listWorkspaces()).map((w) => w.id) : [workspace];
  const refs: DocRef[] = [];
  for (const ws of workspaces) {
    const docs = new Set((await storage.listDocs(ws)).map((d) => d.doc));
    docs.add(ROUNDS_DOC);
    for (const doc of [...docs].sort()) refs.push({ workspace: ws, doc });
  }
  return refs;
}

/** One document whose history holds a personnummer (`places`) or has parts that do not decode (`damaged`), or both. */
export interface HistoryFinding {
  ref: DocRef;
  places: string[];
  damaged: UndecodablePart[];
}

/**
 * {@link scanDocHistory} of each of `refs`, in order, parts that do not decode asked for too; the
 * documents with a finding of either kind. `progress` is told `scanned <n>/<total> documents`
 * every 50 documents and at the end.
 */
export async function scanHistories(store: DocumentStore, refs: readonly DocRef[], progress: (line: string) => void = () => undefined): Promise<HistoryFinding[]> {
  const found: HistoryFinding[] = [];
  for (const [i, ref] of refs.entries()) {
    const damaged: UndecodablePart[] = [];
    const places = await scanDocHistory(store, ref, damaged);
    if (places.length > 0 || damaged.length > 0) found.push({ ref, places, damaged });
    if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(`scanned the history of ${i + 1}/${refs.length} documents`);
  }
  return found;
}
