import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { editRefusal, LOCKED_ROW_FILL, lockedRowFills, rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { FILL } from '../../../addin/excel/sheet/excel-io.js';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
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

  it('holds a new row typed without its unit in the sheet, as typed, and sends it whole once the unit is filled in', async () => {
    const { doc, side, sheet, col, problems } = await tenstaEditor();
    // Left to right, as people type: the measure first, the unit after.
    side.host.user.type(sheet, `${col('Åtgärd')}4`, 'Stavgång vid Järvafältet');
    await side.settle();
    expect(rowsOf(doc)).toHaveLength(2);
    expect(side.host.read(sheet, `${col('Åtgärd')}4`)[0]?.[0]).toBe('Stavgång vid Järvafältet');
    const held = (problems.at(-1) ?? []).filter((p) => p.code === 'row-held');
    expect(held).toHaveLength(1);
    expect(held[0]?.message.sv).toMatch(/^Raden skickas inte än: .* Det du skrev står kvar i bladet och skickas när raden är en du får skriva\.$/);
    side.host.user.type(sheet, `${col('Enhet')}4`, 'vc-tensta');
    await side.settle();
    expect(rowsOf(doc).map((r) => [r.values.unit, r.values.measure])).toContainEqual(['vc-tensta', 'Stavgång vid Järvafältet']);
    expect((problems.at(-1) ?? []).filter((p) => p.code === 'row-held')).toEqual([]);
  });

  it('keeps a protected row the person deleted in the sheet, shows it again and says why', async () => {
    const { doc, side, ids, problems } = await tenstaEditor();
    side.host.user.deleteTableRows(side.binding.tableName, 1, 1);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.id)).toEqual(ids);
    const shown = side.host.readTable(side.binding.tableName).rows.map((r) => r.includes('Hälsodag på torget'));
    expect(shown).toContain(true);
    const locked = (problems.at(-1) ?? []).filter((p) => p.code === 'row-locked');
    expect(locked.map((p) => [p.rowId, p.message.sv])).toEqual([[ids[1], 'Raden togs inte bort och visas igen: raden tillhör vc-husby.']]);
  });
});

describe('bindTable: deleting rows beside protected rows', () => {
  it('deletes the person’s own row above another unit’s row from the doc, and the other row stays', async () => {
    const { doc, side, ids } = await tenstaEditor();
    // The Husby row moves up into the deleted row's place: it is read, unchanged and protected.
    side.host.user.deleteTableRows(side.binding.tableName, 0, 1);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.id)).toEqual([ids[1]]);
    expect(side.host.readTable(side.binding.tableName).rows.map((r) => r[0])).toEqual([ids[1]]);
  });
});

