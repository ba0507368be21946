/**
 * Adopting a plan a clinic already keeps in Excel ("Gör till delat dokument"), in the emulator:
 * Swedish headers in their own order under a title line and a merged group cell, blank rows, a
 * total row and columns of the person's own. The mapping is proposed, corrected, previewed,
 * adopted and bound in place; a later edit in the adopted table reaches another workbook.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { adoptInPlace, originalSheetName, readUsedRange } from '../../../addin/excel/adopt/adopt.js';
import { planAdoption, readHeader } from '../../../addin/excel/adopt/plan.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { openSide, quiet, RELAY, relay, type Side } from './helpers.js';
import { FITTJA_PLAN, FITTJA_SHEET } from '../../support/fittja-plan.js';

const SHEET = FITTJA_SHEET;
const ORIGINAL = FITTJA_PLAN;

const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

async function workbookWithPlan() {
  const host = createWorkbook({ sheets: [SHEET] });
  await host.run(async (context) => {
    context.workbook.worksheets.getItem(SHEET).getRangeByIndexes(0, 0, ORIGINAL.length, 8).values = ORIGINAL;
    await context.sync();
  });
  return host;
}

describe('adopting an existing plan', () => {
  it('proposes a mapping from Swedish headers in another order, a merged group cell included', async () => {
    const host = await workbookWithPlan();
    const grid = await readUsedRange((b) => host.run(b), SHEET);
    const header = readHeader('activity-plan', grid);
    expect(header.headerRow).toBe(2);
    expect(header.mapping).toEqual(['startDate', 'title', 'participantsPlanned', 'goals.motivation', 'goals.health-information', null, 'responsible', null]);
  });

  it('previews what is taken with its problems, and lists every row left out with the reason', async () => {
    const host = await workbookWithPlan();
    const grid = await readUsedRange((b) => host.run(b), SHEET);
    const header = readHeader('activity-plan', grid);
    header.mapping[5] = 'comment'; // the person's correction in the pane
    const plan = planAdoption('activity-plan', grid, header, { docId: 'plan-test', year: 2025 });
    expect(plan.rows.map((r) => r.values)).toEqual([
      { startDate: '2025-03-12', title: 'Promenadgrupp', participantsPlanned: 12, 'goals.motivation': true, comment: 'ta med fika', responsible: 'Anna' },
      { startDate: '2025-04-02', title: 'Hälsodag', 'goals.health-information': true, responsible: 'Bo' },
    ]);
    expect(plan.rows[1]!.problems).toContainEqual(expect.objectContaining({ column: 'participantsPlanned', code: 'not-number', severity: 'error' }));
    expect(plan.blank).toBe(1);
    expect(plan.left.map((l) => [l.source, l.reason.sv])).toEqual([
      [6, expect.stringMatching(/Inget i Samplans kolumner/)],
      [7, expect.stringMatching(/summerad rad/)],
    ]);
    expect(plan.extraColumns).toEqual([7]);
    expect(plan.rows.map((r) => r.extra)).toEqual([['A1'], ['B2']]);
  });

  it('leaves out, as a problem, a personnummer Excel keeps as a number (typed without a dash), in a text column and a number column', () => {
    const grid = [
      ['Aktivitet', 'Kommentar', 'Deltagare planerat'],
      ['Hälsodag', 8501011236, 12],
      ['Samtal', 198501011236, 3],
      ['Promenad', 'ta med fika', 850101.1236],
    ];
    const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'plan-test', year: 2025 });
    expect(plan.rows.map((r) => r.values)).toEqual([
      { title: 'Hälsodag', participantsPlanned: 12 },
      { title: 'Samtal', participantsPlanned: 3 },
      { title: 'Promenad', comment: 'ta med fika' },
    ]);
    const refused = plan.rows.map((r) => r.problems.filter((p) => p.code === 'personnummer').map((p) => p.column));
    expect(refused).toEqual([['comment'], ['comment'], ['participantsPlanned']]);
  });

  it('leaves out a reservnummer, as a number or in a text, saying it is one', () => {
    const grid = [
      ['Aktivitet', 'Kommentar'],
      ['Hälsodag', 991981000010],
      ['Samtal', 'Ring 22850101-AB12'],
      ['Promenad', 8501011236],
    ];
    const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'plan-test', year: 2025 });
    const said = plan.rows.map((r) => r.problems.filter((p) => p.code === 'personnummer').map((p) => p.message.sv));
    const reserve = 'Cellen innehåller ett reservnummer. Personnummer och reservnummer sparas inte i Samplan; cellen tas inte med.';
    expect(said).toEqual([[reserve], [reserve], ['Personnummer sparas inte i Samplan; cellen tas inte med.']]);
    expect(plan.rows.map((r) => r.values.comment)).toEqual([undefined, undefined, undefined]);
  });

  it('adopts in place: the same sheet becomes the bound table, own columns at the right, the original copied, edits reach another workbook', async () => {
    const host = await workbookWithPlan();
    const run: ExcelRun = (batch) => host.run(batch);
    const grid = await readUsedRange(run, SHEET);
    const header = readHeader('activity-plan', grid);
    header.mapping[5] = 'comment';
    const plan = planAdoption('activity-plan', grid, header, { docId: 'plan-test', year: 2025 });
    const docA = createDoc('activity-plan', { title: 'Aktivitetsplan Fittja 2025', ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), RELAY);
    const net = relay(docA, docB);
    const adopted = await adoptInPlace(run, docA, plan, grid, { docId: 'plan-test', lang: 'sv', sheetName: SHEET, ...quiet });
    const a: Side = { host, doc: docA, binding: adopted.binding, syncs: () => host.syncCount, settle: async () => { await host.settle(); await adopted.binding.flush(); await host.settle(); } };
    sides.push(a);
    await a.settle();

    // The document holds the taken rows; the sheet is Samplan's table with the person's column at the right.
    expect(rowsOf(docA).map((r) => r.values.title)).toEqual(['Promenadgrupp', 'Hälsodag']);
    expect(adopted.binding.sheetName).toBe(SHEET);
    const table = host.readTable(layoutFor('activity-plan', 'plan-test', 'sv').tableName);
    expect(table.sheet).toBe(SHEET);
    expect(table.headers.at(-1)).toBe('Intern kod');
    expect(table.rows.map((r) => r.at(-1))).toEqual(['A1', 'B2']);
    // What could not be taken stays as typed, shown as a problem.
    const col = layoutFor('activity-plan', 'plan-test', 'sv').columnIndex.get('participantsPlanned') as number;
    expect(table.rows[1]![col]).toBe('många');
    expect(adopted.binding.problems).toContainEqual(expect.objectContaining({ rowId: adopted.ids[1], column: 'participantsPlanned', severity: 'error' }));
    // Nothing of the original is lost: it is on its own sheet, title, total row and all.
    expect(host.read(adopted.originalSheet, 'A1:H8')).toEqual(grid);
    expect(host.read(adopted.originalSheet, 'A8:C8')).toEqual([['Summa', '', 52]]);

    // Another workbook opens the shared document; an edit in the adopted table reaches it.
    const b = await openSide(docB, 'activity-plan', {}, createWorkbook());
    sides.push(b);
    const titleCol = String.fromCharCode(65 + (layoutFor('activity-plan', 'plan-test', 'sv').columnIndex.get('title') as number));
    host.user.type(SHEET, `${titleCol}2`, 'Promenad i parken');
    await a.settle();
    await b.settle();
    const seenByB = b.host.readTable(b.binding.tableName).rows.map((r) => r[1]);
    expect(seenByB).toContain('Promenad i parken');
    expect(rowsOf(docB).map((r) => r.values.title)).toEqual(['Promenad i parken', 'Hälsodag']);
    net.stop();
  });

  it('writes nothing into the document when Excel fails before the table is made, and keeps the original', async () => {
    const host = await workbookWithPlan();
    const grid = await readUsedRange((batch) => host.run(batch), SHEET);
    const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'plan-test', year: 2025 });
    // The person starts typing in a cell after the copy is made: Excel refuses every later sync.
    let runs = 0;
    const run: ExcelRun = (batch) => {
      if (++runs === 2) host.user.enterEditMode(SHEET, 'J1');
      return host.run(batch);
    };
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan Fittja 2025', ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
    const before = Y.encodeStateVector(doc);
    await expect(adoptInPlace(run, doc, plan, grid, { docId: 'plan-test', lang: 'sv', sheetName: SHEET, ...quiet })).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    // Untouched, so the pane can take back the document it made for this (adopt-flow.ts).
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(rowsOf(doc)).toEqual([]);
    host.user.exitEditMode();
    expect(host.read(originalSheetName(SHEET), 'A1:H8')).toEqual(grid);
  });
  it("keeps the person's formulas in the copy of the original, where they were: a total row's sum, a formula in a column of their own", async () => {
    const host = createWorkbook({ sheets: [SHEET] });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      sheet.getRangeByIndexes(1, 1, ORIGINAL.length, 8).values = ORIGINAL;
      // B2 is the used range's first cell; the total row's 52 is D5's 12 + 40, and a cell of an own column is a formula too.
      sheet.getRange('D9').formulas = [['=D5+40']];
      sheet.getRange('I7').formulas = [['=D5*2']];
      sheet.getRange('G5').numberFormat = [['@']];
      sheet.getRange('G5').values = [['=inte en formel']];
      await context.sync();
    });
    const run: ExcelRun = (batch) => host.run(batch);
    const grid = await readUsedRange(run, SHEET);
    const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'plan-test', year: 2025 });
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan Fittja 2025', ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
    const adopted = await adoptInPlace(run, doc, plan, grid, { docId: 'plan-test', lang: 'sv', sheetName: SHEET, ...quiet });
    sides.push({ host, doc, binding: adopted.binding, syncs: () => host.syncCount, settle: () => adopted.binding.flush() });
    const copy = host.model.sheet(adopted.originalSheet)!;
    expect(copy.formula(8, 3)).toBe('=D5+40');
    expect(copy.formula(6, 8)).toBe('=D5*2');
    expect(host.read(adopted.originalSheet, 'D9')).toEqual([[52]]);
    expect(host.read(adopted.originalSheet, 'B2:I9')).toEqual(grid);
    // A text that only looks like a formula stays that text.
    expect(host.read(adopted.originalSheet, 'G5')).toEqual([['=inte en formel']]);
  });
});
