/**
 * A room's document read from storage but not built (`fresh-state.ts`): when storage kept the
 * answer for fresh clients beside the snapshot and nothing follows it, a room serves every client
 * that holds nothing (a connect storm on a restarted server: the pane's first open of the day)
 * from those stored bytes, and builds its Y.Doc from the same stored read only when something
 * needs it (`Room.doc`): an update, a client that holds part of the document, a take-back, an
 * update of another process, a snapshot (a presence naming a row is checked against the row ids
 * of the stored bytes, `Unbuilt.rows`). The bytes are the stored state
 * of `lastSeq`, the state the built doc starts from, so every update committed after an answer
 * goes to its client as to any other.
 */
import type { Logger } from 'pino';
import type { DocRef, DocumentStore, StoredDoc } from '../storage/storage.js';
import { loadStored, loadStoredNow, type Loaded } from './load-doc.js';
import { encodeFresh, rootMapKeys, rootMapValue, servableFresh, withTitle, type FreshState } from './fresh-state.js';
import { META_ROOT, ROWS_ROOT } from '../../shared/doc/create.js';
export { encodeFresh, isEmptyStateVector } from './fresh-state.js';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.js';
import type { OwedFilter } from './take-back-rights.js';
import { knownSize } from '../../shared/validate/doc-size.js';

/** A stored document a room serves fresh clients from until it builds it. */
export class Unbuilt {
  /** The server's sync step 1: the stored state vector. */
  readonly step1: Uint8Array;
  private answer: Uint8Array | null = null;
  private rowIds: ReadonlySet<string> | null = null;
  private rowsUnreadable = false;
  /** The title read from the update's structs (bytes without it), once; null while not read. */
  private readTitle: { value: unknown } | null = null;

  constructor(
    private readonly stored: StoredDoc,
    private readonly fresh: FreshState,
  ) {
    this.step1 = encodeSyncStep1(fresh.stateVector);
  }

  /** The last sequence number the stored state holds. */
  get lastSeq(): number {
    return this.stored.lastSeq;
  }

  /** No update follows the snapshot (`servableFresh`). */
  readonly tail = 0;
  /** The stored fresh bytes are served: none owed. */
  readonly bare = false;
  /** Nothing to write before serving: a load that writes something (`loadStoredNow`) writes it when built. */
  readonly migration = null;

  /** The sync step 2 answering an empty state vector: the stored V1 state, framed once. */
  step2(): Uint8Array {
    this.answer ??= encodeSyncStep2(this.fresh.update);
    return this.answer;
  }

  /**
   * The row ids the stored state holds (the keys of the built doc's rows map), read once from its
   * V1 bytes without building the doc (`rootMapKeys`): a presence naming a row id not of the pane's
   * shape is checked against them (`room-presence.ts`). Null when those bytes do not decode
   * (damaged in storage): the caller then builds the doc from the snapshot, as a room did before.
   */
  rows(): ReadonlySet<string> | null {
    if (this.rowIds === null && !this.rowsUnreadable) {
      try {
        this.rowIds = rootMapKeys(this.fresh.update, ROWS_ROOT);
      } catch {
        this.rowsUnreadable = true;
      }
    }
    return this.rowIds;
  }

  /**
   * `meta.title` of the stored state without building the doc, for the title check of a load
   * (`title-follow.ts`): as the fresh bytes carry it (format 3: '' for none), else (bytes an
   * earlier version wrote) read from their V1 update's structs (`rootMapValue`, about the cost of
   * a build), or undefined (none, or bytes that do not decode).
   */
  title(): unknown {
    if (this.fresh.title !== undefined) return this.fresh.title;
    if (this.readTitle === null) {
      let value: unknown;
      try {
        value = rootMapValue(this.fresh.update, META_ROOT, 'title');
      } catch {
        value = undefined;
      }
      this.readTitle = { value };
    }
    return this.readTitle.value;
  }

  /**
   * The stored fresh bytes framed again with the title (`withTitle`) when they were written
   * without it (formats 1 and 2, by earlier versions) and it could be read: stored in their place
   * (`readRoomDoc`), the next load reads the title from the bytes instead of the update's structs.
   * Null for bytes that carry it, or whose update does not decode.
   */
  titled(): Uint8Array | null {
    if (this.fresh.title !== undefined) return null;
    const title = this.title();
    if (title === undefined) return null;
    return withTitle(this.fresh, typeof title === 'string' ? title : '');
  }

