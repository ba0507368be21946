/**
 * Reading workers are bounded per process (`read-worker.ts`, `readWorkerLimit`): at most `slots`
 * run at once, later reads wait their turn with the wait counted in their deadline, a read whose
 * deadline passes while it waits is refused in words (503 `read-busy`, `Retry-After`) without a
 * worker ever started for it, a full queue refuses at once, and a worker that crashed or ran out
 * of time gives its slot back. The import route answers a busy server in words too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve } from '@hono/node-server';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { AppError } from '../../../server/http/errors.js';
import { ReadFaultError, readWorkerBounds, readWorkerLimit, readWorkersRunning, runReadWorker, type ReadWorkerJob } from '../../../server/http/read-worker.js';
import { largeOds, largeXlsx } from '../../support/large-sheet.js';
import { keptLogger, makeFixture, WS, type Fixture } from './support.js';

const saved = { slots: readWorkerLimit.slots, queue: readWorkerLimit.queue };
afterEach(() => readWorkerLimit.resize(saved.slots, saved.queue));

/** A read of `source` that must end within `ms`, each failure answered with its own code. */
function jobOf(source: string, ms = 20_000): ReadWorkerJob {
  return {
    source,
    data: {},
    maxHeapMb: 64,
    deadline: Date.now() + ms,
    tooSlow: () => new AppError(413, 'too-large', { sv: 'för långsam', en: 'too slow' }),
    refused: (r) => new AppError(400, 'refused', { sv: r.message, en: r.message }),
    outOfMemory: () => new AppError(413, 'out-of-memory', { sv: 'för stor', en: 'too large' }),
  };
}

/** A worker that answers `{ held: ms }` after `ms`. */
const holding = (ms: number) => `setTimeout(() => postSheets([], { held: ${ms} }), ${ms});`;

/** The refusal `read` rejects with (or fails the test when it resolves). */
async function refusal(read: Promise<unknown>): Promise<AppError> {
  const err = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the bound on reading workers', () => {
  it('runs at most N of N + 1 reads at once; the last starts when one has ended, and all answer', async () => {
    readWorkerLimit.resize(2, 4);
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, readWorkersRunning())), 1);
    const reads = [holding(300), holding(300), holding(0)].map((source) => runReadWorker<object, { held: number }, never>(jobOf(source)));
    // The first two started at the call; the third waits for a slot.
    expect(readWorkersRunning()).toBe(2);
    expect(readWorkerLimit.load).toEqual({ running: 2, waiting: 1 });
    const answers = await Promise.all(reads);
    clearInterval(sampler);
    expect(answers.map((a) => a.held)).toEqual([300, 300, 0]);
    expect(Math.max(most, 2)).toBe(2);
    expect(readWorkersRunning()).toBe(0);
    expect(readWorkerLimit.load).toEqual({ running: 0, waiting: 0 });
  }, 30_000);

  it('refuses a read whose deadline passes while it waits, in words, and starts no worker for it', async () => {
    readWorkerLimit.resize(1, 4);
    const held = runReadWorker<object, { held: number }, never>(jobOf(holding(800)));
    const started = Date.now();
    const err = await refusal(runReadWorker(jobOf(holding(0), 150)));
    expect(Date.now() - started).toBeLessThan(700);
    expect(err).toMatchObject({ status: 503, code: 'read-busy', retryAfterSeconds: 5 });
    expect(err.message).toBe('The server was reading other files for all the time the import may take and could not start on this one. Try again in a while.');
    expect(err.details).toEqual({ message: { sv: 'Servern läste andra filer hela tiden som importen fick ta och hann inte börja läsa den här. Försök igen om en stund.', en: err.message } });
    expect(readWorkersRunning()).toBe(1);
    expect((await held).held).toBe(800);
    expect(readWorkerLimit.load).toEqual({ running: 0, waiting: 0 });
  }, 30_000);

  it('refuses a read at once when the queue is full', async () => {
    readWorkerLimit.resize(1, 0);
    const held = runReadWorker<object, { held: number }, never>(jobOf(holding(300)));
    const err = await refusal(runReadWorker(jobOf(holding(0))));
    expect(err).toMatchObject({ status: 503, code: 'read-busy', retryAfterSeconds: 5 });
    expect(err.details).toEqual({
      message: { sv: 'Servern läser redan så många filer den får åt gången (1), och 0 väntar på sin tur. Försök igen om några sekunder.', en: 'The server is already reading as many files as it may at once (1), and 0 are waiting their turn. Try again in a few seconds.' },
    });
    await held;
  }, 30_000);

  it('gives the slot back after a crash and after a deadline, the workers ended', async () => {
    readWorkerLimit.resize(1, 4);
    await expect(runReadWorker(jobOf('process.exit(3);'))).rejects.toBeInstanceOf(ReadFaultError);
    // Started once the crash settled, so its short deadline counts its own worker only, not the
    // wait for the crashed one (a worker's start took over 1.5 s on a loaded machine): the slot
    // it takes at once is the one the crash gave back; the next read waits for it.
    const slow = refusal(runReadWorker(jobOf('setInterval(() => {}, 1000);', 1_500)));
    const after = runReadWorker<object, { held: number }, never>(jobOf(holding(0)));
    expect(readWorkerLimit.load).toEqual({ running: 1, waiting: 1 });
    expect(await slow).toMatchObject({ status: 413, code: 'too-large' });
    expect((await after).held).toBe(0);
    expect(readWorkersRunning()).toBe(0);
    expect(readWorkerLimit.load).toEqual({ running: 0, waiting: 0 });
  }, 30_000);
});

