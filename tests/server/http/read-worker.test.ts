/**
 * The worker an uploaded spreadsheet is read in (`read-worker.ts`): a read past its deadline is
 * refused in words and its thread ended, for `.ods` and `.xlsx` alike, while the server answers
 * other requests; and a table comes back whole, in order, its texts without the formula guard,
 * however many slices it was posted in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.js';
import { readImportBody, readImportFile } from '../../../server/http/import-read.js';
import { readOdsSheet } from '../../../server/http/ods-read.js';
import { CHUNK_CELLS, ReadFaultError, readWorkersRunning, runReadWorker } from '../../../server/http/read-worker.js';
import { readJob } from '../../support/read-job.js';
import { readXlsxSheet } from '../../../server/http/xlsx-read.js';
import { largeOds, largeXlsx } from '../../support/large-sheet.js';
import { makeFixture, type Fixture } from './support.js';

let f: Fixture;
let ods: Uint8Array;
let xlsx: Uint8Array;
beforeAll(async () => {
  f = await makeFixture();
  // Large enough that reading takes well over the deadline below (a second or more).
  ods = largeOds(20_000);
  xlsx = await largeXlsx(5_000);
}, 60_000);
afterAll(() => f.close());

/** `read`'s refusal, and how many health checks the server answered while it ran. */
async function refusedWhileServing(read: () => Promise<unknown>): Promise<{ error: unknown; answered: number }> {
  let done = false;
  const reading = read().then(
    () => null,
    (err: unknown) => err,
  ).finally(() => {
    done = true;
  });
  let answered = 0;
  while (!done) {
    const res = await f.req('/healthz');
    if (res.status === 200 && !done) answered++;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { error: await reading, answered };
}

describe.each([
  ['.ods', () => readOdsSheet(ods, { timeoutMs: 50 }), 'The spreadsheet took too long to read; split it into smaller files.', 'Det tog för lång tid att läsa kalkylarket; dela upp det i mindre filer.'],
  ['.xlsx', () => readXlsxSheet(xlsx, { timeoutMs: 50 }), 'The workbook took too long to read; split it into smaller files.', 'Det tog för lång tid att läsa arbetsboken; dela upp den i mindre filer.'],
  // An import's reader passes its caller's deadline on (the REST route's, the CLI's).
  ['.ods import body', () => readImportBody('', ods, { timeoutMs: 50 }), 'The spreadsheet took too long to read; split it into smaller files.', 'Det tog för lång tid att läsa kalkylarket; dela upp det i mindre filer.'],
  ['.xlsx import file', () => readImportFile('rader.xlsx', xlsx, { deadline: Date.now() + 50 }), 'The workbook took too long to read; split it into smaller files.', 'Det tog för lång tid att läsa arbetsboken; dela upp den i mindre filer.'],
])('a %s read past its deadline', (_kind, read, en, sv) => {
  it('is refused in words, its worker ended, while the server answers other requests', async () => {
    const { error, answered } = await refusedWhileServing(read);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 413, code: 'too-large' });
    expect((error as AppError).message).toBe(en);
    expect(JSON.stringify((error as AppError).details)).toContain(sv);
    // The refusal comes after the thread has exited, not before.
    expect(readWorkersRunning()).toBe(0);
    expect(answered).toBeGreaterThan(0);
  }, 30_000);
});

/** A read of `source` with 20 s to run, each failure answered with its own code. */
const jobOf = (source: string) => readJob(source);

describe('a table posted by the worker', () => {
  it('comes back whole and in order over many slices, each sheet its own, texts unguarded', async () => {
    // Two sheets of 3 × CHUNK_CELLS / 4 rows of 4 cells: several slices each.
    const source = `
      const rows = (tag) => Array.from({ length: 3 * workerData.chunkCells / 4 }, (_, i) => [tag + i, i, "'=" + i, "''-" + i]);
      postSheets([{ name: 'A', table: rows('a') }, { name: 'B', table: rows('b') }], { note: 'klar' });
    `;
    const answer = await runReadWorker<{ name: string }, { note: string }, string | number>(jobOf(source));
    const expected = (tag: string) => Array.from({ length: (3 * CHUNK_CELLS) / 4 }, (_, i) => [tag + i, i, `=${i}`, `'-${i}`]);
    expect(answer.note).toBe('klar');
    expect(answer.sheets.map((s) => s.name)).toEqual(['A', 'B']);
    expect(answer.sheets[0]?.table).toEqual(expected('a'));
    expect(answer.sheets[1]?.table).toEqual(expected('b'));
    expect(readWorkersRunning()).toBe(0);
  }, 30_000);

  it('that stops without an answer is a fault of the server (500, logged), not waited for', async () => {
    const started = Date.now();
    const read = runReadWorker<object, object, never>(jobOf('process.exit(3);'));
    await expect(read).rejects.toBeInstanceOf(ReadFaultError);
    await expect(read).rejects.toThrow('The file reader failed: the reading worker stopped without an answer (exit code 3)');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readWorkersRunning()).toBe(0);
  }, 30_000);
});
