/**
 * A clinic reports its indicator values in the region's shared indicator-values document (as the
 * demo's clinics do): that it has archived its own last plan does not end it. A round that names
 * no units still waits for it, lets it submit, and rolls its values up, and so does the roll-up
 * over a period. Fails on the rule that read only the documents a unit owns (`endedUnits` of
 * 6d84a96): vc-b was left out of the completeness, refused its submit (404 round-unit) and its
 * values were missing from the county roll-up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, planRow, putDoc, putRegionDoc, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const F = 'vc-far-forskrivna';

describe('a clinic that reports in the shared values document', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    // vc-b's only own plan is archived; its values for the round's period are in the region's live values document.
    await putDoc(f.storage, 'plan-b-2025', 'activity-plan', 'vc-b', [planRow('Promenadgrupp B')], f.now.value.toISOString());
    const rec = await f.storage.getDocRecord({ workspace: WS, doc: 'plan-b-2025' });
    await f.storage.putDocRecord({ ...rec!, archivedAt: '2026-01-10T08:00:00.000Z', archivedBy: 'Person admin' });
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 }]);
    const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q1', kon: 'T', value, numerator: null, denominator: null });
    await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 12), v('vc-b', 4)]);
    const round = { id: 'q1', title: 'Omgång q1', period: '2026Q1', dueDate: '2026-04-15', indicators: [F] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
  });
  afterEach(() => f.close());

  it('is expected in a round that names no units, and may submit', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q1/completeness`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { units: { unit: string }[] }).units.map((u) => u.unit).sort()).toEqual(['vc-a', 'vc-b']);
    const submit = await f.req(`/v1/workspaces/${WS}/rounds/q1/units/vc-b/submit`, f.tokens.editorB, json('POST', {}));
    expect(submit.status).toBe(200);
  });

  it('has its values in the roll-ups, the county total too', async () => {
    type Rollup = { indicators: { indicator: string; unit: string | null; value: number | null }[] };
    for (const path of ['/rounds/q1/rollup', '/rollup?period=2026Q1']) {
      const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
      expect(res.status, path).toBe(200);
      const rows = ((await res.json()) as Rollup).indicators.filter((r) => r.indicator === F);
      expect(rows.map((r) => [r.unit, r.value]), path).toEqual([['vc-a', 12], ['vc-b', 4], [null, 16]]);
    }
  });
});
