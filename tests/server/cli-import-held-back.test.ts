/**
 * `samplan import` of a file exported before a colleague changed a cell the file changes too:
 * the file's value is held back (`both`) and the person must decide. It exited 0 and said so only
 * among the other notes, and the import's audit line counted no kept or held-back cell. Now it
 * exits 1 (README: rows refused or values held back), says first and plainly which values were not
 * written and what to do, counts them on standard output, and the audit line counts them.
 * Its lines for a person are Swedish unless `--lang en`, as `export` and `report` write theirs.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../server/cli-import.js';
import { rowsOf } from '../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './http/support.js';

const base = `/v1/workspaces/${WS}/documents/plan-a`;

describe('samplan import of a file whose values someone else changed since the export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-held-'));
  let f: Fixture;
  let printed: string[];
  let said: string[];
  beforeEach(async () => {
    f = await makeFixture();
    printed = [];
    said = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An export of plan-a, then the coordinator sets Promenadgrupp A's planned participants to 20, and the file sets them to 30. */
  async function staleFile(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await f.req(`${base}/rows?format=xlsx`, f.tokens.editor)).arrayBuffer());
    const id = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === 'Promenadgrupp A')?.id;
    const res = await f.req(`${base}/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id, participantsPlanned: 20 }]) });
    expect(await res.json()).toMatchObject({ updated: 1 });
    await f.samplan.registry.settle?.({ workspace: WS, doc: 'plan-a' });
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = sheet.getRow(1).values as unknown[];
    const at = (name: string) => header.findIndex((v) => v === name);
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (sheet.getRow(r).getCell(at('Aktivitet')).value === 'Promenadgrupp A') sheet.getRow(r).getCell(at('Deltagare planerat')).value = 30;
    }
    const file = join(dir, 'plan.xlsx');
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    return file;
  }

  it('exits 1, says plainly in Swedish which values were not written, and counts them', async () => {
    const file = await staleFile();
    expect(await importCommand([WS, 'plan-a', file], {}, (fn) => fn(f.storage), {})).toBe(1);
    expect(printed[0]).toBe('Lade till 0 rader och ändrade 0; 1 oförändrade, 0 avvisade, 1 värde i filen hölls tillbaka.');
    expect(said[0]).toMatch(/^1 värde i filen skrevs inte: någon annan ändrade cellen i Samplan efter att filen togs ut\./);
    expect(said[1]).toMatch(/^ {2}Rad \d+ i filen: Deltagare planerat ändrades i Samplan av Person coord .* till "20" .* och filen har "30"\./);
    const lines = (await f.storage.listAudit(WS, 20)).filter((l) => l.action === 'import' && l.memberId === null);
    expect(lines.map((l) => l.detail)).toEqual(['imported 0, updated 0, refused 0, kept 0, both 1, deleted 0']);
  });

  it('says the same in English with --lang en, the dry run too', async () => {
    const file = await staleFile();
    expect(await importCommand([WS, 'plan-a', file], { 'dry-run': true, lang: 'en' }, (fn) => fn(f.storage), {})).toBe(1);
    expect(printed).toEqual(['Dry run: nothing was stored.', 'Would add 0 rows and change 0; 1 unchanged, 0 refused, 1 value of the file held back.']);
    expect(said[0]).toMatch(/^1 value of the file would not be written: someone else changed the cell in Samplan/);
    expect(said[1]).toMatch(/and the file has "30"\. The value in Samplan was kept/);
  });

  it('prints the counts and rows taken in Swedish by default', async () => {
    const file = join(dir, 'plan.csv');
    writeFileSync(file, 'Aktivitet;Typ\r\nStavgång;halsodag\r\n');
    expect(await importCommand([WS, 'plan-a', file], { 'dry-run': true }, (fn) => fn(f.storage), {})).toBe(0);
    expect(printed).toEqual(['Provkörning: inget sparades.', 'Skulle lägga till 1 rad och ändra 0; 0 oförändrade, 0 avvisade.', 'Skulle läggas till:', '  Rad 2: Stavgång']);
  });
});
