/**
 * One values document whose stored history does not decode (a clinic's own values, damaged on the
 * disk) does not fail the workspace's indicator table, its Kolada page or a chart: it is left out,
 * named in `X-Samplan-Unreadable` (and `unreadable` in the table's JSON, with the server's words)
 * and logged; the other documents' rows are served as before. On the old code each answered 500
 * `document-damaged` for the whole workspace. A person opening the file sees it too: the workbook
 * names the document on a sheet `Utelämnat` after the table's, which stays a clean first sheet, and
 * a CSV (the table alone) or workbook is named `…-ofullstandig`. The Kolada import into another document goes on (it
 * reads only the catalogs and the document it writes); into the damaged one it is refused (409,
 * the document to be restored from a backup), nothing written.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { DAMAGED_UPDATE } from '../../support/damaged-update.js';
import { indicatorFixture, WS, type IndicatorFixture } from './indicator-fixture.js';

const catalog: RowValues[] = [{ id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', target: 100, min: 0 }];
const values: RowValues[] = [{ indicator: 'samtal', unit: 'c1', period: '2024', kon: 'T', value: 80 }];

let f: IndicatorFixture;
beforeEach(async () => {
  f = await indicatorFixture(catalog, values);
  // Vårdcentral c2's own values document, then a stored update of it damaged.
  const doc = createDoc('indicator-values', { title: 'Värden c2', ownerUnit: 'c2', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(doc, [{ indicator: 'samtal', unit: 'c2', period: '2024', kon: 'T', value: 40 }]);
  const now = new Date().toISOString();
  const ref = { workspace: WS, doc: 'varden-c2' };
  await f.storage.putDocRecord({ ...ref, kind: 'indicator-values', title: 'Värden c2', ownerUnit: 'c2', createdAt: now, updatedAt: now });
  await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
  await f.storage.appendUpdates(ref, [{ update: DAMAGED_UPDATE, memberId: null }]);
});
afterEach(async () => {
  await f.close();
});

describe('indicators with one values document damaged', () => {
  it('serves the table of the others, naming the damaged document in words and in a header', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-samplan-unreadable')).toBe('varden-c2');
    const body = (await res.json()) as { rows: { unit: string; value: number }[]; unreadable: { doc: string; ownerUnit: string; message: { sv: string; en: string } }[] };
    expect(body.rows.map((r) => [r.unit, r.value])).toEqual([['c1', 80]]);
    expect(body.unreadable.map((d) => [d.doc, d.ownerUnit])).toEqual([['varden-c2', 'c2']]);
    expect(body.unreadable[0]?.message.sv).toMatch(/^Dokumentet hbi-test\/varden-c2 går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
  });

  it.each(['csv', 'xlsx'])('serves the table as %s, naming the damaged document in a header', async (format) => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-samplan-unreadable')).toBe('varden-c2');
  });

  it('names the damaged document in the workbook on a sheet of its own after the table, which stays a clean first sheet', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indikatorer', 'Utelämnat', 'Om tabellen']);
    // The first sheet is the table alone, as Power Query and an import read it: the header on row 1, c1's row under it.
    const table = wb.worksheets[0]!;
    expect([table.getCell(1, 1).value, table.getCell(2, 3).value, table.rowCount]).toEqual(['Indikator', 'c1', 2]);
    const left = wb.worksheets[1]!;
    const rows = [1, 3, 4].map((r) => (left.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]?.[0]).toBe('Värden ur dokument som inte kan läsas (den sparade historiken är skadad) är utelämnade: tabellen visar bara värdena ur de dokument som kunde läsas.');
    expect(rows[1]).toEqual(['Enhet', 'Enhetsnamn', 'Dokument', 'Titel', 'Orsak']);
    expect(rows[2]?.slice(0, 4)).toEqual(['c2', 'c2', 'varden-c2', 'Värden c2']);
    expect(rows[2]?.[4]).toMatch(/^Dokumentet hbi-test\/varden-c2 går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
    expect(left.properties.tabColor?.argb).toBe('FFC00000');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hbi-test-indikatorer-ofullstandig.xlsx"');
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await (await f.get(`/v1/workspaces/${WS}/indicators/table?format=xlsx&lang=en`)).arrayBuffer()) as ArrayBuffer);
    expect(en.worksheets.map((s) => s.name)).toEqual(['Indicators', 'Left out', 'About']);
    expect(String(en.worksheets[1]?.getCell(4, 5).value)).toMatch(/^The document hbi-test\/varden-c2 cannot be read/);
  });

  it('keeps the CSV a table of the rows read, no sentence in it, and names the file as incomplete', async () => {
    const res = await f.get(`/v1/workspaces/${WS}/indicators/table?format=csv&sep=semicolon`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hbi-test-indikatorer-ofullstandig.csv"');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.map((l) => l.split(';')[2])).toEqual(['Enhet', 'c1']);
    const en = await f.get(`/v1/workspaces/${WS}/indicators/table?format=csv&lang=en`);
    expect(en.headers.get('content-disposition')).toBe('attachment; filename="hbi-test-indikatorer-incomplete.csv"');
  });

  it('serves the Kolada page and the chart, naming it in a header', async () => {
    for (const path of ['indicators/kolada', 'indicators/samtal/chart.svg']) {
      const res = await f.get(`/v1/workspaces/${WS}/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-samplan-unreadable')).toBe('varden-c2');
    }
  });

  const kolada = (value: number) => ({ values: [{ kpi: 'samtal', municipality: 'c1', period: 2025, values: [{ gender: 'T', value }] }] });

  it('imports Kolada data into another values document, which it reads alone with the catalogs', async () => {
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=indikatorvarden&dryRun=false`, kolada(85));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: Record<string, number> }).summary).toMatchObject({ imported: 1, refused: 0 });
    const stored = rowsOf(await f.app.registry.getDoc({ workspace: WS, doc: 'indikatorvarden' })).map((r) => [r.values.period, r.values.value]);
    expect(stored).toEqual([['2024', 80], ['2025', 85]]);
  });

  it('refuses Kolada data into the damaged document itself, naming it, and writes nothing', async () => {
    const before = (await f.storage.listUpdates({ workspace: WS, doc: 'varden-c2' }, 0, 100)).length;
    const res = await f.post(`/v1/workspaces/${WS}/indicators/kolada?doc=varden-c2&dryRun=false`, kolada(85));
    const body = (await res.json()) as { error: { code: string; details: { message: { sv: string } } } };
    expect([res.status, body.error.code]).toEqual([409, 'document-damaged']);
    expect(body.error.details.message.sv).toBe(
      `Dokumentet ${WS}/varden-c2 går inte att läsa: dess sparade historik är skadad (uppdatering 2), så inget skrevs. Dokumentet måste återställas från en säkerhetskopia; en administratör återställer databasen från en fil som samplan backup gjort.`,
    );
    expect((await f.storage.listUpdates({ workspace: WS, doc: 'varden-c2' }, 0, 100)).length).toBe(before);
  });
});
