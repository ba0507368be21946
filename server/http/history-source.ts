/**
 * A document's history as storage keeps it (see `storage/retention.ts`): checkpoints standing for
 * the changes older than the retention window, then every kept change. The first kept change
 * builds on the newest of those checkpoints (the base), or on an empty document when nothing was
 * pruned.
 *
 * A kept change or a checkpoint whose stored bytes do not decode is, when the reader asks
 * (`walkHistory`'s `onDamaged`), passed over and named ({@link DamagedChange}: which change or
 * checkpoint, when, by whom, in words, and in the log), so the history's list is still shown: the
 * changes kept after a damaged checkpoint are each read as stored, on what could be read before
 * it; a version to view or restore is never built past one (`versions/:seq` and `later` answer 500
 * `document-damaged` naming it).
 */
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { damagedChangeWords, damagedCheckpointWords } from '../../shared/protocol/damaged-history.js';
import type { Localized } from '../../shared/schema/types.js';
import type { CheckpointRecord, DocRef, Storage, UpdateRecord } from '../storage/storage.js';
import { updatesUpTo } from './doc-access.js';
import { DamagedHistoryError, readingStored } from '../sync/stored-history.js';

/** One version: a kept change, or a checkpoint (state after `seq`, author unknown). */
export type Version = { kind: 'change'; record: UpdateRecord } | { kind: 'checkpoint'; record: CheckpointRecord };

/** The versions of a document, oldest first; the base is the last checkpoint among them. */
export interface History {
  versions: Version[];
  /** Index in `versions` of the base checkpoint, or -1 when the kept changes start at update 1. */
  baseIndex: number;
}

/** Read the versions of a document up to `uptoSeq` (inclusive). */
export async function historyOf(storage: Storage, ref: DocRef, uptoSeq = Number.MAX_SAFE_INTEGER): Promise<History> {
  const [updates, checkpoints] = await Promise.all([updatesUpTo(storage, ref, uptoSeq), storage.listCheckpoints(ref)]);
  const first = updates[0]?.seq;
  // Without kept changes, every checkpoint stands for pruned ones; otherwise those up to the base.
  const older = checkpoints.filter((c) => c.seq <= uptoSeq && (first === undefined || c.seq < first));
  return {
    versions: [
      ...older.map((record): Version => ({ kind: 'checkpoint', record })),
      ...updates.map((record): Version => ({ kind: 'change', record })),
    ],
    baseIndex: older.length - 1,
  };
}

/**
 * The state of a checkpoint as a fresh doc (empty when it is gone).
 *
 * @throws DamagedHistoryError naming the checkpoint when its stored bytes do not decode
 */
export async function checkpointDoc(storage: Storage, ref: DocRef, seq: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await storage.getCheckpoint(ref, seq);
  try {
    if (state) readingStored(ref, { kind: 'checkpoint', seq }, () => Y.applyUpdateV2(doc, state));
  } catch (err) {
    doc.destroy();
    throw err;
  }
  return doc;
}

/**
 * A kept change, or a checkpoint (`checkpoint: true`, no author), whose stored bytes do not
 * decode, as the history answers name it (`damaged`).
 */
export interface DamagedChange {
  seq: number;
  /** ISO time it was stored (a checkpoint: the time of its last change). */
  at: string;
  memberId: string | null;
  memberName: string | null;
  checkpoint?: true;
  message: Localized;
}

/**
 * A `walkHistory` `onDamaged` over `history` that puts each damaged change or checkpoint into
 * `into`, a change's author named by `names` (member id → name), a checkpoint's words saying what
 * the version after it shows, and logs it (code `document-damaged`, the document,
 * the place, the time and what Yjs said; never its bytes).
 */
export function keepDamaged(into: DamagedChange[], names: ReadonlyMap<string, string>, logger: Logger, history: History): (version: Version, err: DamagedHistoryError) => void {
  return (version, err) => {
    const { seq, at } = version.record;
    logger.warn({ code: err.code, ref: err.ref, place: err.place, seq, at, said: err.said }, `a stored ${version.kind} of the history does not decode; the history is shown without it`);
    if (version.kind === 'checkpoint') {
      // A checkpoint before the base is followed by another, read whole and shown against the
      // version before this one: the words say that one holds this one's changes too.
      const following = history.versions[history.versions.indexOf(version) + 1];
      const next = following?.kind === 'checkpoint' ? following.record.seq : undefined;
      into.push({ seq, at, memberId: null, memberName: null, checkpoint: true, message: damagedCheckpointWords(seq, next) });
      return;
    }
    const { memberId } = version.record;
    into.push({ seq, at, memberId, memberName: memberId ? (names.get(memberId) ?? null) : null, message: damagedChangeWords(seq) });
  };
}

/**
 * Walk `history` from the oldest version, calling `visit` with the doc as it is after each version
 * from index `from - 1` on (read it at once; it changes). Checkpoints are loaded only where
 * needed: those visited and the base the kept changes replay on. A kept change or a loaded
 * checkpoint that does not decode throws its `DamagedHistoryError`, unless `onDamaged` is given:
 * then it is told, and the walk goes on without it (its version visited as the one before it; the
 * changes after a damaged checkpoint replay on the doc as it was, so those that build on what only
 * the checkpoint held are read as stored and show what of them Yjs can place).
 */
export async function walkHistory(
  storage: Storage,
  ref: DocRef,
  history: History,
  from: number,
  visit: (index: number, version: Version, doc: Y.Doc) => void,
  onDamaged?: (version: Version, err: DamagedHistoryError) => void,
): Promise<void> {
  let doc = new Y.Doc();
  /** Told of `err`, or `err` thrown when no one asked to be told or it is no damage. */
  const damaged = (version: Version, err: unknown): void => {
    if (!onDamaged || !(err instanceof DamagedHistoryError)) throw err;
    onDamaged(version, err);
  };
  try {
    for (const [i, version] of history.versions.entries()) {
      if (version.kind === 'checkpoint') {
        if (i < from - 1 && i !== history.baseIndex) continue;
        try {
          const next = await checkpointDoc(storage, ref, version.record.seq);
          doc.destroy();
          doc = next;
        } catch (err) {
          damaged(version, err);
        }
      } else {
        const { seq, update } = version.record;
        try {
          readingStored(ref, { kind: 'update', seq }, () => Y.applyUpdate(doc, update));
        } catch (err) {
          damaged(version, err);
        }
      }
      if (i >= from - 1) visit(i, version, doc);
    }
  } finally {
    doc.destroy();
  }
}
