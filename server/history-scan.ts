/**
 * A document's history read for personnummer: everything the server keeps of it besides its live
 * state, where text typed and deleted again stays (`samplan history scan`, and `samplan migrate`
 * before it copies `update_log` byte for byte). Each stored part is decoded as what it is and each
 * text in it read alone by the guard (`history-texts.ts`): every kept update (`update <seq>`, V1,
 * or V2 when it reads only so), the snapshot (`snapshot`, V2) and the fresh clients' state stored
 * with it (`snapshot fresh state`: its kind, title and update), every checkpoint (`checkpoint
 * <seq>`) and every take-back (`take-back <n>`, the n-th oldest of the document: its map and key);
 * bytes that decode in no known layout are read by the raw-byte net read UTF-8 first, then as UTF-16 (`findPersonnummerUtf8First`).
 * A place is named, never the number found there. Each place is told apart by whether the live
 * state (built as a room builds it) still holds what was found there ({@link scanHeldHistory}):
 * live text is changed in the document, deleted text is dropped. On the demo corpus, history a
 * server wrote itself (690 parts: rounds with reasons, dates, an en dash and `pnr` in them,
 * renames, 480 cell edits) gave no finding, where the raw-byte net read over every part flagged
 * the rounds' en dash and a timestamp beside `pnr` (`bench/migrate-history-scan.ts`); a number
 * typed and deleted again is found.
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
import type * as Y from 'yjs';
import { refusedTextsOf } from './doc-texts.js';
import { liveIn, readFresh, readTakeBack, readYjs, type Holder, type Read } from './history-texts.js';
import { ROUNDS_DOC } from './rounds/rounds-store.js';
import type { DocRef, DocumentStore, Storage, StoredDoc } from './storage/storage.js';
import { sortedRefs } from './storage/stored-docs.js';
import { applyStoredState } from './sync/load-doc.js';
import { KeylessHistoryError } from './storage/keyless-history.js';
import type { Localized } from '../shared/schema/types.js';

/** Updates read per `listUpdates` call. */
const PAGE = 500;

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

/** One stored part and what in it holds a personnummer. */
interface HeldPart {
  place: string;
  holders: Holder[];
}

/**
 * The parts of `ref`'s stored history that hold a personnummer, in the order above, each read as
 * what it is (`history-texts.ts`); with `damaged`, the parts that do not decode whole put there.
 */
async function heldParts(store: DocumentStore, ref: DocRef, damaged?: UndecodablePart[]): Promise<{ parts: HeldPart[]; stored: StoredDoc; updates: number }> {
  const parts: HeldPart[] = [];
  let updates = 0;
  const note = (place: string, read: Read): void => {
    if (read.holders.length > 0) parts.push({ place, holders: read.holders });
  };
  const decodes = (bytes: Uint8Array, read: Read, v2: boolean, place: DamagedPlace, at: string | null): void => {
    const fault = damaged && !read.whole ? undecodable(bytes, v2) : null;
    if (fault !== null) damaged?.push({ place, at, ...fault });
  };
  for (let after = 0; ; ) {
    const page = await store.listUpdates(ref, after, PAGE);
    updates += page.length;
    for (const u of page) {
      const read = readYjs(u.update, false);
      note(`update ${u.seq}`, read);
      decodes(u.update, read, false, { kind: 'update', seq: u.seq }, u.at);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)?.seq ?? after;
  }
  const stored = await store.loadDoc(ref);
  if (stored.snapshot) {
    const read = readYjs(stored.snapshot, true);
    note('snapshot', read);
    decodes(stored.snapshot, read, true, { kind: 'snapshot' }, null);
  }
  if (stored.fresh) note('snapshot fresh state', readFresh(stored.fresh));
  for (const { seq, at } of await store.listCheckpoints(ref)) {
    const state = await store.getCheckpoint(ref, seq);
    if (!state) continue;
    const read = readYjs(state, true);
    note(`checkpoint ${seq}`, read);
    decodes(state, read, true, { kind: 'checkpoint', seq }, at);
  }
  (stored.takeBacks ?? []).forEach((t, i) => note(`take-back ${i + 1}`, readTakeBack(t)));
  return { parts, stored, updates };
}

/**
 * The places of `ref`'s stored history that hold a personnummer, in the order above (updates by
 * sequence number); empty when none does. With `damaged`, each update, the snapshot and each
 * checkpoint that does not decode, or decodes with bytes left over, is also put there
 * ({@link UndecodablePart}), in the same order.
 * Reads only; rejects with what the store throws.
 */
export async function scanDocHistory(store: DocumentStore, ref: DocRef, damaged?: UndecodablePart[]): Promise<string[]> {
  return (await heldParts(store, ref, damaged)).parts.map((p) => p.place);
}

