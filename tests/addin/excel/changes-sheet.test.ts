/**
 * The workbook side of changes the server will not take: the kept changes' tab name within
 * Excel's rules (the emulator refuses every name Excel refuses), the sheet written, and a bound
 * table taken out so that binding again writes it from the doc.
 */
import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { changesSheetName, removeBoundTable, writeChangesSheet } from '../../../addin/excel/sheet/changes-sheet.js';
import { snapshotKey } from '../../../addin/excel/sheet/snapshot.js';
import { tabNameFor } from '../../../addin/excel/sheet/sheet-tab.js';
import { sheetNameFor } from '../../../addin/excel/sheet/layout.js';
import { originalSheetName } from '../../../addin/excel/adopt/adopt.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { docWith, openSide, plain } from './helpers.js';

const DATE = '2026-12-01';

describe('changesSheetName', () => {
  it('is the title and the date, Swedish letters kept', () => {
    expect(changesSheetName('Hälsoplan Årsta', DATE, [])).toBe('Hälsoplan Årsta 2026-12-01');
  });

  it("replaces Excel's forbidden characters and shortens a long title so that the date fits in 31 characters", () => {
    expect(changesSheetName('Plan: Tensta/Rinkeby', DATE, [])).toBe('Plan- Tensta-Rinkeby 2026-12-01');
    const long = changesSheetName('Aktivitetsplan 2025–2026 – Tensta vårdcentral (exempeldata)', DATE, []);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toMatch(/^Tensta vc .*2026-12-01$/);
  });

  it('makes no identity number of a title by cutting it: a title ending in eleven digits is stored, its first ten are one', () => {
    const title = 'Deltagare 85010112367';
    expect(findPersonnummer(title)).toBeNull();
    expect(changesSheetName(title, DATE, [])).toBe('Deltagare 2026-12-01');
    expect(tabNameFor('Deltagarlista Tensta 85010112367')).toBe('Deltagarlista Tensta');
    expect(sheetNameFor('Deltagarlista Tensta 85010112367')).toBe('Deltagarlista Tensta');
    expect(originalSheetName('Deltagare 85010112367')).toBe('Deltagare (original)');
  });

  it('cuts a long title at a word boundary near the cut, dropping a trailing dash, not mid-word', () => {
    const title = 'Aktivitetsplan 2025–2026 – Tensta vårdcentral (exempeldata)';
    expect(changesSheetName(title, DATE, [])).toBe('Tensta vc 2026-12-01');
    expect(changesSheetName(title, DATE, ['Tensta vc 2026-12-01'])).toBe('Tensta vc 2026-12-01 (2)');
    expect(changesSheetName('Hälsoplan för Rinkeby och Tensta 2026', DATE, [])).toBe('Hälsoplan för 2026-12-01');
  });

  it('keeps the cut at the end of the room when no word boundary is near it', () => {
    expect(changesSheetName('Hälsofrämjandeaktivitetsplanen Järva', DATE, [])).toBe('Hälsofrämjandeaktivi 2026-12-01');
    expect(changesSheetName('Vc Hälsofrämjandeaktivitetsplanen', DATE, [])).toBe('Vc Hälsofrämjandeakt 2026-12-01');
  });

  it('adds (2), (3) … after the date while the name is taken, ignoring case, still within 31 characters', () => {
    expect(changesSheetName('Hälsoplan Årsta', DATE, ['HÄLSOPLAN ÅRSTA 2026-12-01'])).toBe('Hälsoplan Årsta 2026-12-01 (2)');
    const title = 'Aktivitetsplan för Tensta och Rinkeby';
    const first = changesSheetName(title, DATE, []);
    const second = changesSheetName(title, DATE, [first]);
    const third = changesSheetName(title, DATE, [first, second]);
    expect(new Set([first, second, third]).size).toBe(3);
    for (const name of [first, second, third]) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).toContain(DATE);
    }
    expect(third.endsWith(' (3)')).toBe(true);
  });

  it('gives names Excel accepts for awkward titles (the emulator refuses what Excel refuses)', async () => {
    const host = createWorkbook();
    const titles = ["'Plan'", 'History', '', '   ', '[utkast]*?', 'x'.repeat(80), "Läkarens 'plan", 'Åtgärder: Järva – Kista/Husby vårdcentral 2026'];
    const taken: string[] = ['Sheet1'];
    for (const title of titles) {
      const name = changesSheetName(title, DATE, taken);
      await host.run(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      });
      taken.push(name);
    }
    expect(host.model.sheets.map((s) => s.name)).toEqual(taken);
  });
});

