/**
 * The worker thread an uploaded spreadsheet is read in (`xlsx-read.ts`, `ods-read.ts`), so a large
 * file holds no other request up: started from an eval'd CommonJS source, its heap capped, ended
 * at its deadline, and ended on every path but an answer (refusal, crash, deadline, abort) before
 * the read settles. A `warm` job's worker (starting a thread and evaluating its reader is paid
 * once) is kept after an answer for the next read of its kind, up to its count of reads (one
 * whose read left its heap past `WARM_MAX_HEAP_MB` is ended and a fresh one kept in its place),
 * the idle workers counted in the slots below (`warm-workers.ts`); every other worker ends with
 * its read.
 *
 * The sheets come back in slices: a 20,001-row × 8 table posted whole took the main thread
 * 100–250 ms to take in (the structured clone of every cell, in one go), then more to drop the
 * formula guard of its texts. The worker drops the guard ({@link WORKER_PRELUDE}'s `unguard`,
 * by `csv.ts`'s own pattern) and posts at most {@link CHUNK_CELLS} cells at a time, waiting for
 * the main thread to ask for the next after a turn of its event loop (a port delivers every
 * message already queued in one go, so posting without waiting would take them in at once again).
 *
 * At most {@link readWorkerLimit}'s `slots` workers run at once in a process (each reads with a heap
 * of up to 512 MiB and a core: 24 parallel reads of an 829 KB workbook took 3.5 GB and held the
 * event loop up for a second); later reads wait their turn, the wait counted in their deadline, and
 * past the queue a read is refused at once with 503 `read-busy` and `Retry-After`.
 */
import { Worker } from 'node:worker_threads';
import { SlotLimit } from '../slot-limit.js';
import { NEUTRALISED } from './csv.js';
import { AppError } from './errors.js';
import type { ReadProgress } from './read-progress.js';
import { readWorkerBounds, settingOrDefault } from './read-settings.js';
import { WARM_MAX_HEAP_MB, WarmWorkers, type WarmWorker } from './warm-workers.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** Cells per posted slice: about 2–5 ms of the main thread's time to take in. */
export const CHUNK_CELLS = 10_000;

/**
 * CommonJS the reader's own worker source follows (it runs first, in the worker): `fail(kind,
 * message)` posts a refusal; `await postSheets(sheets, rest)` posts each sheet's `table` (rows of
 * cells) in slices, texts unguarded, then `{ ...rest, sheets }` with the sheets' other fields;
 * `progress(done, total)` tells how far the read has got, when `progressAsked()` (the read has an
 * `onProgress`), at each whole percent once.
 */
