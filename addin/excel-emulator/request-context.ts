/**
 * `Excel.RequestContext`: queues commands made through proxies and applies them, in order, at
 * `sync()`. A sync is one round trip: it counts, it fails whole when Excel is in cell-edit mode
 * or the request is over the host's limit (`host-limits.ts`), fails when the loaded values grow
 * over the response limit, and it stops at the first failing command (the
 * commands before it stay applied, as in Excel). Loaded values reach the proxies only when the
 * whole sync succeeds.
 */
import { apiError, ErrorCode } from './errors.js';
import type { HostLimits, SyncSize } from './host-limits.js';
import type { WorkbookModel } from './workbook-model.js';

/** What a load stages: delivered to its proxy after the sync succeeds. */
export interface Staged {
  size: number;
  commit(): void;
}

/** One queued operation. `size` estimates its JSON size in the request. */
export interface Command {
  size: number;
  apply(): Staged | void;
}

/** What a context needs from its host. */
export interface HostLink {
  readonly model: WorkbookModel;
  readonly limits: HostLimits;
  readonly latencyMs: number;
  /** `Excel.RunOptions.delayForCellEdit`: wait for the user instead of failing. */
  readonly delayForCellEdit: boolean;
  countSync(queued: number): void;
  /** Records the sizes of a sync that carried commands. */
  sized(size: SyncSize): void;
  applied(): void;
}

/** Bytes every command costs in the request (its object path and action). */
const COMMAND_OVERHEAD = 64;

/** The emulated request context; `workbook` and `runtime` are attached by the host. */
export class RequestContext {
  /** Kept for code that tracks objects across syncs; tracking is not needed here. */
  readonly trackedObjects = { add: (_o: unknown): void => undefined, remove: (_o: unknown): void => undefined };
  private queue: Command[] = [];

  constructor(readonly link: HostLink) {}

  /** Queues a command for the next sync. */
  enqueue(command: Command): void {
    this.queue.push(command);
  }

  /** Same as `object.load(spec)`. */
  load<T extends { load(spec?: unknown): T }>(object: T, spec?: unknown): T {
    return object.load(spec);
  }

  /** Sends the queued commands; see the file comment for the failure rules. */
  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.link.countSync(batch.length);
    await new Promise<void>((resolve) => setTimeout(resolve, this.link.latencyMs));
    if (batch.length === 0) return;
    const model = this.link.model;
    while (model.editMode) {
      if (!this.link.delayForCellEdit) throw apiError(ErrorCode.invalidOperationInCellEditMode, 'RequestContext.sync');
      await model.editModeEnded();
    }
    let requestSize = 0;
    for (const c of batch) requestSize += c.size + COMMAND_OVERHEAD;
    if (requestSize > this.link.limits.requestBytes) {
      this.link.sized({ request: requestSize, response: 0, failed: true });
      throw apiError(ErrorCode.requestPayloadSizeLimitExceeded, 'RequestContext.sync');
    }
    const staged: Staged[] = [];
    let responseSize = 0;
    let failure: unknown;
    for (const c of batch) {
      let s: Staged | void;
      try {
        s = c.apply();
      } catch (error) {
        failure = error;
        break;
      }
      if (s) {
        staged.push(s);
        responseSize += s.size;
        if (responseSize > this.link.limits.responseBytes) {
          failure = apiError(ErrorCode.responsePayloadSizeLimitExceeded, 'RequestContext.sync');
          break;
        }
      }
    }
    this.link.sized({ request: requestSize, response: responseSize, failed: failure !== undefined });
    if (failure !== undefined) {
      this.link.applied();
      throw failure;
    }
    for (const s of staged) s.commit();
    this.link.applied();
  }
}
