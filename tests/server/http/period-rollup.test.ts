/**
 * The roll-up over any period through the HTTP API, against figures worked out by hand.
 * FaR prescribed (`vc-far-forskrivna`) is a count with an annual target of 40: vc-a reports
 * 8 in 2026 kv 1 and 12 in kv 2, vc-b only 4 in kv 2. The follow-up share has target 60 %.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RowValues } from '../../../shared/schema/types.js';
import { errorOf, makeFixture, putRegionDoc, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const F = 'vc-far-forskrivna';
const S = 'vc-far-uppfoljda-6man';

async function setup(): Promise<void> {
  f = await makeFixture();
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [
    { id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 },
    { id: S, name: 'Andel FaR följda upp', area: 'god-och-jamlik-halsa', unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  ]);
  const v = (unit: string, indicator: string, period: string, value: number | null, numerator: number | null = null, denominator: number | null = null): RowValues => ({ indicator, unit, period, kon: 'T', value, numerator, denominator });
  await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', F, '2026Q1', 8), v('vc-a', F, '2026Q2', 12), v('vc-b', F, '2026Q2', 4)]);
  const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [F, S] };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round))).status).toBe(201);
}

interface Row { indicator: string; unit: string | null; value: number | null; compared: number | null; targetCompared: number | null; status: string | null }
const rowsOf = async (path: string): Promise<{ period: string; round?: { id: string }; indicators: Row[] }> => {
  const res = await f.req(path, f.tokens.viewer);
  expect(res.status).toBe(200);
  return (await res.json()) as { period: string; indicators: Row[] };
};

describe('roll-up per period (HTTP)', () => {
  it("a round's count is held against its target pro rata: vc-a kv 2 is 8 + 12 = 20 against 40 × 6/12 = 20, reached", async () => {
    await setup();
    const body = await rowsOf(`/v1/workspaces/${WS}/rounds/2026-kv-2/rollup`);
    expect(body.indicators.find((r) => r.indicator === F && r.unit === 'vc-a')).toMatchObject({ value: 12, compared: 20, targetCompared: 20, status: 'uppnatt' });
    // vc-b reported only kv 2: 4 against 40 × 3/12 = 10.
    expect(body.indicators.find((r) => r.indicator === F && r.unit === 'vc-b')).toMatchObject({ value: 4, compared: 4, targetCompared: 10, status: 'ej-pa-vag' });
  });

  it('rolls up halvår 1 for the clinics: vc-a 20, vc-b 4, the county 24; only indicators with values are listed', async () => {
    await setup();
    const body = await rowsOf(`/v1/workspaces/${WS}/rollup?period=2026S1`);
    expect(body.period).toBe('2026S1');
    expect(new Set(body.indicators.map((r) => r.indicator))).toEqual(new Set([F]));
    expect(body.indicators.map((r) => [r.unit, r.value, r.status])).toEqual([
      ['vc-a', 20, 'uppnatt'],
      ['vc-b', 4, 'ej-pa-vag'],
      [null, 24, null],
    ]);
  });

  it('reads a period written in words and rolls a round up over its whole year', async () => {
    await setup();
    const words = await rowsOf(`/v1/workspaces/${WS}/rollup?period=${encodeURIComponent('2026 kv 1')}&indicators=${F}`);
    expect(words.period).toBe('2026Q1');
    expect(words.indicators.find((r) => r.unit === 'vc-a')).toMatchObject({ value: 8, targetCompared: 10, status: 'ej-pa-vag' });
    const year = await rowsOf(`/v1/workspaces/${WS}/rounds/2026-kv-2/rollup?period=2026`);
    expect(year.round?.id).toBe('2026-kv-2');
    // The year so far: 20 over 6 months against 20; the share has no value (null, not 0).
    expect(year.indicators.find((r) => r.indicator === F && r.unit === 'vc-a')).toMatchObject({ value: 20, targetCompared: 20, status: 'uppnatt' });
    expect(year.indicators.find((r) => r.indicator === S && r.unit === 'vc-a')).toMatchObject({ value: null, status: null });
  });

  it('refuses an indicator the workspace has nowhere with 400 in words, never repeating an identity number typed there', async () => {
    await setup();
    for (const typed of ['finns-inte', '850101-1236']) {
      const res = await f.req(`/v1/workspaces/${WS}/rollup?period=2026&indicators=${F},${typed}&format=csv`, f.tokens.viewer);
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('unknown-indicator');
      expect((err.details as { message: { sv: string } }).message.sv).toContain('Arbetsytan har ingen indikator');
      expect(JSON.stringify(err)).not.toContain('850101');
    }
    expect((await f.req(`/v1/workspaces/${WS}/rollup?period=2026&indicators=${F}`, f.tokens.viewer)).status).toBe(200);
  });

  it('refuses a period that is none, or none at all, with 400 and a sentence in both languages', async () => {
    await setup();
    for (const q of ['?period=2026Q5', '']) {
      const res = await f.req(`/v1/workspaces/${WS}/rollup${q}`, f.tokens.viewer);
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('bad-period');
      const message = (err.details as { message: { sv: string; en: string } }).message;
      expect(message.sv).toMatch(/period/);
      expect(message.en).toMatch(/period/);
    }
    expect((await f.req(`/v1/workspaces/${WS}/rounds/nope/rollup?period=2026`, f.tokens.viewer)).status).toBe(404);
  });

  it('reads a month’s first day as Swedes write it, and tells a day, a slashed date and a week as what they are', async () => {
    await setup();
    for (const text of ['1.4.2026', '1 april 2026', '1/4 2026', ' Kv2  2026 ', '1 april 26', 'apr–jun 2026']) {
      const body = await rowsOf(`/v1/workspaces/${WS}/rollup?period=${encodeURIComponent(text)}&indicators=${F}`);
      expect(body.period, text).toBe(text.includes('Kv') || text.includes('–') ? '2026Q2' : '202604');
    }
    const cases: [string, string, string][] = [
      ['15.4.2026', 'the date 2026-04-15 is not a period', 'datumet 2026-04-15 är ingen period'],
      ['4/1/2026', '"4/1/2026" could be 2026-01-04 (day first, as Swedes write it) or 2026-04-01 (month first', '"4/1/2026" kan vara 2026-01-04 (dag först'],
      ['vecka 14', '"vecka 14" is a week, which is no period of Samplan', '"vecka 14" är en vecka'],
      ['mar–maj 2026', '"mar–maj 2026" is a range of months that is no quarter', '"mar–maj 2026" är månader som inte bildar ett kvartal'],
    ];
    for (const [text, en, sv] of cases) {
      const res = await f.req(`/v1/workspaces/${WS}/rollup?period=${encodeURIComponent(text)}`, f.tokens.viewer);
      expect(res.status, text).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('bad-period');
      expect(englishOf(err), text).toContain(en);
      expect((err.details as { message: { sv: string; en: string } }).message.sv, text).toContain(sv);
    }
  });

  it('suggests in English the words the Swedish sentence suggests, not period codes', async () => {
    await setup();
    for (const q of [`?period=${encodeURIComponent('nästa år')}`, '']) {
      // Asked for in English: the route's English names the Swedish spellings too.
      const err = await errorOf(await f.req(`/v1/workspaces/${WS}/rollup${q}`, f.tokens.viewer, { headers: { 'accept-language': 'en' } }));
      expect(err.message, q).toContain('2024 kv 2, 2024 halvår 1, juni 2024, jun-24');
      expect(err.message, q).toContain('2024 Q2, 2024 H1, June 2024 or Jun-24');
      expect(err.message, q).not.toMatch(/\d{4}S\d|\d{4}Q\d|\b\d{6}\b/);
      const sv = (err.details as { message: { sv: string } }).message.sv;
      expect(sv, q).toContain('2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24');
    }
  });

  it("states the target rule in the styrgrupp report's legend", async () => {
    await setup();
    const html = await (await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/report`, f.tokens.viewer)).text();
    expect(html).toContain('Antal har ett mål per år');
    expect(html).toContain('kvartal 2 mot halva årsmålet');
  });

  it('gives the indicator table as CSV with the figures the status compared', async () => {
    await setup();
    const res = await f.req(`/v1/workspaces/${WS}/rollup?period=2026Q2&format=csv&table=indicators&sep=semicolon`, f.tokens.viewer);
    const text = await res.text();
    expect(text).toContain('Jämfört värde (antal: hittills i år)');
    expect(text).toContain(`${F};vc-a;12;;;40;Uppnått;20;20`);
    expect(text).toContain(`${F};vc-b;4;;;40;Ej på väg;4;10`);
    expect(text).not.toMatch(/uppnatt|pa-vag/);
  });

  it('refuses a format, table or separator that is none with 400 and the issue, as the round routes do, instead of answering something else', async () => {
    await setup();
    const cases = [
      ['/rollup?period=2026&format=docx', 'format'],
      ['/rollup?period=2026&format=csv&table=bogus', 'table'],
      ['/rollup?period=2026&format=csv&sep=tab', 'sep'],
      ['/rounds/2026-kv-2/rollup?period=2026&format=xml', 'format'],
      ['/rounds/2026-kv-2/rollup?period=2026&format=csv&table=far2', 'table'],
      [`/rollup?period=${'9'.repeat(5000)}`, 'period'],
    ] as const;
    for (const [query, param] of cases) {
      const res = await f.req(`/v1/workspaces/${WS}${query}`, f.tokens.viewer);
      expect(res.status, query).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('invalid-request');
      expect(englishOf(err)).toMatch(new RegExp(`^The request is not valid: ${param} `));
      expect(err.message.length).toBeLessThan(300);
    }
    const ok = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/rollup?period=2026&format=csv&table=far&sep=semicolon`, f.tokens.viewer);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});
