/**
 * Rounds per unit level through the HTTP API. The fixture's workspace has `region` (level 1)
 * over `vc-a` and `vc-b` (level 2); the round asks the clinics for FaR prescribed (F) and the
 * region for the follow-up share (S).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, WS, type Fixture } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const F = 'vc-far-forskrivna';
const S = 'vc-far-uppfoljda-6man';

async function putValues(rows: RowValues[]): Promise<void> {
  const ydoc = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(ydoc, rows);
  const at = f.now.value.toISOString();
  await f.storage.putDocRecord({ workspace: WS, doc: 'varden', kind: 'indicator-values', title: 'Värden', ownerUnit: 'region', createdAt: at, updatedAt: at });
  await f.storage.appendUpdates({ workspace: WS, doc: 'varden' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
}

describe('rounds per unit level (HTTP)', () => {
  it('defines a round per level; completeness asks each level its own list and sums per level', async () => {
    f = await makeFixture();
    const v = (unit: string, indicator: string, value: number | null, numerator: number | null = null, denominator: number | null = null): RowValues => ({ indicator, unit, period: '2026Q2', kon: 'T', value, numerator, denominator });
    await putValues([v('vc-a', F, 12), v('region', S, 50, 5, 10)]);
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [F], levels: [{ level: 1, indicators: [S] }], activities: false };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/completeness`, f.tokens.viewer);
    const body = (await res.json()) as { units: { unit: string; level: number; values: { expected: number; present: number } }[]; byLevel: { level: number; units: number; expected: number; present: number }[] };
    expect(body.units.map((u) => [u.unit, u.level, u.values.present, u.values.expected])).toEqual([
      ['region', 1, 1, 1],
      ['vc-a', 2, 1, 1],
      ['vc-b', 2, 0, 1],
    ]);
    expect(body.byLevel.map((l) => [l.level, l.units, l.present, l.expected])).toEqual([
      [1, 1, 1, 1],
      [2, 2, 1, 2],
    ]);
    // The region reports in the round: its editor-less report can be submitted by a coordinator.
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/region/submit`, f.tokens.coordinator, json({}))).status).toBe(200);
  });

  it('refuses a level named twice with 400; an old round without levels is still accepted', async () => {
    f = await makeFixture();
    const base = { title: 'x', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...base, id: 'dup', levels: [{ level: 2, indicators: [] }, { level: 2, indicators: [F] }] }))).status).toBe(400);
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...base, id: 'old', indicators: [F] }))).status).toBe(201);
    const old = (await (await f.req(`/v1/workspaces/${WS}/rounds/old/completeness`, f.tokens.viewer)).json()) as { units: { unit: string }[] };
    expect(old.units.map((u) => u.unit)).toEqual(['vc-a', 'vc-b']);
  });
});
