import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const define = (id: string, extra: Record<string, unknown>) =>
  f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id, title: `Omgång ${id}`, period: '2026Q2', dueDate: '2026-07-15', ...extra }));

describe('the indicators of a round defined over REST', () => {
  it('stores a built-in name as its id, in any case and spacing, and per level', async () => {
    f = await makeFixture();
    const res = await define('q2', { indicators: ['  genomförda   HÄLSOSAMTAL ', 'sfh-12'], levels: [{ level: 1, indicators: ['Genomförda hälsosamtal'] }] });
    expect(res.status).toBe(201);
    const round = ((await res.json()) as { round: { indicators: string[]; levels: { indicators: string[] }[] } }).round;
    expect(round.indicators).toEqual(['vc-halsosamtal', 'sfh-12']);
    expect(round.levels[0]?.indicators).toEqual(['vc-halsosamtal']);
  });

  it('refuses an id or name the workspace does not know with 400 naming it, and stores nothing', async () => {
    f = await makeFixture();
    const res = await define('q3', { indicators: ['vc-halsosamtal-typo', 'vc-far-forskrivna'] });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('unknown-indicator');
    expect((err.details as { indicators: string[] }).indicators).toEqual(['vc-halsosamtal-typo']);
    expect((err.details as { message: { sv: string } }).message.sv).toContain('"vc-halsosamtal-typo"');
    const list = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator);
    expect(((await list.json()) as { rounds: { id: string }[] }).rounds.map((r) => r.id)).not.toContain('q3');
  });

  it('checks the role and the personnummer before the indicators', async () => {
    f = await makeFixture();
    const viewer = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer, json({ id: 'q4', title: 'Q4', period: '2026Q2', dueDate: '2026-07-15', indicators: ['nope'] }));
    expect(viewer.status).toBe(403);
    expect((await define('q5', { indicators: ['Hälsosamtal 850101-1236'] })).status).toBe(422);
  });
});
