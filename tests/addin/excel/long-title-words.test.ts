/**
 * A title of 201–2,000 characters typed in the sheet is stored in full (the 200 is the column's
 * rule, reported; 2,000 is what a cell may hold): Problems says so, where it used to read "högst
 * 200 får plats", as if it was not saved.
 */
import { expect, it } from 'vitest';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const sides = disposedAfterEach();

it('a 350-character title is stored in full and Problems says it is saved, not that it does not fit', async () => {
  const doc = docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }]);
  const side = await openSide(doc, 'activity-plan');
  sides.push(side);
  const long = `Hälsodag i Tensta ${'med blodtryck och samtal om levnadsvanor '.repeat(8)}`.slice(0, 349).trimEnd().padEnd(350, '.');
  side.host.user.type('plan-test', cellAt('activity-plan', 'title', 0), long);
  await side.settle();
  const rowId = rowsOf(doc)[0]!.id;
  expect(getRow(doc, rowId)?.values.title).toBe(long);
  const [problem] = side.binding.problems.filter((p) => p.column === 'title');
  expect(problem?.code).toBe('too-long');
  expect(problem?.message.sv).toContain('texten är 350 tecken');
  expect(problem?.message.sv).toContain('Den sparas i sin helhet');
  expect(problem?.message.sv).not.toContain('får plats');
});
