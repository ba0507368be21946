/**
 * Reference columns (`ColumnDef.ref`) in the bound sheet: cells show names and the doc stores
 * ids; a name typed or pasted in any case and spacing is stored as its id; an unknown name stays
 * as typed with a problem naming the column and the closest names; the dropdowns are fed from the
 * live lists, and when a list changes the dropdown and the cells of a renamed entry follow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed, type RefListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { docWith, openSide, type Side } from './helpers.js';

const opened: Side[] = [];
afterEach(async () => {
  for (const side of opened.splice(0)) await side.binding.dispose();
});

const UNITS = [
  { id: 'vc-tensta', name: 'Tensta vårdcentral' },
  { id: 'vc-husby-akalla', name: 'Husby Akalla vårdcentral' },
];
const PARTNERS = [
  { id: 'Tensta IF', name: 'Tensta IF' },
  { id: 'Försäkringskassan', name: 'Försäkringskassan' },
];

async function actionPlan(lists: RefListsFeed): Promise<{ side: Side; at: (header: string, row: number) => string }> {
  const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', indicator: 'sfh-12', partner: 'Tensta IF' }]);
  const side = await openSide(doc, 'action-plan', { refLists: lists });
  opened.push(side);
  const headers = side.host.readTable(side.binding.tableName).headers;
  const at = (header: string, row: number): string => `${String.fromCharCode(65 + headers.indexOf(header))}${row + 1}`;
  return { side, at };
}

/** The dropdown of a cell: the texts its validation's source range holds. */
async function dropdownOf(side: Side, address: string): Promise<string[]> {
  return side.host.run(async (context) => {
    const rule = context.workbook.worksheets.getItem(side.binding.sheetName).getRange(address).dataValidation;
    rule.load('rule');
    await context.sync();
    const source = String(rule.rule.list?.source ?? '');
    const m = /^='(.+)'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(source);
    if (!m) return [];
    const range = context.workbook.worksheets.getItem(m[1]!.replace(/''/g, "'")).getRange(`${m[2]}1:${m[2]}${m[3]}`);
    range.load('values');
    await context.sync();
    return range.values.map((r) => String(r[0]));
  });
}

describe('reference columns', () => {
  it('show names where the doc stores ids', async () => {
    const { side, at } = await actionPlan(refListsFeed({ unit: UNITS, partner: PARTNERS }));
    expect(side.host.readText(side.binding.sheetName, at('Enhet', 1))).toEqual([['Tensta vårdcentral']]);
    expect(side.host.readText(side.binding.sheetName, at('Samverkanspart', 1))).toEqual([['Tensta IF']]);
  });

  it('store a name pasted in any case and spacing as its id, and show the name', async () => {
    const { side, at } = await actionPlan(refListsFeed({ unit: UNITS }));
    side.host.user.paste(side.binding.sheetName, at('Enhet', 1), [['  husby akalla   VÅRDCENTRAL ']]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.unit).toBe('vc-husby-akalla');
    expect(side.host.readText(side.binding.sheetName, at('Enhet', 1))).toEqual([['Husby Akalla vårdcentral']]);
  });

  it('keep an unknown name as typed, with a problem naming the column and the closest names', async () => {
    const { side, at } = await actionPlan(refListsFeed({ unit: UNITS }));
    side.host.user.paste(side.binding.sheetName, at('Enhet', 1), [['Tenstavårdcentral']]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.unit).toBe('vc-tensta');
    const problem = side.binding.problems.find((p) => p.column === 'unit' && p.code === 'unknown-ref');
    expect(problem?.message.sv).toBe('Enhet: "Tenstavårdcentral" finns inte i listan. Menade du "Tensta vårdcentral"?');
    expect(problem?.message.en).toContain('Did you mean "Tensta vårdcentral"?');
    expect(side.host.readText(side.binding.sheetName, at('Enhet', 1))).toEqual([['Tenstavårdcentral']]);
  });

  it('offer the list’s names as the dropdown, and follow a rename and an added entry live', async () => {
    const lists = refListsFeed({ unit: UNITS, partner: PARTNERS });
    const { side, at } = await actionPlan(lists);
    expect(await dropdownOf(side, at('Samverkanspart', 1))).toEqual(['Tensta IF', 'Försäkringskassan']);
    lists.set('unit', [{ id: 'vc-tensta', name: 'Tensta VC (ny)' }, ...UNITS.slice(1), { id: 'vc-rinkeby', name: 'Rinkeby Vårdcentral' }]);
    await side.settle();
    await side.binding.flush();
    expect(side.host.readText(side.binding.sheetName, at('Enhet', 1))).toEqual([['Tensta VC (ny)']]);
    expect(await dropdownOf(side, at('Enhet', 1))).toEqual(['Tensta VC (ny)', 'Husby Akalla vårdcentral', 'Rinkeby Vårdcentral']);
    expect(rowsOf(side.doc)[0]?.values.unit).toBe('vc-tensta');
  });

  it('show kommun names from the catalog and store SCB codes', async () => {
    const doc = docWith('partners', [{ name: 'Botkyrka IF', type: 'forening', kommun: '0127' }]);
    const side = await openSide(doc, 'partners', { refLists: refListsFeed() });
    opened.push(side);
    const headers = side.host.readTable(side.binding.tableName).headers;
    const cell = `${String.fromCharCode(65 + headers.indexOf('Kommun'))}2`;
    expect(side.host.readText(side.binding.sheetName, cell)).toEqual([['Botkyrka']]);
    side.host.user.type(side.binding.sheetName, cell, 'Huddinge');
    await side.settle();
    expect(rowsOf(doc)[0]?.values.kommun).toBe('0126');
    // A kommun of a län the catalog does not list completely (Malmö) is still taken by its code.
    side.host.user.paste(side.binding.sheetName, cell, [['1280']]);
    await side.settle();
    expect(rowsOf(doc)[0]?.values.kommun).toBe('1280');
  });
});
