/**
 * The pull dialog ticks the latest year's periods by default. The filter listed those periods one
 * by one, so a period of that year reported later — kv 3 arriving while the manager's workbook is
 * open, or kv 4 in January — never showed in the "live" table, with nothing said. A selection of
 * every offered period of a year now stands for the year, and a later period of it shows up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertRow } from '../../../shared/doc/index.js';
import { matchesFilter } from '../../../shared/indicators/table.js';
import { filterOf, pullChoices } from '../../../addin/indicators/pull-choices.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

const open: PulledTable[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const row = (unit: string, period: string, value: number) => ({ indicator: 'halsosamtal', unit, period, kon: 'T', value });

describe('a table pulled with the default periods (the latest year)', () => {
  it('shows a period of that year reported after the pull, and still none of other years', async () => {
    const docs = indicatorDocs([row('vc-tensta', '2024Q4', 40), row('vc-tensta', '2025Q1', 35), row('vc-tensta', '2025Q2', 46)]);
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const choices = pullChoices(source.definitions(), source.current());
    expect(choices.defaults.periods).toEqual(['2025Q2', '2025Q1']);
    const host = createWorkbook({ sheets: ['Blad1'] });
    const table = await pullIndicatorTable((b) => host.run(b), source, { filter: filterOf(choices, choices.defaults), lang: 'sv', coalesceMs: 5 });
    open.push(table);
    const periods = () => host.readTable('SamplanIndikatorer').rows.map((r) => r[14]);
    expect(periods()).toEqual(['2025Q1', '2025Q2']);
    // Tensta reports kv 3 while the workbook is open; a 2023 correction arrives too.
    insertRow(docs.values.coordinator, row('vc-tensta', '2025Q3', 45));
    insertRow(docs.values.coordinator, row('vc-tensta', '2023', 150));
    await until(() => periods().length === 3);
    expect(periods()).toEqual(['2025Q1', '2025Q2', '2025Q3']);
  });

  it('stands for the year when every offered period of it is ticked; a part of a year stays the periods ticked', () => {
    const docs = indicatorDocs([row('vc-tensta', '2024Q4', 40), row('vc-tensta', '2024Q3', 41), row('vc-tensta', '2025Q1', 35), row('vc-tensta', '2025Q2', 46)]);
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const c = pullChoices(source.definitions(), source.current());
    const whole = filterOf(c, { ...c.defaults, periods: ['2025Q2', '2025Q1'] });
    expect(whole).toMatchObject({ periods: [], years: ['2025'] });
    const obs = (period: string) => ({ indicator: 'halsosamtal', unit: 'vc-tensta', period, kon: 'T' as const, value: 1, numerator: null, denominator: null });
    expect(['2025Q3', '202511', '2025', '2024Q4'].map((p) => matchesFilter(obs(p), whole))).toEqual([true, true, true, false]);
    const part = filterOf(c, { ...c.defaults, periods: ['2025Q2', '2024Q4'] });
    expect(part).toMatchObject({ periods: ['2025Q2', '2024Q4'] });
    expect(part.years ?? []).toEqual([]);
    expect(filterOf(c, { ...c.defaults, periods: ['2025Q2', '2025Q1', '2024Q4', '2024Q3'] }).periods).toEqual([]);
  });
});
