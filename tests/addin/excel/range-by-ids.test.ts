/**
 * A table converted to a range while the pane was closed, whose tab no longer has the name the
 * binding looks for: the document was renamed meanwhile (its tab keeps the old title), or the
 * person renamed the tab too. The binding looked for a table to convert back only on the doc-id
 * tab and the title tab, so a new table was made on a new tab, and what was typed in the old
 * cells never reached the document, with nothing said. Now the one sheet holding no table whose
 * header starts with `samplan-id` and whose id column holds this document's rows is made a table
 * again; when several tabs hold them, none is taken, nothing new is made, and the binding says so.
 */
import { describe, expect, it } from 'vitest';
import { pausedProblem } from '../../../addin/excel/sheet/binding-context.js';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, closedAndChanged, disposedAfterEach, openSide, type Side } from './helpers.js';

const TITLE = 'Hälsodagar 2027';
const RENAMED = 'Hälsodagar 2028';
const opened = disposedAfterEach();

function planDoc() {
  const doc = createDoc('activity-plan', { title: TITLE, ownerUnit: 'vc-test', schemaVersion: 2 });
  insertRows(doc, [{ title: 'Promenad' }, { title: 'Dans' }]);
  return doc;
}

/** Binds with the old title, closes the pane, converts the table to a range and types in it. */
async function convertedAndTyped(tab = TITLE): Promise<{ first: Side; name: string }> {
  const doc = planDoc();
  const { first, name } = await closedAndChanged(doc, 'activity-plan', { title: TITLE }, (table, context) => {
    table.convertToRange();
    if (tab !== TITLE) context.workbook.worksheets.getItem(TITLE).name = tab;
  });
  first.host.user.type(tab, cellAt('activity-plan', 'title', 0), 'Promenad i Järvaskogen');
  doc.getMap('meta').set('title', RENAMED);
  return { first, name };
}

describe('a table converted to a range while the pane was closed, its tab not named as the binding looks for it', () => {
  it.each([
    ['the document renamed meanwhile (the tab keeps the old title)', TITLE],
    ['the tab renamed by hand too', 'Ärenden'],
  ])('%s: the range is made a table again, with what was typed meanwhile, and no new tab', async (_, tab) => {
    const { first, name } = await convertedAndTyped(tab);
    const sheetsBefore = first.host.snapshot().sheets.length;
    const again = await openSide(first.doc, 'activity-plan', { title: RENAMED }, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(first.doc).map((r) => r.values.title)).toEqual(['Promenad i Järvaskogen', 'Dans']);
    expect(again.host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([[name, tab]]);
    expect(again.host.snapshot().sheets).toHaveLength(sheetsBefore);
    expect(again.binding.status.paused).toBeNull();
    // Syncing goes on both ways in the table made again.
    again.host.user.type(tab, cellAt('activity-plan', 'title', 1), 'Dans på torget');
    await again.settle();
    expect(rowsOf(first.doc)[1]!.values.title).toBe('Dans på torget');
  });

  it('held by two tabs (a copy of the sheet): takes neither, makes nothing new, and names both tabs in Swedish', async () => {
    const { first } = await convertedAndTyped();
    await first.host.run(async (context) => {
      const range = context.workbook.worksheets.getItem(TITLE).getUsedRange(true).load('values,rowCount,columnCount');
      await context.sync();
      const copy = context.workbook.worksheets.add('Kopia');
      copy.getRangeByIndexes(0, 0, range.rowCount, range.columnCount).values = range.values;
      await context.sync();
    });
    const before = first.host.snapshot();
    const again = await openSide(first.doc, 'activity-plan', { title: RENAMED }, first.host);
    opened.push(again);
    await again.settle();
    expect(again.binding.status.paused).toBe('table-ambiguous');
    const after = again.host.snapshot();
    expect(after.tables).toEqual([]);
    expect(after.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
    await expect.poll(() => again.binding.problems.find((p) => p.code === 'columns-changed')?.message, { timeout: 10_000 }).toEqual(pausedProblem('plan-test', 'table-ambiguous', [TITLE, 'Kopia']).message);
    const words = again.binding.problems.find((p) => p.code === 'columns-changed')!.message.sv;
    expect(words).toContain('flera flikar: ”Hälsodagar 2027” och ”Kopia”');
    expect(words).toContain('gör ingen ny tabell');
    // Nothing typed is taken or lost: the document is as it was, the cells keep what was typed.
    expect(rowsOf(first.doc).map((r) => r.values.title)).toEqual(['Promenad', 'Dans']);
  });

  it('held by two renamed tables: takes neither and makes no third', async () => {
    const { first } = await convertedAndTyped();
    await first.host.run(async (context) => {
      const range = context.workbook.worksheets.getItem(TITLE).getUsedRange(true).load('values,rowCount,columnCount');
      await context.sync();
      const copy = context.workbook.worksheets.add('Kopia');
      const cells = copy.getRangeByIndexes(0, 0, range.rowCount, range.columnCount);
      cells.values = range.values;
      copy.tables.add(cells, true).name = 'Kopian';
      context.workbook.worksheets.getItem(TITLE).tables.add(context.workbook.worksheets.getItem(TITLE).getRangeByIndexes(0, 0, range.rowCount, range.columnCount), true).name = 'Ärenden';
      await context.sync();
    });
    const again = await openSide(first.doc, 'activity-plan', { title: RENAMED }, first.host);
    opened.push(again);
    await again.settle();
    expect(again.binding.status.paused).toBe('table-ambiguous');
    expect(again.host.snapshot().tables.map((t) => t.name).sort()).toEqual(['Kopian', 'Ärenden']);
    expect(rowsOf(first.doc).map((r) => r.values.title)).toEqual(['Promenad', 'Dans']);
  });
});
