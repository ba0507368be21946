/**
 * Export → (edit) → import ends with the same document: rows are matched by their id column or
 * their natural key, never appended again; numbers, zeros and formula-looking text survive.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { indicatorFixture, WS as IWS, type IndicatorFixture } from './indicator-fixture.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('export → import of a document', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const docRows = async (doc: string) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => ({ id: r.id, ...r.values }));

  it.each([
    ['plan-a', 'csv', 'comma'],
    ['plan-a', 'csv', 'semicolon'],
    ['plan-a', 'xlsx', 'comma'],
    ['partners', 'csv', 'semicolon'],
    ['partners', 'xlsx', 'comma'],
  ] as const)('%s as %s (%s) imports back without a change or a duplicate', async (doc, format, sep) => {
    await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        doc === 'partners'
          ? [{ Namn: '=HYPERLINK("http://example.org";"klicka")', Typ: 'Förening', Kommun: '0180', Telefon: '+46 70 123 45 67' }]
          : [{ Aktivitet: '-5 grader ute', Typ: 'halsodag', 'Deltagare planerat': 1200, Startdatum: '2026-03-12' }],
      ),
    });
    const before = await docRows(doc);
    const exported = await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows?format=${format}&sep=${sep}`, f.tokens.viewer);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': format === 'xlsx' ? XLSX : 'text/csv' },
      body: bytes,
    });
    expect(await res.json()).toMatchObject({ imported: 0, updated: 0, refused: [], ignored: before.length });
    expect(await docRows(doc)).toEqual(before);
  });

  // Characters a cell holds that XML cannot carry, or carries changed: written raw, U+FFFE made an
  // export no reader opens (this import refused it as not XML), exceljs dropped the control
  // characters, an XML reader turned a carriage return into a line feed, and a typed `_x0041_`
  // came back as `A`. Written as Excel writes them (`_x000B_`), they come back as they were.
  it('keeps control characters, U+FFFE, U+FFFF, carriage returns and a typed _xHHHH_ through xlsx export and import', async () => {
    const titles = ['rad ett\u000Brad två', 'nul\u0000här', 'start\u0001slut', 'a\uFFFEb', 'c\uFFFFd', 'rader\r\nmed CRLF', 'ensam\rCR', 'typat _x0041_ så', '__x0041__'];
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(titles.map((t) => ({ Aktivitet: t, Typ: 'halsodag' }))),
    });
    expect((await res.json()).refused).toEqual([]);
    const before = await docRows('plan-a');
    expect(before.map((r) => (r as { title?: unknown }).title)).toEqual(expect.arrayContaining(titles));
    const exported = await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=xlsx`, f.tokens.viewer);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    const back = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: bytes,
    });
    expect(await back.json()).toMatchObject({ imported: 0, updated: 0, refused: [], ignored: before.length });
    expect(await docRows('plan-a')).toEqual(before);
    // And exceljs, a reader other than Samplan's, opens it and reads the same texts.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(before.length + 1);
  });

  // Both formats drop one `'` before = + - @ at import (the CSV guard, also where a spreadsheet
  // kept it in a workbook it saved), so both exports add one to a text that begins so: an
  // apostrophe the person wrote before = + - @ comes back as written.
  it.each(['csv', 'xlsx'] as const)('keeps apostrophes written before = + - @ through %s export and import', async (format) => {
    const titles = ["'=1+1", "'-tal", "''@hem", "'+ett", "'vanlig"];
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(titles.map((t) => ({ Aktivitet: t, Typ: 'halsodag' }))),
    });
    const before = await docRows('plan-a');
    expect(before.slice(-titles.length).map((r) => (r as { title?: unknown }).title)).toEqual(titles);
    const exported = await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=${format}&sep=semicolon`, f.tokens.viewer);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    if (format === 'xlsx') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const cells = wb.worksheets[0]!.getColumn(2).values.filter((v): v is string => typeof v === 'string');
      expect(cells).toEqual(expect.arrayContaining(["''=1+1", "''-tal", "'''@hem", "''+ett", "'vanlig"]));
    }
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': format === 'xlsx' ? XLSX : 'text/csv' },
      body: bytes,
    });
    expect(await res.json()).toMatchObject({ imported: 0, updated: 0, refused: [] });
    expect(await docRows('plan-a')).toEqual(before);
  });
});

describe('import of a workbook a spreadsheet saved from a CSV export', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it("drops the CSV formula guard the sheet kept as text ('+46…, '=1+1), one apostrophe only, and nothing else", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Aktivitetsplan');
    sheet.addRow(['Aktivitet', 'Typ', 'Kommentar']);
    const rows = [
      ["'=1+1", "'+46 70 123 45 67"],
      ["''-tal", "'-5 grader ute"],
      ["'vanlig", "'@hem"],
    ];
    for (const [title, comment] of rows) sheet.addRow([title, 'halsodag', comment]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': XLSX }, body: bytes });
    expect(await res.json()).toMatchObject({ imported: 3, refused: [] });
    const imported = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).slice(-3).map((r) => [r.values.title, r.values.comment]);
    expect(imported).toEqual([
      ['=1+1', '+46 70 123 45 67'],
      ["'-tal", '-5 grader ute'],
      ["'vanlig", '@hem'],
    ]);
  });
});

describe('export → edit → import of the indicator table', () => {
  let f: IndicatorFixture;
  beforeEach(async () => {
    f = await indicatorFixture(
      [{ id: 'far', name: 'FaR', unitOfMeasure: 'procent', direction: 'higher', target: 40 }],
      [
        { indicator: 'far', unit: 'c1', period: '2024', kon: 'T', value: 23.816604708798017 },
        { indicator: 'far', unit: '0180', period: '202406', kon: 'K', value: 12 },
      ],
    );
  });
  afterEach(() => f.close());

  const values = async () => rowsOf(await f.app.registry.getDoc({ workspace: IWS, doc: 'indikatorvarden' })).map((r) => r.values);

  it('rounds for people, keeps codes as text, and updates by indicator + unit + period + kön', async () => {
    const csv = await (await f.get(`/v1/workspaces/${IWS}/indicators/table?format=csv&sep=semicolon&validated=false`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const c1 = lines.find((l) => l.includes(';c1;')) ?? '';
    expect(c1.split(';').slice(0, 8)).toEqual(['far', 'FaR', 'c1', '2024', 'T', '23,8', '', '']);
    expect(lines.find((l) => l.includes(';0180;'))?.split(';').slice(0, 6)).toEqual(['far', 'FaR', '0180', '202406', 'K', '12']);
    const edited = lines.map((l) => (l === c1 ? l.replace(';23,8;', ';25,5;') : l)).join('\r\n');
    const res = await f.app.app.request(`/v1/workspaces/${IWS}/documents/indikatorvarden/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.tokens.coordinator}`, 'content-type': 'text/csv' },
      body: edited,
    });
    expect(await res.json()).toMatchObject({ imported: 0, updated: 1, refused: [] });
    const after = await values();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.unit === 'c1')).toMatchObject({ value: 25.5 });
    expect(after.find((r) => r.unit === '0180')).toMatchObject({ period: '202406', value: 12 });
  });

  it('writes the workbook with numbers as numbers and codes as text cells', async () => {
    const bytes = await (await f.get(`/v1/workspaces/${IWS}/indicators/table?format=xlsx&validated=false`)).arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const sheet = wb.worksheets[0];
    const cells = (row: number) => [1, 3, 4, 6].map((c) => sheet?.getRow(row).getCell(c).value);
    expect(cells(2)).toEqual(['far', '0180', '202406', 12]);
    expect(cells(3)).toEqual(['far', 'c1', '2024', 23.8]);
    expect(sheet?.getRow(2).getCell(6).numFmt).toBe('#,##0');
    expect(sheet?.getRow(2).getCell(3).numFmt).toBe('@');
  });
});
