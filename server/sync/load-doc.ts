/**
 * Reading a room's document from storage: the compacted snapshot (V2) and the updates after it
 * (V1) applied in one transaction (with stored take-backs) or an update at a time with the loop
 * given back between slices (without, `applyStoredHistorySliced`), then brought to the current schema (`migrateOnLoad`) and marked
 * when it was made before marks (`markOnLoad`), with the
 * take-backs stored with it (`take-backs.ts`), read in the same storage transaction.
 * Errors: whatever the store throws (`StorageUnavailableError` when it cannot be read).
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocRef, DocumentStore, StoredDoc } from '../storage/storage.js';
import { markOnLoad } from '../../shared/doc/made-mark.js';
import { migrateOnLoad } from './migrate-on-load.js';
import { applyStoredHistory, applyStoredHistorySliced, DamagedHistoryError } from './stored-history.js';
import { slicer } from './slices.js';
import { decodeFresh } from './fresh-state.js';
import { decodeTakeBacks } from './take-back-wire.js';
import { lostToTakeBacks, writeAgain, type LookBackWrite } from './take-back-lookback.js';
import type { OwedFilter } from './take-back-rights.js';

/** A document as read from storage, ready for a room. */
export interface Loaded {
  doc: Y.Doc;
  /**
   * How many stored updates follow the snapshot, plus one when a snapshot was stored without the
   * fresh clients' state (`StoredDoc.fresh`: written before SQLite schema 11 and its PostgreSQL
   * migration, or restored from such a copy): the room's log counts it as owing a snapshot, so the
   * compaction at unload writes that state, once per document, on its first load.
   */
  tail: number;
  lastSeq: number;
  /**
   * The snapshot is the whole stored state (no update or take-back after it) and was stored without
   * the fresh clients' state: the one owed of `tail`, which the room's close then writes alone beside
   * it (`DocumentStore.putFresh`) without encoding the snapshot again.
   */
  bare: boolean;
  /**
   * What the load wrote, to be stored: an update bringing an older document to the current
   * schema, values written again over stored take-backs (`take-back-lookback.ts`), and the mark of
   * a document made before marks (`made-mark.ts`); null when it wrote nothing.
   */
  migration: Uint8Array | null;
  /** The take-backs stored with the document (`take-back-wire.ts` bytes, oldest first), for `TakeBacks.receive`. */
  takeBacks: Uint8Array[];
}

/**
 * Inside the transaction that applies the stored state: keeps from collection each deleted row map
 * a stored take-back of a row names, as the process that took the row's delete back kept it
 * (`undo-refused.ts`), so that a cell edit of that row which comes later still finds it and is put
 * into the row's copy. Yjs collects deleted content when the transaction ends; a map the process
 * that wrote the snapshot had collected already stays lost.
 */
export function keepTakenBackRows(doc: Y.Doc, takeBacks: readonly Uint8Array[]): void {
  for (const bytes of takeBacks) {
    for (const wire of decodeTakeBacks(bytes) ?? []) {
      if (wire.kind !== 'row' || wire.old.clock >= Y.getState(doc.store, wire.old.client)) continue;
      const item = Y.getItem(doc.store, wire.old) as Y.AbstractStruct;
      if (item instanceof Y.Item && item.content instanceof Y.ContentType) item.keep = true;
    }
  }
}

/**
 * Read `ref`'s document from storage into a new Y.Doc whose guid is `workspace/doc` (a guid of our
 * own: Yjs would otherwise draw a random UUID, 31 WebCrypto calls, about a third of a small plan's
 * load, and nothing on the server reads it). Every stored take-back counts, whatever its age
 * (`TAKE_BACK_LIMIT`). Kept values that lost to one are written again when `allowed` (the rights of
 * their authors now, `authorsMayWrite` of `take-back-rights.ts`) allows them; with no `allowed`, all
 * are (for tools and tests that hold no rights). Rejects with what the store throws.
 */
export async function loadDoc(ref: DocRef, storage: DocumentStore, logger: Logger, allowed?: OwedFilter): Promise<Loaded> {
  return loadStored(ref, await storage.loadDoc(ref), logger, allowed);
}

/**
 * {@link loadDoc} of what `storage.loadDoc` gave: `stored`. Without stored take-backs the event loop
 * is given back between pieces of the build (`applySliced`): a large document loads while other
 * rooms' edits go on.
 */
export async function loadStored(ref: DocRef, stored: StoredDoc, logger: Logger, allowed?: OwedFilter): Promise<Loaded> {
  const applied = (stored.takeBacks?.length ?? 0) > 0 ? applyStored(ref, stored, logger) : await applySliced(ref, stored, logger);
  if (allowed && applied.owed.length > 0) applied.owed = await allowed(applied.doc, applied.owed, stored.lastSeq - stored.updates.length);
  return finishLoad(ref, stored, applied, logger);
}

