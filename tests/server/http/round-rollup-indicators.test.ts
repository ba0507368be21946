/**
 * `indicators=` on a round's roll-up picks some of the round's indicators, with or without
 * `period=`, in JSON and CSV; an id the round does not follow is 400 in words. Fails on the old
 * route, which ignored the parameter (every indicator of the round came back, a slip unsaid).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { errorOf, makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const F = 'vc-far-forskrivna';
const H = 'vc-halsosamtal';
const entry = (id: string, name: string): RowValues => ({ id, name, area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 });
const v = (indicator: string, unit: string, value: number): RowValues => ({ indicator, unit, period: '2026Q1', kon: 'T', value, numerator: null, denominator: null });

type Rollup = { indicators: { indicator: string }[]; names: Record<string, unknown> };

describe("a round's roll-up with indicators=", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [entry(F, 'Förskrivna FaR'), entry(H, 'Genomförda hälsosamtal')]);
    await putRegionDoc(f, 'varden', 'indicator-values', [v(F, 'vc-a', 12), v(H, 'vc-a', 30), v(F, 'vc-b', 4)]);
    const round = { id: 'q1', title: 'Omgång q1', period: '2026Q1', dueDate: '2026-04-15', indicators: [F, H] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
  });
  afterEach(() => f.close());

  it('gives only the asked indicators, over the round’s period or another, in JSON and CSV', async () => {
    for (const path of [`/rounds/q1/rollup?indicators=${H}`, `/rounds/q1/rollup?period=2026&indicators=${H}`]) {
      const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
      expect(res.status, path).toBe(200);
      const body = (await res.json()) as Rollup;
      expect([...new Set(body.indicators.map((r) => r.indicator))], path).toEqual([H]);
    }
    const all = (await (await f.req(`/v1/workspaces/${WS}/rounds/q1/rollup`, f.tokens.viewer)).json()) as Rollup;
    expect(new Set(all.indicators.map((r) => r.indicator))).toEqual(new Set([F, H]));
    const csv = await (await f.req(`/v1/workspaces/${WS}/rounds/q1/rollup?format=csv&table=indicators&indicators=${F}`, f.tokens.viewer)).text();
    const ids = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
    expect(new Set(ids)).toEqual(new Set([F]));
  });

  it('refuses an indicator the round does not follow, in words', async () => {
    for (const path of ['/rounds/q1/rollup?indicators=vc-halsosamtl', '/rounds/q1/rollup?period=2026&indicators=vc-halsosamtl']) {
      const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
      expect(res.status, path).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('round-indicator');
      expect((err.details as { message: { sv: string } }).message.sv).toBe(`Omgången Omgång q1 (2026 kv 1) följer inte indikatorn "vc-halsosamtl"; den följer "${F}", "${H}".`);
    }
  });
});
