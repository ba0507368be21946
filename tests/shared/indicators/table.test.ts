import { describe, expect, it } from 'vitest';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import { buildIndicatorTable } from '../../../shared/indicators/table.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { RowValues } from '../../../shared/schema/types.js';

const definitions = definitionsFromRows([
  { id: 'far-uppfoljda', name: 'FaR följda upp efter 6 månader', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  { id: 'halsosamtal', name: 'Hälsosamtal', unitOfMeasure: 'antal', direction: 'higher', target: 100 },
  { id: 'far-uppfoljda', name: 'duplicate, ignored' },
]);

const rows: { id: string; values: RowValues }[] = [
  { id: 'r1', values: { indicator: 'far-uppfoljda', unit: 'c1', period: '2024', kon: 'T', numerator: 30, denominator: 60, value: null, status: 'definitiv' } },
  { id: 'r2', values: { indicator: 'far-uppfoljda', unit: 'c2', period: '2024', kon: 'T', numerator: 45, denominator: 60 } },
  { id: 'r3', values: { indicator: 'halsosamtal', unit: 'c1', period: '2024', kon: 'T', value: 120 } },
  { id: 'r4', values: { indicator: 'halsosamtal', unit: 'c2', period: '2024', kon: 'T', value: -5 } },
  { id: 'r5', values: { indicator: 'halsosamtal', unit: 'c2', period: '2024', kon: 'X' } },
];
const problem = (rowId: string, code: string, severity: Problem['severity'] = 'error'): Problem => ({
  doc: 'v',
  rowId,
  column: 'value',
  severity,
  code,
  message: { sv: code, en: code },
});

describe('definitionsFromRows', () => {
  it('reads a ratio when the catalog names a denominator, a count for "antal", a level otherwise', () => {
    expect(definitions.get('far-uppfoljda')).toMatchObject({ measure: 'ratio', factor: 100, name: 'FaR följda upp efter 6 månader' });
    expect(definitions.get('halsosamtal')).toMatchObject({ measure: 'count', factor: 1, baseline: null });
    const levels = definitionsFromRows([{ id: 'medellivslangd', name: 'Medellivslängd', unitOfMeasure: 'År', direction: 'higher' }]);
    expect(levels.get('medellivslangd')?.measure).toBe('level');
  });
});

describe('buildIndicatorTable', () => {
  it('computes values from numerator and denominator and rates them against the target', () => {
    const t = buildIndicatorTable({ rows, definitions, problems: [], filter: { indicators: ['far-uppfoljda'] } });
    expect(t.rows.map((r) => [r.unit, r.value, r.targetStatus])).toEqual([
      ['c1', 50, 'pa-vag'],
      ['c2', 75, 'uppnatt'],
    ]);
    expect(t.rows[0]?.status).toBe('definitiv');
  });

  it('leaves out rows with errors when validated, and says how many and why', () => {
    const t = buildIndicatorTable({ rows, definitions, problems: [problem('r4', 'range'), problem('r1', 'late', 'warning')] });
    expect(t.rows.map((r) => r.unit + ':' + r.indicator)).toEqual(['c1:far-uppfoljda', 'c2:far-uppfoljda', 'c1:halsosamtal']);
    expect(t.leftOut).toBe(2);
    expect(t.leftOutReasons).toEqual({ range: 1, incomplete: 1 });
  });

  it('keeps rows with errors when not validated', () => {
    const t = buildIndicatorTable({ rows, definitions, problems: [problem('r4', 'range')], validated: false });
    expect(t.rows).toHaveLength(4);
    expect(t.leftOut).toBe(0);
  });

  it('filters by unit, period and kön', () => {
    const t = buildIndicatorTable({ rows, definitions, problems: [], filter: { units: ['c1'], periods: ['2024'], kon: ['T'] } });
    expect(t.rows.map((r) => r.indicator)).toEqual(['far-uppfoljda', 'halsosamtal']);
    expect(buildIndicatorTable({ rows, definitions, problems: [], filter: { kon: ['K'] } }).rows).toEqual([]);
  });

  it('does not count filtered-out rows as left out', () => {
    const t = buildIndicatorTable({ rows, definitions, problems: [problem('r4', 'range')], filter: { units: ['c1'] } });
    expect(t.leftOut).toBe(0);
  });
});