describe('a read nobody waits for any more (its signal aborted)', () => {
  it('leaves the queue at once, and the next read gets the slot when the running one ends', async () => {
    readWorkerLimit.resize(1, 4);
    const held = runReadWorker<object, { held: number }, never>(jobOf(holding(400)));
    const gone = new AbortController();
    const queued = refusal(runReadWorker({ ...jobOf(holding(0)), signal: gone.signal }));
    const next = runReadWorker<object, { held: number }, never>(jobOf(holding(0)));
    expect(readWorkerLimit.load).toEqual({ running: 1, waiting: 2 });
    gone.abort();
    expect(await queued).toMatchObject({ status: 400, code: 'read-aborted', stage: 'queued' });
    expect(readWorkerLimit.load).toEqual({ running: 1, waiting: 1 });
    expect((await held).held).toBe(400);
    expect((await next).held).toBe(0);
    expect(readWorkersRunning()).toBe(0);
  }, 30_000);

  it("ends a running read's worker at once and gives its slot to the next read", async () => {
    readWorkerLimit.resize(1, 4);
    const gone = new AbortController();
    const running = refusal(runReadWorker({ ...jobOf(holding(20_000)), signal: gone.signal }));
    const next = runReadWorker<object, { held: number }, never>(jobOf(holding(0)));
    const started = Date.now();
    gone.abort();
    expect(await running).toMatchObject({ status: 400, code: 'read-aborted', stage: 'reading' });
    expect((await next).held).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readWorkersRunning()).toBe(0);
    expect(readWorkerLimit.load).toEqual({ running: 0, waiting: 0 });
  }, 30_000);
});

describe('readWorkerBounds', () => {
  it('is one worker less than the cores by default (at least 1), else what SAMPLAN_READ_WORKERS and SAMPLAN_READ_QUEUE say', () => {
    expect(readWorkerBounds({})).toEqual({ workers: Math.max(1, availableParallelism() - 1), queue: 16 });
    expect(readWorkerBounds({ SAMPLAN_READ_WORKERS: '3', SAMPLAN_READ_QUEUE: '0' })).toEqual({ workers: 3, queue: 0 });
    expect(() => readWorkerBounds({ SAMPLAN_READ_WORKERS: '0' })).toThrow('SAMPLAN_READ_WORKERS must be a whole number from 1 to 32, not "0"');
    expect(() => readWorkerBounds({ SAMPLAN_READ_QUEUE: 'many' })).toThrow('SAMPLAN_READ_QUEUE must be a whole number from 0 to 64, not "many"');
  });
});

