import { describe, expect, it } from 'vitest';
import { createWorkbook, editText } from '../../../addin/excel-emulator/index.js';

/** Types each text into its own cell of column A and gives back the stored values. */
function typed(locale: 'en-US' | 'sv-SE', texts: string[]) {
  const host = createWorkbook({ sheets: ['Blad1'], locale });
  texts.forEach((t, i) => host.user.type('Blad1', `A${i + 1}`, t));
  return { host, values: host.read('Blad1', `A1:A${texts.length}`).map((r) => r[0]) };
}

describe('the workbook locale', () => {
  it('sv-SE reads typed numbers with a decimal comma and spaced thousands, SANT and FALSKT as booleans, and a dot as no decimal', () => {
    const { host, values } = typed('sv-SE', ['12,5', '1 234,5', '1\u00a0234', '-0,5', '12,5 %', 'sant', 'FALSKT', 'TRUE', '12.13', '1 23']);
    expect(values).toEqual([12.5, 1234.5, 1234, -0.5, 0.125, true, false, 'TRUE', '12.13', '1 23']);
    expect(host.model.sheet('Blad1')!.numberFormat(4, 0)).toBe('0.00%');
  });

  it('sv-SE reads a day and month typed with a dot or a slash as a date, this year when none is typed, as Swedish Excel does', () => {
    const year = new Date().getFullYear();
    const { host, values } = typed('sv-SE', ['1.5', '12/3', '1.5.2025', '31/12/2024', '31.4', '1.13', '1.50', '1-5', '1.5.25']);
    const serial = (iso: string) => Math.round((Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8))) - Date.UTC(1899, 11, 30)) / 86_400_000);
    expect(values).toEqual([serial(`${year}-05-01`), serial(`${year}-03-12`), serial('2025-05-01'), serial('2024-12-31'), '31.4', '1.13', '1.50', '1-5', '1.5.25']);
    expect(host.readText('Blad1', 'A1:A4')).toEqual([['1-maj'], ['12-mar'], ['2025-05-01'], ['2024-12-31']]);
    expect(host.model.sheet('Blad1')!.numberFormat(0, 0)).toBe('d-mmm');
    expect(editText(values[0] as number, 'd-mmm', undefined, 'sv-SE')).toBe(`${year}-05-01`);
    expect(typed('en-US', ['1.5']).values).toEqual([1.5]);
  });

  it('en-US reads them as before: a decimal point, TRUE, and a comma as no decimal', () => {
    expect(typed('en-US', ['12.5', '12,5', 'TRUE', 'SANT']).values).toEqual([12.5, '12,5', true, 'SANT']);
  });

  it('sv-SE shows numbers as Swedish Excel does: decimal comma, no-break space between thousands, hyphen-minus, SANT', async () => {
    const host = createWorkbook({ sheets: ['Blad1'], locale: 'sv-SE' });
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1:E1');
      range.values = [[1234.5, -1234.5, 12.5, 0.125, true]];
      range.numberFormat = [['#,##0.0', '#,##0.0', 'General', '0.0%', 'General']];
      await context.sync();
    });
    expect(host.readText('Blad1', 'A1:E1')).toEqual([['1\u00a0234,5', '-1\u00a0234,5', '12,5', '12,5%', 'SANT']]);
    expect(createWorkbook().readText('Sheet1', 'A1')).toEqual([['']]);
  });

  it('starts a cell edit as the formula bar shows the cell: the formula, or every decimal in the locale', () => {
    expect(editText(3.25, '0', undefined, 'sv-SE')).toBe('3,25');
    expect(editText(1234.5, '#,##0.0', undefined, 'en-US')).toBe('1234.5');
    expect(editText(45717, 'yyyy-mm-dd', undefined, 'sv-SE')).toBe('2025-03-01');
    expect(editText(50, 'General', '=SAMPLAN.INDICATOR("a"; "b"; "2025")', 'sv-SE')).toBe('=SAMPLAN.INDICATOR("a"; "b"; "2025")');
  });
});
