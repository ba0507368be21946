/**
 * Archived documents in follow-up: an archived document is read-only history, so its rows do not
 * count in an open round's completeness or roll-up, nor in a period roll-up; a unit approved in
 * the round keeps the rows it was approved with (`server/http/round-data.ts`). Restoring the
 * document counts it again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { reportCommand } from '../../../server/report-command.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const value = (unit: string, v: number) => ({ indicator: 'halsosamtal', unit, period: '2026Q2', kon: 'T', value: v, status: 'definitiv' });

interface Completeness {
  units: { unit: string; status: string; values: { present: number; expected: number } }[];
}
interface Rollup {
  indicators: { indicator: string; unit: string | null; value: number | null }[];
}

describe('archived documents in follow-up', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [
      { id: 'halsosamtal', name: 'Genomförda hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 },
    ]);
    await putRegionDoc(f, 'varden', 'indicator-values', [value('vc-a', 7), value('vc-b', 5)]);
    const round = { id: 'kv2', title: 'Kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: ['halsosamtal'], activities: false };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
  });
  afterEach(() => f.close());

  const get = async <T>(path: string): Promise<T> => {
    const res = await f.req(`/v1/workspaces/${WS}/${path}`, f.tokens.viewer);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };
  const present = async () => Object.fromEntries((await get<Completeness>('rounds/kv2/completeness')).units.map((u) => [u.unit, u.values.present]));
  const values = (r: Rollup) =>
    Object.fromEntries(r.indicators.filter((i) => i.indicator === 'halsosamtal' && i.unit !== null).map((i) => [i.unit, i.value]));
  const archive = async (verb: 'archive' | 'unarchive') =>
    expect((await f.req(`/v1/workspaces/${WS}/documents/varden/${verb}`, f.tokens.admin, { method: 'POST' })).status).toBe(200);

  it('leave an archived document out of an open round, and count it again once restored', async () => {
    expect(await present()).toEqual({ 'vc-a': 1, 'vc-b': 1 });
    await archive('archive');
    expect(await present()).toEqual({ 'vc-a': 0, 'vc-b': 0 });
    expect(values(await get<Rollup>('rounds/kv2/rollup'))).toEqual({ 'vc-a': null, 'vc-b': null });
    expect(values(await get<Rollup>('rollup?period=2026Q2&indicators=halsosamtal'))).toEqual({ 'vc-a': null, 'vc-b': null });
    await archive('unarchive');
    expect(values(await get<Rollup>('rollup?period=2026Q2&indicators=halsosamtal'))).toEqual({ 'vc-a': 7, 'vc-b': 5 });
    expect(await present()).toEqual({ 'vc-a': 1, 'vc-b': 1 });
  });

  it("keep an approved unit's archived rows in the round's figures, and only that unit's", async () => {
    for (const action of ['submit', 'approve']) {
      expect((await f.req(`/v1/workspaces/${WS}/rounds/kv2/units/vc-a/${action}`, f.tokens.admin, json({}))).status).toBe(200);
    }
    await archive('archive');
    expect(await present()).toEqual({ 'vc-a': 1, 'vc-b': 0 });
    expect(values(await get<Rollup>('rounds/kv2/rollup'))).toEqual({ 'vc-a': 7, 'vc-b': null });
    expect(values(await get<Rollup>('rounds/kv2/rollup?period=2026Q2'))).toEqual({ 'vc-a': 7, 'vc-b': null });
    // A period roll-up belongs to no round: archived rows are left out there.
    expect(values(await get<Rollup>('rollup?period=2026Q2&indicators=halsosamtal'))).toEqual({ 'vc-a': null, 'vc-b': null });
  });

  it('give the command-line report the same figures as the HTTP report', async () => {
    for (const action of ['submit', 'approve']) {
      expect((await f.req(`/v1/workspaces/${WS}/rounds/kv2/units/vc-a/${action}`, f.tokens.admin, json({}))).status).toBe(200);
    }
    await archive('archive');
    const res = await f.req(`/v1/workspaces/${WS}/rounds/kv2/report`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const out = `${process.env.TMPDIR ?? '/tmp'}/samplan-archived-report-${process.pid}.html`;
    expect(await reportCommand(f.storage, { workspace: WS, round: 'kv2', unit: null, lang: 'sv', out, pdf: null }, () => undefined, f.now.value)).toBe(0);
    const cli = await readFile(out, 'utf8');
    await rm(out);
    expect(cli).toBe(await res.text());
  });
});
