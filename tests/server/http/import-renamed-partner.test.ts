/**
 * A plan exported, its partner renamed in the partner list, and the file imported again: the
 * file's partner cell holds the name the partner had when it was exported, which no longer
 * resolves, and the untouched cell was written over the partner's id as unresolved text. Now a
 * name the partner had in the list's kept history, naming the very partner the row refers to, is
 * read as that partner: the cell is not written and nothing is left unresolved.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { importFile, XLSX } from './import-post.js';
import { makeFixture, PARTNER_ID, WS, type Fixture } from './support.js';

const base = `/v1/workspaces/${WS}/documents/plan-a`;

async function rename(f: Fixture, name: string): Promise<void> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/partners/import`, f.tokens.coordinator, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ id: PARTNER_ID, name, type: 'frivilligorganisation' }]),
  });
  expect(await res.json()).toMatchObject({ updated: 1, refused: [] });
}

async function exported(f: Fixture, format: 'xlsx' | 'csv'): Promise<Uint8Array> {
  return new Uint8Array(await (await f.req(`${base}/rows?format=${format}`, f.tokens.editor)).arrayBuffer());
}

async function partnerOf(f: Fixture, title: string): Promise<unknown> {
  return rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === title)?.values.partner;
}

describe('a file exported before its partner was renamed', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('XLSX: leaves the untouched partner cell as it is and writes the file\'s own change', async () => {
    const bytes = await exported(f, 'xlsx');
    await rename(f, 'Svenska Röda Korset');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = sheet.getRow(1).values as unknown[];
    const at = (name: string) => header.findIndex((v) => v === name);
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (sheet.getRow(r).getCell(at('Aktivitet')).value === 'Promenadgrupp A') sheet.getRow(r).getCell(at('Deltagare planerat')).value = 14;
    }
    const summary = await importFile(f, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), XLSX);
    expect(summary).toMatchObject({ updated: 1, refused: [], unresolved: [] });
    expect(await partnerOf(f, 'Promenadgrupp A')).toBe(PARTNER_ID);
    const row = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === 'Promenadgrupp A');
    expect(row?.values.participantsPlanned).toBe(14);
  });

  it('CSV (no version): a former name of the row\'s own partner is that partner, not unresolved text', async () => {
    const bytes = await exported(f, 'csv');
    await rename(f, 'Svenska Röda Korset');
    const summary = await importFile(f, bytes, 'text/csv');
    expect(summary).toMatchObject({ updated: 0, refused: [], unresolved: [] });
    expect(await partnerOf(f, 'Promenadgrupp A')).toBe(PARTNER_ID);
  });

  it('still keeps as typed a name no partner of the row ever had', async () => {
    const csv = new TextDecoder().decode(await exported(f, 'csv')).replace('Röda Korset', 'Blå Korset');
    const summary = await importFile(f, new TextEncoder().encode(csv), 'text/csv');
    expect(summary).toMatchObject({ updated: 1, unresolved: [expect.objectContaining({ column: 'partner', value: 'Blå Korset' })] });
    expect(await partnerOf(f, 'Promenadgrupp A')).toBe('Blå Korset');
  });
});
