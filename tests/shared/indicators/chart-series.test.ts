import { describe, expect, it } from 'vitest';
import { chartSeries, depthsOf } from '../../../shared/indicators/chart-series.js';
import { trendChartSvg } from '../../../shared/indicators/chart-svg.js';
import { chartNote } from '../../../shared/indicators/chart-words.js';
import type { IndicatorDefinition } from '../../../shared/indicators/definitions.js';
import type { IndicatorTableRow } from '../../../shared/indicators/table.js';

const units = [
  { code: 'sll', parent: null },
  { code: 'vc-a', parent: 'sll' },
  { code: 'vc-b', parent: 'sll' },
];
const depthOf = depthsOf(units);

function def(over: Partial<IndicatorDefinition>): IndicatorDefinition {
  return { id: 'x', name: 'X', area: null, unitOfMeasure: 'procent', measure: 'ratio', factor: 100, direction: 'higher', baseline: null, target: 80, min: null, max: null, ...over } as IndicatorDefinition;
}
function row(unit: string, period: string, value: number, numerator: number | null = null, denominator: number | null = null): IndicatorTableRow {
  return { indicator: 'x', unit, period, value, numerator, denominator } as IndicatorTableRow;
}

describe('chartSeries', () => {
  it("without a unit, draws the region's own values and never blends in the clinics'", () => {
    // The sfh-12: the region at 85.2 in both years, clinics at 60 in 2025.
    const rows = [row('sll', '2024', 85.2), row('sll', '2025', 85.2), row('vc-a', '2025', 60, 6, 10), row('vc-b', '2025', 60, 6, 10)];
    const s = chartSeries(rows, def({}), { depthOf });
    expect(s.points).toEqual([
      { period: '2024', value: 85.2 },
      { period: '2025', value: 85.2 },
    ]);
    expect(s).toMatchObject({ units: ['sll'], pooled: false, target: 80 });
  });

  it('pools one level of clinics as sum of numerators over sum of denominators, against the target', () => {
    const rows = [row('vc-a', '2025', 50, 30, 60), row('vc-b', '2025', 25, 10, 40)];
    const s = chartSeries(rows, def({}), { depthOf });
    expect(s.points).toEqual([{ period: '2025', value: 40 }]);
    expect(s).toMatchObject({ pooled: true, target: 80, perUnitTarget: null });
  });

  it('sums counts over clinics without drawing the per-clinic target against the sum', () => {
    const rows = [row('vc-a', '2025', 30), row('vc-b', '2025', 25)];
    const far = def({ measure: 'count', unitOfMeasure: 'antal', target: 40, factor: 1 });
    const s = chartSeries(rows, far, { depthOf });
    expect(s.points).toEqual([{ period: '2025', value: 55 }]);
    expect(s).toMatchObject({ target: null, perUnitTarget: 40 });
    expect(chartNote(s, far, 'sv', (c) => c)).toBe('Summa för 2 enheter · mål per enhet 40');
    // One clinic chosen: its own values against its own target.
    expect(chartSeries(rows, far, { unit: 'vc-b', depthOf })).toMatchObject({ points: [{ period: '2025', value: 25 }], target: 40, perUnitTarget: null });
  });
});

describe('trendChartSvg layout', () => {
  const base = { title: 'Andel FaR följda upp efter ca 6 månader – Tensta vårdcentral', direction: 'higher' as const, width: 280, height: 100 };

  it('starts the y-axis at zero for counts and percentages and writes the unit at the axis', () => {
    const svg = trendChartSvg({ ...base, points: [{ period: '2024', value: 74.6 }, { period: '2025', value: 85.2 }], target: null, zeroBased: true, axisUnit: 'procent' });
    const ticks = [...svg.matchAll(/text-anchor="end" fill="#666">([^<]+)</g)].map((m) => m[1]);
    expect(ticks).toContain('0');
    expect(svg).toContain('class="axis-unit">procent<');
  });

  it('never puts the target label in the title band, even when the target is the highest value', () => {
    const svg = trendChartSvg({ ...base, points: [{ period: '2024', value: 10 }, { period: '2025', value: 20 }], target: 40, zeroBased: true });
    const labelY = Number(/y="([\d.]+)"[^>]*class="target-label"/.exec(svg)?.[1]);
    const titleY = Number(/<text x="4" y="([\d.]+)"/.exec(svg)?.[1]);
    // The label's top (baseline − 9 px font) stays below the title's baseline plus its band.
    expect(labelY - 9).toBeGreaterThan(titleY + 4);
    expect(svg).toContain('Mål 40<');
  });

  it('shortens a long title to the chart width and keeps the whole title as its name', () => {
    const svg = trendChartSvg({ ...base, title: 'x'.repeat(200), points: [{ period: '2025', value: 1 }], target: null });
    const shown = /<text x="4" y="13"[^>]*>([^<]+)</.exec(svg)?.[1] ?? '';
    expect(shown.length).toBeLessThanOrEqual(Math.floor((280 - 8) / 6));
    expect(shown.endsWith('…')).toBe(true);
    expect(svg).toContain(`aria-label="${'x'.repeat(200)}"`);
  });

  it('writes periods in words when given how', () => {
    const svg = trendChartSvg({ ...base, points: [{ period: '2025Q4', value: 1 }], target: null, periodText: (p) => (p === '2025Q4' ? '2025 kv 4' : p) });
    expect(svg).toContain('>2025 kv 4<');
    expect(svg).not.toContain('>2025Q4<');
  });
});

describe('indicatorSummaries (the pane list)', () => {
  it('draws one level only, and no per-clinic target against a sum of clinics', async () => {
    const { indicatorSummaries } = await import('../../../addin/indicators/indicator-summary.js');
    const far = def({ id: 'x', measure: 'count', unitOfMeasure: 'antal', target: 40, factor: 1 });
    const rows = [row('vc-a', '2025', 30), row('vc-b', '2025', 25)].map((r) => ({ ...r, kon: 'T' as const }));
    const [line] = indicatorSummaries(new Map([['x', far]]), { rows, validated: true } as never, { depthOf });
    expect(line?.points).toEqual([{ period: '2025', value: 55 }]);
    expect(line?.target).toBeNull();
    expect(line?.series.perUnitTarget).toBe(40);
  });
});
