import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type SamplanApp } from '../../../server/app.js';
import { silentLogger } from '../../../server/logger.js';
import { roundLocks } from '../../../server/rounds/round-locks.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import { makeFixture, WS, type Fixture } from '../http/support.js';

let f: Fixture;
let other: SamplanApp | null = null;
afterEach(async () => {
  await other?.close();
  other = null;
  await f?.close();
});

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** A second server process on the same storage: its own app, rounds store and caches. */
function secondProcess(): (path: string, token: string, init?: RequestInit) => Promise<Response> {
  other = createApp({ storage: f.storage, logger: silentLogger(), clock: () => f.now.value, publicUrl: 'http://samplan.test' });
  const app = other.app;
  return async (path, token, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return app.request(path, { ...init, headers });
  };
}

const statusOf = async (res: Response, unit: string): Promise<string | undefined> =>
  ((await res.json()) as { statuses: { unit: string; status: string }[] }).statuses.find((s) => s.unit === unit)?.status;

describe('rounds across server processes on one database', () => {
  it('a transition stored by one process is what the other answers and decides from', async () => {
    f = await makeFixture();
    const b = secondProcess();
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['vc-far-forskrivna'] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    // B loads the rounds now, so what follows is a change to a state it has cached.
    expect(await statusOf(await b(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer), 'vc-a')).toBeUndefined();
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
    expect(await statusOf(await b(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer), 'vc-a')).toBe('inskickad');
    // B approves from the status A stored; A then sees the approval and refuses a second one.
    expect((await b(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/approve`, f.tokens.coordinator, json({}))).status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/approve`, f.tokens.coordinator, json({}))).status).toBe(409);
    expect(await statusOf(await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer), 'vc-a')).toBe('godkand');
  });

  it('the lock check of a process follows another process’s approval and return once it has read storage', async () => {
    f = await makeFixture();
    const writer = new RoundsStore(f.storage);
    const reader = new RoundsStore(f.storage);
    const locks = roundLocks(reader);
    const record = { workspace: WS, doc: 'plan-a', kind: 'activity-plan' as const, title: 'Plan', ownerUnit: 'vc-a', createdAt: '', updatedAt: '' };
    const row = { title: 'Promenadgrupp', type: 'promenadgrupp', startDate: '2026-04-01', endDate: '2026-05-20' };
    await locks.prepare(WS);
    expect(locks.rulesFor(record)).toBeNull();
    const def = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true, units: [] };
    const approved = { round: '2026-kv-2', unit: 'vc-a', status: 'godkand' as const, reason: null, history: [] };
    await writer.change(WS, 'coord', () => ({ write: { rounds: { '2026-kv-2': def }, units: { '2026-kv-2/vc-a': approved } }, result: null }));
    await reader.state(WS);
    expect(locks.rulesFor(record)?.(row)).toMatchObject({ round: '2026-kv-2', period: '2026Q2' });
    await writer.change(WS, 'admin', () => ({ write: { units: { '2026-kv-2/vc-a': { ...approved, status: 'atersand', reason: 'Fel' } } }, result: null }));
    const stop = reader.watch(20);
    try {
      await expect.poll(() => locks.rulesFor(record)?.(row) ?? null, { timeout: 5000 }).toBeNull();
    } finally {
      stop();
    }
  });

  it('streams the rounds at once and again after a transition', async () => {
    f = await makeFixture();
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    const abort = new AbortController();
    const res = await f.req(`/v1/workspaces/${WS}/events/rounds`, f.tokens.viewer, { signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/event: rounds\ndata: .*"2026-kv-2"/);
    expect(text).not.toMatch(/inskickad/);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json({}))).status).toBe(200);
    await until(/"unit":"vc-a","status":"inskickad"/);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('refuses the stream to a token of another workspace, as the document stream does', async () => {
    f = await makeFixture();
    const res = await f.req(`/v1/workspaces/other/events/rounds`, f.tokens.viewer);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBe((await f.req(`/v1/workspaces/other/events`, f.tokens.viewer)).status);
  });
});
