/**
 * A file exported, edited and imported again after a colleague changed the document meanwhile:
 * the import keeps the colleague's later edits (a cell the file did not change, a row deleted
 * since, a figure's täljare beside the file's nämnare) and names each with who made it, instead of
 * writing the file's older values over them; the person's own later edits (an import of the same
 * file) are theirs to change again. The version an export names is never newer than its rows, and
 * a version the history no longer holds is said.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRow, rowsOf } from '../../../shared/doc/index.js';
import { importIntoDocument } from '../../../server/http/import-rows.js';
import { loadFromStorage, storageDocAccess } from '../../../server/http/doc-access.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';
import { jsonVersion, readVersionStamp, versionStamp } from '../../../server/http/file-version.js';
import { importFile, XLSX } from './import-post.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const base = `/v1/workspaces/${WS}/documents/plan-a`;

interface LaterEdit {
  kind: string;
  by?: { memberId: string | null; at: string };
  column: string | null;
  rowId: string;
  row?: number;
  message: { sv: string; en: string };
}

async function rows(f: Fixture, doc0 = 'plan-a'): Promise<Map<string, Record<string, unknown>>> {
  const doc = await f.samplan.registry.getDoc({ workspace: WS, doc: doc0 });
  return new Map(rowsOf(doc).map((r) => [String(r.values.title), { id: r.id, ...r.values }]));
}

/** A colleague (the coordinator) sets cells of rows by id, through an import of a file that names no version. */
async function colleagueSets(f: Fixture, changes: Record<string, unknown>[], token = f.tokens.coordinator, url = base): Promise<void> {
  const res = await f.req(`${url}/import`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(changes) });
  expect(await res.json()).toMatchObject({ updated: changes.length, refused: [] });
}

async function colleagueDeletes(f: Fixture, rowId: string): Promise<void> {
  const answer = await f.samplan.registry.submit(ref, (live) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(copy);
    deleteRow(copy, rowId);
    return Y.encodeStateAsUpdate(copy, before);
  }, { memberId: 'coord', principal: null });
  expect(answer).toEqual({ ok: true });
}

async function exportXlsx(f: Fixture, url = base): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await f.req(`${url}/rows?format=xlsx`, f.tokens.editor)).arrayBuffer());
  return wb;
}

/** The sheet's row of the exported workbook whose `header` (Aktivitet: the title) cell is `title`. */
function sheetRow(wb: ExcelJS.Workbook, title: string, header0 = 'Aktivitet'): ExcelJS.Row {
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  const header = sheet.getRow(1).values as unknown[];
  const titleCol = header.findIndex((v) => v === header0);
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(titleCol).value === title) return sheet.getRow(r);
  throw new Error(`no row ${title}`);
}

function column(wb: ExcelJS.Workbook, header: string): number {
  const values = (wb.worksheets[0] as ExcelJS.Worksheet).getRow(1).values as unknown[];
  const i = values.findIndex((v) => v === header);
  if (i < 0) throw new Error(`no column ${header}: ${values.join(', ')}`);
  return i;
}

const bytesOf = async (wb: ExcelJS.Workbook) => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

