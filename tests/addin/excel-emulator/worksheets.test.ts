import { describe, expect, it } from 'vitest';
import { createWorkbook, installExcelGlobal, UserEditRefused } from '../../../addin/excel-emulator/index.js';

describe('excel emulator: worksheets', () => {
  it('adds sheets, refuses a taken name, and lists them', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const added = context.workbook.worksheets.add('Aktivitetsplan');
      added.load('name, position, visibility');
      await context.sync();
      expect([added.name, added.position, added.visibility]).toEqual(['Aktivitetsplan', 1, 'Visible']);
      context.workbook.worksheets.add('aktivitetsplan');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    });
    expect(host.model.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Aktivitetsplan']);
  });

  it('refuses, as Excel does, a sheet name over 31 characters, with a forbidden character, an apostrophe first or last, or History', async () => {
    const host = createWorkbook();
    for (const name of ['A'.repeat(32), 'Plan: 2026', 'Plan/Tensta', 'a\\b', 'a?', 'a*', '[a]', "'Plan", "Plan'", 'history', '']) {
      await host.run(async (context) => {
        context.workbook.worksheets.add(name);
        await expect(context.sync(), name).rejects.toMatchObject({ code: 'InvalidArgument' });
      });
      await host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').name = name;
        await expect(context.sync(), name).rejects.toMatchObject({ code: 'InvalidArgument' });
      });
    }
    await host.run(async (context) => {
      context.workbook.worksheets.add('Tensta vc – Ändrat 2026-12-01');
      context.workbook.worksheets.add("Läkarens plan 'utkast' (2)");
      await context.sync();
    });
    expect(host.model.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Tensta vc – Ändrat 2026-12-01', "Läkarens plan 'utkast' (2)"]);
  });

  it('finds the active sheet and hides a sheet', async () => {
    const host = createWorkbook({ sheets: ['Plan', 'Ids'] });
    await host.run(async (context) => {
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      context.workbook.worksheets.getItem('Ids').visibility = 'Hidden';
      await context.sync();
      expect(active.name).toBe('Plan');
    });
    expect(host.model.sheet('Ids')?.visibility).toBe('Hidden');
  });

  it('fails add-in writes to a protected sheet with AccessDenied, allows reads, and writes again once unprotected', async () => {
    const host = createWorkbook();
    host.user.type('Sheet1', 'A1', 'kept');
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.protection.protect();
      sheet.protection.load('protected');
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
      sheet.getRange('A1').values = [['changed']];
      await expect(context.sync()).rejects.toMatchObject({ name: 'RichApi.Error', code: 'AccessDenied' });
      const read = sheet.getRange('A1').load('values');
      await context.sync();
      expect(read.values).toEqual([['kept']]);
      sheet.getRange('A1').format.fill.color = '#FF0000';
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      sheet.protection.unprotect();
      sheet.getRange('A1').values = [['changed']];
      await context.sync();
    });
    expect(host.read('Sheet1', 'A1')).toEqual([['changed']]);
  });

  it('unprotects a sheet protected with a password only with that password (InvalidArgument otherwise)', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.protection.protect({ allowAutoFilter: true }, 'hemligt');
      await context.sync();
      sheet.protection.unprotect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      sheet.protection.unprotect('fel');
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      sheet.protection.load('protected');
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
      sheet.protection.unprotect('hemligt');
      sheet.protection.load('protected');
      await context.sync();
      expect(sheet.protection.protected).toBe(false);
      // Protected again without one, it needs none.
      sheet.protection.protect();
      sheet.protection.unprotect();
      await context.sync();
    });
    expect(host.snapshot().sheets[0]?.protected).toBe(false);
  });

  it('refuses a user’s edit on a protected sheet', async () => {
    const host = createWorkbook();
    host.model.sheet('Sheet1')!.protected = true;
    expect(() => host.user.type('Sheet1', 'A1', 'x')).toThrow(UserEditRefused);
    expect(host.read('Sheet1', 'A1')).toEqual([['']]);
  });

  it('keeps add-in settings in the workbook', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      context.workbook.settings.add('samplan.lastSynced', { rows: { r1: { namn: 'a' } } });
      const missing = context.workbook.settings.getItemOrNullObject('nope');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      const setting = context.workbook.settings.getItem('samplan.lastSynced').load('value');
      await context.sync();
      expect(setting.value).toEqual({ rows: { r1: { namn: 'a' } } });
    });
    expect(host.snapshot().settings).toEqual({ 'samplan.lastSynced': { rows: { r1: { namn: 'a' } } } });
  });

  it("names a new workbook Book<n>, each its own, and a file by the name it was opened with", async () => {
    const name = (host: ReturnType<typeof createWorkbook>) =>
      host.run(async (context) => {
        const workbook = context.workbook.load('name');
        await context.sync();
        return workbook.name;
      });
    const [a, b] = [await name(createWorkbook()), await name(createWorkbook())];
    expect([a, b].map((n) => /^Book\d+$/.test(n))).toEqual([true, true]);
    expect(a).not.toBe(b);
    expect(await name(createWorkbook({ name: 'Handlingsplan 2026.xlsx' }))).toBe('Handlingsplan 2026.xlsx');
  });
});

describe('excel emulator: global install', () => {
  it('installs Excel.run and the enums, and uninstall restores the previous globals', async () => {
    const host = createWorkbook();
    const g = globalThis as unknown as Record<string, unknown>;
    expect(g['Excel']).toBeUndefined();
    const installed = installExcelGlobal(host);
    expect(Excel.EventSource.remote).toBe('Remote');
    expect(Excel.DataChangeType.rowInserted).toBe('RowInserted');
    expect(Excel.ErrorCodes.invalidOperationInCellEditMode).toBe('InvalidOperationInCellEditMode');
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['via global']];
      await context.sync();
    });
    expect(host.read('Sheet1', 'A1')).toEqual([['via global']]);
    let caught: unknown;
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Nope').load('name');
      await context.sync();
    }).catch((e: unknown) => (caught = e));
    expect(caught).toBeInstanceOf(OfficeExtension.Error);
    installed.uninstall();
    expect(g['Excel']).toBeUndefined();
    expect(g['OfficeExtension']).toBeUndefined();
  });
  it('with protectionStateErrors, fails like office-js #6784 on a sheet already in the state asked for', async () => {
    const host = createWorkbook({ protectionStateErrors: true });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.protection.unprotect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied', debugInfo: { errorLocation: 'WorksheetProtection.unprotect' } });
      sheet.protection.protect();
      await context.sync();
      sheet.protection.protect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied', debugInfo: { errorLocation: 'WorksheetProtection.protect' } });
      sheet.protection.unprotect();
      await context.sync();
    });
    expect(host.snapshot().sheets[0]?.protected).toBe(false);
  });
});
