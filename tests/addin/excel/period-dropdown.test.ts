/**
 * The Period column of indicator values has a dropdown of periods in words: the document's own
 * periods, the workspace's rounds' and the current and previous year's quarters, newest first;
 * a period picked from it is stored as its code.
 */
import { describe, expect, it } from 'vitest';
import { deleteRows, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import type { LivePeriods } from '../../../addin/excel/sheet/types.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { periodChoiceCodes, periodChoices } from '../../../shared/i18n/period-choices.js';
import { disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();

async function dropdownOf(side: Side, address: string): Promise<string[]> {
  return side.host.run(async (context) => {
    const rule = context.workbook.worksheets.getItem(side.binding.sheetName).getRange(address).dataValidation;
    rule.load('rule');
    await context.sync();
    const m = /^='(.+)'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(String(rule.rule.list?.source ?? ''));
    if (!m) return [];
    const range = context.workbook.worksheets.getItem(m[1]!.replace(/''/g, "'")).getRange(`${m[2]}1:${m[2]}${m[3]}`);
    range.load('values');
    await context.sync();
    return range.values.map((r) => String(r[0]));
  });
}

describe('the Period dropdown', () => {
  it('lists the periods in use, the rounds\' and this and last year\'s quarters in words, and stores a picked one as its code', async () => {
    const year = new Date().getFullYear();
    const doc = docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-tensta', period: '2023', kon: 'T', value: 1 }]);
    const side = await openSide(doc, 'indicator-values', { periods: ['2022S2'] });
    opened.push(side);
    const headers = side.host.readTable(side.binding.tableName).headers;
    const period = `${String.fromCharCode(65 + headers.indexOf('Period'))}2`;
    const list = await dropdownOf(side, period);
    expect(list.slice(0, 8)).toEqual([4, 3, 2, 1].map((q) => `${year} kv ${q}`).concat([4, 3, 2, 1].map((q) => `${year - 1} kv ${q}`)));
    expect(list.slice(8)).toEqual(['2023', '2022 halvår 2']);
    expect(side.host.readText(side.binding.sheetName, period)).toEqual([['2023']]);
    side.host.user.paste(side.binding.sheetName, period, [[`${year - 1} kv 3`]]);
    await side.settle();
    await side.binding.flush();
    expect(rowsOf(side.doc)[0]?.values.period).toBe(`${year - 1}Q3`);
  });
});

describe('the Period dropdown, live', () => {
  /** How many times the list sheet was written from now on (each rewrite writes its list in one rectangle). */
  function counted(side: Side): () => number {
    let lists = 0;
    side.host.onValuesWritten((w) => {
      if (w.sheet.startsWith('Samplan listor')) lists++;
    });
    return () => lists;
  }

  it('follows the rows and the rounds: one list write when a period appears or goes, none for any other change', async () => {
    const doc = docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-tensta', period: '2023', kon: 'T', value: 1 }]);
    let roundPeriods: string[] = [];
    const listeners = new Set<() => void>();
    const rounds: LivePeriods = { current: () => roundPeriods, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const side = await openSide(doc, 'indicator-values', { periods: rounds });
    opened.push(side);
    const listWrites = counted(side);
    const headers = side.host.readTable(side.binding.tableName).headers;
    const period = `${String.fromCharCode(65 + headers.indexOf('Period'))}2`;
    const [first] = rowsOf(doc).map((r) => r.id);

    setCell(doc, first!, 'value', 2);
    const second = insertRow(doc, { indicator: 'sfh-12', unit: 'vc-husby', period: '2023', kon: 'T', value: 3 });
    await side.settle();
    expect(listWrites()).toBe(0);

    setCell(doc, second, 'period', '2019');
    await side.settle();
    expect(listWrites()).toBe(1);
    expect(await dropdownOf(side, period)).toContain('2019');

    roundPeriods = ['2018S1'];
    for (const l of listeners) l();
    await side.settle();
    expect(listWrites()).toBe(2);
    expect(await dropdownOf(side, period)).toContain('2018 halvår 1');
    for (const l of listeners) l();
    await side.settle();
    expect(listWrites()).toBe(2);

    deleteRows(doc, [second]);
    await side.settle();
    expect(listWrites()).toBe(3);
    expect(await dropdownOf(side, period)).not.toContain('2019');
  });

  it('writes the list once when it opens a table made in an earlier session, which may show an old list', async () => {
    const doc = docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-tensta', period: '2023', kon: 'T', value: 1 }]);
    const host = createWorkbook();
    const first = await openSide(doc, 'indicator-values', {}, host);
    await first.binding.dispose();
    const again = await openSide(doc, 'indicator-values', { periods: ['2017'] }, host);
    opened.push(again);
    await again.settle();
    const headers = again.host.readTable(again.binding.tableName).headers;
    expect(await dropdownOf(again, `${String.fromCharCode(65 + headers.indexOf('Period'))}2`)).toContain('2017');
  });
});

describe('periodChoices', () => {
  it('puts a year before the parts of it, later starts first, each once, and leaves out what is no period', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    expect(periodChoiceCodes(['2025Q2', '2025', '202511', '2025S2', 'sommar', null, 2024], now)).toEqual([
      '2025', '202511', '2025Q4', '2025S2', '2025Q3', '2025Q2', '2025Q1', '2024Q4', '2024Q3', '2024Q2', '2024Q1',
    ]);
    expect(periodChoices(['202511'], now, 'en').slice(0, 2)).toEqual(['November 2025', '2025 Q4']);
  });
});
