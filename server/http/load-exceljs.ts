/**
 * exceljs, loaded when the first workbook is written instead of at every start: importing it takes
 * about 0.5 s of CPU, which every server and CLI process paid although most never write a workbook.
 * Reading imported workbooks loads it in a worker of its own (`xlsx-read.ts`).
 */
import type ExcelJS from 'exceljs';

/** The exceljs module (its CommonJS exports); Node loads it once per process. */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
