/**
 * Two catalogs (or two rows of one) declaring one indicator with different ranges: the first
 * declaration decides everywhere, as the indicator definitions and the import's range warnings
 * take it. Fails on the old `…/problems`, where the later catalog's range won (no warning for 45
 * against the first catalog's maximum 30) while the import warned.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const F = 'vc-far-forskrivna';
const entry = (max: number): RowValues => ({ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 20, min: 0, max });
const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q1', kon: 'T', value, numerator: null, denominator: null });

interface Problems {
  problems: { code: string; severity: string; message: { sv: string } }[];
}

describe('one range per indicator', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const rangeProblems = async (): Promise<string[]> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/problems`, f.tokens.coordinator);
    expect(res.status).toBe(200);
    return ((await res.json()) as Problems).problems.filter((p) => p.code === 'above-max').map((p) => p.message.sv);
  };

  it('takes the first catalog’s range in Problems, as the import does', async () => {
    await putRegionDoc(f, 'katalog-a', 'indicator-catalog', [entry(30)]);
    await putRegionDoc(f, 'katalog-b', 'indicator-catalog', [entry(100)]);
    await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 45)]);
    expect(await rangeProblems()).toEqual([expect.stringContaining('30')]);
  });

  it('takes the first row’s range when one catalog repeats an id', async () => {
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [entry(30), entry(100)]);
    await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', 45)]);
    expect(await rangeProblems()).toEqual([expect.stringContaining('30')]);
  });
});
