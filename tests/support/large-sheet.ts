/**
 * A large plan table as `.ods` and as `.xlsx`, the same cells in both: for the tests that read
 * one while watching the event loop or a deadline (`ods-read-event-loop.test.ts`,
 * `read-worker.test.ts`).
 */
import ExcelJS from 'exceljs';
import { makeOds, sheet } from './ods.js';

/** The header row of the table. */
export const LARGE_HEADER = ['Aktivitet', 'Typ', 'Målgrupp', 'Plats', 'Deltagare planerat', 'Deltagare utfall', 'Start', 'Kommentar'];

/** Row `i` of the table (1-based, after the header): texts and numbers as a plan holds them. */
export function largeRow(i: number): (string | number)[] {
  return [`Stavgång ${i}`, 'Grupp', 'Äldre', `Tensta ${i % 40}`, 10 + (i % 7), 8 + (i % 5), 20 + (i % 9), `Anteckning om träff ${i}`];
}

function odsCell(v: string | number): string {
  return typeof v === 'number'
    ? `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`
    : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
}

/** An `.ods` with one sheet, `Plan`: the header and `rows` rows. */
export function largeOds(rows: number): Uint8Array {
  const xml = [LARGE_HEADER, ...Array.from({ length: rows }, (_, i) => largeRow(i + 1))].map((r) => `<table:table-row>${r.map(odsCell).join('')}</table:table-row>`);
  return makeOds({ tables: sheet('Plan', xml) });
}

/** The same table as an `.xlsx` workbook. */
export async function largeXlsx(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(LARGE_HEADER);
  for (let i = 1; i <= rows; i++) ws.addRow(largeRow(i));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
