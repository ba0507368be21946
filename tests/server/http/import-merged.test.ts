/**
 * A merged cell in an imported workbook gives its value (the top left cell's) to every cell it
 * covers, in an XLSX and an ODS alike: "Promenad" merged down over three rows is each row's
 * Aktivitet. That is a guess, so the summary says it (`mergedCells`, in Swedish and English),
 * naming the ranges under the header; a group label merged over its columns above the header is
 * read as a header is, and not named.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRow } from '../../../shared/doc/index.js';
import { DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { importIntoDocument, readImportFile } from '../../../server/http/import-rows.js';
import { silentLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { makeOds, sheet, stringRow } from '../../support/ods.js';

const clock = () => new Date('2026-01-20T09:00:00Z');
const storage = createMemoryStorage({ clock });
const docs = storageDocAccess(storage);
const ref = { workspace: DEMO_WORKSPACE, doc: 'aktivitetsplan-vc-tensta' };

async function importFile(name: string, bytes: Uint8Array) {
  const summary = await importIntoDocument(storage, docs, ref, await readImportFile(name, bytes), { dryRun: false, principal: null, now: clock() });
  const rows = await docs.read(ref, (d) => summary.rowIds.map((id) => getRow(d, id)?.values ?? {}));
  return { summary, rows };
}

/** What each imported row holds of the merged columns. */
const merged = (rows: Record<string, unknown>[]) => rows.map((r) => [r.title, r.startDate, r.comment ?? null]);
const EXPECTED = [
  ['Promenad', '2026-03-12', 'Samma grupp'],
  ['Promenad', '2026-03-12', null],
  ['Promenad', '2026-03-19', null],
];

describe('merged cells in an imported workbook', () => {
  beforeAll(async () => {
    await seedDemo(storage, { clock, logger: silentLogger() });
  });

  it('fills an XLSX merged range into the rows it covers, and says so', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 'Planering';
    ws.mergeCells('A1:B1');
    ws.getRow(2).values = ['Aktivitet', 'Typ', 'Startdatum', 'Kommentar'];
    ws.getRow(3).values = ['Promenad', 'Promenadgrupp', new Date(Date.UTC(2026, 2, 12)), 'Samma grupp'];
    ws.getRow(4).values = [null, 'Promenadgrupp'];
    ws.getRow(5).values = [null, 'Promenadgrupp', new Date(Date.UTC(2026, 2, 19))];
    ws.mergeCells('A3:A5');
    ws.mergeCells('C3:C4');
    const { summary, rows } = await importFile('plan.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(summary).toMatchObject({ imported: 3, refused: [], headerRow: 2 });
    expect(merged(rows)).toEqual(EXPECTED);
    expect(summary.mergedCells?.ranges).toEqual(['A3:A5', 'C3:C4']);
    expect(summary.mergedCells?.message.sv).toBe(
      'De sammanfogade cellerna A3:A5, C3:C4 lästes med var sitt värde (cellen överst till vänster) i varje cell de täcker, så raderna de spänner över fick samma värde. Dela upp sammanfogningen i filen och skriv värdet där det hör hemma om det inte stämmer.',
    );
    expect(summary.mergedCells?.message.en).toContain('The merged cells A3:A5, C3:C4 were read with');
  });

  it('fills an ODS merged cell into the cells it covers, and says so', async () => {
    const cell = (text: string, attrs = '') => `<table:table-cell ${attrs} office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
    const date = (iso: string, attrs = '') => `<table:table-cell ${attrs} office:value-type="date" office:date-value="${iso}"><text:p>${iso}</text:p></table:table-cell>`;
    const covered = '<table:covered-table-cell/>';
    const bytes = makeOds({
      tables: sheet('Plan', [
        `<table:table-row>${cell('Planering', 'table:number-columns-spanned="2"')}${covered}</table:table-row>`,
        stringRow(['Aktivitet', 'Typ', 'Startdatum', 'Kommentar']),
        `<table:table-row>${cell('Promenad', 'table:number-rows-spanned="3"')}${cell('Promenadgrupp')}${date('2026-03-12', 'table:number-rows-spanned="2"')}${cell('Samma grupp')}</table:table-row>`,
        `<table:table-row>${covered}${cell('Promenadgrupp')}${covered}<table:table-cell/></table:table-row>`,
        `<table:table-row>${covered}${cell('Promenadgrupp')}${date('2026-03-19')}<table:table-cell/></table:table-row>`,
      ]),
    });
    const { summary, rows } = await importFile('plan.ods', bytes);
    expect(summary).toMatchObject({ imported: 3, refused: [], headerRow: 2 });
    expect(merged(rows)).toEqual(EXPECTED);
    expect(summary.mergedCells?.ranges).toEqual(['A3:A5', 'C3:C4']);
  });

  it('names one merged range in the singular, and none when merges are in the header alone', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['Aktivitet', 'Typ', 'Startdatum'];
    ws.getRow(2).values = ['Stavgång', 'Promenadgrupp', new Date(Date.UTC(2026, 3, 1))];
    ws.getRow(3).values = ['Yoga', 'Promenadgrupp'];
    ws.mergeCells('C2:C3');
    const { summary, rows } = await importFile('en.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(rows.map((r) => r.startDate)).toEqual(['2026-04-01', '2026-04-01']);
    expect(summary.mergedCells?.message.sv).toMatch(/^Den sammanfogade cellen C2:C3 lästes med sitt värde/);
    const plain = new ExcelJS.Workbook();
    const ps = plain.addWorksheet('Plan');
    ps.getCell('A1').value = 'Planering';
    ps.mergeCells('A1:C1');
    ps.getRow(2).values = ['Aktivitet', 'Typ', 'Startdatum'];
    ps.getRow(3).values = ['Cirkel', 'Promenadgrupp', new Date(Date.UTC(2026, 3, 2))];
    const none = await importFile('plain.xlsx', new Uint8Array((await plain.xlsx.writeBuffer()) as ArrayBuffer));
    expect(none.summary.imported).toBe(1);
    expect(none.summary.mergedCells).toBeUndefined();
  });
});