describe('writeChangesSheet', () => {
  it('adds a sheet with the header in row 1 and each change below, as text, and makes it active', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => host.run(batch);
    const sheet = { title: 'Hälsoplan Årsta', date: DATE, header: ['Ändring', 'Aktivitet', 'Start'], rows: [['ändrad', 'Stavgång', '2026-03-01'], ['ny', 'Hälsodag']] };
    const name = await writeChangesSheet(run, sheet);
    expect(name).toBe('Hälsoplan Årsta 2026-12-01');
    expect(host.read(name, 'A1:C3')).toEqual([
      ['Ändring', 'Aktivitet', 'Start'],
      ['ändrad', 'Stavgång', '2026-03-01'],
      ['ny', 'Hälsodag', ''],
    ]);
    expect(host.model.sheet(host.model.activeSheetId)?.name).toBe(name);
    // A second copy the same day gets a name of its own.
    expect(await writeChangesSheet(run, sheet)).toBe('Hälsoplan Årsta 2026-12-01 (2)');
  });

  it('writes many changes in parts Excel on the web accepts (each request under its limit)', async () => {
    const host = createWorkbook({ sheets: ['Blad1'], payloadLimitBytes: 64 * 1024 });
    const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => host.run(batch);
    const rows = Array.from({ length: 2_000 }, (_, i) => ['ny', `Aktivitet ${i} med en lång beskrivning av vad som görs på vårdcentralen`, `r${i}`]);
    const name = await writeChangesSheet(run, { title: 'Plan', date: DATE, header: ['Ändring', 'Aktivitet', 'Rad-id'], rows }, 48 * 1024);
    expect(host.read(name, 'A2001:C2001')).toEqual([rows[1_999]]);
    expect(host.read(name, 'B2:B2')).toEqual([[rows[0]![1]]]);
    await expect(writeChangesSheet(run, { title: 'Plan', date: DATE, header: ['Ändring', 'Aktivitet', 'Rad-id'], rows }, 1024 * 1024)).rejects.toThrow();
  });
});

describe('removeBoundTable', () => {
  it("takes out a bound table and its snapshot, leaving its sheet empty in its place; binding again there writes the table from the doc", async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    const here = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Ändrat här' }]);
    const side = await openSide(here, 'activity-plan', { docId: 'plan-test', title: 'Plan', readOnly: true }, host);
    await side.settle();
    const tableName = side.binding.tableName;
    await side.binding.dispose();
    const tab = side.binding.sheetName;
    // A tab after the plan's: the plan is not at the end of the tab row.
    await host.run(async (context) => {
      context.workbook.worksheets.add('Blad3');
      await context.sync();
    });
    const order = host.model.sheets.map((s) => s.name);
    expect(order.filter((name) => !name.startsWith('Samplan listor'))).toEqual(['Blad1', tab, 'Blad3']);
    expect(host.model.settings.has(snapshotKey('plan-test'))).toBe(true);
    const kept = await removeBoundTable((batch) => host.run(batch), tableName, snapshotKey('plan-test'));
    expect(kept).toBe(tab);
    expect(host.model.sheets.map((s) => s.name)).toEqual(order);
    const emptied = host.model.sheet(tab)!;
    expect(host.model.table(tableName)).toBeUndefined();
    expect(emptied.usedRect(false)).toBeUndefined();
    expect(emptied.validations).toEqual([]);
    expect(host.model.settings.has(snapshotKey('plan-test'))).toBe(false);
    const shared = docWith('activity-plan', [{ title: 'Delad rad' }]);
    const again = await openSide(shared, 'activity-plan', { docId: 'plan-test', title: 'Plan', sheetName: kept! }, host);
    await again.settle();
    expect(host.model.sheets.map((s) => s.name)).toEqual(order);
    expect(again.binding.sheetName).toBe(tab);
    expect(plain(shared).map((r) => r.values.title)).toEqual(['Delad rad']);
    expect(host.readTable(again.binding.tableName).rows.map((r) => r[0])).toEqual(plain(shared).map((r) => r.id));
    await again.binding.dispose();
  });

  it('keeps the sheet of a table that is the only visible sheet of the workbook too', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    const side = await openSide(docWith('activity-plan', [{ title: 'Promenad' }]), 'activity-plan', { docId: 'plan-test', title: 'Plan' }, host);
    await side.settle();
    await side.binding.dispose();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').delete();
      await context.sync();
    });
    expect(await removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'))).toBe(side.binding.sheetName);
    expect(host.model.sheets.map((s) => s.name).filter((name) => !name.startsWith('Samplan listor'))).toEqual([side.binding.sheetName]);
  });

  it('on a protected sheet that holds more than the table, takes out the table only', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    const side = await openSide(docWith('activity-plan', [{ title: 'Promenad' }]), 'activity-plan', { docId: 'plan-test', title: 'Plan', readOnly: true }, host);
    await side.settle();
    const sheetName = side.binding.sheetName;
    await side.binding.dispose();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.protection.unprotect();
      sheet.getRange('Z1').values = [['Egen anteckning']];
      sheet.protection.protect();
      await context.sync();
    });
    expect(await removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'))).toBeNull();
    expect(host.model.table(side.binding.tableName)).toBeUndefined();
    expect(host.read(sheetName, 'Z1')).toEqual([['Egen anteckning']]);
  });

  it('without such a table removes the snapshot only', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    await host.run(async (context) => {
      context.workbook.settings.add(snapshotKey('plan-x'), '1|title|');
      await context.sync();
    });
    expect(await removeBoundTable((batch) => host.run(batch), 'Samplan_none', snapshotKey('plan-x'))).toBeNull();
    expect(host.model.settings.has(snapshotKey('plan-x'))).toBe(false);
    expect(host.model.sheets.map((s) => s.name)).toEqual(['Blad1']);
  });
});
