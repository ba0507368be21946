// @vitest-environment happy-dom
/**
 * `<samplan-import-progress>` shows how far the server has read an imported file as its streamed
 * answer arrives, in Swedish or English, and its "Avbryt" closes the request (the signal the
 * fetch was given is aborted), after which it says nothing was changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-import-progress.js';
import { $, mount, textOf, until } from './support.js';

/**
 * A fetch answering a streamed import whose lines the test sends (`line`); aborting the request
 * errors its body, as a browser's fetch does. `signal` is the one the request was given.
 */
function streamedServer() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const server = {
    signal: null as AbortSignal | null,
    accept: null as string | null,
    line: (value: unknown) => controller.enqueue(new TextEncoder().encode(`${JSON.stringify(value)}\n`)),
    fetch: (_url: RequestInfo | URL, init?: RequestInit) => {
      server.signal = init?.signal ?? null;
      server.accept = new Headers(init?.headers).get('accept');
      init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } }));
    },
  };
  return server;
}

const request = (fetchImpl: typeof fetch) => ({ serverUrl: 'http://samplan.test', token: 't', workspace: 'ws1', doc: 'plan-a', file: new Blob(['x'], { type: 'application/vnd.oasis.opendocument.spreadsheet' }), dryRun: true, fetchImpl });

describe('<samplan-import-progress>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the percent read as the lines arrive, then resolves with the summary', async () => {
    const server = streamedServer();
    const el = await mount('samplan-import-progress');
    const summary = el.run(request(server.fetch as typeof fetch));
    await until(() => textOf(el).includes('Läser filen …'));
    expect(server.accept).toContain('application/x-ndjson');
    server.line({ progress: { done: 2, total: 5 } });
    await until(() => textOf(el).includes('Läser filen … 40 %'));
    expect($<HTMLProgressElement>(el, '#bar')?.value).toBe(40);
    server.line({ progress: { done: 5, total: 5 } });
    server.line({ result: { dryRun: true, imported: 3 } });
    expect(await summary).toEqual({ dryRun: true, imported: 3 });
    await el.updateComplete;
    expect($(el, '#cancel')).toBeNull();
  });

  it('cancels: the request is aborted, the run rejects, and it says nothing was changed, in English too', async () => {
    const server = streamedServer();
    const el = await mount('samplan-import-progress', { lang: 'en' });
    const summary = el.run(request(server.fetch as typeof fetch));
    const failed = summary.then(
      () => null,
      (err: unknown) => err,
    );
    server.line({ progress: { done: 1, total: 4 } });
    await until(() => textOf(el).includes('Reading the file … 25%'));
    $(el, '#cancel')?.click();
    expect(server.signal?.aborted).toBe(true);
    expect(await failed).toMatchObject({ name: 'AbortError' });
    await el.updateComplete;
    expect(textOf(el)).toBe('The import was cancelled. Nothing was changed.');
  });
});
