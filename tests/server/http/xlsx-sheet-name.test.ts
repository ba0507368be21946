import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rowsToXlsx } from '../../../server/http/xlsx.js';

/** The name of the sheet of a workbook exported with `title`, as Excel reads it back. */
async function sheetOf(title: string): Promise<string | undefined> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await rowsToXlsx('activity-plan', [], { lang: 'sv', title });
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook.worksheets[0]?.name;
}

describe('an exported workbook\'s sheet name', () => {
  it('names an exported workbook\'s sheet without an identity number its cut made', async () => {
    expect(await sheetOf('Deltagarlista Tensta 85010112367')).toBe('Deltagarlista Tensta');
  });

  it('cuts a title over 31 characters between words, not inside one', async () => {
    // Cut at 31 it read "Aktivitetsplan Vårdcentralen Hu".
    expect(await sheetOf('Aktivitetsplan Vårdcentralen Husby-Akalla 2026')).toBe('Aktivitetsplan Vårdcentralen');
    expect(await sheetOf('Handlingsplan: Stockholms län/Husby')).toBe('Handlingsplan- Stockholms län');
  });

  it('starts and ends with no apostrophe, which Excel refuses there', async () => {
    expect(await sheetOf("'Plan 2026'")).toBe('Plan 2026');
  });
});
