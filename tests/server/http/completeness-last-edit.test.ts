/**
 * Completeness tells when a unit's rows last changed (`lastEdit`), beside its last status change
 * (`lastChange`): a value changed after the unit's submission reads as a change, not as nothing
 * since the submission. Fails on the old completeness, which gave only the status change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const F = 'vc-far-forskrivna';
const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q1', kon: 'T', value, numerator: null, denominator: null });

interface Unit {
  unit: string;
  lastChange: { at: string } | null;
  lastEdit: { at: string } | null;
}

describe('completeness: the last change to a unit’s values', () => {
  let f: Fixture;
  const units = async (): Promise<Map<string, Unit>> => {
    const res = await f.req(`/v1/workspaces/${WS}/rounds/q1/completeness`, f.tokens.viewer);
    expect(res.status).toBe(200);
    return new Map(((await res.json()) as { units: Unit[] }).units.map((u) => [u.unit, u]));
  };
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 }]);
    await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 12), v('vc-b', 4)]);
    const round = { id: 'q1', title: 'Omgång q1', period: '2026Q1', dueDate: '2026-04-15', indicators: [F] };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
  });
  afterEach(() => f.close());

  it('is the time of the edit made after the submission, for that unit only', async () => {
    f.now.value = new Date('2026-02-01T08:00:00Z');
    expect((await f.req(`/v1/workspaces/${WS}/rounds/q1/units/vc-a/submit`, f.tokens.editor, json('POST', {}))).status).toBe(200);
    const before = await units();
    expect(before.get('vc-a')).toMatchObject({ lastChange: { at: '2026-02-01T08:00:00.000Z' }, lastEdit: { at: '2026-01-15T10:00:00.000Z' } });

    f.now.value = new Date('2026-02-02T09:00:00Z');
    expect((await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, json('POST', [v('vc-b', 5)]))).status).toBe(200);
    f.now.value = new Date('2026-02-03T13:30:00Z');
    const imp = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, json('POST', [v('vc-a', 15)]));
    expect(imp.status).toBe(200);
    const after = await units();
    expect(after.get('vc-a')).toMatchObject({ lastChange: { at: '2026-02-01T08:00:00.000Z' }, lastEdit: { at: '2026-02-03T13:30:00.000Z' } });
    // vc-b's row in the same document did not change with vc-a's (a REST write's update repeats every earlier delete, vc-b's old value too).
    expect(after.get('vc-b')?.lastEdit).toEqual({ at: '2026-02-02T09:00:00.000Z' });
  });
});