/** Where a document's stored history holds a personnummer, told apart by whether its live state still holds it. */
export interface HeldHistory {
  /** Every place, as {@link scanDocHistory} gives them. */
  places: string[];
  /** The places holding text the live state no longer holds (deleted, or overwritten): what `samplan history drop` removes. */
  deleted: string[];
  /** The places whose every text found is still in the live state: stored copies of live text, which a drop keeps. */
  live: string[];
  /** Where the live state holds one, as paths (`rows/<id>/<column>`, `closures/<round>/reason`; an identity number in a path element masked). */
  livePaths: string[];
  /**
   * The document has updates but no last sequence number (PostgreSQL: no row of `doc_heads`; left
   * by a crash between writes, or by a hand or an older Samplan): no server can store an edit of
   * it while they stay, and every place counts as `deleted`, `samplan history drop` deleting the
   * updates (`DocumentStore.dropUnnumberedUpdates`).
   */
  unnumbered: boolean;
  /** The document's rows stood under no head and the scan's load wrote one from them (`StoredDoc.headRebuilt`, its words). */
  headRebuilt?: string;
}

/**
 * {@link scanDocHistory}, each place told apart by whether the document's live state (built as a
 * room builds it, `applyStoredState`) still holds what was found there. A place holding both is
 * deleted text (a drop removes it). When the live state cannot be built (a damaged history), or the
 * updates have no last sequence number (`unnumbered`), every place counts as deleted. Reads only,
 * but for the head a load rebuilds (`headRebuilt`, PostgreSQL); rejects with what the store throws.
 */
export async function scanHeldHistory(store: DocumentStore, ref: DocRef, damaged?: UndecodablePart[]): Promise<HeldHistory> {
  const { parts, stored, updates } = await heldParts(store, ref, damaged);
  const unnumbered = stored.lastSeq === 0 && updates > 0;
  const held: HeldHistory = { places: parts.map((p) => p.place), deleted: [], live: [], livePaths: [], unnumbered, ...(stored.headRebuilt ? { headRebuilt: stored.headRebuilt } : {}) };
  if (parts.length === 0) return held;
  if (unnumbered) return { ...held, deleted: held.places };
  let doc: Y.Doc | null = null;
  try {
    doc = applyStoredState(ref, stored).doc;
  } catch {
    doc = null;
  }
  try {
    const live = doc === null ? () => false : liveIn(doc);
    for (const part of parts) (part.holders.every(live) ? held.live : held.deleted).push(part.place);
    if (doc !== null && held.live.length > 0) held.livePaths = refusedTextsOf(doc).filter(([, why]) => why === 'a personnummer').map(([path]) => path);
  } finally {
    doc?.destroy();
  }
  return held;
}

/**
 * The documents whose history `samplan history scan` reads, by workspace then id: every document
 * the store holds anything of (`listStoredDocs`: by its record, archived ones too, or by rows under
 * its id in any table, a document deleted or with no record too), and each workspace's rounds
 * (`~rounds`, kept under no record), of `workspace` alone when given. Reads only.
 */
export async function documentsOf(storage: Storage, workspace?: string): Promise<DocRef[]> {
  const workspaces = workspace === undefined ? (await storage.listWorkspaces()).map((w) => w.id) : [workspace];
  const refs = new Map<string, DocRef>();
  for (const ref of [...(await storage.listStoredDocs(workspace)), ...workspaces.map((ws) => ({ workspace: ws, doc: ROUNDS_DOC }))]) {
    refs.set(JSON.stringify([ref.workspace, ref.doc]), ref);
  }
  return sortedRefs([...refs.values()]);
}

/** One document whose history holds a personnummer (`places`, deleted or live: {@link HeldHistory}), has parts that do not decode (`damaged`), whose head the scan rebuilt (`headRebuilt`), or that could not be read (`unread`). */
export interface HistoryFinding extends HeldHistory {
  ref: DocRef;
  /** Why the document could not be read (`KeylessHistoryError`'s words): nothing of it was scanned but the updates found by its name. */
  unread?: Localized;
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
    let held: HeldHistory;
    try {
      held = await scanHeldHistory(store, ref, damaged);
    } catch (err) {
      // Its load refused: rows no document has may be its history (`keyless-history.ts`); said, not scanned.
      if (!(err instanceof KeylessHistoryError)) throw err;
      found.push({ ref, places: [], deleted: [], live: [], livePaths: [], unnumbered: false, damaged, unread: err.localized });
      continue;
    }
    if (held.places.length > 0 || damaged.length > 0 || held.headRebuilt) found.push({ ref, ...held, damaged });
    if ((i + 1) % 50 === 0 || i + 1 === refs.length) progress(`scanned the history of ${i + 1}/${refs.length} documents`);
  }
  return found;
}
