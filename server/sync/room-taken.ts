/**
 * What `Room.offer` returns for an update it took (split from `room.ts`): the promise of its being
 * durable is made only when asked for, and the comments it touched only when it touched any.
 */
import type { CommitLog } from './commit-log.js';
import type { AuditLog, DocRecord, RecordStore, UpdateAudit } from '../storage/storage.js';
import { appendedRecord, deletionAmong, DOC_DELETED_LOOK_BACK, DocRecordGoneError } from '../storage/storage-records.js';
import type { Peer } from './room-types.js';
import type { CommentEffects } from '../../shared/validate/check-update.js';

/** Whether `effects` create, change or delete any comment (most updates, a cell edit, do none). */
export function touchesComments(effects: CommentEffects | undefined): effects is CommentEffects {
  return effects !== undefined && (effects.created.size > 0 || effects.changed.size > 0 || effects.deleted.size > 0);
}

/** Whether the metadata fields an update writes include `title` (a list indexed: no iterator per edit over the empty one most give). */
function writesTitle(metaKeys: Iterable<string>): boolean {
  if (Array.isArray(metaKeys)) return metaKeys.includes('title');
  for (const key of metaKeys) if (key === 'title') return true;
  return false;
}

/**
 * An offered update taken and queued under log sequence `seq`: its promise of being durable is
 * made only when asked for (`persisted`), since a socket's edit needs none (the room acts on a
 * failed write itself) and a promise per edit was work on every edit. `comments` is set only when
 * the update created, changed or deleted a comment (for the audit trail); otherwise absent, so
 * that a cell edit costs the socket's audit nothing.
 */
export class Taken {
  readonly ok = true as const;
  readonly comments: CommentEffects | undefined;
  /** The update wrote `meta.title` (a rename): the document's record follows once it is durable (`title-follow.ts`). */
  readonly writesTitle: boolean;
  constructor(
    private readonly log: CommitLog<Peer>,
    private readonly seq: number,
    verdict: { comments?: CommentEffects | undefined; metaKeys: Iterable<string> },
  ) {
    this.comments = touchesComments(verdict.comments) ? verdict.comments : undefined;
    this.writesTitle = writesTitle(verdict.metaKeys);
  }

  /** Resolves once the update is durable; rejects when its write failed (`CommitLog.whenStored`). */
  get persisted(): Promise<void> {
    return this.log.whenStored(this.seq);
  }
}

/**
 * Resolves once `settled` has and the `audit` lines of an offer that changed nothing are stored
 * (alone: there is no update to store them with), at `now`, with its `record` when it has one (one
 * transaction); rejects with what either rejects with. The stored record takes only the title, as
 * in an append (`AppendItem.record`, `appendedRecord`): read and written in one transaction
 * (`updateDocRecord`), so an owner unit, kind or archive stored meanwhile is kept.
 * A record no longer stored (the document deleted since the caller read it) is not made again, and
 * neither it nor the lines are stored: rejects with `DocRecordGoneError`, as an append would.
 */
export async function auditAlone(
  settled: Promise<void>,
  { audit, record }: { audit?: readonly UpdateAudit[]; record?: DocRecord },
  records: Pick<AuditLog, 'appendAudit'> & Pick<RecordStore, 'updateDocRecord'> & Partial<Pick<AuditLog, 'listAudit'>>,
  now: () => Date,
): Promise<void> {
  await settled;
  const at = now().toISOString();
  const lines = (audit ?? []).map((line) => ({ ...line, at }));
  if (record) {
    const after = await records.updateDocRecord(record, (stored) => ({ record: appendedRecord(stored, record), audit: lines }));
    if (after === null) {
      // Deleted, or never made: the line of a deletion among the workspace's newest says, where the records can be read.
      const ref = { workspace: record.workspace, doc: record.doc };
      const deleted = records.listAudit ? deletionAmong(await records.listAudit(ref.workspace, DOC_DELETED_LOOK_BACK), ref) : false;
      throw new DocRecordGoneError(ref, deleted ? 'deleted' : 'unknown');
    }
  } else if (lines.length > 0) await records.appendAudit(lines);
}
