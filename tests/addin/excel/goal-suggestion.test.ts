/**
 * Table 1's goal suggestion in the bound sheet: choosing an activity type on a row whose goal
 * cells are empty fills in the goals Table 1 marks for it, in the doc and in the sheet, with an
 * info problem per goal saying where it came from (and that the marks are inferred, for types
 * whose marks are). Goals someone has already set are never touched.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { GOAL_KEYS } from '../../../shared/catalog/goal-suggestion.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { cellAt, disposedAfterEach, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

const cellOf = (key: string, index: number): string => cellAt('activity-plan', key, index);

async function planWith(rows: RowValues[]): Promise<Side> {
  const doc = createDoc('activity-plan', { title: 'Plan 2026', ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(doc, rows);
  const side = await openSide(doc, 'activity-plan');
  opened.push(side);
  return side;
}

const goalsOf = (values: RowValues): string[] => GOAL_KEYS.filter((k) => values[k] === true);

describe('Table 1 goal suggestion', () => {
  it('fills in all five goals of a walking group in the doc and the sheet, noted as Table 1’s', async () => {
    const side = await planWith([{ title: 'Promenad i Tensta' }]);
    side.host.user.type(SHEET, cellOf('type', 0), 'Promenadgrupp/Gågrupp');
    await side.settle();
    await side.binding.flush();
    const row = rowsOf(side.doc)[0]!;
    expect(row.values.type).toBe('promenadgrupp');
    expect(goalsOf(row.values)).toEqual(GOAL_KEYS);
    for (const key of GOAL_KEYS) expect(side.host.readText(SHEET, cellOf(key, 0))).toEqual([['x']]);
    const notes = side.binding.problems.filter((p) => p.rowId === row.id && p.code.startsWith('goal-suggested'));
    expect(notes.map((p) => [p.column, p.severity, p.code])).toEqual(GOAL_KEYS.map((k) => [k, 'info', 'goal-suggested']));
    expect(notes[0]!.message.sv).toContain('Tabell 1');
  });

  it('says the marks are inferred for a type whose marks are read from the report’s prose', async () => {
    const side = await planWith([{ title: 'Personaldag' }]);
    side.host.user.type(SHEET, cellOf('type', 0), 'Utbildning/kompetenshöjning för personal');
    await side.settle();
    const row = rowsOf(side.doc)[0]!;
    expect(goalsOf(row.values)).toEqual(['goals.motivation', 'goals.health-information', 'goals.accessibility']);
    const notes = side.binding.problems.filter((p) => p.rowId === row.id && p.code === 'goal-suggested-inferred');
    expect(notes).toHaveLength(3);
    expect(notes[0]!.message.sv).toContain('tolkat');
  });

  it('leaves goals someone already marked as they are', async () => {
    const side = await planWith([{ title: 'Hälsodag', 'goals.accessibility': true }]);
    side.host.user.type(SHEET, cellOf('type', 0), 'Promenadgrupp/Gågrupp');
    await side.settle();
    expect(goalsOf(rowsOf(side.doc)[0]!.values)).toEqual(['goals.accessibility']);
  });

  it('fills in the goals of a new row typed below the table', async () => {
    const side = await planWith([{ title: 'Första' }]);
    side.host.user.paste(SHEET, `${cellOf('title', 1)}`, [['Ny promenad', 'Promenadgrupp/Gågrupp']]);
    await side.settle();
    const row = rowsOf(side.doc).find((r) => r.values.title === 'Ny promenad');
    expect(row && goalsOf(row.values)).toEqual(GOAL_KEYS);
  });

  /** A pasted row from the title column on: `cells` by key, everything else blank. */
  function pastedRow(cells: Record<string, string>): string[] {
    const layout = layoutFor('activity-plan', 'plan-test', 'sv');
    const first = layout.columnIndex.get('title') as number;
    const last = Math.max(...GOAL_KEYS.map((k) => layout.columnIndex.get(k) as number));
    return Array.from({ length: last - first + 1 }, (_, i) => cells[layout.columns[first + i - 1]!.key] ?? '');
  }

  it('keeps goals pasted as "nej" with the type: the person said which goals, none', async () => {
    const side = await planWith([{ title: 'Första' }]);
    const no = Object.fromEntries(GOAL_KEYS.map((k) => [k, 'nej']));
    side.host.user.paste(SHEET, cellOf('title', 1), [pastedRow({ title: 'Ny promenad', type: 'Promenadgrupp/Gågrupp', ...no })]);
    await side.settle();
    const row = rowsOf(side.doc).find((r) => r.values.title === 'Ny promenad');
    expect(row && goalsOf(row.values)).toEqual([]);
    expect(side.binding.problems.filter((p) => p.code.startsWith('goal-suggested'))).toEqual([]);
  });

  it('never writes over a goal cell typed with the type, even one that is no yes or no', async () => {
    const side = await planWith([{ title: 'Första' }]);
    const [firstGoal] = GOAL_KEYS as [string];
    side.host.user.paste(SHEET, cellOf('title', 1), [pastedRow({ title: 'Ny promenad', type: 'Promenadgrupp/Gågrupp', [firstGoal]: 'kanske' })]);
    await side.settle();
    const row = rowsOf(side.doc).find((r) => r.values.title === 'Ny promenad')!;
    expect(side.host.readText(SHEET, cellOf(firstGoal, 1))).toEqual([['kanske']]);
    expect(goalsOf(row.values)).toEqual([]);
    expect(side.binding.problems.filter((p) => p.column === firstGoal).map((p) => p.code)).toEqual(['not-boolean']);
  });

  it('suggests nothing for "Annan aktivitet"', async () => {
    const side = await planWith([{ title: 'Något annat' }]);
    side.host.user.type(SHEET, cellOf('type', 0), 'Annan aktivitet');
    await side.settle();
    expect(goalsOf(rowsOf(side.doc)[0]!.values)).toEqual([]);
  });
});
