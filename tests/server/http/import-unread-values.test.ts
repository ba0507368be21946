/**
 * Values of a row under no header are not read, and the import says so, as it says unknown
 * columns: a warning `unread-values` per column, led by its rows as ranges, in Swedish and English
 * (a sheet of 500 rows with an unnamed column gave 500 warnings, and the CLI printed them all). Past the
 * header of a CSV file it counts them and asks whether a separator stands unquoted inside a value
 * (`A;Planerad;kommentar;extra;mer` under three columns); under an empty header cell of a workbook
 * it names the columns. The rows are imported as before. Before, those values were dropped without
 * a word; the CLI prints the warning, and the pane shows it with the summary's warnings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summaryWords } from '../../../addin/taskpane/import-summary-words.js';
import { importCommand } from '../../../server/cli-import.js';
import { importFile, importWorkbook, planRowTitled } from './import-post.js';
import { makeFixture, WS, type Fixture } from './support.js';

const CSV = 'Aktivitet;Status;Kommentar\r\nGympa;Planerad;kommentar;extra;mer\r\nBoule;Planerad;hela kommentaren;\r\nStavgång;Planerad;ett värde till;x\r\n';
const PAST_TWO = {
  sv: 'Rad 2 i filen: raden har 5 värden men rubrikraden namnger 3 kolumner: de 2 sista lästes inte (ett ; utan citattecken inne i ett värde?).',
  en: 'Row 2 of the file: the row has 5 values but the header names 3 columns: the last 2 were not read (an unquoted ; inside a value?).',
};
const PAST_ONE_EN = 'Row 4 of the file: the row has 4 values but the header names 3 columns: the last one was not read (an unquoted ; inside a value?).';

describe('values of a row under no header', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-unread-'));
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are named in a warning per CSV row past the header, the rows imported as before', async () => {
    const summary = await importFile(f, new TextEncoder().encode(CSV), 'text/csv');
    expect(summary).toMatchObject({ imported: 3, refused: [], unknownColumns: [] });
    expect(summary.warnings).toEqual([
      { record: 1, row: 2, rowId: null, column: 'D', code: 'unread-values', message: PAST_TWO },
      { record: 3, row: 4, rowId: null, column: 'D', code: 'unread-values', message: { sv: expect.stringMatching(/det sista lästes inte/), en: PAST_ONE_EN } },
    ]);
    expect(await planRowTitled(f, 'Gympa')).toMatchObject({ status: 'planerad', comment: 'kommentar' });
    // The pane shows them with the other warnings.
    expect(summaryWords(summary, 'sv').warnings).toEqual({ count: 2, shown: [PAST_TWO.sv, expect.stringMatching(/^Rad 4 i filen: /)] });
  });

  it('are named by their columns under an empty header cell of a workbook, and counted past its header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', null, 'Kommentar']);
    ws.addRow(['Gympa', 'halsodag', 'glömd', 'k']);
    ws.addRow(['Boule', 'halsodag', null, 'k', null, 'långt ut', 'och mer']);
    ws.addRow(['Stavgång', 'halsodag', 'x', 'k', 'y']);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 3, refused: [] });
    expect((summary.warnings as { message: { en: string } }[]).map((w) => w.message.en)).toEqual([
      'Rows 2, 4 of the file: column C holds values but no header, so they were not read.',
      'Row 3 of the file: the row has 7 values but the header names 4 columns: the last 3 were not read.',
      'Row 4 of the file: the row has 5 values but the header names 4 columns: the last one was not read.',
    ]);
    expect(summary.warnings).toMatchObject([{ record: 1, row: 2, rows: [2, 4], rowId: null, column: 'C' }, { row: 3, column: 'E' }, { row: 4, column: 'E' }]);
    expect((summary.warnings as { message: { sv: string } }[])[0]?.message.sv).toBe('Raderna 2, 4 i filen: kolumn C har värden men ingen rubrik och lästes inte.');
  });

  it('are named once per column of a long sheet, its rows as ranges, and printed once by samplan import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', null, 'Kommentar']);
    for (let i = 1; i <= 500; i++) ws.addRow([`Aktivitet ${i}`, 'halsodag', i === 250 ? null : 'glömd', 'k']);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 500, refused: [] });
    expect(summary.warnings).toEqual([
      {
        record: 1,
        row: 2,
        rows: expect.any(Array),
        rowId: null,
        column: 'C',
        code: 'unread-values',
        message: {
          sv: 'Raderna 2–250, 252–501 i filen: kolumn C har värden men ingen rubrik och lästes inte.',
          en: 'Rows 2–250, 252–501 of the file: column C holds values but no header, so they were not read.',
        },
      },
    ]);
    expect((summary.warnings as { rows: number[] }[])[0]?.rows).toHaveLength(499);
    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    const file = join(dir, 'lang.xlsx');
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(await importCommand([WS, 'plan-a', file], { 'dry-run': true, lang: 'en' }, (fn) => fn(f.storage), {})).toBe(0);
    expect(said.filter((line) => line.includes('no header'))).toHaveLength(1);
  });

  it('name at most ten runs of rows, then how many rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', null, 'Kommentar']);
    for (let i = 1; i <= 30; i++) ws.addRow([`Aktivitet ${i}`, 'halsodag', i % 2 === 1 ? 'glömd' : null, 'k']);
    const summary = await importWorkbook(f, wb);
    expect((summary.warnings as { message: { sv: string } }[]).map((w) => w.message.sv)).toEqual([
      'Raderna 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, … i filen (15 rader): kolumn C har värden men ingen rubrik och lästes inte.',
    ]);
  });

  it('are told on stderr by samplan import, which exits 0', async () => {
    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    const file = join(dir, 'plan.csv');
    writeFileSync(file, CSV);
    expect(await importCommand([WS, 'plan-a', file], { lang: 'en' }, (fn) => fn(f.storage), {})).toBe(0);
    expect(said).toEqual([PAST_TWO.en, PAST_ONE_EN]);
  });
});
