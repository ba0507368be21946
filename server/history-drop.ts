/**
 * `samplan history drop`: a document's history replaced by its live state as the only snapshot, so
 * that text typed and deleted again (kept by its updates, older snapshots and checkpoints) is gone
 * from storage. The live state is built as a room builds it from storage (`load-doc.ts`: the
 * snapshot and tail applied in one transaction, row maps that take-backs name kept), encoded as a
 * Yjs V2 update with deleted content collected (its items keep their ids, so clients holding the
 * old history find every item they know and bring nothing back), and checked before anything is
 * written: every live text by the guard (`refusedTextsOf`, as `samplan migrate` does) and every
 * text the new snapshot and fresh state encode, each read alone as the history scan reads them
 * (`history-texts.ts`: deleted content Yjs has not collected, updates it holds pending). The store writes it in one
 * transaction, with the fresh clients' bytes of the same state (`encodeFresh`: `putFresh` never
 * pairs bytes made before the drop with it), while the document's last sequence number is still the one read
 * (`DocumentStore.replaceHistory`); an append meanwhile (a server serving the document) makes
 * the drop read again, up to {@link ATTEMPTS} times. The take-backs the history scan flags (read as the scan reads them) go;
 * the others stay (they hold item ids, no text, and an owner's offline edit still needs them).
 *
 * Edits that lost to a stored take-back and that a server's next load of the document writes
 * again (`take-back-lookback.ts`) would be collected by the drop: the drop makes those writes
 * itself, the ones that load would make and no other (`authorsMayWrite`, as a room asks, with the
 * document's record, members and round locks as stored now), as the server's own write in the new
 * snapshot, so nothing a load would keep is lost and no server need open the document first. A
 * document with no record is opened by no server; its writes are asked only what needs no record
 * (the author is still a member), and the result says so (`record: false`).
 */
import * as Y from 'yjs';
import type { Localized } from '../shared/schema/types.js';
import { scanDocHistory } from './history-scan.js';
import { readFresh, readTakeBack, readYjs } from './history-texts.js';
import { refusedTextsOf } from './migrate-doc-texts.js';
import type { DocRecord, DocRef, Storage } from './storage/storage.js';
import { syncAuthFor } from './http/sync-auth.js';
import { silentLogger } from './logger.js';
import { roundLocks } from './rounds/round-locks.js';
import { RoundsStore } from './rounds/rounds-store.js';
import { encodeFresh } from './sync/fresh-state.js';
import { applyStoredState } from './sync/load-doc.js';
import { writeAgain } from './sync/take-back-lookback.js';
import { authorsMayWrite, type OwedFilter } from './sync/take-back-rights.js';
import { numberText } from '../shared/i18n/number-words.js';

/** Reads and writes tried before giving up on a document a server keeps appending to. */
export const ATTEMPTS = 5;

/** What a drop did, or would do (`dryRun`). */
export type DropResult =
  | {
      kind: 'dropped' | 'would-drop';
      ref: DocRef;
      /** The last sequence number: the snapshot's, the next append's is one more. */
      seq: number;
      /** The places of the history scan that held a personnummer before (`history-scan.ts`). */
      flagged: string[];
      /** What went: update rows, checkpoints, take-backs (flagged ones), old snapshot (0 or 1). */
      removed: { updates: number; checkpoints: number; takeBacks: number; snapshot: number };
      /** Values that lost to a taken-back change written again into the snapshot, as a server's load would (see the module comment). */
      rewritten: number;
      /** Whether the document has a record: without one, the writes were asked only whether their authors are still members. */
      record: boolean;
      /**
       * The document had rows under no head (PostgreSQL): the drop's load wrote one from them first
       * (`StoredDoc.headRebuilt`, its words), so its whole stored state was kept as any load keeps it; a dry run writes that head too.
       */
      headRebuilt?: string;
    }
  /** The live state itself holds refused text at `places` (paths such as `rows/<id>/title`): nothing written. */
  | { kind: 'refused'; ref: DocRef; places: string[] }
  /** Nothing is stored of the document's history (never edited, or no such document): nothing to drop. */
  | { kind: 'nothing'; ref: DocRef }
  /**
   * The document's updates had no last sequence number (`HeldHistory.unnumbered`): `updates` rows
   * deleted (`DocumentStore.dropUnnumberedUpdates`), or that would be with `dryRun`; `flagged` as above.
   */
  | { kind: 'unnumbered'; ref: DocRef; dryRun: boolean; updates: number; flagged: string[] };

/** The document cannot be dropped for a reason not its text: a damaged history, a store without the method, a writer that does not stop. */
export class HistoryDropError extends Error {
  override name = 'HistoryDropError';
  /** The sentence in both languages; `message` is its English. */
  readonly words: Localized;

  constructor(words: Localized) {
    super(words.en);
    this.words = words;
  }
}

/**
 * Replace `ref`'s history by its checked live state (see the module comment); with `dryRun` only
 * read and tell what would go. Resolves with a {@link DropResult} (`nothing` for a document of
 * which nothing is stored; `unnumbered` for one whose updates have no last sequence number, which
 * are deleted as they are, where the store can: `dropUnnumberedUpdates`); rejects with a
 * {@link HistoryDropError} for one whose other stored rows have no last sequence number (no server
 * writes them so), or a store without `replaceHistory`, or after {@link ATTEMPTS} reads each overtaken by an append; with what the
 * store or Yjs throws otherwise (nothing is written then).
 */
