/**
 * An OpenDocument spreadsheet (`.ods`) is read as an XLSX workbook is: its cells by their type,
 * the grid's repeats counted without being expanded, hidden rows, columns and sheets as for a
 * workbook, the sheet open at saving from `settings.xml`, and the same limits. It used to be
 * refused (`not-read-kind`) whatever it held. The files here are written by hand (`content.xml`
 * as LibreOffice writes it), for the cases a converted file does not show.
 */
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../server/http/import-read.js';
import { XLSX_LIMITS } from '../../../server/http/xlsx-read.js';
import { makeOds, sheet, stringRow } from '../../support/ods.js';
import { makeZip } from '../../support/zip.js';

const HEADER = stringRow(['Aktivitet', 'Typ', 'Deltagare planerat']);

/** What `readImportFile` refuses the bytes with: status, code and the English sentence. */
async function refusal(bytes: Uint8Array): Promise<{ status: number; code: string; en: string } | null> {
  return readImportFile('plan.ods', bytes).then(
    () => null,
    (e: { status: number; code: string; details: { message: { en: string } } }) => ({ status: e.status, code: e.code, en: e.details.message.en }),
  );
}

describe('cells of an .ods by their type', () => {
  it('reads numbers, a percentage as shown, dates and times as an XLSX date cell, booleans as the text they show, and texts with their spaces, tabs and breaks', async () => {
    const row = [
      '<table:table-row>',
      '<table:table-cell office:value-type="string"><text:p>Stavgång<text:s text:c="2"/>i <text:span text:style-name="T1">Tensta</text:span><text:tab/>kl<text:line-break/>10</text:p><text:p>rad två</text:p></table:table-cell>',
      '<table:table-cell office:value-type="float" office:value="1234.5"><text:p>1 234,5</text:p></table:table-cell>',
      '<table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12,5 %</text:p></table:table-cell>',
      '<table:table-cell office:value-type="currency" office:currency="SEK" office:value="250"><text:p>250,00 kr</text:p></table:table-cell>',
      '<table:table-cell office:value-type="date" office:date-value="2026-03-12"><text:p>2026-03-12</text:p></table:table-cell>',
      '<table:table-cell office:value-type="date" office:date-value="2026-03-12T10:30:00"><text:p>2026-03-12 10:30</text:p></table:table-cell>',
      '<table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>10:30</text:p></table:table-cell>',
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>SANT</text:p></table:table-cell>',
      '</table:table-row>',
    ].join('');
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('Plan', [row]) }));
    expect(input).toMatchObject({ format: 'ods', sheet: 'Plan', rowNumbers: [1] });
    expect('table' in input && input.table).toEqual([
      ['Stavgång  i Tensta\tkl\n10\nrad två', 1234.5, '12.5 %', 250, new Date(Date.UTC(2026, 2, 12)), new Date(Date.UTC(2026, 2, 12, 10, 30)), new Date(Date.UTC(1899, 11, 30, 10, 30)), 'SANT'],
    ]);
  });

  it('takes a formula as its saved value, leaves an annotation out, and names a formula saved without a value', async () => {
    const row = [
      '<table:table-row>',
      '<table:table-cell office:value-type="string"><office:annotation><dc:creator>Åsa</dc:creator><text:p>kolla siffran</text:p></office:annotation><text:p>Gympa</text:p></table:table-cell>',
      '<table:table-cell table:formula="of:=[.C1]*2" office:value-type="float" office:value="24"><text:p>24</text:p></table:table-cell>',
      '<table:table-cell table:formula="of:=[.Z99]"/>',
      '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
      '</table:table-row>',
    ].join('');
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('Plan', [HEADER, row]) }));
    expect('table' in input && input.table[1]).toEqual(['Gympa', 24, null, '#DIV/0!']);
    expect(input).toMatchObject({ formulasWithoutValue: ['C2'] });
  });

  it('gives a merged cell\'s value to the cells it covers, as a merged XLSX cell reads', async () => {
    const group = '<table:table-row><table:table-cell/><table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="1"><text:p>Mål</text:p></table:table-cell><table:covered-table-cell/></table:table-row>';
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('Plan', [group, stringRow(['Aktivitet', 'Motivationshöjning', 'Hälsoinformation'])]) }));
    expect('table' in input && input.table).toEqual([[null, 'Mål', 'Mål'], ['Aktivitet', 'Motivationshöjning', 'Hälsoinformation']]);
  });
});

