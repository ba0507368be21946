import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { docWith, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

/** A county action plan with one Tensta row and one Husby row, bound for a Tensta editor. */
async function tenstaEditor() {
  const doc = docWith('action-plan', [
    { unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' },
    { unit: 'vc-husby', measure: 'Hälsodag på torget', perspective: 'befolkning' },
  ]);
  const problems: Problem[][] = [];
  const others = rowLocks((_id, values) =>
    values.unit === 'vc-tensta' ? undefined : { sv: `raden tillhör ${String(values.unit)}.`, en: `the row belongs to ${String(values.unit)}.` },
  );
  const side = await openSide(doc, 'action-plan', { rowLocks: others, onProblems: (p) => problems.push([...p]) });
  open.push(side);
  const sheet = side.binding.sheetName;
  const col = (header: string): string => {
    const headers = side.host.readTable(side.binding.tableName).headers;
    return String.fromCharCode(65 + headers.indexOf(header));
  };
  return { doc, side, sheet, col, problems, ids: rowsOf(doc).map((r) => r.id) };
}

describe('bindTable: protected rows', () => {
  it('puts an edit of another unit’s row back from the doc and says why, naming the cell', async () => {
    const { doc, side, sheet, col, problems, ids } = await tenstaEditor();
    const measure = `${col('Åtgärd')}3`;
    side.host.user.type(sheet, measure, 'Min ändring');
    await side.settle();
    expect(side.host.read(sheet, measure)[0]?.[0]).toBe('Hälsodag på torget');
    expect(rowsOf(doc)[1]?.values.measure).toBe('Hälsodag på torget');
    const shown = problems.at(-1) ?? [];
    const locked = shown.filter((p) => p.code === 'row-locked');
    expect(locked.map((p) => [p.rowId, p.column])).toEqual([[ids[1], 'measure']]);
    expect(locked[0]?.message.sv).toBe('Ändringen togs tillbaka: raden tillhör vc-husby.');
  });

  it('takes an edit of the person’s own row as usual', async () => {
    const { doc, side, sheet, col } = await tenstaEditor();
    side.host.user.type(sheet, `${col('Åtgärd')}2`, 'Promenadgrupp varje tisdag');
    await side.settle();
    expect(rowsOf(doc)[0]?.values.measure).toBe('Promenadgrupp varje tisdag');
  });

  it('keeps a protected row the person deleted in the sheet, and shows it again', async () => {
    const { doc, side, ids } = await tenstaEditor();
    side.host.user.deleteTableRows(side.binding.tableName, 1, 1);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.id)).toEqual(ids);
    const shown = side.host.readTable(side.binding.tableName).rows.map((r) => r.includes('Hälsodag på torget'));
    expect(shown).toContain(true);
  });
});
