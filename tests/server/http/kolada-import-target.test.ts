import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { indicatorFixture, WS, type IndicatorFixture } from './indicator-fixture.js';

const catalog: RowValues[] = [{ id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', min: 0 }];
const held: RowValues = { indicator: 'samtal', unit: 'c1', period: '2024', kon: 'T', value: 80 };

let f: IndicatorFixture;
beforeEach(async () => {
  f = await indicatorFixture(catalog, [held]);
  // A second indicator-values document (another year's, say), empty.
  const doc = createDoc('indicator-values', { title: 'Värden 2', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(doc, []);
  const now = new Date().toISOString();
  await f.storage.putDocRecord({ workspace: WS, doc: 'varden-2', kind: 'indicator-values', title: 'Värden 2', ownerUnit: 'region', createdAt: now, updatedAt: now });
  await f.storage.appendUpdates({ workspace: WS, doc: 'varden-2' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
});
afterEach(async () => {
  await f.close();
});

const valuesOf = async (doc: string) => rowsOf(await f.app.registry.getDoc({ workspace: WS, doc })).map((r) => r.values);

describe('POST /v1/workspaces/:ws/indicators/kolada into one of several indicator-values documents', () => {
  it('stores a value into the named document even when another document holds the same indicator, unit, period and kön', async () => {
    const body = { values: [{ kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 95 }] }] };
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=varden-2`, body);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: Record<string, number> }).summary).toMatchObject({ imported: 1, updated: 0, refused: 0 });
    expect((await valuesOf('varden-2')).map((v) => v.value)).toEqual([95]);
    expect((await valuesOf('indikatorvarden')).map((v) => v.value)).toEqual([80]);
  });

  it('still replaces the value the named document holds for the same key', async () => {
    const body = { values: [{ kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 81 }] }] };
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body);
    expect(((await res.json()) as { summary: Record<string, number> }).summary).toMatchObject({ imported: 0, updated: 1 });
    expect((await valuesOf('indikatorvarden')).map((v) => v.value)).toEqual([81]);
  });
});
