// @vitest-environment happy-dom
/**
 * The Follow-up view follows other people's transitions through the rounds stream, against the
 * real server app (in process, memory storage): no manual refresh.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import { registryDocAccess } from '../../../server/http/doc-access.js';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { watchRounds } from '../../../addin/taskpane/rounds-live.js';
import type { MissingRequest } from '../../../addin/taskpane/missing-rows.js';
import '../../../addin/taskpane/samplan-rounds.js';
import type { SamplanRounds } from '../../../addin/taskpane/samplan-rounds.js';
import { feedLooks } from '../../server/http/feed-looks.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { $, mount, until } from './support.js';

let f: Fixture;
afterEach(async () => {
  vi.useRealTimers();
  document.body.replaceChildren();
  await f?.close();
});

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** `fetch` into the fixture's app, with the request's own headers and abort signal. */
const appFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  return f.samplan.app.request(url.pathname + url.search, init ?? {});
};

const cellText = (el: SamplanRounds, unit: string, round: string) => $(el, `tr[data-unit="${unit}"] td[data-round="${round}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('live rounds', () => {
  it('redraws the Follow-up view when someone else submits and approves', async () => {
    f = await makeFixture();
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15' }))).status).toBe(201);
    const client = new RoundsClient('http://samplan.test', f.tokens.coordinator, WS, appFetch);
    const el = await mount('samplan-rounds', { client, units: [{ code: 'vc-a', name: 'Vårdcentral A' }], memberRole: 'coordinator', myUnits: ['region'] });
    await until(() => cellText(el, 'vc-a', '2026-kv-1') !== '');
    expect(cellText(el, 'vc-a', '2026-kv-1')).not.toMatch(/^inskickad/);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
    await until(() => cellText(el, 'vc-a', '2026-kv-1').startsWith('inskickad'), 10_000);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/approve`, f.tokens.admin, json({}))).status).toBe(200);
    await until(() => cellText(el, 'vc-a', '2026-kv-1').startsWith('godkänd'), 10_000);
  });

  it('redraws the counts when someone reports an activity’s outcome', async () => {
    const looks = feedLooks();
    f = await makeFixture({ wrap: looks.wrap });
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15' }))).status).toBe(201);
    const client = new RoundsClient('http://samplan.test', f.tokens.coordinator, WS, appFetch);
    const el = await mount('samplan-rounds', { client, units: [{ code: 'vc-a', name: 'Vårdcentral A' }], memberRole: 'coordinator', myUnits: ['region'] });
    // The fixture's plan for vc-a has two activities ending 2026-06-01 without an outcome.
    await until(() => cellText(el, 'vc-a', '2026-kv-2').includes('0/2 värden'), 10_000);
    // The stream has taken its first look at the documents: one outcome reported is a later edit.
    await looks.first();
    f.now.value = new Date(f.now.value.getTime() + 60_000);
    await registryDocAccess(f.samplan.registry).write({ workspace: WS, doc: 'plan-a' }, null, (doc) => {
      const first = rowsOf(doc)[0];
      if (first) setCells(doc, first.id, { status: 'genomford', participantsReached: 12 });
    });
    await until(() => cellText(el, 'vc-a', '2026-kv-2').includes('1/2 värden'), 10_000);
  });

  it('shares one stream among holders and closes it with the last release', async () => {
    f = await makeFixture();
    let opened = 0;
    const counting: typeof fetch = async (input, init) => {
      opened++;
      return appFetch(input, init);
    };
    const a = watchRounds('http://samplan.test', f.tokens.viewer, WS, counting);
    const b = watchRounds('http://samplan.test', f.tokens.viewer, WS, counting);
    await until(() => a.current !== null, 10_000);
    expect(b.current).toBe(a.current);
    expect(opened).toBe(1);
    a.release();
    b.release();
    const c = watchRounds('http://samplan.test', f.tokens.viewer, WS, counting);
    await until(() => c.current !== null, 10_000);
    expect(opened).toBe(2);
    c.release();
  });

  it('does not retry a stream the server refuses', async () => {
    f = await makeFixture();
    let opened = 0;
    let answered = (): void => undefined;
    const refused = new Promise<void>((resolve) => (answered = () => resolve()));
    // A clock of the test's own, run on a minute below: a retry (1 s, 2 s, 4 s … after a drop) would fall in it.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const w = watchRounds('http://samplan.test', 'not-a-token', WS, async (input, init) => {
      opened++;
      const res = await appFetch(input, init);
      answered();
      return res;
    });
    await refused;
    // The stream has read the refusal (a turn of the event loop), then the minute passes.
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    expect(opened).toBe(1);
    expect(w.current).toBeNull();
    w.release();
  });
});

describe('Follow-up view: the rows missing', () => {
  it('offers what a unit still has to report and hands it on with the rows of each document', async () => {
    f = await makeFixture();
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna'] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    const client = new RoundsClient('http://samplan.test', f.tokens.editor, WS, appFetch);
    const el = await mount('samplan-rounds', { client, units: [{ code: 'vc-a', name: 'Vårdcentral A' }], memberRole: 'editor', myUnits: ['vc-a'] });
    await until(() => cellText(el, 'vc-a', '2026-kv-2') !== '', 10_000);
    const asked: MissingRequest[] = [];
    el.addEventListener('samplan-show-missing', (e) => asked.push((e as CustomEvent<MissingRequest>).detail));
    $(el, 'tr[data-unit="vc-a"] td[data-round="2026-kv-2"] button')?.click();
    await el.updateComplete;
    // The fixture's plan for vc-a has two activities ending 2026-06-01 without an outcome, and no indicator values.
    expect($(el, '#show-missing')?.textContent).toBe('Visa det som saknas (3)');
    $(el, '#show-missing')?.click();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.round).toEqual({ id: '2026-kv-2', title: '2026 kv 2' });
    expect(asked[0]?.docs.map((d) => [d.doc, d.rowIds.length])).toEqual([['plan-a', 2]]);
    expect(asked[0]?.missingIndicators).toEqual(['vc-far-forskrivna']);
  });
});
