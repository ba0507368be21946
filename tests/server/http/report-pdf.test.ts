/**
 * The styrgrupp report as a PDF from the server (`?format=pdf`): real PDF bytes printed by the
 * same engine as `samplan report --pdf`, and, on a server without a Chromium, 501 with the
 * sentence saying what to install — never the HTML under a PDF's name.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as BrowserModule from '../../../server/print/browser.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';
import { printLimit, PRINT_QUEUE, PRINT_SLOTS } from '../../../server/print/pdf.js';

const browser = vi.hoisted(() => ({ missing: false }));

vi.mock('../../../server/print/browser.js', async (importOriginal) => {
  const real = await importOriginal<typeof BrowserModule>();
  return { ...real, launchBrowser: () => (browser.missing ? Promise.reject(new real.BrowserMissing()) : real.launchBrowser()) };
});

let f: Fixture;
afterEach(async () => {
  browser.missing = false;
  await f?.close();
});

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function setup(): Promise<void> {
  f = await makeFixture();
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15' };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
}

describe('styrgrupp report as PDF', () => {
  it('answers format=pdf with PDF bytes printed by Chromium', async () => {
    await setup();
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?format=pdf&unit=vc-a`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="styrgrupp-2026-kv-2-vc-a.pdf"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5_000);
  }, 90_000);

  it('answers 501 with what to install when the server has no Chromium, never HTML', async () => {
    await setup();
    browser.missing = true;
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?format=pdf`, f.tokens.viewer);
    expect(res.status).toBe(501);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const error = await errorOf(res);
    expect(error.code).toBe('pdf-unavailable');
    expect(englishOf(error)).toMatch(/^This server cannot print PDF reports: No Chromium found .*apt-get install -y chromium`\. The HTML report \(without format=pdf\) prints to PDF from any browser\.$/);
    // The HTML report is still there.
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).headers.get('content-type')).toMatch(/text\/html/);
  });

  it('answers 503 pdf-busy with Retry-After at once while as many prints wait as it queues, instead of a browser per request', async () => {
    await setup();
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    // Other prints hold every slot and every place in the queue.
    const held = Array.from({ length: PRINT_SLOTS + PRINT_QUEUE }, () => printLimit.run(() => hold));
    expect(printLimit.load).toEqual({ running: PRINT_SLOTS, waiting: PRINT_QUEUE });
    // Asked for in English: the route's English says how many print and wait.
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?format=pdf`, f.tokens.viewer, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const error = await errorOf(res);
    expect(error.code).toBe('pdf-busy');
    expect(error.message).toMatch(/^The server is busy printing PDF reports: 2 PDF reports are being printed and 8 wait; try again in a few seconds\.$/);
    release();
    await Promise.all(held);
    expect(printLimit.load).toEqual({ running: 0, waiting: 0 });
    // Free again: the next print is answered (501 here, with no Chromium).
    browser.missing = true;
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report?format=pdf`, f.tokens.viewer)).status).toBe(501);
  });
});