export const WORKER_PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const GUARDED = new RegExp(workerData.guard);
function fail(kind, message) { parentPort.postMessage({ error: { kind, message } }); }
// An exception of the reader's own code (not a verdict on the file), for the log: its name (and
// code) and stack, never its message, which may quote a cell (read-worker.ts, ReadFaultError).
function fault(err) {
  const e = err instanceof Error ? err : new Error('a thrown value that is no Error');
  const code = typeof e.code === 'string' ? ' (' + e.code + ')' : '';
  parentPort.postMessage({ error: { kind: 'fault', message: e.name + code, stack: String(e.stack) } });
}
function unguard(cell) { return typeof cell === 'string' && GUARDED.test(cell) ? cell.slice(1) : cell; }
// Posted at each whole percent once (as \`read-progress.ts\`'s progressTeller), only when the read asked for it.
let toldPercent = -1;
let progressWanted = false;
function progressAsked() { return workerData.progress === true || progressWanted; }
function progress(done, total) {
  if (!progressAsked()) return;
  const percent = total <= 0 ? 100 : Math.floor((100 * Math.min(done, total)) / total);
  if (percent <= toldPercent) return;
  toldPercent = percent;
  parentPort.postMessage({ progress: { done, total } });
}
function asked() { return new Promise((resolve) => parentPort.once('message', resolve)); }
async function postSheets(sheets, rest) {
  for (let s = 0; s < sheets.length; s++) {
    const table = sheets[s].table;
    for (let i = 0; i < table.length; ) {
      const rows = [];
      for (let cells = 0; i < table.length && cells < workerData.chunkCells; i++) {
        rows.push(table[i].map(unguard));
        cells += table[i].length + 1;
      }
      parentPort.postMessage({ sheet: s, rows });
      await asked();
    }
  }
  // The heap the read leaves (V8 returns it only when the thread collects or ends): a warm worker holding much is not kept.
  parentPort.postMessage({ done: { ...rest, sheets: sheets.map(({ table, ...fields }) => fields) }, heapBytes: require('node:v8').getHeapStatistics().total_heap_size });
}
`;

/** After a warm job's source: each `{ read }` posted to the worker is read with its `read(data)`. */
const WARM_LOOP = `
parentPort.on('message', (msg) => {
  if (msg && msg.read) {
    toldPercent = -1;
    progressWanted = msg.progress === true;
    // What the reader did not turn into a refusal itself is its own fault, not the file's.
    read(msg.read).catch(fault);
  }
});
`;

/** Who a kept reading worker belongs to: any object, compared by identity (an app makes its own, `app.ts`). */
export type ReadWorkerOwner = object;

/**
 * A refusal the worker posted: its `kind` and the word or sentence that goes with it. Kind
 * `fault` is no refusal: the reader's own code threw (`message` is the exception's name and code,
 * `stack` its stack); it rejects with a {@link ReadFaultError}, never through `refused`.
 */
export interface WorkerRefusal {
  kind: string;
  message: string;
  stack?: string;
}

/**
 * A reading worker failed by no fault of the file (a bug of ours, not an unreadable file): its own
 * code threw, it crashed (an uncaught exception, anything but running out of heap) or it stopped
 * without an answer. Not an {@link AppError}, so the app answers 500 in words and logs it
 * (`errors.ts` `handleError`). A reader refuses a file it cannot read in its own words (`fail`)
 * and lets only its own exceptions through.
 *
 * The log line names the exception's kind (`TypeError`, a code such as `ERR_WORKER_INIT_FAILED`)
 * and where it was thrown (its stack's frames), never its message: an exception's message may quote
 * what it was handed, a cell's text (`JSON.parse` quotes its input), and cell contents stay out of
 * the logs.
 */
export class ReadFaultError extends Error {
  override readonly name = 'ReadFaultError';
  constructor(posted: WorkerRefusal) {
    super(`The file reader failed: ${posted.message}`);
    const frames = (posted.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    this.stack = [`${this.name}: ${this.message}`, ...(frames.length > 0 ? ['(in the reading worker)', ...frames] : [])].join('\n');
  }
}

/** The {@link ReadFaultError} of an exception `err` of a reading worker: its kind and frames, not its message. */
export function readFault(err: unknown): ReadFaultError {
  const e: Error & { code?: unknown } = err instanceof Error ? err : new Error('a thrown value that is no Error');
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  return new ReadFaultError({ kind: 'fault', message: `${e.name}${code}`, stack: e.stack ?? '' });
}

/** How one read runs and how its failures are answered. */
export interface ReadWorkerJob {
  /** CommonJS after {@link WORKER_PRELUDE}, which ends with `fail` or `postSheets`. */
  source: string;
  /** The worker's `workerData` (the prelude's own fields are added). */
  data: Record<string, unknown>;
  /** Heap of the worker, in MiB. */
  maxHeapMb: number;
  /** When the read must have ended (epoch ms), the wait for a free worker included. */
  deadline: number;
  /**
   * Aborted when nobody waits for the answer any more (the request's client went away): a read
   * still waiting leaves the queue at once, a running one has its worker ended; either rejects
   * with {@link readAborted}.
   */
  signal?: AbortSignal;
  /**
   * Keep the worker for later reads of the same `key` (at most `reads` in all; ended sooner on a
   * refusal, a crash, the deadline or an abort). `source` then defines `async function read(data)`
   * ending in `fail` or `postSheets`, called with `data` for each read; `setup` is the worker's
   * `workerData` instead (what every read needs: a module's path).
   */
  warm?: { key: string; reads: number; setup: Record<string, unknown> };
  /**
   * Whose kept worker this is (a {@link ReadWorkerOwner}: one per app): a warm worker serves later
   * reads of its owner only, and {@link endWarmReadWorkers} given the owner ends its idle workers
   * only, so closing one app leaves another's (several apps in one process: tests, a CLI).
   */
  owner?: ReadWorkerOwner;
  /**
   * Told how far the read has got, at each whole percent once, when the reader's source calls
   * the prelude's `progress(done, total)` (`.ods`: characters of `content.xml` parsed; `.xlsx`: unpacked bytes of its parts parsed).
   */
  onProgress?: (progress: ReadProgress) => void;
  /** The answer to a read past `deadline` once its worker started (413). */
  tooSlow(): AppError;
  /** The answer to a refusal the worker posted. */
  refused(refusal: WorkerRefusal): AppError;
  /**
   * The answer when the worker ran out of heap (`ERR_WORKER_OUT_OF_MEMORY`: the file holds more
   * than `maxHeapMb` takes, 413). Any other failure of the worker is a {@link ReadFaultError}.
   */
  outOfMemory(): AppError;
}

/**
 * A read's answer: each sheet's fields as posted with its `table` (rows of cells `C`, as the
 * reader's worker posts them) back in, and the rest posted.
 */
export type ReadWorkerAnswer<S, R, C> = R & { sheets: (S & { table: C[][] })[] };

let running = 0;

/** Reading workers started and not yet exited in this process, less the idle warm ones (0 between reads). */
export function readWorkersRunning(): number {
  return running - warmWorkers.size;
}

/**
 * The refusal of a read because its deadline passed: its worker ran past it (413 `too-large`,
 * the readers' `tooSlow`) or it waited for a worker until then (503 `read-busy`). Other refusals
 * that happen to come late (an unreadable file found out at the end) are plain {@link AppError}s,
 * so a caller that words a deadline itself (`samplan import`, `cli-import.ts`) tells only this one as late.
 */
export class ReadDeadlineError extends AppError {}

/** Seconds a refused read is told to wait before it is sent again (`Retry-After`). */
export const READ_RETRY_AFTER_SECONDS = 5;

/**
 * 503 `read-busy`: the server reads as many files as it may and the queue is full (`waited`
 * false), or the read waited for its turn until its deadline (`waited` true). Sent with `Retry-After`.
 */
function readBusy(waited: boolean): AppError {
  const { slots, queue } = readWorkerLimit;
  const err = waited
    ? new ReadDeadlineError(503, 'read-busy', {
        sv: 'Servern läste andra filer hela tiden som importen fick ta och hann inte börja läsa den här. Försök igen om en stund.',
        en: 'The server was reading other files for all the time the import may take and could not start on this one. Try again in a while.',
      })
    : new AppError(503, 'read-busy', {
        sv: `Servern läser redan så många filer den får åt gången (${numberText(slots, 'sv')}), och ${numberText(queue, 'sv')} väntar på sin tur. Försök igen om några sekunder.`,
        en: `The server is already reading as many files as it may at once (${numberText(slots, 'en')}), and ${numberText(queue, 'en')} are waiting their turn. Try again in a few seconds.`,
      });
  err.retryAfterSeconds = READ_RETRY_AFTER_SECONDS;
  return err;
}

export { DEFAULT_READ_QUEUE, readWorkerBounds } from './read-settings.js';

/** Where an aborted read was: `queued` waiting for a free worker (none started for it), `reading` in its worker. */
export type ReadAbortStage = 'queued' | 'reading';

/**
 * 400 `read-aborted`: the read was given up because nobody waits for its answer (the client of
 * the request went away); the answer reaches nobody, its socket being closed. `stage` says
 * whether it still waited for a worker or was being read (`samplan_reads_aborted_total{stage}`):
 * many `queued` say the server has too few workers, many `reading` that reads are too slow.
 */
export class ReadAbortedError extends AppError {
  constructor(readonly stage: ReadAbortStage) {
    super(400, 'read-aborted', { sv: 'Läsningen av filen avbröts: den som skickade den väntar inte längre på svaret.', en: 'The read of the file was given up: whoever sent it no longer waits for the answer.' });
  }
}

/** A {@link ReadAbortedError} of `stage`. */
export function readAborted(stage: ReadAbortStage): ReadAbortedError {
  return new ReadAbortedError(stage);
}

// A wrong value stops every command at its start (`loadConfig`); modules load without throwing.
const bounds = settingOrDefault(readWorkerBounds);
/** The bound every {@link runReadWorker} of this process shares ({@link readWorkerBounds}; `resize` to change it). */
export const readWorkerLimit = new SlotLimit(bounds.workers, bounds.queue, { full: () => readBusy(false), late: () => readBusy(true) });

/**
 * Runs `job` in a worker thread once one of {@link readWorkerLimit}'s slots is free, and answers
 * what it posted: the sheets with their tables, or the {@link AppError} of `job`'s refusal, crash
 * or deadline, or 503 `read-busy` when the queue is full or `job.deadline` passes before its turn,
 * or {@link readAborted} (its stage said) when `job.signal` is aborted first. The worker has exited when it settles.
 */
export async function runReadWorker<S, R, C>(job: ReadWorkerJob): Promise<ReadWorkerAnswer<S, R, C>> {
  try {
    return await readWorkerLimit.run(() => runWorker<S, R, C>(job), { waitUntil: job.deadline, signal: job.signal });
  } catch (err) {
    // The queue leaves with the signal's reason; a started read rejects with its own stage.
    if (job.signal?.aborted && !(err instanceof AppError)) throw readAborted('queued');
    throw err;
  }
}

/** Workers kept between reads of a `warm` job, counted in {@link readWorkerLimit}'s slots. */
const warmWorkers = new WarmWorkers(() => readWorkerLimit.slots);

/** Reads under way (each in a worker of its own), counted synchronously. */
let busy = 0;

/** Idle reading workers kept for the next read of their kind (0 until a `warm` job ran). */
export function readWorkersWarm(): number {
  return warmWorkers.size;
}

/**
 * Ends the idle reading workers of `owner` (an app's close), or every idle one when no owner is
 * given (a test that counts threads); resolves when they exited.
 */
export function endWarmReadWorkers(owner?: ReadWorkerOwner): Promise<void> {
  return warmWorkers.clear(owner);
}

/**
 * The worker for `job`: an idle warm one of its kind, else one started now (an idle one of
 * another kind ended first when the slots are all taken). A warm job's worker runs its source
 * once and then calls `read(data)` for each read it is posted ({@link WARM_LOOP}).
 */
function workerFor(job: ReadWorkerJob): WarmWorker {
  const kept = job.warm && warmWorkers.take(job.warm.key, job.owner);
  if (kept) return kept;
  warmWorkers.makeRoom(busy + 1);
  const worker = new Worker(WORKER_PRELUDE + job.source + (job.warm ? WARM_LOOP : ''), {
    eval: true,
    workerData: { ...(job.warm ? job.warm.setup : job.data), guard: NEUTRALISED.source, chunkCells: CHUNK_CELLS, progress: !job.warm && job.onProgress !== undefined },
    resourceLimits: { maxOldGenerationSizeMb: job.maxHeapMb },
  });
  running++;
  worker.once('exit', () => {
    running--;
    warmWorkers.forget(worker);
  });
  // An error between reads (none is expected) must not be an unhandled 'error' event; a read's own listener answers it.
  worker.on('error', () => {});
  return { worker, key: job.warm?.key ?? '', owner: job.owner, reads: 0 };
}

/** {@link runReadWorker} in a worker of {@link workerFor}, kept for the next read when `job.warm` allows. */
function runWorker<S, R, C>(job: ReadWorkerJob): Promise<ReadWorkerAnswer<S, R, C>> {
  // No worker is started for a read with no time left, or for nobody.
  if (job.deadline <= Date.now()) return Promise.reject(job.tooSlow());
  if (job.signal?.aborted) return Promise.reject(readAborted('queued'));
  const entry = workerFor(job);
  const { worker } = entry;
  busy++;
  return new Promise((resolve, reject) => {
    const tables: C[][][] = [];
    let settled = false;
    /**
     * Ends the read: the worker kept (`keep`, a warm job's answer) or ended, then `finish`;
     * `renew`: a warm job's answer that left the heap large, whose worker a fresh one replaces.
     */
    const settle = (finish: () => void, keep = false, renew = false) => {
      if (settled) return;
      settled = true;
      busy--;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      worker.off('exit', onExit).off('error', onError).off('message', onMessage);
      entry.reads++;
      if (keep && job.warm) {
        warmWorkers.give(entry, job.warm.reads, busy);
        finish();
        return;
      }
      void worker.terminate().then(finish, finish);
      // The next read finds a warm thread all the same, one whose heap holds nothing of this read.
      if (renew && job.warm) warmWorkers.give(workerFor(job), job.warm.reads, busy);
    };
    const timer = setTimeout(() => settle(() => reject(job.tooSlow())), Math.max(0, job.deadline - Date.now()));
    const onAbort = () => settle(() => reject(readAborted('reading')));
    job.signal?.addEventListener('abort', onAbort, { once: true });
    // A worker that stops or crashes has said nothing about the file: our fault (500, logged), unless it ran out of heap.
    const onExit = (code: number) => settle(() => reject(new ReadFaultError({ kind: 'fault', message: `the reading worker stopped without an answer (exit code ${code})` })));
    const onError = (err: Error & { code?: string }) => settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? job.outOfMemory() : readFault(err)));
    type Posted = { sheet: number; rows: C[][] } | { done: R & { sheets: S[] }; heapBytes: number } | { error: WorkerRefusal } | { progress: ReadProgress };
    const onMessage = (msg: Posted) => {
      if (settled) return;
      if ('progress' in msg) job.onProgress?.(msg.progress);
      else if ('rows' in msg) {
        const table = (tables[msg.sheet] ??= []);
        for (const row of msg.rows) table.push(row);
        // The next slice after a turn of the event loop, so timers and sockets come first.
        setImmediate(() => {
          if (!settled) worker.postMessage('next');
        });
      } else if ('done' in msg) {
        const answer = { ...msg.done, sheets: msg.done.sheets.map((s, i) => ({ ...s, table: tables[i] ?? [] })) };
        const small = msg.heapBytes <= WARM_MAX_HEAP_MB * 1024 * 1024;
        settle(() => resolve(answer), small, !small);
      } else if (msg.error.kind === 'fault') {
        const fault = new ReadFaultError(msg.error);
        settle(() => reject(fault));
      } else settle(() => reject(job.refused(msg.error)));
    };
    worker.on('exit', onExit).on('error', onError).on('message', onMessage);
    if (job.warm) worker.postMessage({ read: job.data, progress: job.onProgress !== undefined });
  });
}
