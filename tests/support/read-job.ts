/**
 * A reading worker's job for the tests of `server/http/read-worker.ts`: each failure answered with
 * its own code (`too-large` past the deadline, `refused` for the worker's refusal in its words,
 * `out-of-memory` for a worker past its heap), so a test tells which path a read took.
 */
import { AppError } from '../../server/http/errors.js';
import type { ReadWorkerJob } from '../../server/http/read-worker.js';

/** The job running `source` with `ms` to run (default 20 s) and a heap of 128 MiB; `extra` sets any other field (`data`, `warm`). */
export function readJob(source: string, extra: Partial<ReadWorkerJob> = {}, ms = 20_000): ReadWorkerJob {
  return {
    source,
    data: {},
    maxHeapMb: 128,
    deadline: Date.now() + ms,
    tooSlow: () => new AppError(413, 'too-large', { sv: 'för långsam', en: 'too slow' }),
    refused: (r) => new AppError(400, 'refused', { sv: r.message, en: r.message }),
    outOfMemory: () => new AppError(413, 'out-of-memory', { sv: 'för stor', en: 'too large' }),
    ...extra,
  };
}