/**
 * {@link loadDoc} of `stored` at once, for a document with no stored take-backs (nothing can be
 * owed, so no rights are asked); throws a RangeError for one with take-backs.
 */
export function loadStoredNow(ref: DocRef, stored: StoredDoc, logger: Logger): Loaded {
  if ((stored.takeBacks?.length ?? 0) > 0) throw new RangeError('a document with stored take-backs is loaded by loadStored');
  return finishLoad(ref, stored, applyStored(ref, stored, logger), logger);
}

interface Applied {
  doc: Y.Doc;
  owed: LookBackWrite[];
  /** The update `migrateOnLoad` wrote, or null. */
  migrated: Uint8Array | null;
}

/**
 * The snapshot and tail of `stored` applied to a new Y.Doc (guid `workspace/doc`) in one
 * transaction, the rows its take-backs name kept (`keepTakenBackRows`), and the values that lost
 * to a take-back and are owed again (`lostToTakeBacks`), before any rights filter; nothing
 * migrated. For a room's load and for `samplan history drop`, which must see what a load would.
 */
export function applyStoredState(ref: DocRef, stored: StoredDoc): { doc: Y.Doc; owed: LookBackWrite[] } {
  const takeBacks = stored.takeBacks ?? [];
  const doc = new Y.Doc({ guid: `${ref.workspace}/${ref.doc}` });
  let owed: LookBackWrite[] = [];
  if (stored.snapshot || stored.updates.length > 0) {
    doc.transact((tr) => {
      applyStoredHistory(doc, ref, stored);
      if (takeBacks.length === 0) return;
      keepTakenBackRows(doc, takeBacks);
      owed = lostToTakeBacks(tr, takeBacks);
    });
  }
  return { doc, owed };
}

/** The snapshot and tail of `stored` applied in one transaction, with the values owed over its take-backs, then migrated. */
function applyStored(ref: DocRef, stored: StoredDoc, logger: Logger): Applied {
  const { doc, owed } = applyStoredState(ref, stored);
  return { doc, owed, migrated: migrateOnLoad(doc, ref, logger) ?? null };
}

/**
 * {@link applyStored} of a document with no stored take-backs (nothing is kept or owed), with the
 * loop given back between pieces (`applyStoredHistorySliced`): the snapshot from the fresh
 * clients' bytes stored beside it when their checksum holds (its state as update V1, which can be
 * cut), the tail an update at a time. Should those bytes not apply, the doc is built again from
 * the snapshot itself.
 */
async function applySliced(ref: DocRef, stored: StoredDoc, logger: Logger): Promise<Applied> {
  const fresh = stored.snapshot && stored.fresh ? decodeFresh(stored.fresh) : null;
  const made = () => new Y.Doc({ guid: `${ref.workspace}/${ref.doc}` });
  let doc = made();
  try {
    await applyStoredHistorySliced(doc, ref, stored, slicer(), fresh?.checked ? fresh.update : null);
  } catch (err) {
    if (!fresh?.checked || !(err instanceof DamagedHistoryError && err.place.kind === 'snapshot')) throw err;
    logger.warn({ ...ref, lastSeq: stored.lastSeq, err }, 'the fresh clients\' bytes beside the snapshot did not apply: the document is built from the snapshot');
    doc.destroy();
    doc = made();
    await applyStoredHistorySliced(doc, ref, stored, slicer());
  }
  return { doc, owed: [], migrated: migrateOnLoad(doc, ref, logger) ?? null };
}

/** Write again what is owed and mark: the rest of a load once the stored state is applied and migrated. */
function finishLoad(ref: DocRef, stored: StoredDoc, { doc, owed, migrated }: Applied, logger: Logger): Loaded {
  const rewritten = writeAgain(doc, owed);
  if (rewritten) logger.info({ ...ref, values: owed.length }, 'values that lost to a take-back written again on load');
  // A document made before the server marked its makings is marked now, so a copy of another
  // making under its id is told apart from then on (`shared/doc/made-mark.ts`).
  const marked = markOnLoad(doc);
  if (marked) logger.info(ref, 'document made before marks marked on load');
  const written = [migrated, rewritten, marked].filter((u): u is Uint8Array => u !== null);
  const migration = written.length === 0 ? null : written.length === 1 ? (written[0] as Uint8Array) : Y.mergeUpdates(written);
  const freshOwed = stored.snapshot !== null && stored.fresh === undefined ? 1 : 0;
  const bare = freshOwed === 1 && stored.updates.length === 0 && (stored.takeBacks?.length ?? 0) === 0 && migration === null;
  return { doc, tail: stored.updates.length + freshOwed, lastSeq: stored.lastSeq, bare, migration, takeBacks: stored.takeBacks ?? [] };
}
