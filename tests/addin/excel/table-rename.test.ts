/**
 * A bound table renamed by the person (Table Design → Table Name). The binding reached its table
 * by name only, so after a rename every read of a typed cell failed and was retried without end:
 * what the person typed stayed in their sheet and never reached the document, with nothing said.
 * The binding now reaches the table by its stable id and gives it its name back, by which a pane
 * opening the workbook later finds it.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

async function rename(side: Awaited<ReturnType<typeof openSide>>, from: string, to: string): Promise<void> {
  await side.host.run(async (context) => {
    context.workbook.tables.getItem(from).name = to;
    await context.sync();
  });
}

describe('a bound table renamed in Excel', () => {
  it('goes on syncing both ways and gets its name back', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }]);
    const side = await openSide(doc, 'activity-plan');
    opened.push(side);
    const name = side.binding.tableName;
    await rename(side, name, 'MinTabell');
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    await side.settle();
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad i parken');
    expect(side.host.readTable(name).rows[0]?.[1]).toBe('Promenad i parken');
    setCells(doc, rowsOf(doc)[0]!.id, { targetGroup: 'Äldre' });
    await side.settle();
    expect(side.host.readTable(name).rows[0]).toContain('Äldre');
    expect(side.binding.status.lastError).toBeNull();
  });

  it('renamed while the pane was closed, is found again on opening, with what was typed meanwhile, and no second table', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }]);
    const first = await openSide(doc, 'activity-plan');
    const name = first.binding.tableName;
    await first.binding.dispose();
    await rename(first, name, 'MinTabell');
    first.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    const again = await openSide(doc, 'activity-plan', {}, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad i parken');
    const tables = again.host.snapshot().tables;
    expect(tables.map((t) => t.name)).toEqual([name]);
  });

  it('whose name another table took meanwhile, is renamed once, goes on syncing by id, and Problems says so', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }]);
    const side = await openSide(doc, 'activity-plan');
    opened.push(side);
    const name = side.binding.tableName;
    const edit = async (text: string): Promise<number> => {
      const before = side.syncs();
      side.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), text);
      await side.settle();
      return side.syncs() - before;
    };
    await edit('Promenad 0');
    const plain = await edit('Promenad 1');
    await rename(side, name, 'MinTabell');
    // Another table of the person's, given the name the bound table had.
    await side.host.run(async (context) => {
      const sheet = context.workbook.worksheets.add('Egen');
      sheet.getRange('A1:B2').values = [['Namn', 'Antal'], ['a', 1]];
      sheet.tables.add('A1:B2', true).name = name;
      await context.sync();
    });
    await edit('Promenad 2');
    // Each edit after the refusal costs what an edit costs: the rename is not tried again.
    expect(await edit('Promenad 3')).toBe(plain);
    expect(await edit('Promenad 4')).toBe(plain);
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad 4');
    const problem = side.binding.problems.find((p) => p.code === 'table-name-refused');
    expect(problem?.message.sv).toContain('MinTabell');
    expect(problem?.message.sv).toContain(`heter redan ${name}`);
    expect(problem?.message.en).toContain(`Rename the table to ${name}`);
    // The person frees the name and gives it back: the problem goes.
    await side.host.run(async (context) => {
      context.workbook.tables.getItem(name).name = 'Egen_tabell';
      context.workbook.tables.getItem('MinTabell').name = name;
      await context.sync();
    });
    await edit('Promenad 5');
    expect(side.binding.problems.some((p) => p.code === 'table-name-refused')).toBe(false);
    expect(rowsOf(doc)[0]!.values.title).toBe('Promenad 5');
  });
});
