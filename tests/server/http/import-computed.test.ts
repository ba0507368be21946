/**
 * Re-importing Samplan's own indicator table: a Värde beside both täljare and nämnare is the
 * computed value (rounded by the export), never stored as if typed; a Värde that differs is named
 * in the summary by record and indicator. Swedish number forms are read on the way in.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { takeComputedValue } from '../../../server/http/import-computed.js';
import { indicatorFixture, WS, type IndicatorFixture } from './indicator-fixture.js';

const catalog: RowValues[] = [
  { id: 'far', name: 'FaR följda upp', area: 'god-och-jamlik-halsa', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  { id: 'livs', name: 'Återstående medellivslängd', area: 'god-och-jamlik-halsa', unitOfMeasure: 'år', direction: 'higher' },
];
const values: RowValues[] = [
  { indicator: 'far', unit: 'c1', period: '2024', kon: 'T', numerator: 30, denominator: 60, status: 'definitiv' },
  // 1 / 3 × 100 = 33.33…: the export writes 33,3.
  { indicator: 'far', unit: 'c2', period: '2024', kon: 'T', numerator: 1, denominator: 3 },
  { indicator: 'livs', unit: 'c1', period: '2024', kon: 'T', value: 81.4 },
];

const IMPORT = `/v1/workspaces/${WS}/documents/indikatorvarden/import`;

interface Summary {
  imported: number;
  updated: number;
  ignored: number;
  refused: unknown[];
  valueDifferences?: { record: number; row?: number; indicator: string; unit: string; period: string; kon: string; value: number; computed: number; message: { sv: string; en: string } }[];
}

let f: IndicatorFixture;
beforeEach(async () => {
  f = await indicatorFixture(catalog, values);
});
afterEach(async () => {
  await f.close();
});

async function importBody(body: string | Uint8Array, type: string, dryRun = false): Promise<Summary> {
  const res = await f.app.app.request(`${IMPORT}${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.tokens.coordinator}`, 'content-type': type },
    body: body as BodyInit,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
}

async function stored(): Promise<RowValues[]> {
  return rowsOf(await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' })).map((r) => r.values);
}

const of = (rows: RowValues[], indicator: string, unit: string) => rows.find((r) => r.indicator === indicator && r.unit === unit && r.period === '2024');

async function tableValue(indicator: string, unit: string): Promise<number | null | undefined> {
  const body = (await (await f.get(`/v1/workspaces/${WS}/indicators/table?indicator=${indicator}&unit=${unit}`)).json()) as { rows: { period: string; value: number | null }[] };
  return body.rows.find((r) => r.period === '2024')?.value;
}

/** The Swedish CSV export (`;`, decimal comma), with `edit` applied to its lines. */
async function swedishCsv(edit: (cells: string[]) => string[] = (c) => c): Promise<string> {
  const csv = await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=csv&sep=semicolon`)).text();
  const [head, ...lines] = csv.replace(/^\uFEFF/, '').split('\r\n');
  return [head, ...lines.filter((l) => l !== '').map((l) => edit(l.split(';')).join(';'))].join('\r\n');
}

describe('re-importing the indicator table', () => {
  it('stores no Värde beside täljare and nämnare: the export imports back unchanged', async () => {
    const csv = await swedishCsv();
    expect(csv).toContain(';33,3;1;3;');
    const summary = await importBody(csv, 'text/csv');
    expect(summary).toMatchObject({ imported: 0, updated: 0, ignored: 3, refused: [], valueDifferences: [] });
    const rows = await stored();
    expect(of(rows, 'far', 'c1')?.value).toBeUndefined();
    expect(of(rows, 'far', 'c2')?.value).toBeUndefined();
    // A Värde without both parts is the value itself, stored as typed.
    expect(of(rows, 'livs', 'c1')?.value).toBe(81.4);
  });

  it('leaves no stale Värde to show once a part is removed', async () => {
    await importBody(await swedishCsv(), 'text/csv');
    // Täljare taken away later (here by a JSON import of that cell alone): the value is no longer
    // known, not the 50 the export computed.
    const summary = (await (await f.post(IMPORT, [{ indicator: 'far', unit: 'c1', period: '2024', kon: 'T', numerator: null }])).json()) as Summary;
    expect(summary).toMatchObject({ updated: 1, refused: [] });
    expect(of(await stored(), 'far', 'c1')?.numerator).toBeNull();
    expect(await tableValue('far', 'c1')).toBeNull();
  });

  it('names a Värde that differs from täljare / nämnare × factor and does not store it', async () => {
    // c1: 30 / 60 × 100 = 50, written 55; c2: 33,33… written 33,4 (beyond the export's rounding).
    const edited = await swedishCsv((c) => (c[0] === 'far' ? c.map((v, i) => (i === 5 ? (c[2] === 'c1' ? '55' : '33,4') : v)) : c));
    const dry = await importBody(edited, 'text/csv', true);
    expect(dry.valueDifferences?.map((d) => d.record)).toEqual([1, 2]);
    const summary = await importBody(edited, 'text/csv');
    expect(summary).toMatchObject({ imported: 0, updated: 0, ignored: 3, refused: [] });
    const [first, second] = summary.valueDifferences ?? [];
    // Named by the file's row under its header (line 2 of the CSV), as the summary's other entries are.
    expect(first).toMatchObject({ record: 1, row: 2, indicator: 'far', unit: 'c1', period: '2024', kon: 'T', value: 55, computed: 50 });
    expect(first?.message.sv).toBe('Rad 2 i filen (far, c1, 2024, T): Värde 55 stämmer inte med täljare / nämnare, som ger 50. Värdet räknas fram ur täljare och nämnare, så 55 sparas inte; täljare och nämnare importeras.');
    expect(first?.message.en).toContain('Row 2 of the file (far, c1, 2024, T): Value 55 does not match numerator / denominator, which give 50');
    expect(second).toMatchObject({ record: 2, unit: 'c2', value: 33.4 });
    expect(second?.computed).toBeCloseTo(100 / 3, 9);
    expect(second?.message.sv).toContain('som ger 33,333');
    expect(of(await stored(), 'far', 'c1')?.value).toBeUndefined();
    expect(await tableValue('far', 'c1')).toBe(50);
  });

  it('reads the workbook export back the same way', async () => {
    const xlsx = new Uint8Array(await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx`)).arrayBuffer());
    const summary = await importBody(xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(summary).toMatchObject({ imported: 0, updated: 0, ignored: 3, refused: [], valueDifferences: [] });
    expect(of(await stored(), 'far', 'c2')?.value).toBeUndefined();
    // A Värde typed beside the parts in the workbook is compared, not stored.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buffer as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    sheet.getRow(2).getCell(6).value = 12;
    const again = await importBody(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(again.valueDifferences).toEqual([expect.objectContaining({ record: 1, row: 2, indicator: 'far', value: 12, computed: 50 })]);
    expect(of(await stored(), 'far', 'c1')?.value).toBeUndefined();
  });

  it('reads Swedish number forms: decimal comma, spaces between thousands, the minus sign U+2212', async () => {
    const head = 'Indikator;Enhet;Period;Kön;Värde;Täljare;Nämnare';
    const csv = [
      head,
      // No-break space and thin space between thousands, a decimal comma: 1 250 / 5 000 × 100 = 25.
      'far;c3;2024;T;25,0;1\u00a0250;5\u2009000',
      // Narrow no-break space: 2 500 / 5 000 × 100 = 50, written 49,96 (within the rounding).
      'far;c3;2024;K;49,96;2\u202f500;5 000',
      // A level with no parts: the Värde as typed, a minus sign and a thousands space.
      'livs;c3;2024;T;\u22121 234,5;;',
    ].join('\r\n');
    const summary = await importBody(csv, 'text/csv');
    expect(summary).toMatchObject({ imported: 3, refused: [], valueDifferences: [] });
    const rows = await stored();
    const at = (kon: string, indicator = 'far') => rows.find((r) => r.indicator === indicator && r.unit === 'c3' && r.kon === kon);
    expect(at('T')).toMatchObject({ numerator: 1250, denominator: 5000 });
    expect(at('T')?.value).toBeUndefined();
    expect(at('K')).toMatchObject({ numerator: 2500, denominator: 5000 });
    expect(at('K')?.value).toBeUndefined();
    expect(at('T', 'livs')?.value).toBe(-1234.5);
  });
});

