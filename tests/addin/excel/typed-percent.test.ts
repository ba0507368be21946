/**
 * Percentages typed into a number column. Excel stores `12 %` as 0.12 and shows it as `12%`
 * (it gives a General cell a percent format). Samplan stores percentages as the number written
 * (`12,5 %` in a CSV is 12.5, see `parse-number.ts`), so the cell's 0.12 must not reach the doc
 * as 0.12 while the person sees 12 %: what the person sees is what is stored, and the cell then
 * shows the stored number.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

const cellOf = (key: string, index: number): string => cellAt('indicator-values', key, index);

async function valuesTable(value: number | null = null, rows = 1): Promise<Side> {
  const row = { indicator: 'sfh-12', unit: 'vc-test', period: '2025', kon: 'T', value };
  const doc = docWith('indicator-values', Array.from({ length: rows }, () => ({ ...row })));
  const side = await openSide(doc, 'indicator-values');
  opened.push(side);
  return side;
}

describe('percentages typed into a number column', () => {
  it.each([
    ['12%', 12],
    ['12 %', 12],
    ['12.5%', 12.5],
    ['7%', 7],
  ])('%s is stored as %s, and the cell then shows that number', async (typed, stored) => {
    const side = await valuesTable();
    side.host.user.type(SHEET, cellOf('value', 0), typed);
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(stored);
    expect(side.host.readText(SHEET, cellOf('value', 0))).toEqual([[String(stored)]]);
    const info = side.binding.problems.filter((p) => p.column === 'value');
    expect(info).toEqual([expect.objectContaining({ severity: 'info', code: 'percent-from-format' })]);
    expect(info[0]!.message.sv).toContain('%');
  });

  it('a stored number the person gives a percent format keeps its value, and the cell shows it plainly again', async () => {
    const side = await valuesTable(12);
    const range = cellOf('value', 0);
    await side.host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange(range).numberFormat = [['0%']];
      await context.sync();
    });
    expect(side.host.readText(SHEET, range)).toEqual([['1200%']]);
    // Any change of the row reads it again: the 12 the cell holds is the 12 stored, not 1200.
    side.host.user.type(SHEET, cellOf('source', 0), 'SCB');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12);
    expect(side.host.readText(SHEET, range)).toEqual([['12']]);
  });

  it('a percentage pasted with other rows is stored as the number shown', async () => {
    const side = await valuesTable(null, 2);
    side.host.user.paste(SHEET, cellOf('value', 0), [['25 %'], ['3,5']]);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.value)).toEqual([25, 3.5]);
  });

  it('a percentage typed while the pane was closed is stored as the number shown when the pane opens again', async () => {
    const first = await valuesTable();
    await first.binding.dispose();
    first.host.user.type(SHEET, cellOf('value', 0), '12,5 %'.replace(',', '.'));
    const again = await openSide(first.doc, 'indicator-values', {}, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(again.doc)[0]!.values.value).toBe(12.5);
    expect(again.host.readText(SHEET, cellOf('value', 0))).toEqual([['12.5']]);
  });

  it('a percentage typed while syncing was paused (a header changed) is stored as the number shown when the header is back', async () => {
    const side = await valuesTable();
    const header = cellOf('source', -1);
    const text = side.host.read(SHEET, header)[0]![0] as string;
    side.host.user.type(SHEET, header, 'Källa (ny)');
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBe('columns-changed');
    side.host.user.type(SHEET, cellOf('value', 0), '12 %');
    await side.settle();
    side.host.user.type(SHEET, header, text);
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBeNull();
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12);
    expect(side.host.readText(SHEET, cellOf('value', 0))).toEqual([['12']]);
  });
});

describe('every refused cell keeps what was typed, live and on reopening alike: nothing stored or sent, Problems says why on the cell', () => {
  const plan = { title: 'Promenadgrupp vår', type: 'promenadgrupp', participantsPlanned: 7 };
  const values = { indicator: 'sfh-12', unit: 'vc-test', period: '2025', kon: 'T', value: 7 };
  /** `typed` in `key` (7 stored) live, or while the pane was closed and then opened: the side that read it. */
  async function typedInto(kind: 'activity-plan' | 'indicator-values', key: string, typed: string, when: 'live' | 'closed'): Promise<Side> {
    const first = await openSide(docWith(kind, [kind === 'activity-plan' ? plan : values]), kind);
    opened.push(first);
    await first.settle();
    if (when === 'closed') {
      await first.binding.saveSnapshot();
      await first.binding.dispose();
    }
    first.host.user.type(SHEET, cellAt(kind, key, 0), typed);
    if (when === 'live') {
      await first.settle();
      return first;
    }
    await first.host.settle();
    const again = await openSide(first.doc, kind, {}, first.host);
    opened.push(again);
    await again.settle();
    return again;
  }

  it.each([
    ['a personnummer typed as a percentage', 'indicator-values', 'value', '850101.1236%', '850101.12%', 'personnummer'],
    ['a percentage that is no whole number', 'activity-plan', 'participantsPlanned', '12.5%', '12.50%', 'not-integer'],
    ['a word in a number column', 'activity-plan', 'participantsPlanned', 'tolv', 'tolv', 'not-number'],
  ] as const)('%s (%s %s, typed %s): the cell shows %s', async (_what, kind, key, typed, shown, code) => {
    for (const when of ['live', 'closed'] as const) {
      const side = await typedInto(kind, key, typed, when);
      expect(rowsOf(side.doc)[0]!.values[key]).toBe(7);
      expect(side.host.readText(SHEET, cellAt(kind, key, 0))).toEqual([[shown]]);
      const said = side.binding.problems.filter((p) => p.column === key);
      expect([when, said.map((p) => p.code)]).toEqual([when, [code]]);
      // A personnummer is never repeated in words.
      expect(said[0]!.message.sv).not.toMatch(/850101|1236/);
      // Read again (another cell of the row changed), the cell still shows what was typed and nothing is stored.
      side.host.user.type(SHEET, cellAt(kind, kind === 'activity-plan' ? 'title' : 'source', 0), 'Ändrad');
      await side.settle();
      expect(side.host.readText(SHEET, cellAt(kind, key, 0))).toEqual([[shown]]);
      expect(rowsOf(side.doc)[0]!.values[key]).toBe(7);
      expect(side.binding.problems.filter((p) => p.column === key).map((p) => p.code)).toEqual([code]);
    }
  });
});

describe('percentages typed into a whole-number column (format 0, where Excel also makes the cell a percent)', () => {
  async function planTable(): Promise<Side> {
    const doc = docWith('activity-plan', [{ title: 'Promenadgrupp vår', type: 'promenadgrupp', participantsPlanned: 7 }]);
    const side = await openSide(doc, 'activity-plan');
    opened.push(side);
    return side;
  }
  const planned = cellAt('activity-plan', 'participantsPlanned', 0);

  it('12 % is stored as 12, and the cell then shows 12', async () => {
    const side = await planTable();
    side.host.user.type(SHEET, planned, '12 %');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.participantsPlanned).toBe(12);
    expect(side.host.readText(SHEET, planned)).toEqual([['12']]);
    expect(side.binding.problems.filter((p) => p.column === 'participantsPlanned').map((p) => p.code)).toEqual(['percent-from-format']);
  });
});
