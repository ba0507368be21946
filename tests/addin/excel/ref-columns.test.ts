/**
 * Reference columns (`ColumnDef.ref`) in the bound sheet: cells show names and the doc stores
 * ids; a name typed or pasted in any case and spacing is stored as its id; an unknown name stays
 * as typed with a problem naming the column and the closest names; the dropdowns are fed from the
 * live lists, and when a list changes the dropdown and the cells of a renamed entry follow.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed, type RefListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { columnLetter } from '../../../addin/excel/sheet/layout.js';
import { tableNameFor } from '../../../addin/excel/sheet/layout.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();

const UNITS = [
  { id: 'vc-tensta', name: 'Tensta vårdcentral' },
  { id: 'vc-husby-akalla', name: 'Husby Akalla vårdcentral' },
];
// Partners by the row ids of their rows in the partner list.
const PARTNERS = [
  { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
  { id: 'Fk7sD1wQ9nBc', name: 'Försäkringskassan' },
];

async function actionPlan(lists: RefListsFeed): Promise<{ side: Side; at: (header: string, row: number) => string }> {
  const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', indicator: 'sfh-12', partner: 'Tq3vX8pL2mZa' }]);
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

  it('keep an unknown name as typed, with a problem naming the column, the closest names and that a name is stored (never which)', async () => {
    const { side, at } = await actionPlan(refListsFeed({ unit: UNITS }));
    side.host.user.paste(side.binding.sheetName, at('Enhet', 1), [['Tenstavårdcentral']]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.unit).toBe('vc-tensta');
    const problem = side.binding.problems.find((p) => p.column === 'unit' && p.code === 'unknown-ref');
    expect(problem?.message.sv).toBe('Enhet: "Tenstavårdcentral" finns inte i listan. Menade du "Tensta vårdcentral"? Ett värde är sparat i planen och ändras inte av det du skrev.');
    expect(problem?.message.en).toContain('Did you mean "Tensta vårdcentral"? A value is stored in the plan, unchanged by what you typed.');
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

describe('partner references', () => {
  /** An activity plan with `rows` partner cells as stored, bound with the partner list `PARTNERS`. */
  async function plan(partners: (string | null)[], lists = refListsFeed({ partner: PARTNERS })) {
    const doc = docWith('activity-plan', partners.map((partner, i) => ({ title: `Aktivitet ${i}`, type: 'halsodag', partner })));
    const side = await openSide(doc, 'activity-plan', { refLists: lists });
    opened.push(side);
    const col = side.host.readTable(side.binding.tableName).headers.indexOf('Samverkanspart');
    const shown = () => side.host.readTable(side.binding.tableName).rows.map((r) => r[col]);
    const problems = () => side.binding.problems.filter((p) => p.column === 'partner').map((p) => [rowsOf(doc).findIndex((r) => r.id === p.rowId), p.code, p.severity, p.message.sv]);
    let written = 0;
    side.host.onValuesWritten((w) => {
      if (w.sheet === side.binding.sheetName && w.origin.triggerSource === 'ThisLocalAddin' && col >= w.rect.col && col < w.rect.col + w.rect.cols) written += w.rect.rows;
    });
    return { doc, side, lists, col, shown, problems, written: () => written };
  }

  it('store a partner chosen in the sheet as its id and show its name; a name stored before ids shows as that partner', async () => {
    const { doc, side, col, shown, problems } = await plan(['Fk7sD1wQ9nBc', 'tensta  if', null]);
    expect(shown()).toEqual(['Försäkringskassan', 'Tensta IF', '']);
    expect(problems()).toEqual([]);
    side.host.user.type(side.binding.sheetName, `${columnLetter(col)}4`, 'Tensta IF');
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.partner)).toEqual(['Fk7sD1wQ9nBc', 'tensta  if', 'Tq3vX8pL2mZa']);
  });

  it('store the id of a name stored before ids once the sheet is read again (a sort), and keep a name no partner has', async () => {
    const { doc, side } = await plan(['röda korset', 'Okänd aktör'], refListsFeed({ partner: [...PARTNERS, { id: 'Rk2aB4cD6eFg', name: 'Röda Korset' }] }));
    side.host.user.sortTable(side.binding.tableName, 'Aktivitet', false);
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.partner)).toEqual(['Rk2aB4cD6eFg', 'Okänd aktör']);
  });

  it('keep a stored name no partner has as it is, shown as a problem with the closest names', async () => {
    const { doc, side, shown, problems } = await plan(['Försäkringskasan', 'Fk7sD1wQ9nBc']);
    await side.settle();
    expect(shown()).toEqual(['Försäkringskasan', 'Försäkringskassan']);
    expect(problems()).toEqual([[0, 'unknown-ref', 'warning', 'Samverkanspart: "Försäkringskasan" finns inte i listan. Menade du "Försäkringskassan"?']]);
    expect(rowsOf(doc)[0]?.values.partner).toBe('Försäkringskasan');
  });

  it('follow a renamed partner in the cells that show it, writing only those cells', async () => {
    const stored = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 'Tq3vX8pL2mZa' : 'Fk7sD1wQ9nBc'));
    const { side, lists, shown, written } = await plan(stored);
    lists.set('partner', [{ id: 'Tq3vX8pL2mZa', name: 'Tensta Idrottsförening' }, PARTNERS[1]!]);
    await side.settle();
    expect(shown().filter((n) => n === 'Tensta Idrottsförening')).toHaveLength(50);
    expect(shown().filter((n) => n === 'Försäkringskassan')).toHaveLength(150);
    expect(written()).toBe(50);
    // A partner added to the list changes no cell.
    lists.set('partner', [{ id: 'Tq3vX8pL2mZa', name: 'Tensta Idrottsförening' }, PARTNERS[1]!, { id: 'Rk2aB4cD6eFg', name: 'Röda Korset' }]);
    await side.settle();
    expect(written()).toBe(50);
  });

  it('show a stored name again once a partner of that name is added, and drop its problem', async () => {
    const { side, lists, problems } = await plan(['Röda korset']);
    await side.settle();
    expect(problems().map((p) => p[1])).toEqual(['unknown-ref']);
    lists.set('partner', [...PARTNERS, { id: 'Rk2aB4cD6eFg', name: 'Röda Korset' }]);
    await side.settle();
    await side.binding.flush();
    expect(problems()).toEqual([]);
    expect(side.host.readTable(side.binding.tableName).rows[0]).toContain('Röda Korset');
  });
});