describe('takeComputedValue', () => {
  const defs = new Map([['far', { factor: 100 }]]);

  it('drops a Värde within half a unit of the export\'s one decimal and keeps one without both parts', () => {
    for (const [value, kind] of [[33.3, 'dropped'], [33.38, 'dropped'], [33.39, 'differs'], [33.28, 'differs'], [null, 'dropped']] as const) {
      const row: RowValues = { indicator: 'far', numerator: 1, denominator: 3, value };
      expect(takeComputedValue(row, defs).kind, String(value)).toBe(kind);
      expect('value' in row).toBe(false);
    }
    for (const row of [{ indicator: 'far', numerator: 1, value: 5 }, { indicator: 'far', numerator: 1, denominator: 0, value: 5 }, { indicator: 'far', numerator: 1, denominator: 3 }] as RowValues[]) {
      const before = { ...row };
      expect(takeComputedValue(row, defs)).toEqual({ kind: 'kept' });
      expect(row).toEqual(before);
    }
  });

  it('takes a part the record does not give from the row it updates, and factor 1 for an unknown indicator', () => {
    expect(takeComputedValue({ value: 40 }, defs, { indicator: 'far', numerator: 20, denominator: 50 })).toEqual({ kind: 'dropped' });
    expect(takeComputedValue({ numerator: 30, value: 40 }, defs, { indicator: 'far', numerator: 20, denominator: 50 })).toEqual({ kind: 'differs', value: 40, computed: 60 });
    expect(takeComputedValue({ indicator: 'egen', numerator: 3, denominator: 4, value: 0.75 }, defs)).toEqual({ kind: 'dropped' });
  });
});
