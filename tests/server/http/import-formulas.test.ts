/**
 * Formula cells in an imported workbook. Excel saves each formula with its last value; files
 * written by a program (exceljs here, like many scripts) often carry the formula alone. Such a
 * cell reads as empty, and the summary names it in words, so nothing is lost without a word.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { importWorkbook } from './import-post.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('importing formula cells', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('names the cells whose formula has no saved value, and reads them as empty', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat', 'Deltagare nådda']);
    plan.addRow(['Stavgång', 'halsodag', 10, { formula: 'C2*2' }]);
    plan.addRow(['Öppet hus', 'halsodag', { formula: 'C2+5' }, { formula: 'C3', result: 15 }]);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 2, refused: [], formulasWithoutValue: { count: 2, cells: ['D2', 'C3'] } });
    const message = (summary.formulasWithoutValue as { message: { sv: string; en: string } }).message;
    expect(message.sv).toContain('2 celler D2, C3 har en formel men inget sparat värde');
    expect(message.en).toContain('read as empty');
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows.find((r) => r.values.title === 'Stavgång')?.values.participantsReached ?? null).toBeNull();
    expect(rows.find((r) => r.values.title === 'Öppet hus')?.values).toMatchObject({ participantsReached: 15 });
  });

  it('says nothing of formulas when every one has its value', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    plan.addRow(['Stavgång', 'halsodag', { formula: '5*2', result: 10 }]);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 1 });
    expect(summary).not.toHaveProperty('formulasWithoutValue');
  });
});
