/**
 * A catalog imported as JSON, CSV or XLSX keeps its indicator ids: the catalog's own `id` column
 * (the indicator id values point at) is a cell, not the row id, so the values' problems and the
 * ranges see the indicator whatever the file's format.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Id', 'Namn', 'Målområde', 'Riktning', 'Måttenhet', 'Min', 'Max'];
const ROW = ['vc-far-uppf', 'Andel FaR följda upp', 'God och jämlik hälsa', 'Högre är bättre', 'procent', 0, 100];

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad1');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('importing an indicator catalog keeps the indicator ids', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', []);
    await putRegionDoc(f, 'varden', 'indicator-values', [{ indicator: 'vc-far-uppf', unit: 'vc-a', period: '2026 kv 1', kon: 'T', value: 250 }]);
  });
  afterEach(() => f.close());

  const bodies: [string, string, () => Promise<BodyInit>][] = [
    ['JSON', 'application/json', async () => JSON.stringify([Object.fromEntries(HEADER.map((h, i) => [h === 'Id' ? 'id' : h, ROW[i]]))])],
    ['CSV', 'text/csv', async () => [HEADER.join(';'), ROW.join(';')].join('\r\n')],
    ['XLSX', XLSX, async () => (await workbook([HEADER, ROW])) as BodyInit],
  ];
  for (const [format, type, body] of bodies) {
    it(`${format}: the id is stored as the indicator id and the values see the indicator and its range`, async () => {
      const res = await f.req(`/v1/workspaces/${WS}/documents/katalog/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': type }, body: await body() });
      expect(await res.json()).toMatchObject({ imported: 1, refused: [] });
      const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ name: 'Andel FaR följda upp', max: 100 });
      const problems = (await (await f.req(`/v1/workspaces/${WS}/documents/varden/problems`, f.tokens.viewer)).json()) as { problems: { column: string; code: string }[] };
      expect(problems.problems.map((p) => p.code)).not.toContain('unknown-indicator');
      expect(problems.problems.filter((p) => p.column === 'value').map((p) => p.code)).toEqual(['above-max']);
    });
  }

  const importUrl = `/v1/workspaces/${WS}/documents/katalog/import`;
  const valueCodes = async () =>
    ((await (await f.req(`/v1/workspaces/${WS}/documents/varden/problems`, f.tokens.viewer)).json()) as { problems: { column: string; code: string }[] }).problems
      .filter((p) => p.column === 'value' || p.column === 'indicator')
      .map((p) => p.code);

  it('an exported catalog keeps both ids (CSV, XLSX) and re-imported updates its row: CSV by the row id (`id` before `Id`), JSON by the indicator id', async () => {
    const first = await f.req(importUrl, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [HEADER.join(';'), ROW.join(';')].join('\r\n') });
    expect(await first.json()).toMatchObject({ imported: 1, refused: [] });
    expect(await valueCodes()).toEqual(['above-max']);

    const csv = await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows?format=csv`, f.tokens.viewer)).text();
    const [head, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(head?.split(/[;,]/).slice(0, 2)).toEqual(['id', 'Id']);
    const widened = `${head}\r\n${(row ?? '').replace(/([;,])100([;,]|$)/, '$1300$2')}`;
    const again = await f.req(importUrl, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: widened });
    expect(await again.json()).toMatchObject({ imported: 0, updated: 1, refused: [] });
    expect(await valueCodes()).toEqual([]);

    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows?format=xlsx`, f.tokens.viewer)).arrayBuffer());
    const sheetRow = xlsx.worksheets[0]?.getRow(2);
    const rowId = (row ?? '').split(/[;,]/)[0];
    expect([sheetRow?.getCell(1).value, sheetRow?.getCell(2).value]).toEqual([rowId, 'vc-far-uppf']);

    const json = (await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
    const narrowed = json.rows.map((r) => ({ ...r, max: 200 }));
    const third = await f.req(importUrl, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(narrowed) });
    expect(await third.json()).toMatchObject({ imported: 0, updated: 1, refused: [] });
    expect(await valueCodes()).toEqual(['above-max']);
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ id: 'vc-far-uppf', max: 200 });
  });

  it('a JSON export keeps the row id beside the indicator id, so re-imported with the indicator id corrected it updates the same row', async () => {
    const first = await f.req(importUrl, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [HEADER.join(';'), ROW.join(';')].join('\r\n') });
    expect(await first.json()).toMatchObject({ imported: 1, refused: [] });
    const exported = (await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
    const rowId = exported.rows[0]?.rowId;
    expect(typeof rowId).toBe('string');
    expect(exported.rows[0]).toMatchObject({ id: 'vc-far-uppf' });

    // The coordinator corrects the indicator id in the file (and the values' rows point at it).
    const corrected = exported.rows.map((r) => ({ ...r, id: 'vc-far-uppfoljd', max: 300 }));
    const again = await f.req(importUrl, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: corrected }) });
    expect(await again.json()).toMatchObject({ imported: 0, updated: 1, refused: [] });
    const after = (await (await f.req(`/v1/workspaces/${WS}/documents/katalog/rows`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
    expect(after.rows).toEqual([expect.objectContaining({ rowId, id: 'vc-far-uppfoljd', max: 300 })]);
  });
});

