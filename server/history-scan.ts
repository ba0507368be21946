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
 */
import { findPersonnummerInBytes } from '../shared/validate/raw-scan.js';
import { ROUNDS_DOC } from './rounds/rounds-store.js';
import type { DocRef, DocumentStore, Storage } from './storage/storage.js';

/** Updates read per `listUpdates` call. */
const PAGE = 500;

const holds = (bytes: Uint8Array | null | undefined): boolean => bytes != null && findPersonnummerInBytes(bytes) !== null;

/**
 * The places of `ref`'s stored history that hold a personnummer, in the order above (updates by
 * sequence number); empty when none does. Reads only; rejects with what the store throws.
 */
export async function scanDocHistory(store: DocumentStore, ref: DocRef): Promise<string[]> {
  const places: string[] = [];
  for (let after = 0; ; ) {
    const page = await store.listUpdates(ref, after, PAGE);
    for (const u of page) if (holds(u.update)) places.push(`update ${u.seq}`);
    if (page.length < PAGE) break;
    after = page.at(-1)?.seq ?? after;
  }
  const stored = await store.loadDoc(ref);
  if (holds(stored.snapshot)) places.push('snapshot');
  if (holds(stored.fresh)) places.push('snapshot fresh state');
  for (const { seq } of await store.listCheckpoints(ref)) if (holds(await store.getCheckpoint(ref, seq))) places.push(`checkpoint ${seq}`);
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

/** One document whose history holds a personnummer, with the places. */
export interface HistoryFinding {
  ref: DocRef;
  places: string[];
}

/**
 * {@link scanDocHistory} of each of `refs`, in order; the documents with a finding. `progress` is
 * told `scanned <n>/<total> documents` every 50 documents and at the end.
 */
export async function scanHistories(store: DocumentStore, refs: readonly DocRef[], progress: (line: string) => void = () => undefined): Promise<HistoryFinding[]> {
  const found: HistoryFinding[] = [];
  for (const [i, ref] of refs.entries()) {
    const places = await scanDocHistory(store, ref);
    if (places.length > 0) found.push({ ref, places });
    if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(`scanned the history of ${i + 1}/${refs.length} documents`);
  }
  return found;
}
