/**
 * The `.xlsx` reader (`xlsx-parts.ts`, run in the reading worker): a workbook's parts read as
 * streams, cells by type as exceljs read them (shared, rich and inline text with Swedish letters,
 * numbers, booleans, error texts, dates in the 1900 and 1904 systems, percentages as shown,
 * formulas by their saved value, merged cells over what they cover), hidden rows, columns and
 * sheets, the tab open at saving; a damaged part and a lying directory refused in words; and its
 * progress told by the bytes parsed, from the start to the end.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxParts, type XlsxPartsAnswer, type XlsxPartsSheet } from '../../../server/http/xlsx-parts.js';
import { XLSX_LIMITS } from '../../../server/http/xlsx-read.js';
import { zipEntries } from '../../../server/http/zip-directory.js';
import { largeXlsx } from '../../support/large-sheet.js';
import { makeZip } from '../../support/zip.js';

const read = (bytes: Uint8Array, onProgress?: (done: number, total: number) => void) => readXlsxParts(bytes, zipEntries(bytes), XLSX_LIMITS, onProgress);

/** The sheets of an answer that must not be a refusal. */
function sheetsOf(answer: XlsxPartsAnswer): XlsxPartsSheet[] {
  if ('error' in answer) throw new Error(`refused: ${answer.error.message}`);
  return answer.sheets;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const text = (t: string) => new TextEncoder().encode(t);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook of one sheet whose `sheetData` is `rows`, written by hand (prefixed, as some writers do). */
function handWritten(rows: string, extra = ''): Uint8Array {
  return makeZip([
    { name: '_rels/.rels', data: text(`<Relationships xmlns="${RELS}"><Relationship Id="r1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: text(`<x:workbook xmlns:x="${MAIN}" xmlns:r="${DOC}"><x:sheets><x:sheet name="Åtgärder" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: text(`<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="/xl/worksheets/blad1.xml"/></Relationships>`) },
    { name: 'xl/worksheets/blad1.xml', data: text(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${rows}</x:sheetData>${extra}</x:worksheet>`) },
  ]);
}

describe('reading an .xlsx workbook', () => {
  it('reads each cell by its type, Swedish letters and rich text whole, formulas by their saved value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Deltagare', 'Klar', 'Start', 'Andel', 'Summa', 'Fel']);
    ws.addRow([{ richText: [{ text: 'Stavgång ' }, { font: { bold: true }, text: 'för äldre' }] }, 12, true, new Date(Date.UTC(2026, 2, 12)), 0.125, { formula: 'B2*2', result: 24 }, { error: '#N/A' }]);
    ws.addRow(['Öppen förskola', 7.5, false, new Date(Date.UTC(2026, 0, 1, 10, 30)), 1, { formula: 'B3*2' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.getCell('E2').numFmt = '0.0%';
    ws.getCell('E3').numFmt = '0.0%';
    const [sheet] = sheetsOf(await read(await bytesOf(wb)));
    expect(sheet?.table).toEqual([
      ['Aktivitet', 'Deltagare', 'Klar', 'Start', 'Andel', 'Summa', 'Fel'],
      ['Stavgång för äldre', 12, 'TRUE', new Date(Date.UTC(2026, 2, 12)), '12.5 %', 24, '#N/A'],
      ['Öppen förskola', 7.5, 'FALSE', new Date(Date.UTC(2026, 0, 1, 10, 30)), '100 %', null, '#DIV/0!'],
    ]);
    expect(sheet?.formulasWithoutValue).toEqual(['F3']);
    expect(sheet?.rowNumbers).toEqual([1, 2, 3]);
  });

  it('reads dates of the 1904 date system as the same days', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('Plan').addRow(['Start', new Date(Date.UTC(2026, 4, 20))]);
    const [sheet] = sheetsOf(await read(await bytesOf(wb)));
    expect(sheet?.table).toEqual([['Start', new Date(Date.UTC(2026, 4, 20))]]);
  });

  it('copies a merged cell over the cells it covers, and names hidden rows and columns and the open tab', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Listor', { state: 'hidden' }).addRow(['Grupp', 'Enskild']);
    wb.addWorksheet('Omslag').addRow(['Plan 2026']);
    const ws = wb.addWorksheet('Aktiviteter');
    ws.getCell('A1').value = 'Hälsofrämjande insatser';
    ws.mergeCells('A1:C2');
    ws.getRow(4).values = ['Aktivitet', 'Enhet', 'Antal'];
    ws.getRow(5).values = ['Promenad', 'Vårdcentral Fittja', 3];
    ws.getRow(5).hidden = true;
    ws.getColumn(2).hidden = true;
    wb.views = [{ x: 0, y: 0, width: 10_000, height: 20_000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
    const [cover, plan] = sheetsOf(await read(await bytesOf(wb)));
    expect(cover).toMatchObject({ name: 'Omslag', table: [['Plan 2026']], active: false });
    expect(plan).toMatchObject({ name: 'Aktiviteter', active: true, hiddenRows: [5], hiddenColumns: [2], rowNumbers: [1, 2, 4, 5] });
    expect(plan?.table).toEqual([
      ['Hälsofrämjande insatser', 'Hälsofrämjande insatser', 'Hälsofrämjande insatser'],
      ['Hälsofrämjande insatser', 'Hälsofrämjande insatser', 'Hälsofrämjande insatser'],
      ['Aktivitet', 'Enhet', 'Antal'],
      ['Promenad', 'Vårdcentral Fittja', 3],
    ]);
  });

  it('reads inline strings, escaped characters and prefixed elements, and rows and cells without numbers', async () => {
    const rows =
      '<x:row><x:c t="inlineStr"><x:is><x:t>Rad ett_x000D_\nslut</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Sjö</x:t></x:r><x:r><x:t>bo</x:t></x:r><x:rPh><x:t>uttal</x:t></x:rPh></x:is></x:c></x:row>' +
      '<x:row r="3"><x:c r="B3" t="str"><x:v>ÅÄÖ åäö</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>';
    const [sheet] = sheetsOf(await read(handWritten(rows)));
    expect(sheet).toMatchObject({ name: 'Åtgärder', rowNumbers: [1, 3], active: true });
    expect(sheet?.table).toEqual([
      ['Rad ett\r\nslut', 'Sjöbo', null],
      [null, 'ÅÄÖ åäö', 'TRUE'],
    ]);
  });

  it('reads a formula whose saved value is FALSE as the text FALSE (LibreOffice saves a boolean cell so), not as one without a value', async () => {
    const [sheet] = sheetsOf(await read(handWritten('<x:row><x:c r="A1" t="b"><x:f aca="false">FALSE()</x:f><x:v>0</x:v></x:c><x:c r="B1" t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c></x:row>')));
    expect(sheet?.table).toEqual([['FALSE', 'TRUE']]);
    expect(sheet?.formulasWithoutValue).toEqual([]);
  });

  it('refuses a part that is not well-formed XML, naming it, and a part that unpacks past what its directory claims', async () => {
    const broken = handWritten('<x:row><x:c><x:v>1</x:row>');
    expect(await read(broken)).toEqual({ error: { kind: 'corrupt', message: expect.stringContaining('xl/worksheets/blad1.xml is not well-formed XML') } });
    // Whitespace inside the root: well-formed, 3 MB unpacked, claimed 1 KB.
    const listed = makeZip([
      { name: 'xl/workbook.xml', data: text(`<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="A" r:id="s"/></sheets></workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: text(`<Relationships xmlns="${RELS}"><Relationship Id="s" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      { name: 'xl/worksheets/sheet1.xml', data: text(`<worksheet xmlns="${MAIN}">${' '.repeat(3_000_000)}</worksheet>`), claimedSize: 1_000 },
    ]);
    const limits = { ...XLSX_LIMITS, maxUncompressedBytes: 1024 * 1024 };
    expect(await readXlsxParts(listed, zipEntries(listed), limits)).toEqual({ error: { kind: 'too-large', message: 'unpacked' } });
  });

  it('says a file that is no ZIP at all is none, and a cut one may be truncated', () => {
    const csv = new TextEncoder().encode('id;Aktivitet;Ansvarig\n;Promenadgrupp;Distriktssköterska\n');
    expect(() => zipEntries(csv)).toThrow(/not a ZIP archive.*CSV/);
    const zip = makeZip([{ name: 'a.xml', data: new TextEncoder().encode('<a/>') }]);
    expect(() => zipEntries(zip.subarray(0, zip.length - 10))).toThrow(/may be truncated/);
  });

  it('refuses a first sheet past the rows a document holds, and leaves a later one unread, named', async () => {
    const limits = { ...XLSX_LIMITS, maxRows: 20 };
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Kort').addRow(['Aktivitet']);
    const long = wb.addWorksheet('Lång');
    for (let i = 0; i < 30; i++) long.addRow([`Rad ${i}`]);
    const bytes = await bytesOf(wb);
    expect(await readXlsxParts(bytes, zipEntries(bytes), limits)).toMatchObject({ sheets: [{ name: 'Kort' }], skipped: [{ name: 'Lång', over: 'rows' }] });
    const first = new ExcelJS.Workbook();
    const only = first.addWorksheet('Lång');
    for (let i = 0; i < 30; i++) only.addRow([`Rad ${i}`]);
    const firstBytes = await bytesOf(first);
    expect(await readXlsxParts(firstBytes, zipEntries(firstBytes), limits)).toEqual({ error: { kind: 'too-large', message: 'rows' } });
  });

  it('tells its progress by the bytes parsed, rising in small steps from the start to the whole', async () => {
    const told: number[] = [];
    let whole = 0;
    const answer = await read(await largeXlsx(2_000), (done, total) => {
      told.push(done);
      whole = total;
    });
    expect(sheetsOf(answer)[0]?.table).toHaveLength(2_001);
    expect(told).toEqual([...told].sort((a, b) => a - b));
    expect(told.at(-1)).toBe(whole);
    const percents = told.map((d) => (100 * d) / whole);
    const steps = percents.slice(1).map((p, i) => p - (percents[i] as number));
    expect(percents[0]).toBeLessThan(10);
    expect(Math.max(...steps)).toBeLessThan(10);
  });
});
