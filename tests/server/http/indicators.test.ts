import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { indicatorFixture, WS, type IndicatorFixture } from './indicator-fixture.js';
import { SFH_INDICATORS } from '../../../shared/catalog/indicators.js';
import { englishOf } from './support.js';

const catalog: RowValues[] = [
  { id: 'far', name: 'FaR följda upp', area: 'god-och-jamlik-halsa', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  { id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', target: 100, min: 0 },
];
const values: RowValues[] = [
  { indicator: 'far', unit: 'c1', period: '2024', kon: 'T', numerator: 30, denominator: 60, status: 'definitiv' },
  { indicator: 'far', unit: 'c2', period: '2024', kon: 'T', numerator: 10, denominator: 40, status: 'preliminar' },
  { indicator: 'far', unit: 'c1', period: '2023', kon: 'T', numerator: 20, denominator: 50 },
  { indicator: 'samtal', unit: 'c1', period: '2024', kon: 'T', value: 80.5 },
  // An unknown unit: an error, so the validated table leaves it out.
  { indicator: 'samtal', unit: 'nowhere', period: '2024', kon: 'T', value: 3 },
];

let f: IndicatorFixture;
beforeEach(async () => {
  f = await indicatorFixture(catalog, values);
});
afterEach(async () => {
  await f.close();
});

describe('GET /v1/workspaces/:ws/indicators/table', () => {
  it('serves validated rows to a viewer and says how many were left out and why', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { indicator: string; unit: string; period: string; value: number | null; targetStatus: string | null }[]; leftOut: number; leftOutReasons: Record<string, number> };
    expect(body.rows.map((r) => `${r.indicator}/${r.unit}/${r.period}=${r.value}:${r.targetStatus}`)).toEqual([
      'far/c1/2023=40:ej-pa-vag',
      'far/c1/2024=50:pa-vag',
      'far/c2/2024=25:ej-pa-vag',
      'samtal/c1/2024=80.5:ej-pa-vag',
    ]);
    expect(body.leftOut).toBe(1);
    expect(Object.values(body.leftOutReasons).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('x-samplan-left-out')).toBe('1');
  });

  it('warns about values outside the catalog range, keeping them in the table', async () => {
    const body = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?validated=false`)).json()) as { warnings: { code: string; unit: string }[] };
    expect(body.warnings).toEqual([]);
    await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, {
      values: [{ kpi: 'samtal', municipality: 'c3', period: 2024, values: [{ gender: 'T', value: -4 }] }],
    });
    expect(res.status).toBe(200);
    const after = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=samtal&unit=c3`)).json()) as { rows: unknown[]; warnings: { code: string; unit: string }[] };
    expect(after.rows).toHaveLength(1);
    expect(after.warnings).toEqual([expect.objectContaining({ code: 'below-min', unit: 'c3' })]);
  });

  it('includes rows with errors when validated=false', async () => {
    const body = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?validated=false`)).json()) as { rows: unknown[]; leftOut: number };
    expect(body.rows).toHaveLength(5);
    expect(body.leftOut).toBe(0);
  });

  it('filters by indicator, unit, period and kön', async () => {
    const body = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=far&unit=c1&period=2024&kon=T`)).json()) as { rows: { value: number }[] };
    expect(body.rows.map((r) => r.value)).toEqual([50]);
  });

  it('reads a unit or an indicator by its name and a period in words, as a Power Query writes them', async () => {
    const body = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=${encodeURIComponent('far  FÖLJDA upp')}&unit=C1&period=${encodeURIComponent('2024')}&kon=T`)).json()) as { rows: { value: number }[] };
    expect(body.rows.map((r) => r.value)).toEqual([50]);
    const kv = await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=far&period=${encodeURIComponent('2024 kv 4')}`);
    const range = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=far&unit=c1&period=${encodeURIComponent('jan–dec 24')}&kon=T`)).json()) as { rows: { value: number }[] };
    expect(range.rows.map((r) => r.value)).toEqual([50]);
    expect(kv.status).toBe(200);
    // A unit only the values name (no unit record) is still a filter, not a mistake.
    const nowhere = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?unit=nowhere&validated=false`)).json()) as { rows: unknown[] };
    expect(nowhere.rows).toHaveLength(1);
  });

  it('refuses a filter value that names nothing, rather than answering an empty table as if there were no data', async () => {
    for (const kind of ['table', 'kolada']) {
      const res = await f.get(`/v1/workspaces/${WS}/indicators/${kind}?indicator=${encodeURIComponent('Hälsosamtalen')}&unit=c9&period=2024Q5`);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string; details: { sv: string } } };
      expect(error.code).toBe('unknown-filter');
      expect(englishOf(error)).toBe(
          'indicator="Hälsosamtalen": no indicator of the workspace has that code or name; did you mean "Hälsosamtal"? ' +
          'unit="c9": no unit of the workspace has that code or name; did you mean "c1", "c2" or "c3"? ' +
          'period="2024Q5": "2024Q5" is not a period. Write e.g. 2024, 2024 Q2, 2024 H1, June 2024 or Jun-24 (or in Swedish: 2024 kv 2, 2024 halvår 1, juni 2024, jun-24).',
      );
      expect(error.details.sv).toMatch(/^indicator="Hälsosamtalen": ingen indikator i arbetsytan har den koden eller det namnet; menade du "Hälsosamtal"\?/);
      // Words, as the pane and the roll-up suggest them, never codes.
      expect(error.details.sv).toContain('period="2024Q5": "2024Q5" är ingen period. Skriv t.ex. 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.');
      expect(error.message).not.toMatch(/2025Q4|202503/);
    }
  });

  it('filters by a month’s first day as Swedes write it, and says why a week or a slashed date is no period', async () => {
    const words = await f.get(`/v1/workspaces/${WS}/indicators/table?period=${encodeURIComponent('1.1.2024')}&validated=false`);
    expect(words.status).toBe(200);
    for (const [text, en, sv] of [
      ['vecka 12', 'period="vecka 12": "vecka 12" is a week, which is no period of Samplan', 'period="vecka 12": "vecka 12" är en vecka'],
      ['7/1/2026', 'period="7/1/2026": "7/1/2026" could be 2026-01-07', 'period="7/1/2026": "7/1/2026" kan vara 2026-01-07'],
      ['feb–apr 2024', 'period="feb–apr 2024": "feb–apr 2024" is a range of months that is no quarter', 'period="feb–apr 2024": "feb–apr 2024" är månader som inte bildar ett kvartal'],
    ]) {
      const res = await f.get(`/v1/workspaces/${WS}/indicators/table?period=${encodeURIComponent(text!)}`);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string; details: { sv: string } } };
      expect(error.code).toBe('unknown-filter');
      expect(englishOf(error)).toContain(en);
      expect(error.details.sv).toContain(sv);
    }
  });

  it('serves Swedish-Excel CSV with a BOM, semicolons and decimal commas', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?format=csv&sep=semicolon&indicator=samtal`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = new TextDecoder().decode(bytes).split('\r\n');
    expect(header?.split(';').slice(0, 6)).toEqual(['Indikator', 'Namn', 'Enhet', 'Period', 'Kön', 'Värde']);
    expect(row?.split(';')[5]).toBe('80,5');
  });

  it('serves XLSX with numbers as numbers', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx&lang=en&indicator=far&period=2024`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('Value');
    expect(sheet.getRow(2).getCell(6).value).toBe(50);
    expect(sheet.rowCount).toBe(3);
    // Every document was read: no sheet of documents left out, and the file's name says nothing of it.
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indicators', 'About']);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hbi-test-indikatorer.xlsx"');
  });

  it("writes a value's status in words a person reads, which an import reads back; JSON keeps the codes", async () => {
    const cells = (csv: string, unit: string) => csv.replace(/^\uFEFF/, '').split('\r\n').find((l) => l.startsWith(`far;`) && l.includes(`;${unit};2024;`))?.split(';') ?? [];
    const sv = await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=csv&sep=semicolon&indicator=far&period=2024`)).text();
    expect(sv.replace(/^\uFEFF/, '').split('\r\n')[0]?.split(';')[11]).toBe('Status');
    expect([cells(sv, 'c1')[11], cells(sv, 'c2')[11]]).toEqual(['Definitiv', 'Preliminär']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx&lang=en&indicator=far&period=2024`)).arrayBuffer()) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect([2, 3].map((r) => `${String(sheet.getRow(r).getCell(3).value)}:${String(sheet.getRow(r).getCell(12).value)}`).sort()).toEqual(['c1:Final', 'c2:Preliminary']);
    const json = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=far&period=2024`)).json()) as { rows: { status: string }[] };
    expect(json.rows.map((r) => r.status).sort()).toEqual(['definitiv', 'preliminar']);
    const before = rowsOf(await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' })).map((r) => r.values);
    const res = await f.app.app.request(`/v1/workspaces/${WS}/documents/indikatorvarden/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.tokens.coordinator}`, 'content-type': 'text/csv' },
      body: sv,
    });
    expect(await res.json()).toMatchObject({ imported: 0, refused: [] });
    const after = rowsOf(await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' })).map((r) => r.values);
    // Nothing changes: the Värde computed from numerator and denominator is not stored as typed (import-computed.test.ts); the status stays.
    expect(after).toEqual(before);
    expect(after.map((r) => r.status)).toContain('preliminar');
  });

  it('answers 401 without a token, in JSON', async () => {
    const res = await f.app.app.request(`/v1/workspaces/${WS}/indicators/table`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('token-missing');
  });

  it('refuses a bad filter with a sentence', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?kon=X`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/kon/);
  });
});

