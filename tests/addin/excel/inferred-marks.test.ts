import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { INFERRED_FILL } from '../../../addin/excel/remote/inferred-marks.js';
import { docWith, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

const goals = (marked: readonly string[]) =>
  Object.fromEntries(['motivation', 'prevention', 'physical-activity', 'health-information', 'accessibility'].map((g) => [`goals.${g}`, marked.includes(g)]));

describe('bindTable: goals inferred from the activity type', () => {
  it('fills the inferred goal cells light purple, notes them once in Problems, and drops the mark when someone changes the goals', async () => {
    const doc = docWith('activity-plan', [
      { title: 'Hälsodag på torget', type: 'halsodag', startDate: '2025-05-14', endDate: '2025-05-14', ...goals(['motivation', 'prevention', 'health-information', 'accessibility']) },
      { title: 'Promenadgrupp', type: 'promenadgrupp', startDate: '2025-04-01', endDate: '2025-06-01', ...goals(['motivation', 'prevention', 'physical-activity', 'health-information', 'accessibility']) },
    ]);
    const problems: Problem[][] = [];
    const side = await openSide(doc, 'activity-plan', { onProblems: (p) => problems.push([...p]) });
    open.push(side);
    await side.settle();
    const headers = side.host.readTable(side.binding.tableName).headers;
    const fillAt = (row: number, header: string) => side.host.view(side.binding.sheetName)?.cells[row]?.[headers.indexOf(header)]?.fill;
    const motivation = headers.find((h) => h.includes('Motivationshöjning')) as string;
    const activity = headers.find((h) => h.includes('Ökad fysisk aktivitet')) as string;
    expect(fillAt(1, motivation)).toBe(INFERRED_FILL);
    expect(fillAt(1, activity)).toBeUndefined();
    expect(fillAt(2, motivation)).toBeUndefined();
    const notes = () => (problems.at(-1) ?? []).filter((p) => p.code === 'goals-inferred');
    expect(notes().map((p) => [p.severity, p.rowId, p.message.sv])).toEqual([
      ['info', rowsOf(doc)[0]?.id, 'Härlett från aktivitetstyp: målen i 1 rad är Tabell 1:s för typen, och var kryssen står i tabellen har tolkats ur KIM-rapportens text (ljuslila celler). Kontrollera dem.'],
    ]);
    setCells(doc, rowsOf(doc)[0]?.id as string, { 'goals.physical-activity': true });
    await side.settle();
    expect(fillAt(1, motivation)).toBeUndefined();
    expect(notes()).toEqual([]);
  });
});
