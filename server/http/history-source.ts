/**
 * A document's history as storage keeps it (see `storage/retention.ts`): checkpoints standing for
 * the changes older than the retention window, then every kept change. The first kept change
 * builds on the newest of those checkpoints (the base), or on an empty document when nothing was
 * pruned.
 *
 * A kept change whose stored bytes do not decode is, when the reader asks (`walkHistory`'s
 * `onDamaged`), passed over and named ({@link DamagedChange}: which change, when, by whom, in
 * words, and in the log), so the history's list is still shown; a version to view or restore is
 * never built past one (`versions/:seq` and `later` answer 500 `document-damaged` naming it).
 */
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { damagedChangeWords } from '../../shared/protocol/damaged-history.js';
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

/** The state of a checkpoint as a fresh doc (empty when it is gone). */
export async function checkpointDoc(storage: Storage, ref: DocRef, seq: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await storage.getCheckpoint(ref, seq);
  if (state) readingStored(ref, { kind: 'checkpoint', seq }, () => Y.applyUpdateV2(doc, state));
  return doc;
}

/** A kept change whose stored bytes do not decode, as the history answers name it (`damaged`). */
export interface DamagedChange {
  seq: number;
  /** ISO time it was stored. */
  at: string;
  memberId: string | null;
  memberName: string | null;
  message: Localized;
}

/**
 * A `walkHistory` `onDamaged` that puts each damaged change into `into`, its author named by
 * `names` (member id → name), and logs it (code `document-damaged`, the document, the sequence
 * number, the time and what Yjs said; never its bytes).
 */
export function keepDamaged(into: DamagedChange[], names: ReadonlyMap<string, string>, logger: Logger): (record: UpdateRecord, err: DamagedHistoryError) => void {
  return (record, err) => {
    logger.warn({ code: err.code, ref: err.ref, seq: record.seq, at: record.at, said: err.said }, 'a stored change of the history does not decode; the history is shown without it');
    into.push({ seq: record.seq, at: record.at, memberId: record.memberId, memberName: record.memberId ? (names.get(record.memberId) ?? null) : null, message: damagedChangeWords(record.seq) });
  };
}

/**
 * Walk `history` from the oldest version, calling `visit` with the doc as it is after each version
 * from index `from - 1` on (read it at once; it changes). Checkpoints are loaded only where
 * needed: those visited and the base the kept changes replay on. A kept change that does not
 * decode throws its `DamagedHistoryError`, unless `onDamaged` is given: then it is told, and the
 * walk goes on without the change (its version visited as the one before it).
 */
export async function walkHistory(
  storage: Storage,
  ref: DocRef,
  history: History,
  from: number,
  visit: (index: number, version: Version, doc: Y.Doc) => void,
  onDamaged?: (record: UpdateRecord, err: DamagedHistoryError) => void,
): Promise<void> {
  let doc = new Y.Doc();
  try {
    for (const [i, version] of history.versions.entries()) {
      if (version.kind === 'checkpoint') {
        if (i < from - 1 && i !== history.baseIndex) continue;
        const next = await checkpointDoc(storage, ref, version.record.seq);
        doc.destroy();
        doc = next;
      } else {
        const { seq, update } = version.record;
        try {
          readingStored(ref, { kind: 'update', seq }, () => Y.applyUpdate(doc, update));
        } catch (err) {
          if (!onDamaged || !(err instanceof DamagedHistoryError)) throw err;
          onDamaged(version.record, err);
        }
      }
      if (i >= from - 1) visit(i, version, doc);
    }
  } finally {
    doc.destroy();
  }
}
