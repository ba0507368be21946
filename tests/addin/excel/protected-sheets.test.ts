/**
 * A bound table's sheets under the regression of office-js #6784 (`protect()` / `unprotect()` on
 * a sheet already in that state fail the request with `AccessDenied`): Samplan lifts and puts
 * back protection only on a change (`sheet-protection.ts`), with no sync more per write, on the
 * table's sheet (a viewer's), the hidden list sheet, when adding the count column and when taking
 * a table out. A password, which Samplan does not know, gets words saying what to do and loses
 * nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { addComment } from '../../../shared/comments/comments.js';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { removeBoundTable } from '../../../addin/excel/sheet/changes-sheet.js';
import { snapshotKey } from '../../../addin/excel/sheet/snapshot.js';
import { RETRY_WAIT_CAP, type LivePeriods } from '../../../addin/excel/sheet/types.js';
import { eventsOn } from '../events-on.js';
import { pastTimers } from '../../support/eventually.js';
import { disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();

/** Sets a sheet's protection as the person would (Review → Protect / Unprotect Sheet), reading its state first. */
async function byHand(host: ExcelHost, sheetName: string, on: boolean, password?: string, was?: string): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.protection.load('protected');
    await context.sync();
    if (sheet.protection.protected) sheet.protection.unprotect(was);
    if (on) sheet.protection.protect({ allowAutoFilter: true }, password);
    await context.sync();
  });
}

const isProtected = (host: ExcelHost, name: string): boolean | undefined => host.snapshot().sheets.find((s) => s.name === name)?.protected;
const listSheetOf = (host: ExcelHost): string => host.model.sheets.map((s) => s.name).find((n) => n.startsWith('Samplan listor')) as string;

async function viewer(doc: Y.Doc, host: ExcelHost, retryBaseMs?: number): Promise<Side> {
  const side = await openSide(doc, 'activity-plan', { readOnly: true, ...(retryBaseMs === undefined ? {} : { retryBaseMs }) }, host);
  opened.push(side);
  await side.settle();
  return side;
}

/** The syncs one remote edit of a viewer's table costs, from edit to settled. */
async function editCost(side: Side, value: string): Promise<number> {
  const before = side.syncs();
  setCell(side.doc, rowsOf(side.doc)[0]?.id as string, 'title', value);
  await side.settle();
  expect(side.host.read(side.binding.sheetName, 'B2')[0]?.[0]).toBe(value);
  return side.syncs() - before;
}

describe("a viewer's sheet under office-js #6784", () => {
  it('takes remote edits after the person lifted its protection, protects it again, and each write costs what it costs without #6784', async () => {
    const plain = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook());
    const side = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook({ protectionStateErrors: true }));
    const cost = await editCost(plain, 'Vanlig');
    expect(await editCost(side, 'Första')).toBe(cost);
    await byHand(side.host, side.binding.sheetName, false);
    await editCost(side, 'Efter upplåsning');
    expect(side.binding.status.lastError ?? null).toBeNull();
    expect(isProtected(side.host, side.binding.sheetName)).toBe(true);
    expect(await editCost(side, 'Sedan')).toBe(cost);
    expect(await editCost(plain, 'Sedan')).toBe(cost);
  });

  it('with a password says what to do once, retries no further, loses nothing, and writes once the password is gone', async () => {
    // Retries, were there any, every few ms: none waits longer than RETRY_WAIT_CAP times the first.
    const retryBaseMs = 2;
    const side = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook({ protectionStateErrors: true }), retryBaseMs);
    const sheet = side.binding.sheetName;
    await byHand(side.host, sheet, true, 'hemligt');
    const id = rowsOf(side.doc)[0]?.id as string;
    setCell(side.doc, id, 'title', 'Låst');
    await side.settle();
    expect(side.binding.status.lastError?.message).toBe(
      `Bladet "${sheet}" är skyddat med lösenord, så Samplan kan inte skriva där. Ta bort bladskyddet på "${sheet}" (Granska → Ta bort skydd för blad); det som ska skrivas väntar tills dess och inget går förlorat.`,
    );
    expect(await eventsOn(side.host)).toBe(true);
    const syncs = side.syncs();
    await pastTimers(retryBaseMs * RETRY_WAIT_CAP);
    await side.settle();
    expect(side.syncs()).toBe(syncs);
    expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Promenad');
    await byHand(side.host, sheet, false, undefined, 'hemligt');
    setCell(side.doc, id, 'participantsPlanned', 12);
    await side.settle();
    expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Låst');
    expect(side.binding.status.lastError ?? null).toBeNull();
    expect(isProtected(side.host, sheet)).toBe(true);
  });

  it('writes the kept batch as soon as the person removes the password, with no change of the document (onProtectionChanged)', async () => {
    const side = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook({ protectionStateErrors: true }));
    const sheet = side.binding.sheetName;
    await byHand(side.host, sheet, true, 'hemligt');
    setCell(side.doc, rowsOf(side.doc)[0]?.id as string, 'title', 'Låst');
    await side.settle();
    expect(side.binding.status.lastError?.gaveUp).toBe(true);
    expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Promenad');
    await byHand(side.host, sheet, false, undefined, 'hemligt');
    await side.settle();
    expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Låst');
    expect(side.binding.status.lastError ?? null).toBeNull();
    expect(isProtected(side.host, sheet)).toBe(true);
    // Protecting it again by hand (no password) writes nothing and loses nothing.
    await byHand(side.host, sheet, true);
    const syncs = side.syncs();
    await side.settle();
    expect(side.syncs()).toBe(syncs);
  });

  it('on a host without ExcelApi 1.14 waits for the next change, as before', async () => {
    vi.stubGlobal('Office', { context: { requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version?.split('.')[1]) < 14 } } });
    try {
      const side = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook({ protectionStateErrors: true }));
      const sheet = side.binding.sheetName;
      await byHand(side.host, sheet, true, 'hemligt');
      const id = rowsOf(side.doc)[0]?.id as string;
      setCell(side.doc, id, 'title', 'Låst');
      await side.settle();
      await byHand(side.host, sheet, false, undefined, 'hemligt');
      await side.settle();
      expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Promenad');
      expect(side.host.model.events.has('protectionChanged', '*')).toBe(false);
      setCell(side.doc, id, 'participantsPlanned', 12);
      await side.settle();
      expect(side.host.read(sheet, 'B2')[0]?.[0]).toBe('Låst');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('gets its comment-count column after the person lifted its protection', async () => {
    const side = await viewer(docWith('activity-plan', [{ title: 'Promenad' }]), createWorkbook({ protectionStateErrors: true }));
    await byHand(side.host, side.binding.sheetName, false);
    addComment(side.doc, { row: rowsOf(side.doc)[0]?.id as string, author: 'nina', text: 'Hej' });
    const count = (): unknown => {
      const table = side.host.readTable(side.binding.tableName);
      const col = table.headers.indexOf('Kommentarer');
      return col < 0 ? null : table.rows[0]?.[col];
    };
    // The count timers run on their own: poll (generous, for a loaded machine).
    await expect.poll(async () => (await side.settle(), count()), { timeout: 20_000, interval: 50 }).toBe(1);
    expect(side.binding.status.lastError ?? null).toBeNull();
  });
});

