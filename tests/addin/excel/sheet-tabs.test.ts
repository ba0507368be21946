/**
 * Sheet tabs carry the document's title, within Excel's rules, unique in the workbook; the
 * binding keeps working when the tab is renamed by hand or after the document, and finds its
 * table again on reopening whatever the tab is called.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf, setCells, setMeta } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { tabNameFor, uniqueTabName } from '../../../addin/excel/sheet/sheet-tab.js';
import { disposedAfterEach, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();

const titleCol = `${String.fromCharCode(65 + (layoutFor('activity-plan', 'x', 'sv').columnIndex.get('title') as number))}`;

function planDoc(title: string) {
  const doc = createDoc('activity-plan', { title, ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(doc, [{ title: 'Promenad' }]);
  return doc;
}

async function bindPlan(title: string, docId = 'plan-test', host: ExcelHost = createWorkbook(), doc = planDoc(title)): Promise<Side> {
  const side = await openSide(doc, 'activity-plan', { docId, title }, host);
  opened.push(side);
  return side;
}

const names = (host: ExcelHost): string[] => host.model.sheets.map((s) => s.name);

describe('tabNameFor', () => {
  it('keeps a title Excel accepts as it is', () => {
    expect(tabNameFor('Aktivitetsplan Tensta 2026')).toBe('Aktivitetsplan Tensta 2026');
  });

  it('replaces the characters Excel forbids and cuts at 31 characters, at a space when one is near, without a dash at the end', () => {
    expect(tabNameFor('Plan: Tensta/Rinkeby [utkast]?*\\')).toBe('Plan- Tensta-Rinkeby -utkast');
    const long = tabNameFor('Aktivitetsplan för Tensta vårdcentral och Rinkeby 2026');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toBe('Aktivitetsplan för Tensta vc');
  });

  it('drops apostrophes at either end, avoids History and never gives an empty name', () => {
    expect(tabNameFor("'Plan 2026'")).toBe('Plan 2026');
    expect(tabNameFor('History')).toBe('History 1');
    expect(tabNameFor('  ')).toBe('Samplan');
    expect(tabNameFor(':/')).toBe('--');
  });
});

describe('uniqueTabName', () => {
  it('adds (2), (3) … ignoring case, and stays within 31 characters', () => {
    expect(uniqueTabName('Plan', ['Blad1'])).toBe('Plan');
    expect(uniqueTabName('Plan', ['PLAN'])).toBe('Plan (2)');
    expect(uniqueTabName('Plan', ['plan', 'Plan (2)'])).toBe('Plan (3)');
    const long = 'A'.repeat(31);
    const next = uniqueTabName(long, [long]);
    expect(next).toBe(`${'A'.repeat(27)} (2)`);
  });
});

describe('a bound document on its tab', () => {
  it('names the new tab from the title, and a second plan of the same title gets its own tab', async () => {
    const host = createWorkbook();
    const a = await bindPlan('Aktivitetsplan Tensta 2026', 'plan-a', host);
    const b = await bindPlan('aktivitetsplan tensta 2026', 'plan-b', host);
    expect(a.binding.sheetName).toBe('Aktivitetsplan Tensta 2026');
    expect(b.binding.sheetName).toBe('aktivitetsplan tensta 2026 (2)');
    expect(names(host)).toEqual(expect.arrayContaining(['Aktivitetsplan Tensta 2026', 'aktivitetsplan tensta 2026 (2)']));
  });

  it('keeps syncing both ways after the person renames the tab', async () => {
    const side = await bindPlan('Plan 2026');
    await side.host.run(async (context) => {
      context.workbook.worksheets.getItem('Plan 2026').name = 'Min plan';
      await context.sync();
    });
    const id = rowsOf(side.doc)[0]!.id;
    setCells(side.doc, id, { title: 'Hälsodag' });
    await side.settle();
    expect(side.host.readText('Min plan', `${titleCol}2`)).toEqual([['Hälsodag']]);
    side.host.user.type('Min plan', `${titleCol}2`, 'Promenadgrupp');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.title).toBe('Promenadgrupp');
    expect(side.binding.status.lastError).toBeNull();
  });

  it('renames the tab when the document is renamed, and goes on syncing', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      context.workbook.worksheets.add('Plan 2027');
      await context.sync();
    });
    const side = await bindPlan('Plan 2026', 'plan-test', host);
    setMeta(side.doc, { title: 'Plan 2027' });
    await side.settle();
    // Another sheet holds that name already: the tab becomes unique instead of failing.
    expect(side.binding.sheetName).toBe('Plan 2027 (2)');
    expect(names(host)).not.toContain('Plan 2026');
    setCells(side.doc, rowsOf(side.doc)[0]!.id, { title: 'Hälsodag' });
    await side.settle();
    expect(host.readText('Plan 2027 (2)', `${titleCol}2`)).toEqual([['Hälsodag']]);
  });

  it('finds its table again on reopening after the tab was renamed, without a new tab', async () => {
    const host = createWorkbook();
    const doc = planDoc('Plan 2026');
    const first = await bindPlan('Plan 2026', 'plan-test', host, doc);
    await first.host.run(async (context) => {
      context.workbook.worksheets.getItem('Plan 2026').name = 'Omdöpt';
      await context.sync();
    });
    await first.binding.dispose();
    opened.splice(opened.indexOf(first), 1);
    const before = names(host).length;
    setCells(doc, rowsOf(doc)[0]!.id, { title: 'Medan fliken var stängd' });
    const again = await bindPlan('Plan 2026', 'plan-test', host, doc);
    await again.settle();
    expect(names(host)).toHaveLength(before);
    expect(again.binding.sheetName).toBe('Omdöpt');
    expect(host.readText('Omdöpt', `${titleCol}2`)).toEqual([['Medan fliken var stängd']]);
  });
});
