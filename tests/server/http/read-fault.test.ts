/**
 * A reading worker's own exception is no verdict on the file (`read-worker.ts` `ReadFaultError`):
 * an unreadable file is refused in words (400), while a bug of the reader, a crash of its worker
 * (anything but running out of heap, which is the file's size: 413) or a worker that stops without
 * an answer answers 500 and is logged by the exception's kind and frames, never told to the
 * coordinator as a damaged workbook, and never with the exception's message, which may quote a cell.
 */
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, handleError } from '../../../server/http/errors.js';
import { endWarmReadWorkers, ReadFaultError, readWorkersWarm, runReadWorker } from '../../../server/http/read-worker.js';
import { readOdsParts } from '../../../server/http/ods-parts.js';
import { readXlsxSheet, XLSX_LIMITS, xlsxReadJob } from '../../../server/http/xlsx-read.js';
import { zipEntries } from '../../../server/http/zip-directory.js';
import { readJob } from '../../support/read-job.js';
import { makeZip } from '../../support/zip.js';
import { keptLogger } from './support.js';

afterAll(() => endWarmReadWorkers());

/**
 * A warm reader whose own code throws a TypeError on `{ bug: true }`, a SyntaxError quoting a cell
 * on `{ quoting: true }`, crashes its worker with an uncaught exception on `{ crash: true }`, runs
 * out of heap on `{ hog: true }`, and refuses `{ bad: true }` in words.
 */
const BUGGY = `
async function read(data) {
  if (data.bad) return fail('corrupt', 'not a table');
  if (data.bug) return data.missing.length;
  if (data.quoting) return JSON.parse('Anna Svensson, Tensta');
  if (data.crash) return setTimeout(() => { throw new Error('Anna Svensson, Tensta'); });
  if (data.hog) { const kept = []; for (;;) kept.push(new Array(100000).fill('Anna')); }
  await postSheets([], {});
}
`;

const job = (data: Record<string, unknown>) => readJob(BUGGY, { data, warm: { key: 'buggy', reads: 5, setup: {} } }, 10_000);

describe('a reading worker whose own code throws', () => {
  it('rejects with a ReadFaultError naming the exception, while a refusal stays the file\'s', async () => {
    const err = await runReadWorker(job({ bug: true })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadFaultError);
    expect(err).not.toBeInstanceOf(AppError);
    expect((err as Error).message).toBe('The file reader failed: TypeError');
    expect((err as Error).stack).toMatch(/\(in the reading worker\)\n\s+at read /);
    expect(readWorkersWarm()).toBe(0);
    await expect(runReadWorker(job({ bad: true }))).rejects.toMatchObject({ status: 400, code: 'refused' });
  }, 20_000);

  it.each([
    ['an exception of its code quoting a cell', { quoting: true }, 'The file reader failed: SyntaxError'],
    ['an uncaught exception crashing its worker', { crash: true }, 'The file reader failed: Error'],
  ])('is answered 500 for %s, logged by its kind and frames without the cell', async (_what, data, message) => {
    const { logger, lines } = keptLogger();
    const app = new Hono().onError(handleError(logger));
    app.post('/import', async () => {
      await runReadWorker(job(data));
      return new Response('read');
    });
    const res = await app.request('/import', { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'internal', message: expect.stringMatching(/\w+ \w+/) } });
    const logged = JSON.stringify(lines);
    expect(lines.some((l) => l.msg === 'unhandled error')).toBe(true);
    expect(logged).toContain(message);
    expect(logged).toContain('(in the reading worker)');
    expect(logged).not.toContain('Anna');
    expect(logged).not.toContain('Tensta');
    expect(readWorkersWarm()).toBe(0);
  }, 20_000);

  it('answers a worker past its heap as the file\'s size (the job\'s 413), not as a fault', async () => {
    await expect(runReadWorker({ ...job({ hog: true }), maxHeapMb: 32 })).rejects.toMatchObject({ status: 413, code: 'out-of-memory' });
    expect(readWorkersWarm()).toBe(0);
  }, 30_000);

  it('is answered 500 and logged with the message it is given, any personnummer masked', async () => {
    const { logger, lines } = keptLogger();
    const app = new Hono().onError(handleError(logger));
    app.post('/import', () => {
      throw new ReadFaultError({ kind: 'fault', message: 'TypeError: no cell 19811218-9876', stack: 'TypeError: no cell 19811218-9876\n    at readOnce' });
    });
    const res = await app.request('/import', { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'internal' } });
    const logged = JSON.stringify(lines);
    expect(lines.some((l) => l.msg === 'unhandled error')).toBe(true);
    expect(logged).toContain('The file reader failed: TypeError: no cell');
    expect(logged).not.toMatch(/9876|811218/);
  });
});

describe('the .xlsx reader', () => {
  it('refuses a damaged workbook as the file\'s fault (400 not-xlsx) but lets its own exception through (500)', async () => {
    const text = (t: string) => new TextEncoder().encode(t);
    const damaged = makeZip([{ name: '[Content_Types].xml', data: text('<Types') }, { name: 'xl/workbook.xml', data: text('no workbook here') }]);
    await expect(readXlsxSheet(damaged)).rejects.toMatchObject({ status: 400, code: 'not-xlsx' });
    // The worker's own code handed no directory: a bug of ours, not the file's.
    const err = await runReadWorker(await xlsxReadJob(new Uint8Array(0), null, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadFaultError);
    expect((err as Error).message).toBe('The file reader failed: TypeError');
  }, 30_000);
});

describe('the .ods reader', () => {
  it('answers a damaged content.xml as the file\'s fault, and throws its own exception instead of calling it a damaged file', async () => {
    const damaged = makeZip([{ name: 'content.xml', data: new TextEncoder().encode('<office:document-content><table:table') }]);
    const answer = await readOdsParts(damaged, zipEntries(damaged), XLSX_LIMITS, Date.now() + 10_000);
    expect(answer).toMatchObject({ error: { kind: 'corrupt' } });
    // Handed no directory, the reader's own code throws: a bug of ours, which the worker reports as a fault (500).
    await expect(readOdsParts(damaged, null as never, XLSX_LIMITS, Date.now() + 10_000)).rejects.toThrow(TypeError);
  });
});
