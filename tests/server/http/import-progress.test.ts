/**
 * An import asked for with `Accept: application/x-ndjson` answers as it goes
 * (`import-progress.ts`): progress lines while a large `.ods`, `.xlsx` or CSV is read, then the same
 * summary a plain request gets, or the error body it would get, as the last line; closing the
 * request (the pane's cancel) ends the reading worker, counted as aborted while reading. A plain
 * request still gets one JSON body.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readWorkersRunning } from '../../../server/http/read-worker.js';
import { percentOf, type ReadProgress } from '../../../server/http/read-progress.js';
import type { ProgressLine } from '../../../server/http/import-progress.js';
import { LARGE_HEADER, largeOds, largeRow, largeXlsx } from '../../support/large-sheet.js';
import { keptLogger, makeFixture, planRow, putDoc, WS, type Fixture } from './support.js';

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PATH = `/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`;

/** Every line of a streamed answer, in order. */
async function linesOf(res: Response): Promise<ProgressLine[]> {
  return (await res.text())
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ProgressLine);
}

/** The progress of `lines`, in order, and checks that only the last line is no progress line. */
function progressOf(lines: ProgressLine[]): ReadProgress[] {
  const progress = lines.slice(0, -1).map((l) => {
    expect(l).toHaveProperty('progress');
    return (l as { progress: ReadProgress }).progress;
  });
  expect(lines.at(-1)).not.toHaveProperty('progress');
  return progress;
}

describe('POST …/import with Accept: application/x-ndjson', () => {
  let f: Fixture;
  let ods: Uint8Array;
  let csv: string;
  let xlsx: Uint8Array;
  /** The server's log lines, as JSON. */
  let logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const kept = keptLogger();
    logged = kept.lines;
    f = await makeFixture({ logger: kept.logger });
    ods = largeOds(800);
    xlsx = await largeXlsx(1_000);
    csv = [LARGE_HEADER, ...Array.from({ length: 1_500 }, (_, i) => largeRow(i + 1))].map((r) => r.join(';')).join('\n');
  });
  afterAll(() => f.close());

  const post = (body: BodyInit, type: string, accept?: string, signal?: AbortSignal) =>
    f.req(PATH, f.tokens.editor, { method: 'POST', headers: { 'content-type': type, ...(accept ? { accept } : {}) }, body, ...(signal ? { signal } : {}) });

  it('sends rising progress of a large .ods before its result, which is what a plain request is answered', async () => {
    const streamed = await post(ods as BodyInit, ODS, 'application/x-ndjson');
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = await linesOf(streamed);
    const progress = progressOf(lines);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    const percents = progress.map(percentOf);
    expect(percents).toEqual([...new Set(percents)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ done: progress[0]?.total, total: progress[0]?.total });

    const plain = await post(ods as BodyInit, ODS);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(lines.at(-1)).toEqual({ result: await plain.json() });
  }, 30_000);

  it('sends the progress of a large .xlsx moving steadily from its start to 100 %, then the plain answer', async () => {
    const lines = await linesOf(await post(xlsx as BodyInit, XLSX, 'application/x-ndjson'));
    const percents = progressOf(lines).map(percentOf);
    expect(percents).toEqual([...new Set(percents)].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    // Told by the bytes of its parts parsed: no stretch of the read passes without a word (reading
    // the whole workbook at once, it stood still from 50 % to 85 %).
    expect(percents[0]).toBeLessThanOrEqual(10);
    const steps = percents.slice(1).map((p, i) => p - (percents[i] as number));
    expect(Math.max(...steps)).toBeLessThanOrEqual(10);
    const plain = await post(xlsx as BodyInit, XLSX);
    expect(lines.at(-1)).toEqual({ result: await plain.json() });
  }, 30_000);

  it('sends the progress of a large CSV as its text is parsed', async () => {
    const lines = await linesOf(await post(csv, 'text/csv; charset=utf-8', 'application/x-ndjson'));
    const progress = progressOf(lines);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(lines.at(-1)).toHaveProperty('result.dryRun', true);
  });

  it('answers a refusal known before any progress with its status, its error body the one line, in words', async () => {
    const broken = ods.slice(0, 2_000);
    const plain = await post(broken as BodyInit, ODS);
    const streamed = await post(broken as BodyInit, ODS, 'application/x-ndjson');
    expect(streamed.status).toBe(400);
    expect(streamed.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = await linesOf(streamed);
    expect(lines).toEqual([{ status: plain.status, ...((await plain.json()) as object) }]);
    expect(lines.at(-1)).toMatchObject({ status: 400, error: { code: 'not-ods' } });
  });

  it('counts and logs a refusal that came after its progress lines (status 200 sent) as the refusal', async () => {
    await putDoc(f.storage, 'plan-archived', 'activity-plan', 'vc-a', [planRow('Promenadgrupp')], f.now.value.toISOString());
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-archived/archive`, f.tokens.admin, { method: 'POST' })).status).toBe(200);
    const route = '/v1/workspaces/:ws/documents/:doc/import';
    const counted = async (status: string) =>
      (await f.samplan.metrics.registry.getSingleMetric('samplan_http_requests_total')?.get())?.values.find((v) => v.labels.route === route && v.labels.status === status)?.value ?? 0;
    const before = { ok: await counted('200'), refused: await counted('423') };
    const res = await f.req(PATH.replace('plan-a', 'plan-archived'), f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'application/x-ndjson' }, body: csv });
    expect(res.status).toBe(200);
    const lines = await linesOf(res);
    expect(progressOf(lines).length).toBeGreaterThanOrEqual(5);
    expect(lines.at(-1)).toMatchObject({ status: 423, error: { code: 'archived' } });
    await vi.waitFor(async () => expect(await counted('423')).toBe(before.refused + 1));
    expect(await counted('200')).toBe(before.ok);
    expect(logged.filter((l) => l.msg === 'request' && typeof l.url === 'string' && l.url.includes('plan-archived/import')).map((l) => l.status)).toEqual([423]);
  });

  it('ends the reading worker when the request is closed mid-read (the pane cancels), and counts it', async () => {
    const aborted = async () => (await f.samplan.metrics.registry.getSingleMetric('samplan_reads_aborted_total')?.get())?.values.find((v) => v.labels.stage === 'reading')?.value ?? 0;
    const before = await aborted();
    const cancel = new AbortController();
    const res = await post(largeOds(10_000) as BodyInit, ODS, 'application/x-ndjson', cancel.signal);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    // The first progress line says the worker is reading.
    const first = await reader.read();
    expect(JSON.parse(new TextDecoder().decode(first.value).split('\n')[0] ?? '')).toHaveProperty('progress');
    expect(readWorkersRunning()).toBe(1);
    cancel.abort();
    await reader.cancel();
    await vi.waitFor(() => expect(readWorkersRunning()).toBe(0), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await aborted()).toBe(before + 1), { timeout: 5_000 });
  }, 30_000);
});
