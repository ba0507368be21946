/**
 * The sheet's Problems name a duplicate's other row by the sheet row the person sees. Fails on the
 * old words ("finns redan på en annan rad"), which named no row: in a sheet of hundreds of values
 * the person could not find the first one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { docWith, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

describe('bindTable: a duplicate names the other row', () => {
  it('by its sheet row number', async () => {
    const row = { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2026Q1', kon: 'T', value: 12 };
    const doc = docWith('indicator-values', [{ ...row, unit: 'vc-husby' }, row, { ...row, kon: 'K' }, { ...row, value: 14 }]);
    const problems: Problem[][] = [];
    const side = await openSide(doc, 'indicator-values', { onProblems: (p) => problems.push([...p]) });
    open.push(side);
    await side.settle();
    const dup = (problems.at(-1) ?? []).find((p) => p.code === 'duplicate');
    const [, same, , last] = rowsOf(doc).map((r) => r.id);
    expect(dup?.rowId).toBe(last);
    expect(dup?.otherRowId).toBe(same);
    const shown = side.binding.sheetRow(same as string);
    expect(shown).toBeGreaterThan(2);
    expect(dup?.message.sv).toContain(`finns redan på rad ${shown}. `);
    expect(dup?.message.en).toContain(`is already on row ${shown}. `);
  });
});