export async function dropHistory(storage: Storage, ref: DocRef, opts: { dryRun?: boolean } = {}): Promise<DropResult> {
  const replace = storage.replaceHistory?.bind(storage);
  if (!replace) throw new HistoryDropError({ sv: 'Den här databasen kan inte ersätta ett dokuments historik.', en: "This store cannot replace a document's history." });
  const docRecord = await storage.getDocRecord(ref);
  const record = docRecord !== null;
  const allowed = loadWouldWrite(storage, ref, docRecord);
  let headRebuilt: string | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await storage.loadDoc(ref);
    headRebuilt = stored.headRebuilt ?? headRebuilt;
    if (stored.lastSeq === 0) {
      const none = stored.updates.length === 0 && stored.snapshot === null && (stored.takeBacks ?? []).length === 0 && (await storage.listCheckpoints(ref)).length === 0;
      if (none) return { kind: 'nothing', ref };
      // Updates no head counts: no server can add to them, and no live state is built on them; deleted as they are.
      const unnumbered = (await storage.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).length;
      if (unnumbered > 0 && storage.dropUnnumberedUpdates) {
        const flagged = await scanDocHistory(storage, ref);
        if (opts.dryRun) return { kind: 'unnumbered', ref, dryRun: true, updates: unnumbered, flagged };
        const dropped = await storage.dropUnnumberedUpdates(ref);
        // None: a head was written meanwhile (a server appended); read again.
        if (dropped > 0) return { kind: 'unnumbered', ref, dryRun: false, updates: dropped, flagged };
        continue;
      }
      throw new HistoryDropError({
        sv: `${ref.workspace}/${ref.doc} har sparad historik utan ett sista sekvensnummer (bara tillbakatagningar eller kontrollpunkter, eller uppdateringar utan sin sekvensräknare) som den här databasen inte återskapar något ur, vilket ingen Samplan-server skriver; inget togs bort. Återställ databasen från en säkerhetskopia (en fil som samplan backup gjort).`,
        en: `${ref.workspace}/${ref.doc} holds stored history without a last sequence number (take-backs or checkpoints alone, or updates without their head) that this store does not rebuild one from, which no Samplan server writes; nothing was dropped. Restore the database from a backup (a file samplan backup made).`,
      });
    }
    const takeBacks = stored.takeBacks ?? [];
    const applied = applyStoredState(ref, stored);
    const doc = applied.doc;
    try {
      const owed = applied.owed.length > 0 ? await allowed(doc, applied.owed, stored.lastSeq - stored.updates.length) : [];
      const rewritten = writeAgain(doc, owed) === null ? 0 : owed.length;
      const refused = refusedTextsOf(doc).map(([path, reason]) => `${path} (${reason})`);
      const snapshot = Y.encodeStateAsUpdateV2(doc);
      const fresh = encodeFresh(doc);
      if (refused.length === 0 && (readYjs(snapshot, true).holders.length > 0 || readFresh(fresh).holders.length > 0)) {
        // Yjs keeps updates that build on changes it does not hold as they came, and encodes them with the state.
        const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
        refused.push(pending ? 'stored updates that build on changes the store does not hold (kept as they came, a personnummer in them)' : 'the live state\'s encoding (a personnummer outside any text the guard reads)');
      }
      if (refused.length > 0) return { kind: 'refused', ref, places: refused };
      const flagged = await scanDocHistory(storage, ref);
      const dropTakeBacks = takeBacks.filter((t) => readTakeBack(t).holders.length > 0);
      const removed = {
        updates: (await storage.listUpdates(ref, 0, Number.MAX_SAFE_INTEGER)).length,
        checkpoints: (await storage.listCheckpoints(ref)).length,
        takeBacks: dropTakeBacks.length,
        snapshot: stored.snapshot ? 1 : 0,
      };
      const done = { ref, seq: stored.lastSeq, flagged, removed, rewritten, record, ...(headRebuilt ? { headRebuilt } : {}) };
      if (opts.dryRun) return { kind: 'would-drop', ...done };
      if (await replace(ref, snapshot, stored.lastSeq, dropTakeBacks, fresh)) return { kind: 'dropped', ...done };
    } finally {
      doc.destroy();
    }
  }
  throw new HistoryDropError({
    sv: `${ref.workspace}/${ref.doc} skrevs till ${numberText(ATTEMPTS, 'sv')} gånger medan dess historik lästes; inget togs bort. Försök igen när det är lugnare.`,
    en: `${ref.workspace}/${ref.doc} was written to ${numberText(ATTEMPTS, 'en')} times while its history was read; nothing was dropped. Try again when it is quieter.`,
  });
}

/**
 * Which owed writes a server's load of `ref` would make: `authorsMayWrite` with the document's
 * record, members and round locks as stored now; for a document with no record, those of authors
 * who are still members (or the server's own), the rest needing a record to be asked.
 */
function loadWouldWrite(storage: Storage, ref: DocRef, record: DocRecord | null): OwedFilter {
  const clock = (): Date => new Date();
  return authorsMayWrite(ref, () => record, { storage, records: storage, auth: syncAuthFor(storage, clock), locks: roundLocks(new RoundsStore(storage)), logger: silentLogger() });
}
