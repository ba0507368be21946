/**
 * Warm reading workers (`read-worker.ts` `warm`, `warm-workers.ts`): a worker serves the next reads
 * of its kind, up to its count of reads; it is ended, not kept, after a refusal, a crash, its
 * deadline or an abort, and replaced by a fresh one after a read that left its heap past
 * `WARM_MAX_HEAP_MB`; and idle workers count
 * in the process's reading slots (a read of another kind ends one rather than start a thread past
 * the slots).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.js';
import { endWarmReadWorkers, readWorkerLimit, readWorkersRunning, readWorkersWarm, runReadWorker, type ReadWorkerJob } from '../../../server/http/read-worker.js';
import { readOdsSheet } from '../../../server/http/ods-read.js';
import { WARM_MAX_HEAP_MB } from '../../../server/http/warm-workers.js';
import { readXlsxSheet } from '../../../server/http/xlsx-read.js';
import { largeXlsx } from '../../support/large-sheet.js';
import { makeOds, sheet, stringRow } from '../../support/ods.js';

const saved = { slots: readWorkerLimit.slots, queue: readWorkerLimit.queue };
afterEach(async () => {
  readWorkerLimit.resize(saved.slots, saved.queue);
  await endWarmReadWorkers();
});

/**
 * A warm reader of kind `key` that counts the reads its thread served: `{ fail: true }` is refused,
 * `{ hang: true }` never answers, `{ holdMb: n }` keeps about n MiB on its heap after answering.
 */
const COUNTING = `
let served = 0;
async function read(data) {
  served++;
  if (data.fail) return fail('corrupt', 'refused on purpose');
  if (data.hang) return;
  if (data.holdMb) globalThis.held = Array.from({ length: data.holdMb }, () => new Array(128 * 1024).fill(served + 0.5));
  await postSheets([], { served });
}
`;

function warmJob(data: Record<string, unknown>, reads = 3, key = 'counting', ms = 10_000): ReadWorkerJob {
  return {
    source: COUNTING,
    data,
    warm: { key, reads, setup: {} },
    maxHeapMb: 64,
    deadline: Date.now() + ms,
    tooSlow: () => new AppError(413, 'too-large', { sv: 'för långsam', en: 'too slow' }),
    refused: (r) => new AppError(400, 'refused', { sv: r.message, en: r.message }),
    outOfMemory: () => new AppError(413, 'out-of-memory', { sv: 'för stor', en: 'too large' }),
  };
}

const served = async (job: ReadWorkerJob) => (await runReadWorker<object, { served: number }, never>(job)).served;

describe('a warm reading worker', () => {
  it('serves the next reads of its kind, and is ended after its count of reads', async () => {
    readWorkerLimit.resize(2, 4);
    expect([await served(warmJob({})), await served(warmJob({})), await served(warmJob({}))]).toEqual([1, 2, 3]);
    // Three reads served: the fourth starts a new worker.
    expect(await served(warmJob({}))).toBe(1);
    expect(readWorkersWarm()).toBe(1);
    expect(readWorkersRunning()).toBe(0);
  }, 30_000);

  it('is not kept after a refusal or a read past its deadline', async () => {
    readWorkerLimit.resize(2, 4);
    expect(await served(warmJob({}))).toBe(1);
    await expect(runReadWorker(warmJob({ fail: true }))).rejects.toMatchObject({ code: 'refused' });
    expect(readWorkersWarm()).toBe(0);
    expect(await served(warmJob({}))).toBe(1);
    await expect(runReadWorker(warmJob({ hang: true }, 3, 'counting', 300))).rejects.toMatchObject({ code: 'too-large' });
    expect(readWorkersWarm()).toBe(0);
    expect(await served(warmJob({}))).toBe(1);
  }, 30_000);

  it('is replaced by a fresh one after a read that left its heap large, which an idle thread would hold', async () => {
    readWorkerLimit.resize(2, 4);
    const job = { ...warmJob({ holdMb: WARM_MAX_HEAP_MB + 16 }), maxHeapMb: 256 };
    expect(await served(job)).toBe(1);
    // A warm worker waits for the next read all the same: a new thread, its count of reads at none.
    expect(readWorkersWarm()).toBe(1);
    expect(readWorkersRunning()).toBe(0);
    expect(await served(warmJob({}))).toBe(1);
    // A small read's worker is kept itself, and serves the next.
    expect(readWorkersWarm()).toBe(1);
    expect(await served(warmJob({}))).toBe(2);
  }, 30_000);

  it('is not kept after an abort', async () => {
    readWorkerLimit.resize(2, 4);
    const gone = new AbortController();
    const read = runReadWorker({ ...warmJob({ hang: true }), signal: gone.signal });
    gone.abort();
    await expect(read).rejects.toMatchObject({ code: 'read-aborted' });
    expect(readWorkersWarm()).toBe(0);
    expect(await served(warmJob({}))).toBe(1);
  }, 30_000);

  it('counts in the slots: a read of another kind ends an idle worker rather than start a thread past them', async () => {
    readWorkerLimit.resize(1, 4);
    expect(await served(warmJob({}, 3, 'a'))).toBe(1);
    expect(readWorkersWarm()).toBe(1);
    // Kind b finds no worker of its own and the one slot is the idle a's.
    expect(await served(warmJob({}, 3, 'b'))).toBe(1);
    expect(readWorkersWarm()).toBe(1);
    expect(await served(warmJob({}, 3, 'a'))).toBe(1);
  }, 30_000);

  it('reads .xlsx workbooks one after another in one kept worker, each whole', async () => {
    readWorkerLimit.resize(2, 4);
    const bytes = await largeXlsx(30);
    const first = await readXlsxSheet(bytes);
    expect(readWorkersWarm()).toBe(1);
    const second = await readXlsxSheet(bytes);
    expect(second.table).toEqual(first.table);
    expect(first.table).toHaveLength(31);
    expect(readWorkersWarm()).toBe(1);
    expect(readWorkersRunning()).toBe(0);
  }, 30_000);
});

describe('a warm .ods reading worker', () => {
  it('reads .ods files one after another in one kept worker, each whole, and a refused one ends it', async () => {
    readWorkerLimit.resize(2, 4);
    const rows = Array.from({ length: 30 }, (_, i) => stringRow([`Rad ${i + 1}`, 'Vårdcentral A']));
    const bytes = makeOds({ tables: sheet('Aktiviteter', [stringRow(['Aktivitet', 'Enhet']), ...rows]) });
    const first = await readOdsSheet(bytes);
    expect(readWorkersWarm()).toBe(1);
    const second = await readOdsSheet(bytes);
    expect(second.table).toEqual(first.table);
    expect(first.table).toHaveLength(31);
    expect(readWorkersWarm()).toBe(1);
    expect(readWorkersRunning()).toBe(0);
    // A file that is no spreadsheet inside (content.xml cut short) is refused, and its worker is not kept.
    const broken = makeOds({ tables: '<table:table table:name="A"><table:table-row>' });
    await expect(readOdsSheet(broken)).rejects.toMatchObject({ code: 'not-ods' });
    expect(readWorkersWarm()).toBe(0);
    expect((await readOdsSheet(bytes)).table).toEqual(first.table);
  }, 60_000);
});
