/**
 * The pane's own check of what is typed in the sheet (`local/guard.ts`) refuses a personnummer
 * written in groups split by spaces, as the server does, and lets phone numbers through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

describe('the pane and a personnummer in groups split by spaces', () => {
  it.each(['Ring 8501 01 1236', 'Ring 85 01 01 12 36', 'Ring 850 101 1236', 'Ring 85 - 01 - 01 - 12 - 36'])('refuses %j before it reaches the doc and marks the cell', async (typed) => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Aktivitet 1', type: 'halsodag', startDate: '2026-03-01' }]), 'activity-plan');
    sides.push(side);
    const id = rowsOf(side.doc)[0]?.id as string;
    side.host.user.type(SHEET, 'V2', typed);
    await side.settle();
    expect(getRow(side.doc, id)?.values.comment).toBeUndefined();
    expect(side.host.read(SHEET, 'V2')[0]?.[0]).toBe(typed);
    expect(side.binding.problems.find((p) => p.column === 'comment')?.code).toBe('personnummer');
  });

  it.each(['Ring 0701 23 1235', 'Ring 070-123 45 67', 'Ring +46 10 180848', 'Ring 070 - 123 45 67', 'Ring 08 - 12 - 34 - 56'])('stores %j: a phone number', async (typed) => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Aktivitet 1', type: 'halsodag', startDate: '2026-03-01' }]), 'activity-plan');
    sides.push(side);
    const id = rowsOf(side.doc)[0]?.id as string;
    side.host.user.type(SHEET, 'V2', typed);
    await side.settle();
    expect(getRow(side.doc, id)?.values.comment).toBe(typed);
    expect(side.binding.problems.some((p) => p.column === 'comment')).toBe(false);
  });
});
