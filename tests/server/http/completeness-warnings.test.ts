/**
 * Completeness counts the warnings left in a unit's rows beside its errors: a value outside its
 * catalog range (kept, warned in Problems) shows as `warnings` in the JSON and `Varningar kvar` in
 * the CSV, whatever order the catalog and the values documents come in. Fails on the old
 * completeness, which validated without the catalog's ranges and counted errors only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const F = 'vc-far-forskrivna';
const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q1', kon: 'T', value, numerator: null, denominator: null });

describe('completeness: warnings left', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    // The values document is made before the catalog: the catalog's ranges still judge it.
    await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 45), v('vc-b', 4)]);
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 20, min: 0, max: 30 }]);
    const round = { id: 'q1', title: 'Omgång q1', period: '2026Q1', dueDate: '2026-04-15', indicators: [F] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
  });
  afterEach(() => f.close());

  it('counts a value above its catalog maximum as a warning, not an error', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q1/completeness`, f.tokens.viewer);
    const body = (await res.json()) as { units: { unit: string; problems: number; warnings: number }[]; totals: { problems: number; warnings: number } };
    expect(body.units.map((u) => [u.unit, u.problems, u.warnings])).toEqual([['vc-a', 0, 1], ['vc-b', 0, 0]]);
    expect(body.totals).toMatchObject({ problems: 0, warnings: 1 });
    const csv = await (await f.req(`/v1/workspaces/${WS}/rounds/q1/completeness?format=csv`, f.tokens.viewer)).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const at = header?.indexOf('Varningar kvar') ?? -1;
    expect(header?.slice(at)).toEqual(['Varningar kvar', 'Läsning', 'Enhetsnamn']);
    expect(rows.map((r) => [r[0], r[header?.indexOf('Problem kvar') ?? -1], r[at]])).toEqual([['vc-a', '0', '1'], ['vc-b', '0', '0']]);
  });
});