describe('repeats, hidden rows, columns and sheets', () => {
  it('expands repeated values, counts empty repeats as rows, and names hidden rows and columns by the sheet\'s numbers', async () => {
    const tables = [
      '<table:table table:name="Plan">',
      '<table:table-column/><table:table-column table:visibility="collapse" table:number-columns-repeated="2"/><table:table-column table:number-columns-repeated="16381"/>',
      HEADER,
      '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
      '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>Stavgång</text:p></table:table-cell><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16381"/></table:table-row>',
      stringRow(['Dans', 'halsodag', null], 'table:visibility="filter"'),
      '<table:table-row table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
      '</table:table>',
    ].join('');
    const input = await readImportFile('plan.ods', makeOds({ tables }));
    expect(input).toMatchObject({ rowNumbers: [1, 5, 6, 7], hiddenRows: [7], hiddenColumns: [2, 3] });
    expect('table' in input && input.table).toEqual([['Aktivitet', 'Typ', 'Deltagare planerat'], ['Stavgång', 'x', 'x'], ['Stavgång', 'x', 'x'], ['Dans', 'halsodag', null]]);
  });

  it('passes over a sheet hidden by its table style, as a hidden XLSX sheet', async () => {
    const styles = '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const tables = sheet('Listor', [stringRow(['halsodag'])], 'table:style-name="ta1"') + sheet('Plan', [HEADER, stringRow(['Gympa', 'halsodag', null])]);
    const input = await readImportFile('plan.ods', makeOds({ tables, styles }));
    expect(input).toMatchObject({ sheet: 'Plan', otherSheets: [] });
  });

  it('marks the sheet settings.xml names as open at saving, else the first', async () => {
    const tables = sheet('2025', [HEADER]) + sheet('2026', [HEADER]);
    const named = await readImportFile('plan.ods', makeOds({ tables, activeTable: '2026' }));
    expect(named).toMatchObject({ sheet: '2025', active: false, otherSheets: [{ name: '2026', active: true }] });
    const none = await readImportFile('plan.ods', makeOds({ tables }));
    expect(none).toMatchObject({ active: true, otherSheets: [{ name: '2026', active: false }] });
  });
});

