/**
 * `samplan import` of a file exported before a colleague changed a cell the file changes too:
 * the file's value is held back (`both`) and the person must decide. It exited 0 and said so only
 * among the other notes, and the import's audit line counted no kept or held-back cell. Now it
 * exits 1 (README: rows refused or values held back), says first and plainly which values were not
 * written and what to do, counts them on standard output, and the audit line counts them.
 * A row of the file a colleague deleted since the export is not added again (`deleted`): that too
 * exited 0, the row named only among the notes; now it exits 1 and says so under a line of its own.
 * Its lines for a person are Swedish unless `--lang en`, as `export` and `report` write theirs.
 */
import type ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deleteRow } from '../../shared/doc/index.js';
import { cliImportBench, exportedPlan, planRowId, xlsxBytes } from '../support/cli-import-bench.js';
import { WS } from './http/support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const base = `/v1/workspaces/${WS}/documents/plan-a`;

describe('samplan import of a file whose values someone else changed since the export', () => {
  const bench = cliImportBench('samplan-import-held-');

  /** An export of plan-a, then the coordinator sets Promenadgrupp A's planned participants to 20, and the file sets them to 30. */
  async function staleFile(): Promise<string> {
    const { f } = bench;
    const wb = await exportedPlan(f);
    const id = await planRowId(f, 'Promenadgrupp A');
    const res = await f.req(`${base}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id, participantsPlanned: 20 }]) });
    expect(await res.json()).toMatchObject({ updated: 1 });
    await f.samplan.registry.settle?.(ref);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = sheet.getRow(1).values as unknown[];
    const at = (name: string) => header.findIndex((v) => v === name);
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (sheet.getRow(r).getCell(at('Aktivitet')).value === 'Promenadgrupp A') sheet.getRow(r).getCell(at('Deltagare planerat')).value = 30;
    }
    return bench.file('plan.xlsx', await xlsxBytes(wb));
  }

  /** An export of plan-a, then the coordinator deletes Hälsodag A. */
  async function fileOfDeletedRow(): Promise<string> {
    const { f } = bench;
    const wb = await exportedPlan(f);
    const id = await planRowId(f, 'Hälsodag A');
    const answer = await f.samplan.registry.submit(ref, (live) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(copy);
      deleteRow(copy, id);
      return Y.encodeStateAsUpdate(copy, before);
    }, { memberId: 'coord', principal: null });
    expect(answer).toEqual({ ok: true });
    await f.samplan.registry.settle?.(ref);
    return bench.file('plan.xlsx', await xlsxBytes(wb));
  }

  it('exits 1, says plainly in Swedish which values were not written, and counts them', async () => {
    const file = await staleFile();
    expect(await bench.run(file)).toBe(1);
    expect(bench.printed[0]).toBe('Lade till 0 rader och ändrade 0; 1 oförändrade, 0 avvisade, 1 värde i filen hölls tillbaka.');
    expect(bench.said[0]).toMatch(/^1 värde i filen skrevs inte: någon annan ändrade cellen i Samplan efter att filen togs ut\./);
    expect(bench.said[1]).toMatch(/^ {2}Rad \d+ i filen: Deltagare planerat ändrades i Samplan av Person coord .* till "20" .* och filen har "30"\./);
    const lines = (await bench.f.storage.listAudit(WS, 20)).filter((l) => l.action === 'import' && l.memberId === null);
    expect(lines.map((l) => l.detail)).toEqual(['imported 0, updated 0, refused 0, kept 0, both 1, deleted 0']);
  });

  it('says the same in English with --lang en, the dry run too', async () => {
    const file = await staleFile();
    expect(await bench.run(file, { 'dry-run': true, lang: 'en' })).toBe(1);
    expect(bench.printed).toEqual(['Dry run: nothing was stored.', 'Would add 0 rows and change 0; 1 unchanged, 0 refused, 1 value of the file held back.']);
    expect(bench.said[0]).toMatch(/^1 value of the file would not be written: someone else changed the cell in Samplan/);
    expect(bench.said[1]).toMatch(/and the file has "30"\. The value in Samplan was kept/);
  });

  it('exits 1 for a row of the file deleted in Samplan since, says plainly it was not added again and what to do, and counts it', async () => {
    const file = await fileOfDeletedRow();
    expect(await bench.run(file)).toBe(1);
    expect(bench.printed[0]).toBe('Lade till 0 rader och ändrade 0; 1 oförändrade, 0 avvisade, 1 rad i filen lades inte till igen.');
    expect(bench.said[0]).toMatch(/^1 rad i filen lades inte till igen: raden togs bort i Samplan efter att filen togs ut\. Ta bort radens id i filen och importera den igen/);
    expect(bench.said[1]).toMatch(/^ {2}Rad 3 i filen: raden togs bort i Samplan av Person coord /);
    const lines = (await bench.f.storage.listAudit(WS, 20)).filter((l) => l.action === 'import' && l.memberId === null);
    expect(lines.map((l) => l.detail)).toEqual(['imported 0, updated 0, refused 0, kept 0, both 0, deleted 1']);
    expect(await planRowId(bench.f, 'Promenadgrupp A')).toBeTruthy();
  });

  it('says the same of the deleted row in English, the dry run too', async () => {
    const file = await fileOfDeletedRow();
    expect(await bench.run(file, { 'dry-run': true, lang: 'en' })).toBe(1);
    expect(bench.printed).toEqual(['Dry run: nothing was stored.', 'Would add 0 rows and change 0; 1 unchanged, 0 refused, 1 row of the file would not be added again.']);
    expect(bench.said[0]).toMatch(/^1 row of the file would not be added again: the row was deleted in Samplan after the file was exported\. Remove the row's id/);
  });

  it('prints the counts and rows taken in Swedish by default', async () => {
    const file = bench.file('plan.csv', 'Aktivitet;Typ\r\nStavgång;halsodag\r\n');
    expect(await bench.run(file, { 'dry-run': true })).toBe(0);
    expect(bench.printed).toEqual(['Provkörning: inget sparades.', 'Skulle lägga till 1 rad och ändra 0; 0 oförändrade, 0 avvisade.', 'Skulle läggas till:', '  Rad 2: Stavgång']);
  });
});
