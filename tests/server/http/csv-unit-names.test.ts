/**
 * Every CSV answer a manager pulls names the unit beside its code: the indicator table, the
 * round's completeness and roll-up tables, and the roll-up over any period end with the unit's
 * name from the workspace's unit records (`Enhetsnamn`; `Unit name` in English), every earlier
 * column in its place; the JSON answers carry the same names as `unitNames`. A name with a
 * semicolon, a quote and a leading `=` is quoted and neutralised as every CSV field is (`csv.ts`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/http/csv-read.js';
import { WS, type Fixture } from './support.js';
import { F, TRICKY, unitNamesFixture } from './unit-names-fixture.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function setup(): Promise<void> {
  f = await unitNamesFixture({ 'vc-a': 12, 'vc-b': 4 });
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [F] };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
}

/** The CSV answer of `path` (as the manager, the viewer): its raw lines and its records read back. */
async function csvOf(path: string): Promise<{ lines: string[]; records: string[][] }> {
  const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const text = await res.text();
  return { lines: text.replace(/^\uFEFF/, '').split('\r\n'), records: parseCsv(text) };
}

/** Code and name of each record, the name from the last column. */
const codeAndName = (records: string[][]): string[][] => {
  const at = records[0]!.indexOf(records[0]!.includes('Enhet') ? 'Enhet' : 'Unit');
  return records.slice(1).map((r) => [r[at]!, r.at(-1)!]);
};

describe('CSV answers name the units', () => {
  it('the indicator table ends with Enhetsnamn (Unit name in English), its columns before it in place', async () => {
    await setup();
    const { records } = await csvOf(`/indicators/table?format=csv&sep=semicolon`);
    expect(records[0]).toEqual(['Indikator', 'Namn', 'Enhet', 'Period', 'Kön', 'Värde', 'Täljare', 'Nämnare', 'Måttenhet', 'Mål', 'Mot målet', 'Status', 'Källa', 'Enhetsnamn']);
    expect(codeAndName(records)).toEqual([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B']]);
    const en = await csvOf(`/indicators/table?format=csv&lang=en`);
    expect(en.records[0]?.at(-1)).toBe('Unit name');
    expect(codeAndName(en.records)).toEqual([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B']]);
  });

  it("the round's completeness and its roll-up tables end with Enhetsnamn", async () => {
    await setup();
    const completeness = await csvOf(`/rounds/2026-kv-2/completeness?format=csv&sep=semicolon`);
    expect(completeness.records[0]?.slice(0, 2)).toEqual(['Enhet', 'Status']);
    expect(completeness.records[0]?.at(-1)).toBe('Enhetsnamn');
    expect(codeAndName(completeness.records)).toEqual(expect.arrayContaining([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B']]));
    const activities = await csvOf(`/rounds/2026-kv-2/rollup?format=csv`);
    expect(activities.records[0]).toEqual(['Enhet', 'Aktivitetstyp', 'Planerade', 'Genomförda', 'Inställda', 'Deltagare planerat', 'Deltagare nådda', 'Enhetsnamn']);
    expect(new Set(codeAndName(activities.records).map((r) => r.join('|')))).toEqual(new Set([`vc-a|${TRICKY}`]));
    const indicators = await csvOf(`/rounds/2026-kv-2/rollup?format=csv&table=indicators&sep=semicolon`);
    expect(indicators.records[0]?.slice(0, 2)).toEqual(['Indikator', 'Enhet']);
    expect(codeAndName(indicators.records)).toEqual([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B'], ['Hela länet', 'Hela länet']]);
    const far = await csvOf(`/rounds/2026-kv-2/rollup?format=csv&table=far`);
    expect(far.records[0]?.[0]).toBe('Enhet');
    expect(far.records[0]?.at(-1)).toBe('Enhetsnamn');
  });

  it('the roll-up over any period ends with Enhetsnamn', async () => {
    await setup();
    const { records } = await csvOf(`/rollup?period=2026Q2&format=csv&table=indicators&sep=semicolon`);
    expect(records[0]).toEqual(['Indikator', 'Enhet', 'Värde', 'Täljare', 'Nämnare', 'Mål', 'Status', 'Jämfört värde (antal: hittills i år)', 'Jämfört mål (antal: i proportion hittills i år)', 'Enhetsnamn']);
    expect(codeAndName(records)).toEqual([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B'], ['Hela länet', 'Hela länet']]);
    const activities = await csvOf(`/rollup?period=2026&format=csv`);
    expect(codeAndName(activities.records)[0]).toEqual(['vc-a', TRICKY]);
  });

  it('writes a name with a semicolon, quotes and a leading = quoted, with a leading apostrophe so Excel shows it as text', async () => {
    await setup();
    const { lines } = await csvOf(`/rollup?period=2026Q2&format=csv&table=indicators&sep=semicolon`);
    expect(lines.find((l) => l.startsWith(`${F};vc-a;`))).toMatch(/;"'=Alby; ""Norra"" vc"$/);
    const comma = await csvOf(`/indicators/table?format=csv`);
    expect(comma.lines.find((l) => l.startsWith(`${F},`) && l.includes(',vc-a,'))).toMatch(/,"'=Alby; ""Norra"" vc"$/);
  });

  it('the JSON answers carry the unit names by code', async () => {
    await setup();
    const names = { region: 'Region', 'vc-a': TRICKY, 'vc-b': 'Vårdcentral B' };
    for (const path of ['/indicators/table', '/rounds/2026-kv-2/completeness', '/rounds/2026-kv-2/rollup', '/rollup?period=2026Q2', '/rounds/2026-kv-2/rollup?period=2026']) {
      const res = await f.req(`/v1/workspaces/${WS}${path}`, f.tokens.viewer);
      expect(res.status, path).toBe(200);
      expect(((await res.json()) as { unitNames?: unknown }).unitNames, path).toEqual(names);
    }
  });
});