describe('importing a file made from an older version of the document', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('XLSX: keeps a colleague\'s later edit of a cell the file did not change, and writes the file\'s own change', async () => {
    const wb = await exportXlsx(f);
    const before = await rows(f);
    const promenad = before.get('Promenadgrupp A') as { id: string };
    await colleagueSets(f, [{ id: promenad.id, participantsPlanned: 20 }]);
    // The person edits another row in the file and leaves Promenadgrupp A as exported (12).
    sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 15;
    const summary = await importFile(f, await bytesOf(wb), XLSX);
    const after = await rows(f);
    expect(after.get('Promenadgrupp A')?.participantsPlanned).toBe(20);
    expect(after.get('Hälsodag A')?.participantsPlanned).toBe(15);
    expect(summary).toMatchObject({ updated: 1, refused: [] });
    const edits = (summary.version as { laterEdits: LaterEdit[] }).laterEdits;
    expect(edits).toEqual([expect.objectContaining({ kind: 'kept', column: 'participantsPlanned', rowId: promenad.id, by: { memberId: 'coord', at: '2026-01-15T10:00:00.000Z' } })]);
    expect(edits[0]?.message.sv).toMatch(/^Rad \d+ i filen: Deltagare planerat ändrades i Samplan av Person coord 2026-01-15 11:00 till "20" efter att filen togs ut; filen har det tidigare värdet "12", så den nyare ändringen behölls\.$/);
  });

  it('XLSX: a cell changed both in the file and by a colleague keeps Samplan\'s value and names the file\'s', async () => {
    const wb = await exportXlsx(f);
    const promenad = (await rows(f)).get('Promenadgrupp A') as { id: string };
    await colleagueSets(f, [{ id: promenad.id, participantsPlanned: 20 }]);
    sheetRow(wb, 'Promenadgrupp A').getCell(column(wb, 'Deltagare planerat')).value = 30;
    const dry = await (await f.req(`${base}/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': XLSX }, body: (await bytesOf(wb)) as BodyInit })).json();
    const summary = await importFile(f, await bytesOf(wb), XLSX);
    for (const s of [dry, summary] as Record<string, unknown>[]) {
      expect(s).toMatchObject({ updated: 0, refused: [] });
      const edits = (s.version as { laterEdits: LaterEdit[] }).laterEdits;
      expect(edits.map((e) => [e.kind, e.column])).toEqual([['both', 'participantsPlanned']]);
      expect(edits[0]?.message.en).toContain('changed in Samplan by Person coord on 2026-01-15 11:00 to "20" after the file was exported, and the file has "30". The value in Samplan was kept');
    }
    expect((await rows(f)).get('Promenadgrupp A')?.participantsPlanned).toBe(20);
  });

  it('XLSX: a row deleted after the export is not brought back', async () => {
    const wb = await exportXlsx(f);
    const halsodag = (await rows(f)).get('Hälsodag A') as { id: string };
    await colleagueDeletes(f, halsodag.id);
    const summary = await importFile(f, await bytesOf(wb), XLSX);
    expect([...(await rows(f)).keys()]).toEqual(['Promenadgrupp A']);
    expect(summary).toMatchObject({ imported: 0, updated: 0 });
    const edits = (summary.version as { laterEdits: LaterEdit[] }).laterEdits;
    expect(edits).toEqual([expect.objectContaining({ kind: 'deleted', column: null, rowId: halsodag.id, row: 3 })]);
    expect(edits[0]?.message.sv).toBe('Rad 3 i filen: raden togs bort i Samplan av Person coord 2026-01-15 11:00 efter att filen togs ut och lades inte till igen. Ta bort radens id i filen och importera den igen om raden ska läggas till som en ny rad.');
  });

  it('JSON: the export names its version, and an import of it keeps the later edit', async () => {
    const exported = (await (await f.req(`${base}/rows?format=json`, f.tokens.editor)).json()) as { document: Record<string, unknown>; rows: Record<string, unknown>[] };
    expect(jsonVersion(exported)).toMatchObject({ workspace: WS, doc: 'plan-a', seq: expect.any(Number) });
    const promenad = exported.rows.find((r) => r.title === 'Promenadgrupp A') as { id: string };
    await colleagueSets(f, [{ id: promenad.id, title: 'Promenadgrupp Alby' }]);
    const edited = { ...exported, rows: exported.rows.map((r) => (r.title === 'Hälsodag A' ? { ...r, participantsPlanned: 40 } : r)) };
    const summary = await importFile(f, new TextEncoder().encode(JSON.stringify(edited)), 'application/json');
    const after = await rows(f);
    expect([...after.keys()].sort()).toEqual(['Hälsodag A', 'Promenadgrupp Alby']);
    expect(after.get('Hälsodag A')?.participantsPlanned).toBe(40);
    expect((summary.version as { laterEdits: LaterEdit[] }).laterEdits.map((e) => [e.kind, e.column])).toEqual([['kept', 'title']]);
  });

  it('a file of the version there is now, or one naming another document or one made anew, is imported as before', async () => {
    const wb = await exportXlsx(f);
    sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 15;
    const summary = await importFile(f, await bytesOf(wb), XLSX);
    expect(summary).toMatchObject({ updated: 1 });
    expect(summary.version).toBeUndefined();
    // Stamped for a document of the same id made at another time: no version of this one.
    const exported = (await (await f.req(`${base}/rows?format=json`, f.tokens.editor)).json()) as { document: Record<string, unknown>; rows: Record<string, unknown>[] };
    const promenad = exported.rows.find((r) => r.title === 'Promenadgrupp A') as { id: string };
    await colleagueSets(f, [{ id: promenad.id, participantsPlanned: 20 }]);
    const remade = { ...exported, document: { ...exported.document, createdAt: '2020-01-01T00:00:00.000Z' } };
    const again = await importFile(f, new TextEncoder().encode(JSON.stringify(remade)), 'application/json');
    expect(again.version).toBeUndefined();
    expect((await rows(f)).get('Promenadgrupp A')?.participantsPlanned).toBe(12);
  });

  it('the stamp is found among keywords a person added, and not in other text', () => {
    const v = { workspace: 'hbi-stockholm', doc: 'aktivitetsplan-vc-tensta', seq: 1234, createdMs: Date.parse('2026-01-12T08:00:00.000Z') };
    expect(versionStamp(v)).toBe('samplan-version/hbi-stockholm/aktivitetsplan-vc-tensta/1234/1768204800000');
    expect(readVersionStamp(`budget; ${versionStamp(v)}; 2026`)).toEqual(v);
    expect(readVersionStamp('samplan-version/hbi-stockholm/plan/12')).toBeUndefined();
  });

  it("the person's own import of the same file is theirs to change again: importing the file edited further writes it", async () => {
    const wb = await exportXlsx(f);
    sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 15;
    expect(await importFile(f, await bytesOf(wb), XLSX)).toMatchObject({ updated: 1 });
    sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 18;
    const again = await importFile(f, await bytesOf(wb), XLSX);
    expect(again).toMatchObject({ updated: 1, version: { laterEdits: [] } });
    expect((await rows(f)).get('Hälsodag A')?.participantsPlanned).toBe(18);
  });

  it('an export names no version newer than its rows: a change another process (or the CLI) stored is in the rows or taken for a later one', async () => {
    const promenad = (await rows(f)).get('Promenadgrupp A') as { id: string };
    // The room is loaded; the change is stored around it, as `samplan import` or another server stores one.
    await importIntoDocument(f.storage, storageDocAccess(f.storage), ref, { objects: [{ id: promenad.id, participantsPlanned: 20 }], format: 'json' }, { dryRun: false, principal: null });
    const wb = await exportXlsx(f);
    expect(sheetRow(wb, 'Promenadgrupp A').getCell(column(wb, 'Deltagare planerat')).value).toBe(20);
    await colleagueSets(f, [{ id: promenad.id, title: 'Promenadgrupp Alby' }]);
    sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 15;
    await importFile(f, await bytesOf(wb), XLSX);
    const after = await rows(f);
    expect(after.get('Promenadgrupp Alby')?.participantsPlanned).toBe(20);
    expect(after.get('Hälsodag A')?.participantsPlanned).toBe(15);
  });

  it("an indicator value's täljare changed by a colleague holds back the file's nämnare: one figure, not a share nobody gave", async () => {
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: 'andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'Följda upp', denominator: 'Förskrivna', factor: 100, min: 0, max: 100 }]);
    await putRegionDoc(f, 'varden', 'indicator-values', [{ indicator: 'andel', unit: 'vc-a', period: '2026 kv 1', kon: 'T', value: 25, numerator: 10, denominator: 40 }]);
    const url = `/v1/workspaces/${WS}/documents/varden`;
    const wb = await exportXlsx(f, url);
    const id = [...(await rows(f, 'varden')).values()][0]?.id as string;
    await colleagueSets(f, [{ id, numerator: 20 }], f.tokens.coordinator, url);
    sheetRow(wb, 'andel', 'Indikator').getCell(column(wb, 'Nämnare')).value = 50;
    const res = await f.req(`${url}/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': XLSX }, body: (await bytesOf(wb)) as BodyInit });
    const summary = (await res.json()) as { version: { laterEdits: LaterEdit[] } };
    const row = [...(await rows(f, 'varden')).values()][0];
    expect([row?.numerator, row?.denominator]).toEqual([20, 40]);
    expect(summary.version.laterEdits.map((e) => [e.kind, e.column])).toEqual(expect.arrayContaining([['kept', 'numerator'], ['both', 'denominator']]));
  });

  it('a file whose version the history no longer holds nor stands in for is imported as an unstamped one, and said so', async () => {
    const g = await makeFixture({ retention: { keepEveryChangeMs: 10 * 3_600_000, checkpointEveryMs: 3_600_000 } });
    try {
      const wb = await exportXlsx(g);
      const res = await g.req(`${base}/import`, g.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ title: 'Boule', type: 'promenadgrupp', startDate: '2026-03-01', endDate: '2026-06-01' }]) });
      expect(res.status).toBe(200);
      // Folded into one checkpoint after the file's version, every change before it pruned.
      const state = await loadFromStorage(g.storage, ref);
      const last = (await g.storage.lastSeqs(WS, ['plan-a'])).get('plan-a') as number;
      g.now.value = new Date('2026-01-16T10:00:00Z');
      await g.storage.compact(ref, Y.encodeStateAsUpdateV2(state), last);
      g.now.value = new Date('2026-01-18T10:00:00Z');
      await g.storage.compact(ref, Y.encodeStateAsUpdateV2(state), last);
      state.destroy();
      await colleagueSets(g, [{ id: (await rows(g)).get('Promenadgrupp A')?.id, participantsPlanned: 20 }], g.tokens.coordinator);
      sheetRow(wb, 'Hälsodag A').getCell(column(wb, 'Deltagare planerat')).value = 33;
      const summary = await importFile(g, await bytesOf(wb), XLSX);
      const version = summary.version as { laterEdits: LaterEdit[]; lost?: { sv: string } };
      expect(version.laterEdits).toEqual([]);
      expect(version.lost?.sv).toMatch(/^Filen togs ut ur version \d+ av dokumentet, som historiken inte längre sparar\./);
      expect((await rows(g)).get('Hälsodag A')?.participantsPlanned).toBe(33);
    } finally {
      await g.close();
    }
  });

  it.runIf(hasOffice() || process.env.CI)('XLSX saved again by LibreOffice, as .xlsx and as .ods, keeps its version', { timeout: 120_000 }, async () => {
    const wb = await exportXlsx(f);
    const promenad = (await rows(f)).get('Promenadgrupp A') as { id: string };
    await colleagueSets(f, [{ id: promenad.id, participantsPlanned: 20 }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-stale-'));
    try {
      const input = path.join(dir, 'plan.xlsx');
      fs.writeFileSync(input, await bytesOf(wb));
      const out = path.join(dir, 'out');
      fs.mkdirSync(out);
      officeConvert([input], 'xlsx', out);
      officeConvert([input], 'ods', out);
      for (const [name, type] of [['plan.xlsx', XLSX], ['plan.ods', 'application/vnd.oasis.opendocument.spreadsheet']] as const) {
        const summary = await importFile(f, new Uint8Array(fs.readFileSync(path.join(out, name))), type);
        expect((summary.version as { laterEdits: LaterEdit[] } | undefined)?.laterEdits.map((e) => [e.kind, e.column]), name).toEqual([['kept', 'participantsPlanned']]);
        expect((await rows(f)).get('Promenadgrupp A')?.participantsPlanned).toBe(20);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
