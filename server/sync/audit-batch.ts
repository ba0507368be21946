/**
 * Socket audit records (connect, disconnect, refused) gathered and written together: the records
 * added within {@link AUDIT_BATCH_MS} of the first one waiting go to storage in one `appendAudit`
 * call (one SQLite transaction, one commit). Sockets of a connect storm are admitted one per turn
 * of the event loop, so a batch per turn was a commit per socket (500 commits for 500 sockets,
 * each a WAL write and a wake-up of the checkpoint worker); gathered over a few milliseconds, a
 * storm costs a few dozen. A record waits at most that long (or less, once {@link MAX_BATCH}
 * records wait); `flush` writes at once (the registry's `closeAll` calls it).
 */
import type { Logger } from 'pino';
import type { AuditLog, AuditRecord } from '../storage/storage.js';
import { isoTimes } from '../storage/iso-time.js';

/** How long the first record of a batch waits for others before the batch is written, in ms. */
export const AUDIT_BATCH_MS = 50;

/** Records written at once at most: a batch this long is written without waiting longer. */
const MAX_BATCH = 1000;

/** Audit records waiting for the next write. */
export class AuditBatch {
  private pending: AuditRecord[] = [];
  private scheduled: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly iso = isoTimes();

  /**
   * @param delayMs how long the first waiting record waits for others, in ms (0: the next turn
   *   of the event loop's timers)
   */
  constructor(
    private readonly storage: Pick<AuditLog, 'appendAudit'>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly delayMs: number = AUDIT_BATCH_MS,
  ) {}

  /**
   * The `at` of a record made at `ms` (ms since 1970; now by default): `toISOString`'s string,
   * made without a `Date` per record (`iso-time.ts`). Every socket stamps its connect and its
   * disconnect, so a connect storm of 500 sockets made 500 `Date`s and `toISOString` calls (V8
   * runs both in C++, through ICU's local-offset lookup); now one per second.
   */
  stamp(ms: number = Date.now()): string {
    return this.iso(ms);
  }

  /** Queue one record; it is written within `delayMs`, with the others that came meanwhile. */
  add(record: AuditRecord): void {
    this.pending.push(record);
    if (this.pending.length >= MAX_BATCH) {
      void this.flush();
      return;
    }
    if (this.scheduled) return;
    // Not unref'd: a process that ends on its own writes its last records first.
    this.scheduled = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Write what is queued; resolves once that and every earlier write has settled. */
  flush(): Promise<void> {
    if (this.scheduled) clearTimeout(this.scheduled);
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
