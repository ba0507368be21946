import { afterEach, describe, expect, it } from 'vitest';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

/** Texts Excel turns into a date serial, a percentage, a date and a number in a General cell. */
const TYPED = ['2025-03-01', '12 %', '3/4', '007'];

const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const colOf = (key: string) => layout.columnIndex.get(key)!;
/** A1 address of sheet column `col` (0-based) in body row `index`. */
function address(col: number, index: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${index + 2}`;
}

/** Makes the free-text columns' body cells General again, as in a workbook made before they were text. */
function makeOld(side: Side, rows: number): void {
  const sheet = side.host.model.sheet(SHEET)!;
  for (const key of ['title', 'targetGroup', 'comment', 'responsible']) {
    for (let r = 1; r <= rows; r++) {
      const cell = sheet.cell(r, colOf(key));
      if (cell) delete cell.numberFormat;
    }
  }
  expect(sheet.numberFormat(1, colOf('comment'))).toBe('General');
}

async function typeComments(side: Side): Promise<void> {
  TYPED.forEach((text, i) => side.host.user.type(SHEET, address(colOf('comment'), i), text));
  await side.settle();
  await side.settle();
}

const rows = () => TYPED.map((_, i) => ({ title: `Aktivitet ${i}`, type: 'halsodag' }));

describe('text columns keep what is typed', () => {
  it('stores texts typed into a text column of a new table as typed', async () => {
    const doc = docWith('activity-plan', rows());
    const side = await openSide(doc, 'activity-plan');
    sides.push(side);
    await side.settle();
    expect(side.host.model.sheet(SHEET)!.numberFormat(1, colOf('comment'))).toBe('@');
    await typeComments(side);
    expect(rowsOf(doc).map((r) => r.values.comment)).toEqual(TYPED);
    expect(side.host.read(SHEET, `${address(colOf('comment'), 0)}:${address(colOf('comment'), 3)}`).map((r) => r[0])).toEqual(TYPED);
  });

  it('stores them as typed in a reopened table whose text columns were General', async () => {
    const doc = docWith('activity-plan', [...rows(), { title: '=1+1', type: 'halsodag' }]);
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    makeOld(first, 5);
    await first.binding.dispose();
    const side = await openSide(doc, 'activity-plan', {}, first.host);
    sides.push(side);
    await side.settle();
    await typeComments(side);
    expect(rowsOf(doc).map((r) => r.values.comment)).toEqual([...TYPED, undefined]);
    expect(rowsOf(doc)[4]!.values.title).toBe('=1+1');
  });

  it('keeps a stored formula text a text in an old table, written and appended', async () => {
    const doc = docWith('activity-plan', rows());
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    makeOld(first, 4);
    await first.binding.dispose();
    const side = await openSide(doc, 'activity-plan', {}, first.host);
    sides.push(side);
    await side.settle();
    setCell(doc, rowsOf(doc)[0]!.id, 'comment', '=1+1');
    insertRows(doc, [{ title: '=2+2', type: 'halsodag', comment: '2025-03-01' }]);
    await side.settle();
    await side.settle();
    const sheet = side.host.model.sheet(SHEET)!;
    expect(sheet.formula(1, colOf('comment'))).toBe('=1+1');
    expect(sheet.cell(1, colOf('comment'))?.formula).toBeUndefined();
    expect(side.host.read(SHEET, address(colOf('comment'), 0))[0]![0]).toBe('=1+1');
    expect(side.host.read(SHEET, address(colOf('title'), 4))[0]![0]).toBe('=2+2');
    expect(sheet.cell(5, colOf('title'))?.formula).toBeUndefined();
    expect(side.host.read(SHEET, address(colOf('comment'), 4))[0]![0]).toBe('2025-03-01');
    expect(rowsOf(doc).map((r) => r.values.comment)).toEqual(['=1+1', undefined, undefined, undefined, '2025-03-01']);
  });

  it('leaves number columns as they were, and keeps a date typed into a (text) date column as text, stored as the date', async () => {
    const doc = docWith('activity-plan', rows());
    const side = await openSide(doc, 'activity-plan');
    sides.push(side);
    await side.settle();
    side.host.user.type(SHEET, address(colOf('startDate'), 0), '2025-03-01');
    side.host.user.type(SHEET, address(colOf('participantsPlanned'), 0), '12');
    await side.settle();
    await side.settle();
    const sheet = side.host.model.sheet(SHEET)!;
    expect(sheet.numberFormat(1, colOf('startDate'))).toBe('@');
    expect(sheet.value(1, colOf('startDate'))).toBe('2025-03-01');
    expect(sheet.numberFormat(1, colOf('participantsPlanned'))).toBe('General');
    expect(rowsOf(doc)[0]!.values.startDate).toBe('2025-03-01');
    expect(rowsOf(doc)[0]!.values.participantsPlanned).toBe(12);
  });
});
