/**
 * A workbook opened again by the pane, whose table's tab is named from the document's title
 * (`Hälsodagar 2027`), as every table the pane makes is. The pane binds by doc id and title,
 * without a sheet name, so the binding looked for its sheet under the doc id, which no tab has:
 * a table the person renamed, or converted to a range, while the pane was closed was then not
 * found, a second table was made on a new tab `Hälsodagar 2027 (2)`, and what was typed in the
 * old one never reached the document, with nothing said.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, closedAndChanged, disposedAfterEach, openSide } from './helpers.js';

const TITLE = 'Hälsodagar 2027';
const opened = disposedAfterEach();

function planDoc() {
  const doc = createDoc('activity-plan', { title: TITLE, ownerUnit: 'vc-test', schemaVersion: 2 });
  insertRows(doc, [{ title: 'Promenad' }]);
  return doc;
}

describe('a table on a tab named from the title, changed while the pane was closed', () => {
  it('renamed (Ärenden) is found again on opening, with what was typed meanwhile, and no second table', async () => {
    const doc = planDoc();
    const { first, name } = await closedAndChanged(doc, 'activity-plan', { title: TITLE }, (table) => (table.name = 'Ärenden'));
    expect(first.host.snapshot().tables[0]?.sheet).toBe(TITLE);
    first.host.user.type(TITLE, cellAt('activity-plan', 'title', 0), 'Promenad i Järvaskogen');
    const again = await openSide(doc, 'activity-plan', { title: TITLE }, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad i Järvaskogen');
    expect(again.host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([[name, TITLE]]);
    expect(again.host.snapshot().sheets.map((s) => s.name)).not.toContain(`${TITLE} (2)`);
  });

  it('converted to a range is made a table again on opening, with what was typed meanwhile', async () => {
    const doc = planDoc();
    const { first, name } = await closedAndChanged(doc, 'activity-plan', { title: TITLE }, (table) => table.convertToRange());
    first.host.user.type(TITLE, cellAt('activity-plan', 'title', 0), 'Promenad i Järvaskogen');
    const again = await openSide(doc, 'activity-plan', { title: TITLE }, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad i Järvaskogen');
    expect(again.host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([[name, TITLE]]);
  });

  it('never takes the table of another document whose tab has the same title', async () => {
    const a = planDoc();
    const b = planDoc();
    const first = await openSide(a, 'activity-plan', { docId: 'plan-a', title: TITLE });
    opened.push(first);
    const second = await openSide(b, 'activity-plan', { docId: 'plan-b', title: TITLE }, first.host);
    expect(first.host.snapshot().tables.map((t) => t.sheet)).toEqual([TITLE, `${TITLE} (2)`]);
    const name = second.binding.tableName;
    await second.binding.dispose();
    await first.host.run(async (context) => {
      context.workbook.tables.getItem(name).name = 'Ärenden';
      await context.sync();
    });
    const again = await openSide(b, 'activity-plan', { docId: 'plan-b', title: TITLE }, first.host);
    opened.push(again);
    await again.settle();
    const tables = again.host.snapshot().tables;
    expect(tables.find((t) => t.name === first.binding.tableName)?.sheet).toBe(TITLE);
    expect(tables.find((t) => t.name === name)?.sheet).not.toBe(TITLE);
    expect(rowsOf(b)).toHaveLength(1);
    expect(rowsOf(a)).toHaveLength(1);
  });

  it('renamed after the document was renamed (its tab keeps the old title) is found by its rows, with what was typed meanwhile', async () => {
    const doc = planDoc();
    const { first, name } = await closedAndChanged(doc, 'activity-plan', { title: TITLE }, (table) => (table.name = 'Ärenden'));
    first.host.user.type(TITLE, cellAt('activity-plan', 'title', 0), 'Promenad i Järvaskogen');
    doc.getMap('meta').set('title', 'Hälsodagar 2028');
    const again = await openSide(doc, 'activity-plan', { title: 'Hälsodagar 2028' }, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad i Järvaskogen');
    expect(again.host.snapshot().tables.map((t) => t.name)).toEqual([name]);
  });
});
