/**
 * The worker thread an uploaded spreadsheet is read in (`xlsx-read.ts`, `ods-read.ts`), so a large
 * file holds no other request up: started from an eval'd CommonJS source, its heap capped, ended
 * at its deadline, and terminated on every path (answer, refusal, crash, deadline) before the read
 * settles, so no thread outlives a read.
 *
 * The sheets come back in slices: a 20,001-row × 8 table posted whole took the main thread
 * 100–250 ms to take in (the structured clone of every cell, in one go), then more to drop the
 * formula guard of its texts. The worker drops the guard ({@link WORKER_PRELUDE}'s `unguard`,
 * by `csv.ts`'s own pattern) and posts at most {@link CHUNK_CELLS} cells at a time, waiting for
 * the main thread to ask for the next after a turn of its event loop (a port delivers every
 * message already queued in one go, so posting without waiting would take them in at once again).
 */
import { Worker } from 'node:worker_threads';
import { NEUTRALISED } from './csv.js';
import type { AppError } from './errors.js';

/** Cells per posted slice: about 2–5 ms of the main thread's time to take in. */
export const CHUNK_CELLS = 10_000;

/**
 * CommonJS the reader's own worker source follows (it runs first, in the worker): `fail(kind,
 * message)` posts a refusal; `await postSheets(sheets, rest)` posts each sheet's `table` (rows of
 * cells) in slices, texts unguarded, then `{ ...rest, sheets }` with the sheets' other fields.
 */
export const WORKER_PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const GUARDED = new RegExp(workerData.guard);
function fail(kind, message) { parentPort.postMessage({ error: { kind, message } }); }
function unguard(cell) { return typeof cell === 'string' && GUARDED.test(cell) ? cell.slice(1) : cell; }
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
  parentPort.postMessage({ done: { ...rest, sheets: sheets.map(({ table, ...fields }) => fields) } });
}
`;

/** A refusal the worker posted: its `kind` and the word or sentence that goes with it. */
export interface WorkerRefusal {
  kind: string;
  message: string;
}

/** How one read runs and how its failures are answered. */
export interface ReadWorkerJob {
  /** CommonJS after {@link WORKER_PRELUDE}, which ends with `fail` or `postSheets`. */
  source: string;
  /** The worker's `workerData` (the prelude's own fields are added). */
  data: Record<string, unknown>;
  /** Heap of the worker, in MiB. */
  maxHeapMb: number;
  /** How long the read may take, in ms, from the worker's start. */
  timeoutMs: number;
  /** The answer to a read past `timeoutMs` (413). */
  tooSlow(): AppError;
  /** The answer to a refusal the worker posted. */
  refused(refusal: WorkerRefusal): AppError;
  /** The answer when the worker fails or exits without answering (`ERR_WORKER_OUT_OF_MEMORY` past the heap). */
  crashed(err: Error & { code?: string }): AppError;
}

/**
 * A read's answer: each sheet's fields as posted with its `table` (rows of cells `C`, as the
 * reader's worker posts them) back in, and the rest posted.
 */
export type ReadWorkerAnswer<S, R, C> = R & { sheets: (S & { table: C[][] })[] };

let running = 0;

/** Reading workers started and not yet exited in this process (0 between reads). */
export function readWorkersRunning(): number {
  return running;
}

/**
 * Runs `job` in a worker thread and answers what it posted: the sheets with their tables, or the
 * {@link AppError} of `job`'s refusal, crash or deadline. The worker has exited when it settles.
 */
export function runReadWorker<S, R, C>(job: ReadWorkerJob): Promise<ReadWorkerAnswer<S, R, C>> {
  const worker = new Worker(WORKER_PRELUDE + job.source, {
    eval: true,
    workerData: { ...job.data, guard: NEUTRALISED.source, chunkCells: CHUNK_CELLS },
    resourceLimits: { maxOldGenerationSizeMb: job.maxHeapMb },
  });
  running++;
  return new Promise((resolve, reject) => {
    const tables: C[][][] = [];
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().then(finish, finish);
    };
    const timer = setTimeout(() => settle(() => reject(job.tooSlow())), job.timeoutMs);
    worker.on('exit', () => {
      running--;
      settle(() => reject(job.crashed(new Error('The reading worker stopped without an answer.'))));
    });
    worker.once('error', (err: Error & { code?: string }) => settle(() => reject(job.crashed(err))));
    type Posted = { sheet: number; rows: C[][] } | { done: R & { sheets: S[] } } | { error: WorkerRefusal };
    worker.on('message', (msg: Posted) => {
      if (settled) return;
      if ('rows' in msg) {
        const table = (tables[msg.sheet] ??= []);
        for (const row of msg.rows) table.push(row);
        // The next slice after a turn of the event loop, so timers and sockets come first.
        setImmediate(() => {
          if (!settled) worker.postMessage('next');
        });
      } else if ('done' in msg) {
        const answer = { ...msg.done, sheets: msg.done.sheets.map((s, i) => ({ ...s, table: tables[i] ?? [] })) };
        settle(() => resolve(answer));
      } else settle(() => reject(job.refused(msg.error)));
    });
  });
}
