import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/http/csv-read.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const rowsUrl = (query = '') => `/v1/workspaces/${WS}/documents/plan-a/rows${query}`;

describe('GET .../documents/:doc/rows', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('gives JSON rows with their ids', async () => {
    const res = await f.req(rowsUrl(), f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { id: string; title: string }[]; leftOut: number };
    expect(body.rows.map((r) => r.title)).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    expect(body.rows[0]?.id).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(body.leftOut).toBe(0);
  });

  it('gives CSV in UTF-8 with a BOM and Swedish headers by default', async () => {
    const res = await f.req(rowsUrl('?format=csv'), f.tokens.viewer);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('plan-a.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(new TextDecoder().decode(bytes));
    expect(table[0]?.slice(0, 3)).toEqual(['id', 'Aktivitet', 'Typ']);
    expect(table[0]).toContain('Mål: Ökad fysisk aktivitet');
    expect(table[1]).toContain('Promenadgrupp/Gågrupp');
  });

  it('gives English headers with lang=en', async () => {
    const text = await (await f.req(rowsUrl('?format=csv&lang=en'), f.tokens.viewer)).text();
    expect(parseCsv(text)[0]?.slice(0, 3)).toEqual(['id', 'Activity', 'Type']);
  });

  it('writes ; and a decimal comma for Swedish Excel with sep=semicolon', async () => {
    await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'indicator-values', title: 'Värden', ownerUnit: 'region', id: 'values' }),
    });
    const imported = await f.req(`/v1/workspaces/${WS}/documents/values/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ indicator: 'sfh-12', unit: 'vc-a', period: '2025', kon: 'T', value: 12.5, comment: 'a; b' }]),
    });
    expect(await imported.json()).toMatchObject({ imported: 1, refused: [] });
    const url = `/v1/workspaces/${WS}/documents/values/rows?format=csv`;
    const swedish = await (await f.req(`${url}&sep=semicolon`, f.tokens.viewer)).text();
    expect(swedish.split('\r\n')[0]).toMatch(/^id;Indikator;/);
    expect(swedish).toContain(';12,5;');
    expect(swedish).toContain('"a; b"');
    const plain = await (await f.req(url, f.tokens.viewer)).text();
    expect(plain).toContain(',12.5,');
  });

  it('gives an XLSX workbook that reads back with exceljs: header, widths, types', async () => {
    const res = await f.req(rowsUrl('?format=xlsx'), f.tokens.viewer);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('Aktivitet');
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.getColumn(2).width).toBe(30);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const at = (name: string) => header.indexOf(name) + 1;
    expect(sheet?.getRow(2).getCell(at('Deltagare planerat')).value).toBe(12);
    expect(sheet?.getRow(2).getCell(at('Startdatum')).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(sheet?.getRow(2).getCell(at('Mål: Ökad fysisk aktivitet')).value).toBeNull();
    expect(sheet?.rowCount).toBe(3);
  });

  it('leaves out rows with errors when validated=true and says how many', async () => {
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Utan typ', startDate: '2026-05-01', endDate: '2026-04-01' }]),
    });
    const all = (await (await f.req(rowsUrl(), f.tokens.viewer)).json()) as { rows: unknown[] };
    expect(all.rows).toHaveLength(3);
    const res = await f.req(rowsUrl('?validated=true'), f.tokens.viewer);
    const body = (await res.json()) as { rows: { title: string }[]; leftOut: number; note: string };
    expect(body.rows.map((r) => r.title)).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    expect(body.leftOut).toBe(1);
    expect(body.note).toMatch(/1 rows with errors/);
    const csv = await f.req(rowsUrl('?format=csv&validated=true'), f.tokens.viewer);
    expect(csv.headers.get('x-samplan-left-out')).toBe('1');
  });

  it('refuses an unknown format with 400', async () => {
    const res = await f.req(rowsUrl('?format=pdf'), f.tokens.viewer);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid-request');
  });

  it('round-trips: a CSV export imported back changes nothing; an edited cell updates one row', async () => {
    const csv = await (await f.req(rowsUrl('?format=csv&sep=semicolon'), f.tokens.viewer)).text();
    const same = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(await same.json()).toMatchObject({ imported: 0, updated: 0, ignored: 2, refused: [] });
    const edited = csv.replace('Promenadgrupp A', 'Promenadgrupp A, torsdagar');
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: edited });
    expect(await res.json()).toMatchObject({ imported: 0, updated: 1, ignored: 1 });
  });

  it('round-trips XLSX: an exported workbook imported back changes nothing', async () => {
    const xlsx = await (await f.req(rowsUrl('?format=xlsx'), f.tokens.viewer)).arrayBuffer();
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: xlsx,
    });
    expect(await res.json()).toMatchObject({ imported: 0, updated: 0, ignored: 2, refused: [] });
  });
});
