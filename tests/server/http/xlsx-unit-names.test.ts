/**
 * The indicator table's workbook names the units as its CSV does: the last column is `Enhetsnamn`
 * (`Unit name` with `lang=en`), every earlier column in its place with `Enhet` still the code, and
 * a name that begins with `=` is a text cell, never a formula. The workbook read back by an
 * import updates the values and leaves the names alone.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { WS, type Fixture } from './support.js';
import { TRICKY, unitNamesFixture } from './unit-names-fixture.js';

let f: Fixture;
afterEach(async () => f?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function setup(): Promise<void> {
  f = await unitNamesFixture({ 'vc-a': 12, 'vc-b': 4, 'vc-okand': 7 });
}

/** The workbook the manager (the viewer) downloads, read back. */
async function workbookOf(query: string): Promise<{ bytes: ArrayBuffer; sheet: ExcelJS.Worksheet }> {
  const res = await f.req(`/v1/workspaces/${WS}/indicators/table?format=xlsx${query}`, f.tokens.viewer);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  const bytes = await res.arrayBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice(0));
  return { bytes, sheet: wb.worksheets[0]! };
}

const header = (sheet: ExcelJS.Worksheet): unknown[] => (sheet.getRow(1).values as unknown[]).slice(1);
/** Unit code (column 3) and the last column's cell of each data row. */
const codeAndName = (sheet: ExcelJS.Worksheet): [unknown, ExcelJS.Cell][] => {
  const last = header(sheet).length;
  const out: [unknown, ExcelJS.Cell][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) out.push([sheet.getRow(r).getCell(3).value, sheet.getRow(r).getCell(last)]);
  return out;
};

describe("the indicator table's workbook names the units", () => {
  it('ends with Enhetsnamn (Unit name in English), the code column kept, names from the unit records', async () => {
    await setup();
    const { sheet } = await workbookOf('&lang=sv&validated=false');
    expect(header(sheet)).toEqual(['Indikator', 'Namn', 'Enhet', 'Period', 'Kön', 'Värde', 'Täljare', 'Nämnare', 'Måttenhet', 'Mål', 'Mot målet', 'Status', 'Källa', 'Enhetsnamn']);
    expect(codeAndName(sheet).map(([code, cell]) => [code, cell.value])).toEqual([['vc-a', TRICKY], ['vc-b', 'Vårdcentral B'], ['vc-okand', null]]);
    expect(sheet.autoFilter).toBe('A1:N1');
    const en = await workbookOf('&lang=en');
    expect(header(en.sheet).at(-1)).toBe('Unit name');
    expect(header(en.sheet)[2]).toBe('Unit');
    expect(codeAndName(en.sheet)[1]?.[1].value).toBe('Vårdcentral B');
  });

  it('writes a name that begins with = as a text cell, never a formula', async () => {
    await setup();
    const { sheet } = await workbookOf('');
    const cell = codeAndName(sheet)[0]![1];
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(TRICKY);
  });

  it('an import of the downloaded workbook updates the values and stores no name', async () => {
    await setup();
    const { bytes, sheet } = await workbookOf('');
    sheet.getRow(3).getCell(6).value = 5;
    const edited = await sheet.workbook.xlsx.writeBuffer();
    expect(bytes.byteLength).toBeGreaterThan(0);
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, { method: 'POST', body: edited as ArrayBuffer, headers: { 'content-type': XLSX } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 0, updated: 1, refused: [] });
    const after = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'varden' })).map((r) => r.values);
    expect(after.find((r) => r.unit === 'vc-b')).toMatchObject({ value: 5 });
    expect(after.every((r) => !Object.values(r).includes(TRICKY))).toBe(true);
  });
});