describe('a new table rendered before its lists arrive', () => {
  it('ends showing names with their dropdowns when the lists arrive while it is being opened, and the doc keeps its ids', async () => {
    const lists = refListsFeed();
    const host = createWorkbook();
    // The lists arrive right after the request that made the table, before the binding is done opening.
    const run = host.run.bind(host) as (batch: (context: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    let arrived = false;
    host.run = (async (batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      const out = await run(batch);
      if (!arrived && host.model.table(tableNameFor('plan-test'))) {
        arrived = true;
        lists.set('unit', UNITS);
        lists.set('partner', PARTNERS);
      }
      return out;
    }) as typeof host.run;
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', partner: 'Tq3vX8pL2mZa' }]);
    const side = await openSide(doc, 'action-plan', { refLists: lists }, host);
    opened.push(side);
    await side.settle();
    expect(arrived).toBe(true);
    const headers = host.readTable(side.binding.tableName).headers;
    const at = (header: string): string => `${String.fromCharCode(65 + headers.indexOf(header))}2`;
    await expect.poll(() => [host.readText(side.binding.sheetName, at('Enhet')), host.readText(side.binding.sheetName, at('Samverkanspart'))], { timeout: 5000 }).toEqual([[['Tensta vårdcentral']], [['Tensta IF']]]);
    expect(await dropdownOf(side, at('Samverkanspart'))).toEqual(['Tensta IF', 'Försäkringskassan']);
    expect(rowsOf(doc).map((r) => [r.values.unit, r.values.partner])).toEqual([['vc-tensta', 'Tq3vX8pL2mZa']]);
  });
});
