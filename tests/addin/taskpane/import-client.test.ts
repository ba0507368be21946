/**
 * `importWithProgress` against the server's own app in this process: it reads the streamed answer
 * of a large `.ods` as rising whole percents and resolves with the summary a plain request gets;
 * a refusal comes back as an `ImportError` with the server's code and words; a server answering
 * one JSON body (no stream) is read as well.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, importWithProgress } from '../../../addin/taskpane/import-client.js';
import { largeOds } from '../../support/large-sheet.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

describe('importWithProgress', () => {
  let f: Fixture;
  let ods: Uint8Array;
  beforeAll(async () => {
    f = await makeFixture();
    ods = largeOds(800);
  });
  afterAll(() => f.close());

  /** The app answering in process, as `fetch` would over the network. */
  const inProcess = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(f.samplan.app.request(String(input), init));
  const request = (bytes: Uint8Array, fetchImpl: typeof fetch = inProcess as typeof fetch) => ({ serverUrl: 'http://samplan.test', token: f.tokens.editor, workspace: WS, doc: 'plan-a', file: new Blob([bytes as BlobPart], { type: ODS }), dryRun: true, fetchImpl });

  it('tells rising percents up to 100 and resolves with the summary a plain request gets', async () => {
    const percents: number[] = [];
    const summary = await importWithProgress({ ...request(ods), onProgress: (p) => percents.push(p) });
    expect(percents.length).toBeGreaterThanOrEqual(5);
    expect(percents).toEqual([...new Set(percents)].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    const plain = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': ODS }, body: ods as BodyInit });
    expect(summary).toEqual(await plain.json());
  }, 30_000);

  it("rejects with the server's refusal, its code and its Swedish words", async () => {
    const err = await importWithProgress(request(ods.slice(0, 2_000))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ status: 400, code: 'not-ods' });
    expect((err as ImportError).details).toHaveProperty('message.sv');
  });

  it('reads a server that answers one JSON body (one that does not stream)', async () => {
    const percents: number[] = [];
    const plainOnly = ((input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.delete('accept');
      return inProcess(input, { ...init, headers });
    }) as typeof fetch;
    const summary = await importWithProgress({ ...request(ods, plainOnly), onProgress: (p) => percents.push(p) });
    expect(summary).toHaveProperty('dryRun', true);
    expect(percents).toEqual([]);
  }, 30_000);
});