describe('the hidden list sheet under office-js #6784', () => {
  it('takes a new dropdown list after the person unprotected it', async () => {
    const host = createWorkbook({ protectionStateErrors: true });
    let periods: string[] = [];
    const listeners = new Set<() => void>();
    const rounds: LivePeriods = { current: () => periods, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const side = await openSide(docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-tensta', period: '2023', kon: 'T', value: 1 }]), 'indicator-values', { periods: rounds }, host);
    opened.push(side);
    await side.settle();
    await byHand(host, listSheetOf(host), false);
    periods = ['2018S1'];
    for (const l of listeners) l();
    await side.settle();
    expect(host.model.sheet(listSheetOf(host))?.usedRect(false)).toBeDefined();
    expect(JSON.stringify(host.snapshot())).toContain('2018 halvår 1');
    expect(isProtected(host, listSheetOf(host))).toBe(true);
    expect(side.binding.status.lastError ?? null).toBeNull();
  });

  it('lets a table deleted by hand be made again while the person has it unprotected', async () => {
    const host = createWorkbook({ protectionStateErrors: true });
    const doc = docWith('activity-plan', [{ title: 'Promenad', type: 'halsodag' }]);
    const first = await openSide(doc, 'activity-plan', {}, host);
    await first.settle();
    await first.binding.dispose();
    await byHand(host, listSheetOf(host), false);
    await host.run(async (context) => {
      context.workbook.tables.getItem(first.binding.tableName).delete();
      await context.sync();
    });
    const again = await openSide(doc, 'activity-plan', {}, host);
    opened.push(again);
    await again.settle();
    expect(host.readTable(again.binding.tableName).rows.map((r) => r[1])).toEqual(['Promenad']);
    expect(isProtected(host, listSheetOf(host))).toBe(true);
  });
});

describe('taking a table out under office-js #6784', () => {
  it("takes an editor's table out of its unprotected sheet", async () => {
    const host = createWorkbook({ sheets: ['Blad1'], protectionStateErrors: true });
    const side = await openSide(docWith('activity-plan', [{ title: 'Promenad' }]), 'activity-plan', { docId: 'plan-test', title: 'Plan' }, host);
    await side.settle();
    await side.binding.dispose();
    expect(await removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'))).toBe(side.binding.sheetName);
    expect(host.model.table(side.binding.tableName)).toBeUndefined();
  });
});

describe('taking a table out of a sheet protected with a password', () => {
  it('refuses in words saying what to do, and changes nothing: table, values, snapshot and protection stay', async () => {
    const host = createWorkbook({ protectionStateErrors: true });
    const side = await openSide(docWith('activity-plan', [{ title: 'Promenad' }]), 'activity-plan', { docId: 'plan-test', title: 'Plan', readOnly: true }, host);
    await side.settle();
    await side.binding.dispose();
    const sheet = side.binding.sheetName;
    await byHand(host, sheet, true, 'hemligt');
    const before = JSON.stringify(host.snapshot());
    expect(host.snapshot().settings[snapshotKey('plan-test')]).toBeDefined();
    const removing = removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'));
    await expect(removing).rejects.toThrow(
      `Bladet "${sheet}" är skyddat med lösenord, så Samplan kan inte ta bort tabellen där. Inget har tagits bort. Ta bort lösenordet på "${sheet}" (Granska → Ta bort skydd för blad) och försök sedan igen.`,
    );
    expect(JSON.stringify(host.snapshot())).toBe(before);
    expect(host.readTable(side.binding.tableName).rows.map((r) => r[1])).toEqual(['Promenad']);
    await expect(removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'), 'en')).rejects.toThrow(
      `The sheet "${sheet}" is protected with a password, so Samplan cannot take the table out of it. Nothing was removed. Remove the password of "${sheet}" (Review → Unprotect Sheet), then try again.`,
    );
    await byHand(host, sheet, false, undefined, 'hemligt');
    expect(await removeBoundTable((batch) => host.run(batch), side.binding.tableName, snapshotKey('plan-test'))).toBe(sheet);
    expect(host.model.table(side.binding.tableName)).toBeUndefined();
    expect(host.snapshot().settings[snapshotKey('plan-test')]).toBeUndefined();
  });
});
