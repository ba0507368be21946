/**
 * Socket audit records (connect, disconnect, refused) gathered and written together: every
 * record added while the event loop runs one turn goes to storage in one `appendAudit` call
 * (one SQLite transaction) on the next `setImmediate`, so a connect storm of 500 sockets costs a
 * handful of writes instead of 500.
 */
import type { Logger } from 'pino';
import type { AuditLog, AuditRecord } from '../storage/storage.js';

/** Audit records waiting for the next write. */
export class AuditBatch {
  private pending: AuditRecord[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Pick<AuditLog, 'appendAudit'>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Queue one record; it is written within the next turn of the event loop. */
  add(record: AuditRecord): void {
    this.pending.push(record);
    this.scheduled ??= setImmediate(() => void this.flush());
  }

  /** Write what is queued; resolves once that and every earlier write has settled. */
  flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const records = this.pending;
    this.pending = [];
    if (records.length > 0) {
      this.writing = this.writing.then(() =>
        this.storage.appendAudit(records).catch((err: unknown) => this.logger.warn({ err, records: records.length }, 'audit write failed')),
      );
    }
    return this.writing;
  }
}
