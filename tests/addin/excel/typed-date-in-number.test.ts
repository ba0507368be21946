/**
 * Dates typed into a number column. Excel turns `2025-03-01` typed into a General cell into the
 * date serial 45717 with a date format: the cell shows the date, the value is a number nobody
 * typed. It must not reach the doc (and every peer) as 45717: the cell keeps what was typed and
 * gets a problem, and the stored value stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { isDateFormat } from "../../../addin/excel/sheet/percent-cells.js";
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const cellOf = (key: string, index: number): string => cellAt('indicator-values', key, index);

async function valuesTable(value: number | null = null, rows = 1, locale: 'en-US' | 'sv-SE' = 'en-US'): Promise<Side> {
  const row = { indicator: 'sfh-12', unit: 'vc-test', period: '2025', kon: 'T', value };
  const side = await openSide(docWith('indicator-values', Array.from({ length: rows }, () => ({ ...row }))), 'indicator-values', {}, createWorkbook({ locale }));
  opened.push(side);
  return side;
}

const valueProblems = (side: Side) => side.binding.problems.filter((p) => p.column === 'value');

describe('a date typed into a number column', () => {
  it('is not stored as its date serial: the stored number stays, the cell shows what was typed, Problems says why', async () => {
    const side = await valuesTable(5);
    side.host.user.type(SHEET, cellOf('value', 0), '2025-03-01');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(5);
    expect(side.host.readText(SHEET, cellOf('value', 0))).toEqual([['2025-03-01']]);
    expect(valueProblems(side)).toEqual([expect.objectContaining({ severity: 'error', code: 'date-in-number' })]);
    expect(valueProblems(side)[0]!.message.sv).toContain('2025-03-01');
  });

  it('in Swedish Excel, 1.5 typed for a decimal becomes 1 May: not stored, and Problems says Excel made it a date', async () => {
    const side = await valuesTable(5, 1, 'sv-SE');
    side.host.user.type(SHEET, cellOf('value', 0), '1.5');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(5);
    expect(side.host.readText(SHEET, cellOf('value', 0))).toEqual([['1-maj']]);
    const [said] = valueProblems(side);
    expect(said).toMatchObject({ severity: 'error', code: 'date-in-number' });
    expect(said!.message.sv).toContain(`Excel gjorde det du skrev till ett datum, ${new Date().getFullYear()}-05-01`);
    expect(said!.message.sv).toContain('Ett värde är sparat i planen');
    expect(said!.message.en).toContain('Excel made what you typed a date');
  });

  it('a number typed over it afterwards is stored and the problem goes', async () => {
    const side = await valuesTable(5);
    side.host.user.type(SHEET, cellOf('value', 0), '2025-03-01');
    await side.settle();
    await side.host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange(cellOf('value', 0)).numberFormat = [['General']];
      await context.sync();
    });
    side.host.user.type(SHEET, cellOf('value', 0), '12,5');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12.5);
    expect(valueProblems(side)).toEqual([]);
  });

  it('pasted with other rows: the numbers are stored, the date is not', async () => {
    const side = await valuesTable(null, 2);
    side.host.user.paste(SHEET, cellOf('value', 0), [['2025-03-01'], ['3,5']]);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.value)).toEqual([null, 3.5]);
  });

  it('typed while the pane was closed, it is not stored when the pane opens again', async () => {
    const first = await valuesTable(7);
    await first.binding.dispose();
    first.host.user.type(SHEET, cellOf('value', 0), '2025-03-01');
    const again = await openSide(first.doc, 'indicator-values', {}, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(again.doc)[0]!.values.value).toBe(7);
    expect(again.host.readText(SHEET, cellOf('value', 0))).toEqual([['2025-03-01']]);
    expect(valueProblems(again)).toEqual([expect.objectContaining({ code: 'date-in-number' })]);
  });

  it('a stored number the person gives a date format keeps its value', async () => {
    const side = await valuesTable(45717);
    await side.host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange(cellOf('value', 0)).numberFormat = [['yyyy-mm-dd']];
      await context.sync();
    });
    side.host.user.type(SHEET, cellOf('source', 0), 'SCB');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(45717);
    expect(valueProblems(side)).toEqual([]);
  });
});

describe('isDateFormat', () => {
  it.each(['yyyy-mm-dd', 'd/m', 'h:mm', '[h]:mm', '[$-41D]d mmm yyyy', 'mmm-yy', 'hh:mm:ss'])('%s shows a date or time', (format) => {
    expect(isDateFormat(format)).toBe(true);
  });
  it.each(['General', '0', '#,##0', '0.00%', '0.00E+00', '0 "dagar"', '[Red]0,0', '@', '#,##0 "kr";[Red]-#,##0 "kr"'])('%s does not', (format) => {
    expect(isDateFormat(format)).toBe(false);
  });
});