  /**
   * The document built from the stored read (`loadStoredNow`: one apply of the snapshot, then the
   * load's checks). Its size check starts from the stored V1 state's length, the exact
   * `Y.encodeStateAsUpdate` of that state (`knownSize`), unless the load wrote something: the first
   * edit does not encode the whole document to learn it.
   */
  build(ref: DocRef, logger: Logger): Loaded {
    const loaded = loadStoredNow(ref, this.stored, logger);
    if (loaded.migration === null) knownSize(loaded.doc, this.fresh.update.byteLength);
    return loaded;
  }

  /**
   * {@link build} with the event loop given back between pieces: the doc built from the fresh
   * bytes' V1 state a piece at a time (`loadStored`, `update-pieces.ts`), the same state as the
   * snapshot's. Built whole, a large document held every other document's edits for all of it.
   */
  async buildSliced(ref: DocRef, logger: Logger): Promise<Loaded> {
    const loaded = await loadStored(ref, this.stored, logger);
    if (loaded.migration === null) knownSize(loaded.doc, this.fresh.update.byteLength);
    return loaded;
  }
}

/** By store, the stored versions (`workspace`, doc, `lastSeq`) whose damaged fresh bytes this process logged. */
const damageLogged = new WeakMap<DocumentStore, Set<string>>();
/** At most this many versions kept by store: past it the set starts again (a version may be logged twice). */
const DAMAGE_LOGGED_MAX = 1000;

/**
 * Read `ref` from `storage`: an {@link Unbuilt} when it can be served without building
 * (`servableFresh`), else the document loaded as `loadDoc` loads it. Fresh bytes that are damaged
 * (`freshDamage`) are not served: the document is built from its snapshot and log, the damage
 * logged once per stored version with the document's id and the words of what is wrong, never the
 * bytes, and the stored bytes replaced with the built state's (`compact` at the snapshot's own
 * sequence, only while the damaged bytes read are still the stored ones), so that the next load
 * serves them again instead of building. Rejects with what the store's read throws; a failed
 * repair is logged and leaves the bytes to the next load or compaction.
 */
export async function readRoomDoc(ref: DocRef, storage: DocumentStore, logger: Logger, allowed: OwedFilter): Promise<Loaded | Unbuilt> {
  const stored = await storage.loadDoc(ref);
  let damaged = false;
  const fresh = servableFresh(stored, (why) => {
    damaged = true;
    const version = `${ref.workspace}\0${ref.doc}\0${stored.lastSeq}`;
    let logged = damageLogged.get(storage);
    if (!logged) damageLogged.set(storage, (logged = new Set()));
    if (logged.has(version)) return;
    if (logged.size >= DAMAGE_LOGGED_MAX) logged.clear();
    logged.add(version);
    logger.error({ ...ref, lastSeq: stored.lastSeq, why }, 'stored fresh state damaged: not served, the document is built from its snapshot and log');
  });
  if (fresh) {
    const unbuilt = new Unbuilt(stored, fresh);
    // Bytes an earlier version wrote: the load's title check reads the title from the update's
    // structs (about the cost of a build); stored again with it, only this load pays that.
    const titled = stored.fresh ? unbuilt.titled() : null;
    if (titled && stored.fresh) {
      storage.putFresh(ref, stored.lastSeq, titled, stored.fresh).catch((err: unknown) => {
        logger.warn({ err, ...ref }, 'storing the fresh state with its title failed: the next load reads the title again');
      });
    }
    return unbuilt;
  }
  const loaded = await loadStored(ref, stored, logger, allowed);
  if (damaged) await repairFresh(ref, storage, stored, loaded, logger);
  return loaded;
}

/**
 * Replace the damaged fresh bytes `stored` gave with those of `loaded`, the document built from
 * that same read: damage is only found where the snapshot is the whole stored state (no update or
 * take-back after it), so the built doc is the snapshot's state unless the load wrote something (a
 * migration: then the next compaction writes the new state's bytes).
 */
async function repairFresh(ref: DocRef, storage: DocumentStore, stored: StoredDoc, loaded: Loaded, logger: Logger): Promise<void> {
  if (loaded.migration !== null || !stored.snapshot || !stored.fresh) return;
  try {
    await storage.compact(ref, stored.snapshot, stored.lastSeq, encodeFresh(loaded.doc), stored.fresh);
  } catch (err) {
    logger.warn({ err, ...ref, lastSeq: stored.lastSeq }, 'stored fresh state damaged: not replaced; built from the snapshot again at the next load');
  }
}