describe('limits of an .ods', () => {
  it('refuses elements nested deeper than 256 levels at once, in content.xml and in settings.xml', async () => {
    // saxes walks every open element to resolve each tag's prefix: 200,000 nested spans (a few KiB
    // zipped) held the event loop for minutes, the file's 60 s deadline checked only between slices.
    const spans = (n: number) => `${'<text:span>'.repeat(n)}Gympa${'</text:span>'.repeat(n)}`;
    const deepCell = `<table:table-row><table:table-cell office:value-type="string"><text:p>${spans(200_000)}</text:p></table:table-cell></table:table-row>`;
    let started = performance.now();
    expect(await refusal(makeOds({ tables: sheet('Plan', [HEADER, deepCell]) }))).toMatchObject({ status: 400, code: 'not-ods', en: expect.stringContaining('nested more than 256 levels deep') });
    expect(performance.now() - started).toBeLessThan(5_000);

    // The settings are a hint: nested too deep, they name no sheet and the first is the one open.
    const deepSettings = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0">${'<config:config-item-set>'.repeat(200_000)}</office:document-settings>`;
    const extra = [{ name: 'settings.xml', data: new Uint8Array(Buffer.from(deepSettings, 'utf8')) }];
    started = performance.now();
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('2025', [HEADER]) + sheet('2026', [HEADER]), extra }));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(input).toMatchObject({ sheet: '2025', active: true, otherSheets: [{ name: '2026', active: false }] });
  }, 60_000);

  it('reads a cell nested as deep as the limit allows', async () => {
    // document-content, body, spreadsheet, table, row, cell, p: seven levels above the spans.
    const deepest = `<table:table-row><table:table-cell office:value-type="string"><text:p>${'<text:span>'.repeat(249)}Gympa${'</text:span>'.repeat(249)}</text:p></table:table-cell></table:table-row>`;
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('Plan', [HEADER, deepest]) }));
    expect('table' in input && input.table[1]?.[0]).toBe('Gympa');
  });

  it('refuses a filled row repeated over the whole grid as too many rows, without expanding it', async () => {
    const row = '<table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string"><text:p>Stavgång</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>';
    const started = Date.now();
    expect(await refusal(makeOds({ tables: sheet('Plan', [HEADER, row]) }))).toMatchObject({ status: 413, code: 'too-large', en: expect.stringContaining('more rows than a document may hold') });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a value repeated over all 16,384 columns in many rows as too many cells', async () => {
    const row = '<table:table-row table:number-rows-repeated="200"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row>';
    expect(200 * 16_384).toBeGreaterThan(XLSX_LIMITS.maxCells);
    expect(await refusal(makeOds({ tables: sheet('Plan', [HEADER, row]) }))).toMatchObject({ status: 413, code: 'too-large', en: expect.stringContaining('more cells than this server imports') });
  });

  it('leaves a later sheet past the limits unread and names it', async () => {
    const big = '<table:table-row table:number-rows-repeated="60000"><table:table-cell office:value-type="string"><text:p>rad</text:p></table:table-cell></table:table-row>';
    const input = await readImportFile('plan.ods', makeOds({ tables: sheet('Plan', [HEADER]) + `<table:table table:name="Rådata">${big}</table:table>` }));
    expect(input).toMatchObject({ sheet: 'Plan', otherSheets: [], skippedSheets: [{ name: 'Rådata', over: 'rows' }] });
  });

  it('refuses a content.xml that unpacks past the limit although its directory says it is small (a zip bomb)', async () => {
    const bomb = makeOdsWithContent({ zeros: XLSX_LIMITS.maxUncompressedBytes + 1 }, 1000);
    expect(await refusal(bomb)).toMatchObject({ status: 413, code: 'too-large', en: expect.stringContaining('unpacks to more than 64 MiB') });
  });

  it('refuses a file with no sheet in words', async () => {
    expect(await refusal(makeOds({ tables: '' }))).toMatchObject({ status: 400, code: 'not-ods', en: expect.stringContaining('holds no sheet') });
  });

  it('refuses a text cell that is not well-formed XML in words', async () => {
    const bad = makeOds({ tables: '<table:table table:name="Plan"><table:table-row><table:table-cell><text:p>Stavgång &amp; dans</text:p></table:table-row></table:table>' });
    expect(await refusal(bad)).toMatchObject({ status: 400, code: 'not-ods', en: expect.stringContaining('not a readable OpenDocument spreadsheet') });
  });

  it('says in English what the file is not, an OpenDocument spreadsheet, and how to save it again, as the Swedish does', async () => {
    const save = 'Open it in LibreOffice Calc and save it again, or save it as an Excel workbook (.xlsx) or CSV.';
    expect(await refusal(new TextEncoder().encode('PK\u0003\u0004garbage'))).toEqual({ status: 400, code: 'not-ods', en: `The file is too short to be an OpenDocument spreadsheet. ${save}` });
    const cut = new Uint8Array(64);
    cut.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refusal(cut)).toEqual({ status: 400, code: 'not-ods', en: `The file is not a complete OpenDocument spreadsheet (no ZIP directory found); it may be truncated. ${save}` });
  });
});

/** An .ods whose content.xml is `data`, its directory claiming `claimedSize`. */
function makeOdsWithContent(data: { zeros: number }, claimedSize: number): Uint8Array {
  return makeZip([
    { name: 'mimetype', data: new Uint8Array(Buffer.from('application/vnd.oasis.opendocument.spreadsheet')), stored: true },
    { name: 'content.xml', data, claimedSize },
  ]);
}