describe('bindTable: marking protected rows', () => {
  /** The fill of each cell of body row `row` (1 = first data row), from column B on. */
  const fillsOf = (side: Side, row: number): (string | undefined)[] => {
    const view = side.host.view(side.binding.sheetName, `B${row + 1}:${String.fromCharCode(65 + side.host.readTable(side.binding.tableName).headers.length - 1)}${row + 1}`);
    return (view?.cells[0] ?? []).map((c) => c.fill?.toUpperCase());
  };

  it('greys every cell of another unit’s row before anything is typed, and none of the own rows', async () => {
    const { side } = await tenstaEditor();
    await side.binding.flush();
    expect(new Set(fillsOf(side, 2))).toEqual(new Set([LOCKED_ROW_FILL]));
    expect(fillsOf(side, 1).every((f) => f === undefined)).toBe(true);
  });

  it('greys the other units’ rows of the region’s indicator values for a clinic editor, by the pane’s rights', async () => {
    const doc = docWith('indicator-values', [
      { indicator: 'sfh-12', unit: 'vc-tensta', period: '2025Q4', kon: 'T', value: 41 },
      { indicator: 'sfh-12', unit: 'vc-husby', period: '2025Q4', kon: 'T', value: 38 },
    ]);
    const units = [
      { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null },
      { code: 'vc-husby', name: 'Husby vårdcentral', parent: null },
    ];
    const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' }, { kind: 'indicator-values', ownerUnit: 'region' }, units);
    expect(rights.readOnly).toBeNull();
    const side = await openSide(doc, 'indicator-values', { ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) });
    open.push(side);
    await side.binding.flush();
    expect(new Set(fillsOf(side, 2))).toEqual(new Set([LOCKED_ROW_FILL]));
    expect(fillsOf(side, 1).every((f) => f === undefined)).toBe(true);
  });

  it('greys another unit’s row again when the person deleted it and it is put back', async () => {
    const { doc, side, ids } = await tenstaEditor();
    await side.binding.flush();
    expect(new Set(fillsOf(side, 2))).toEqual(new Set([LOCKED_ROW_FILL]));
    side.host.user.deleteTableRows(side.binding.tableName, 1, 1);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(doc).map((r) => r.id)).toEqual(ids);
    const rows = side.host.readTable(side.binding.tableName).rows;
    const back = rows.findIndex((r) => r[0] === ids[1]) + 1;
    expect(back).toBeGreaterThan(0);
    // Grey as before, but for the cell of the note that says it was put back (a warning's fill).
    const fills = fillsOf(side, back);
    expect(fills[0]).toBe(FILL.warning);
    expect(fills.slice(1).every((f) => f === LOCKED_ROW_FILL)).toBe(true);
    expect(fillsOf(side, rows.findIndex((r) => r[0] === ids[0]) + 1).every((f) => f === undefined)).toBe(true);
  });

  it('keeps a problem’s fill on its cell inside a protected row', async () => {
    const { doc, side, ids } = await tenstaEditor();
    setCell(doc, ids[1] as string, 'measure', '');
    await side.binding.flush();
    const headers = side.host.readTable(side.binding.tableName).headers;
    const measureAt = headers.indexOf('Åtgärd') - 1;
    const fills = fillsOf(side, 2);
    expect(fills[measureAt]).toBe(FILL.error);
    expect(fills.filter((f) => f === LOCKED_ROW_FILL).length).toBe(fills.length - 1);
  });

  it('clears the grey when the row becomes the person’s own', async () => {
    const { doc, side, ids } = await tenstaEditor();
    await side.binding.flush();
    setCell(doc, ids[1] as string, 'unit', 'vc-tensta');
    await side.binding.flush();
    expect(fillsOf(side, 2).every((f) => f === undefined)).toBe(true);
  });
});

describe('lockedRowFills', () => {
  it('names every column of the refused rows only', () => {
    const locks = rowLocks((id) => (id === 'b' ? { sv: 'nej', en: 'no' } : undefined));
    const fills = lockedRowFills(locks, [{ id: 'a', values: {} }, { id: 'b', values: {} }], ['x', 'y']);
    expect([...fills.keys()].map((k) => k.split('\u0000'))).toEqual([['b', 'x'], ['b', 'y']]);
  });
});

describe('editRefusal', () => {
  /** A lock with a rule of the row as it is only, as `rowLocks` makes: rows of 2025Q2 are final. */
  const final = rowLocks((_id, v) => (v.period === '2025Q2' ? { sv: 'kv 2 är låst.', en: 'Q2 is locked.' } : undefined));

  it('refuses an edit of a locked row, and one that moves an open row into what the lock covers', () => {
    expect(editRefusal(final, 'r1', { period: '2025Q2' }, { period: '2025Q3' })?.sv).toBe('kv 2 är låst.');
    expect(editRefusal(final, 'r1', { period: '2025Q3' }, { period: '2025Q2' })?.sv).toBe('kv 2 är låst.');
    expect(editRefusal(final, 'r1', { period: '2025Q3' }, { period: '2025Q4' })).toBeUndefined();
    expect(editRefusal(undefined, 'r1', { period: '2025Q3' }, { period: '2025Q2' })).toBeUndefined();
  });

  it('names the change in the words of the lock’s changeFor before the row as it would be', () => {
    const moved = { ...final, changeFor: () => ({ sv: 'raden skulle hamna i kv 2.', en: 'the row would move into Q2.' }) };
    expect(editRefusal(moved, 'r1', { period: '2025Q3' }, { period: '2025Q2' })?.sv).toBe('raden skulle hamna i kv 2.');
  });
});
