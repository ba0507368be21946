import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rowsToXlsx } from '../../../server/http/xlsx.js';

describe('an exported workbook\'s sheet name', () => {
  it('names an exported workbook\'s sheet without an identity number its cut made', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await rowsToXlsx('activity-plan', [], { lang: 'sv', title: 'Deltagarlista Tensta 85010112367' });
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe('Deltagarlista Tensta');
  });
});
