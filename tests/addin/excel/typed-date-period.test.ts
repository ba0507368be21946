/**
 * A date typed in the bound sheet without its year, in a plan whose title names a period other
 * than one calendar year, is read as a file's import reads it (`planDates`): in `Plan ht 2025`
 * (August to December) `10/10` is 10 October 2025 and `10/1` lies outside the plan, refused in
 * words in Problems with the cell kept as typed; in `läsåret 2025/26` `3/1` is 3 January 2026; in
 * `2025–2026` `3/1` could be either year and is refused naming both. On the old code the sheet read
 * the title by `planYear`: `10/1` in `ht 2025` was 10 January 2025, silently, and in the longer
 * plans the year was assumed from the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { findClosedEdits } from '../../../addin/excel/closed-edits.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const START = cellAt('activity-plan', 'startDate', 0);
const opened = disposedAfterEach();

function planDoc(title: string) {
  const doc = docWith('activity-plan', [{ title: 'Promenad', type: 'halsodag', startDate: '2025-09-01' }]);
  setMeta(doc, { title });
  return doc;
}

async function typeStart(title: string, typed: string) {
  const side = await openSide(planDoc(title), 'activity-plan');
  opened.push(side);
  side.host.user.type(SHEET, START, typed);
  await side.settle();
  return {
    stored: rowsOf(side.doc)[0]!.values.startDate,
    shown: side.host.readText(SHEET, START),
    said: side.binding.problems.filter((p) => p.column === 'startDate'),
  };
}

describe('a date typed without its year in a plan of another period than one calendar year', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('in "Plan ht 2025", "10/10" is 10 October 2025, said nowhere', async () => {
    const { stored, said } = await typeStart('Plan ht 2025', '10/10');
    expect(stored).toBe('2025-10-10');
    expect(said).toEqual([]);
  });

  it('in "Plan ht 2025", "10/1" is outside the plan: not stored, kept as typed, refused in words in Problems', async () => {
    const { stored, shown, said } = await typeStart('Plan ht 2025', '10/1');
    expect(stored).toBe('2025-09-01');
    expect(shown).toEqual([['10/1']]);
    expect(said).toEqual([expect.objectContaining({ severity: 'error', code: 'date-outside-plan' })]);
    expect(said[0]!.message.sv).toContain('Startdatum');
    expect(said[0]!.message.sv).toContain('"10/1"');
    expect(said[0]!.message.sv).toContain('ht 2025');
  });

  it('in "Aktivitetsplan läsåret 2025/26", "3/1" is 3 January 2026, said nowhere', async () => {
    const { stored, said } = await typeStart('Aktivitetsplan läsåret 2025/26', '3/1');
    expect(stored).toBe('2026-01-03');
    expect(said).toEqual([]);
  });

  it('in "Aktivitetsplan 2025–2026", "3/1" could be either year: kept as typed and refused naming both dates', async () => {
    const { stored, shown, said } = await typeStart('Aktivitetsplan 2025–2026', '3/1');
    expect(stored).toBe('2025-09-01');
    expect(shown).toEqual([['3/1']]);
    expect(said).toEqual([expect.objectContaining({ severity: 'error', code: 'date-year-ambiguous' })]);
    expect(said[0]!.message.sv).toBe('Startdatum: "3/1" saknar år, och planens titel nämner 2025–2026: det kan vara 3 januari 2025 eller 3 januari 2026. Skriv året. Ett värde är sparat i planen och ändras inte av det du skrev.');
  });

  it('reads a refused date again when the title is renamed to one that takes it: "10/1" refused in "Plan ht 2025" is 10 January 2025 in "Plan 2025"', async () => {
    const side = await openSide(planDoc('Plan ht 2025'), 'activity-plan');
    opened.push(side);
    side.host.user.type(SHEET, START, '10/1');
    await side.settle();
    expect(side.binding.problems.filter((p) => p.column === 'startDate')).toEqual([expect.objectContaining({ code: 'date-outside-plan' })]);
    setMeta(side.doc, { title: 'Plan 2025' });
    await expect.poll(() => rowsOf(side.doc)[0]!.values.startDate, { timeout: 5000 }).toBe('2025-01-10');
    await side.settle();
    expect(side.binding.problems.filter((p) => p.column === 'startDate')).toEqual([]);
  });

  it('and the other way: "3/1" refused as two years in "Aktivitetsplan 2025–2026" is 3 January 2026 once the title says läsåret 2025/26', async () => {
    const side = await openSide(planDoc('Aktivitetsplan 2025–2026'), 'activity-plan');
    opened.push(side);
    side.host.user.type(SHEET, START, '3/1');
    await side.settle();
    expect(side.binding.problems.filter((p) => p.column === 'startDate')).toEqual([expect.objectContaining({ code: 'date-year-ambiguous' })]);
    setMeta(side.doc, { title: 'Aktivitetsplan läsåret 2025/26' });
    await expect.poll(() => rowsOf(side.doc)[0]!.values.startDate, { timeout: 5000 }).toBe('2026-01-03');
  });

  it('keeps refusing a date the renamed title refuses too, in the words of the new title', async () => {
    const side = await openSide(planDoc('Plan ht 2025'), 'activity-plan');
    opened.push(side);
    side.host.user.type(SHEET, START, '10/1');
    await side.settle();
    setMeta(side.doc, { title: 'Plan ht 2026' });
    await expect.poll(() => side.binding.problems.find((p) => p.column === 'startDate')?.message.sv ?? '', { timeout: 5000 }).toContain('utanför ht 2026');
    expect(rowsOf(side.doc)[0]!.values.startDate).toBe('2025-09-01');
    expect(side.host.readText(SHEET, START)).toEqual([['10/1']]);
  });

  it('typed while the pane was closed, "10/1" in "Plan ht 2025" is not counted as an edit to send, and on opening is refused in Problems, kept as typed', async () => {
    const doc = planDoc('Plan ht 2025');
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    await first.binding.dispose();
    first.host.user.type(SHEET, START, '10/1');
    await first.host.settle();
    const run = ((batch: never) => first.host.run(batch)) as unknown as ExcelRun;
    expect(await findClosedEdits(run, [{ id: 'plan-test', kind: 'activity-plan', title: 'Plan ht 2025' }])).toEqual([]);
    const again = await openSide(doc, 'activity-plan', {}, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc)[0]!.values.startDate).toBe('2025-09-01');
    expect(again.host.readText(SHEET, START)).toEqual([['10/1']]);
    expect(again.binding.problems.filter((p) => p.column === 'startDate')).toEqual([expect.objectContaining({ severity: 'error', code: 'date-outside-plan' })]);
  });
});