describe('Kolada shape', () => {
  it('pages entries with next_page', async () => {
    const page1 = (await (await f.get(`/v1/workspaces/${WS}/indicators/kolada?per_page=2`)).json()) as { values: { kpi: string; municipality: string; period: number }[]; next_page: string | null };
    expect(page1.values).toHaveLength(2);
    expect(page1.next_page).toContain('page=2');
    const next = new URL(page1.next_page!);
    const page2 = (await (await f.get(next.pathname + next.search)).json()) as { values: unknown[]; next_page: string | null };
    expect(page2.values).toHaveLength(2);
    expect(page2.next_page).toBeNull();
  });

  it('imports Kolada JSON with a dry run first, replacing values of the same key', async () => {
    const body = {
      values: [
        { kpi: 'samtal', municipality: 'c2', period: 2024, values: [{ gender: 'T', value: 12 }, { gender: 'K', value: null }] },
        { kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 81 }] },
        { kpi: 'okand', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 1 }] },
      ],
    };
    const dry = (await (await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden&dryRun=true`, body)).json()) as {
      summary: Record<string, number>;
      refused: { index: number; reason: string; message: { sv: string; en: string } }[];
    };
    expect(dry.summary).toEqual({ imported: 2, updated: 1, ignored: 0, refused: 1 });
    expect(dry.refused.map((r) => r.index)).toEqual([3]);
    expect(dry.refused[0]?.message.en).toBe(dry.refused[0]?.reason);
    expect(dry.refused[0]?.message.sv).not.toBe(dry.refused[0]?.message.en);
    const before = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=samtal&unit=c2`)).json()) as { rows: unknown[] };
    expect(before.rows).toHaveLength(0);

    const real = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body);
    expect(real.status).toBe(200);
    const after = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=samtal&unit=c1,c2`)).json()) as { rows: { unit: string; kon: string; value: number | null }[] };
    expect(after.rows.map((r) => `${r.unit}/${r.kon}=${r.value}`)).toEqual(['c1/T=81', 'c2/K=null', 'c2/T=12']);
    const count = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' }).then((d) => rowsOf(d).length);
    expect(count).toBe(values.length + 2);
  });

  it('refuses a value that spells a personnummer as a decimal number (850101,1236 in Swedish), and stores nothing of it', async () => {
    const body = { values: [{ kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 850101.1236 }, { gender: 'K', value: 3.5 }] }] };
    const res = (await (await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body)).json()) as { summary: Record<string, number>; refused: { index: number; reason: string }[] };
    expect(res.summary).toMatchObject({ imported: 1, refused: 1 });
    expect(res.refused[0]?.reason).toMatch(/personal identity number/);
    expect((res.refused[0] as { message?: { sv: string } } | undefined)?.message?.sv).toMatch(/liknar ett personnummer/);
    const doc = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    expect(rowsOf(doc).some((r) => r.values.value === 850101.1236)).toBe(false);
    expect(rowsOf(doc).some((r) => r.values.value === 3.5)).toBe(true);
  });

  it("names a reservnummer as one: Region Stockholm's reservnummer as a value is refused naming it, never echoed", async () => {
    const body = { values: [{ kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'T', value: 991981000010 }, { gender: 'K', value: 4 }] }] };
    const res = (await (await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body)).json()) as { summary: Record<string, number>; refused: { reason: string; message: { sv: string; en: string } }[] };
    expect(res.summary).toMatchObject({ imported: 1, refused: 1 });
    expect(res.refused[0]?.message.sv).toBe('Raden innehåller ett reservnummer; den importerades inte.');
    expect(res.refused[0]?.reason).toMatch(/reserve identity number \(reservnummer\)/);
    expect(JSON.stringify(res)).not.toMatch(/991981000010/);
  });

  it('stores a Kolada period written in words (2024 kv 3, jun-24) as its code, as a cell of a file is read, not as written', async () => {
    const entry = (period: string, value: number) => ({ kpi: 'samtal', municipality: 'c1', period, values: [{ gender: 'T', value }] });
    const res = (await (await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, { values: [entry('2024 kv 3', 7), entry('jun-24', 8)] })).json()) as { summary: Record<string, number> };
    expect(res.summary).toMatchObject({ imported: 2, refused: 0 });
    const doc = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    expect(rowsOf(doc).filter((r) => r.values.value === 7 || r.values.value === 8).map((r) => `${r.values.value}:${r.values.period}`).sort()).toEqual(['7:2024Q3', '8:202406']);
  });

  it('refuses a personnummer written as a decimal number in a row import, as in a Kolada import', async () => {
    const rows = [
      { indicator: 'samtal', unit: 'c1', period: '2023', kon: 'T', value: 850101.1236 },
      { indicator: 'samtal', unit: 'c1', period: '2023', kon: 'K', value: 4.25 },
    ];
    const body = (await (await f.post(`/v1/workspaces/${WS}/documents/indikatorvarden/import`, rows)).json()) as { imported: number; refused: { code: string }[] };
    expect(body.refused.map((r) => r.code)).toEqual(['personnummer']);
    expect(body.imported).toBe(1);
    expect(JSON.stringify(body)).not.toContain('850101');
    const doc = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    expect(rowsOf(doc).some((r) => r.values.value === 850101.1236)).toBe(false);
  });

  it("imports an editor's values of its own unit and refuses, by index and in words, those of another unit", async () => {
    const body = {
      values: [
        { kpi: 'samtal', municipality: 'c1', period: 2022, values: [{ gender: 'T', value: 5 }] },
        { kpi: 'samtal', municipality: 'c2', period: 2022, values: [{ gender: 'T', value: 7 }] },
      ],
    };
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body, 'editor');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { summary: Record<string, number>; refused: { index: number; reason: string }[] };
    expect(answer.summary).toEqual({ imported: 1, updated: 0, ignored: 0, refused: 1 });
    // In English as `reason` and in both languages as `message`, as a file import's refusals.
    expect(answer.refused).toEqual([{ index: 1, reason: expect.stringMatching(/another unit/), message: { sv: expect.stringMatching(/annan enhet/), en: expect.stringMatching(/another unit/) } }]);
    const doc = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    const of2022 = rowsOf(doc).filter((r) => r.values.period === '2022').map((r) => `${r.values.unit}=${r.values.value}`);
    expect(of2022).toEqual(['c1=5']);
  });

  it('refuses, by index and in words, a value of a unit whose round is approved, and imports the others', async () => {
    const round = { id: 'r2024', title: '2024', period: '2024', dueDate: '2025-01-31', indicators: ['samtal'], units: ['c1', 'c2'] };
    expect((await f.post(`/v1/workspaces/${WS}/rounds`, round)).status).toBe(201);
    expect((await f.post(`/v1/workspaces/${WS}/rounds/r2024/units/c1/submit`, {})).status).toBe(200);
    expect((await f.post(`/v1/workspaces/${WS}/rounds/r2024/units/c1/approve`, {}, 'admin')).status).toBe(200);
    const body = {
      values: [
        { kpi: 'samtal', municipality: 'c1', period: 2024, values: [{ gender: 'K', value: 9 }] },
        { kpi: 'samtal', municipality: 'c2', period: 2024, values: [{ gender: 'K', value: 11 }] },
      ],
    };
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, body);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { summary: Record<string, number>; refused: { index: number; reason: string }[] };
    expect(answer.summary).toMatchObject({ imported: 1, refused: 1 });
    expect(answer.refused.map((r) => r.index)).toEqual([0]);
    expect(answer.refused[0]?.reason).toMatch(/2024/);
    const doc = await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' });
    const kvinnor = rowsOf(doc).filter((r) => r.values.period === '2024' && r.values.kon === 'K').map((r) => `${r.values.unit}=${r.values.value}`);
    expect(kvinnor).toEqual(['c2=11']);
  });

  it('does not let a viewer import', async () => {
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden`, { values: [] }, 'viewer');
    expect(res.status).toBe(403);
  });
});