describe('an import while the server reads as many files as it may', () => {
  let f: Fixture;
  let xlsx: Uint8Array;
  /** The server's log lines, as JSON. */
  let logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const kept = keptLogger();
    logged = kept.lines;
    f = await makeFixture({ logger: kept.logger });
    xlsx = await largeXlsx(3);
  });
  afterAll(() => f.close());
  /** `samplan_reads_aborted_total{stage}` as the server's `/metrics` shows it. */
  const abortedCount = async (stage: 'queued' | 'reading') => (await f.samplan.metrics.registry.getSingleMetric('samplan_reads_aborted_total')?.get())?.values.find((v) => v.labels.stage === stage)?.value ?? 0;

  it('answers 503 read-busy in words with Retry-After', async () => {
    readWorkerLimit.resize(1, 0);
    const held = runReadWorker(jobOf(holding(500)));
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: xlsx as BodyInit,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { code: string; details: { message: { sv: string } } } };
    expect(body.error.code).toBe('read-busy');
    expect(body.error.details.message.sv).toBe('Servern läser redan så många filer den får åt gången (1), och 0 väntar på sin tur. Försök igen om några sekunder.');
    await held;
  }, 30_000);

  /**
   * An import queued behind a read held for `ms` in the one slot: `gone` aborts its request (its
   * client goes away), `answer` is what the route answered, `held` the holding read.
   */
  async function queuedImport(ms: number) {
    readWorkerLimit.resize(1, 4);
    const held = runReadWorker(jobOf(holding(ms)));
    const gone = new AbortController();
    const answer = f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: xlsx as BodyInit,
      signal: gone.signal,
    });
    await vi.waitFor(() => expect(readWorkerLimit.load.waiting).toBe(1));
    return { gone, answer, held };
  }

  it("gives a queued import's place up when its request is aborted (the client went away)", async () => {
    const { gone, answer, held } = await queuedImport(1_500);
    gone.abort();
    await vi.waitFor(() => expect(readWorkerLimit.load).toEqual({ running: 1, waiting: 0 }), { timeout: 500 });
    expect((await answer).status).toBe(400);
    await held;
  }, 30_000);

  it('logs an aborted read at info, without the file, and counts it', async () => {
    const { gone, answer, held } = await queuedImport(1_000);
    const before = logged.length;
    const counted = { queued: await abortedCount('queued'), reading: await abortedCount('reading') };
    gone.abort();
    expect((await answer).status).toBe(400);
    const line = logged.slice(before).find((l) => l.msg === 'import read aborted: the client went away');
    expect(line).toMatchObject({ level: 30, workspace: WS, doc: 'plan-a', stage: 'queued', bytes: xlsx.byteLength });
    expect(Object.keys(line ?? {}).sort()).toEqual(['bytes', 'doc', 'level', 'ms', 'msg', 'service', 'stage', 'time', 'workspace']);
    expect(await abortedCount('queued')).toBe(counted.queued + 1);
    expect(await abortedCount('reading')).toBe(counted.reading);
    await held;
  }, 30_000);

  describe('over a real socket, the client closing it mid-read', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = await new Promise<Server>((resolve) => {
        const s = serve({ fetch: f.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
      });
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** Posts `body` as an import over a socket of its own; `gone()` destroys the socket before any answer. */
    function postImport(body: Uint8Array, type: string) {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, headers: { authorization: `Bearer ${f.tokens.editor}`, 'content-type': type, 'content-length': body.byteLength } });
      // The socket destroyed by the test errors with ECONNRESET: the expected end, not a failure.
      const closed = new Promise<void>((resolve) => req.on('error', () => resolve()).on('close', () => resolve()));
      req.on('response', (res) => res.resume());
      req.end(body);
      return { gone: () => req.destroy(), closed };
    }

    it('ends the running read, logs it and counts it as reading', async () => {
      readWorkerLimit.resize(1, 4);
      const counted = await abortedCount('reading');
      const before = logged.length;
      const { gone, closed } = postImport(largeOds(10_000), 'application/vnd.oasis.opendocument.spreadsheet');
      await vi.waitFor(() => expect(readWorkersRunning()).toBe(1), { timeout: 10_000, interval: 5 });
      gone();
      await closed;
      await vi.waitFor(() => expect(readWorkersRunning()).toBe(0), { timeout: 5_000 });
      await vi.waitFor(async () => expect(await abortedCount('reading')).toBe(counted + 1), { timeout: 5_000 });
      expect(logged.slice(before).find((l) => l.msg === 'import read aborted: the client went away')).toMatchObject({ stage: 'reading', doc: 'plan-a' });
      expect(readWorkerLimit.load).toEqual({ running: 0, waiting: 0 });
    }, 30_000);

    it('gives up a queued read and counts it as queued', async () => {
      readWorkerLimit.resize(1, 4);
      // Held until the queued read is given up, then ended (its own client gone too).
      const holder = new AbortController();
      const held = refusal(runReadWorker({ ...jobOf(holding(20_000)), signal: holder.signal }));
      const counted = await abortedCount('queued');
      const { gone, closed } = postImport(xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await vi.waitFor(() => expect(readWorkerLimit.load.waiting).toBe(1), { timeout: 10_000 });
      gone();
      await closed;
      await vi.waitFor(() => expect(readWorkerLimit.load).toEqual({ running: 1, waiting: 0 }), { timeout: 1_000 });
      await vi.waitFor(async () => expect(await abortedCount('queued')).toBe(counted + 1), { timeout: 1_000 });
      holder.abort();
      expect(await held).toMatchObject({ code: 'read-aborted', stage: 'reading' });
    }, 30_000);
  });
});
