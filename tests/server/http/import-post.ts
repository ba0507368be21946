/**
 * Importing a file into the fixture's `plan-a` as its editor, and reading a row back: what the
 * import tests of files of one kind or another each do.
 */
import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { WS, type Fixture } from './support.js';

/** The media type of an .xlsx workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `body`, of media type `type`, imported into `plan-a` by the editor: the answer's summary (the answer must be 200). */
export async function importFile(f: Fixture, body: Uint8Array, type: string): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** The workbook `wb` written as .xlsx and imported by {@link importFile}. */
export async function importWorkbook(f: Fixture, wb: ExcelJS.Workbook): Promise<Record<string, unknown>> {
  return importFile(f, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), XLSX);
}

/** The values of `plan-a`'s row titled `title`, or undefined when it has none. */
export async function planRowTitled(f: Fixture, title: string) {
  return rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === title)?.values;
}