describe('GET /v1/workspaces/:ws/indicators/:id/chart.svg', () => {
  it('draws the pooled trend of all units against the target', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/far/chart.svg`);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    // 2023: 20/50 = 40. 2024: (30+10)/(60+40) = 40 pooled; the mean of 50 % and 25 % would be 37.5.
    expect(svg).toContain('<title>2023: 40</title>');
    expect(svg).toContain('<title>2024: 40</title>');
    expect(svg).toContain('Mål 60<');
  });

  it('answers 404 for an unknown indicator', async () => {
    expect((await f.get(`/v1/workspaces/${WS}/indicators/nope/chart.svg`)).status).toBe(404);
  });

  it('reads the unit by code or name, and answers an unknown one with 400 in words that never repeat an identity number', async () => {
    await f.storage.putUnit({ workspace: WS, code: 'c1', name: 'Tensta vårdcentral', parent: 'region' });
    const byName = await f.get(`/v1/workspaces/${WS}/indicators/far/chart.svg?unit=${encodeURIComponent('tensta  VÅRDCENTRAL')}`);
    expect(byName.status).toBe(200);
    const svg = await byName.text();
    expect(svg).toContain('<title>FaR följda upp – Tensta vårdcentral</title>');
    // c1's own values (50 % in 2024), not the pooled 40.
    expect(svg).toContain('<title>2024: 50</title>');
    const unknown = await f.get(`/v1/workspaces/${WS}/indicators/far/chart.svg?unit=nope`);
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { error: { code: string; details: { message: { sv: string } } } };
    expect(body.error.code).toBe('unknown-filter');
    expect(body.error.details.message.sv).toContain('unit="nope": ingen enhet i arbetsytan');
    for (const typed of ['850101-1236', '19850101-1236', 'Pat 8501011236', '8501 01 1236', '85 01 01 12 36']) {
      const res = await f.get(`/v1/workspaces/${WS}/indicators/far/chart.svg?unit=${encodeURIComponent(typed)}`);
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(/8501011236|850101-1236|8501 01 1236|85 01 01 12 36/);
      expect(text).toContain('[personnummer]');
    }
    // A form-encoded query: `+` for each space.
    const plus = await f.get(`/v1/workspaces/${WS}/indicators/far/chart.svg?unit=8501+01+1236`);
    expect(plus.status).toBe(400);
    const plusText = await plus.text();
    expect(plusText).not.toMatch(/8501.01.1236/);
    expect(plusText).toContain('[personnummer]');
  });

  it('titles one of SKR’s goals by its name from the seed when the catalog gives none, in the language asked', async () => {
    const sfh = SFH_INDICATORS[11]!;
    const named = await indicatorFixture([{ id: sfh.id, unitOfMeasure: 'procent', direction: 'higher' }], [{ indicator: sfh.id, unit: 'c1', period: '2025Q4', kon: 'T', value: 41 }]);
    try {
      const sv = await (await named.get(`/v1/workspaces/${WS}/indicators/${sfh.id}/chart.svg?unit=c1`)).text();
      expect(sv).toContain(`<title>${sfh.name.sv} – c1</title>`);
      expect(sv).toContain('2025 kv 4');
      const en = await (await named.get(`/v1/workspaces/${WS}/indicators/${sfh.id}/chart.svg?unit=c1&lang=en`)).text();
      expect(en).toContain(`<title>${sfh.name.en} – c1</title>`);
    } finally {
      await named.close();
    }
  });
});
