import { describe, expect, it } from 'vitest';
import { trendChartSvg } from '../../../shared/indicators/chart-svg.js';

describe('trendChartSvg', () => {
  it('draws one point per present value and a dashed target line', () => {
    const svg = trendChartSvg({
      title: 'FaR <följda upp>',
      points: [
        { period: '2022', value: 40 },
        { period: '2023', value: 50 },
        { period: '2024', value: 55 },
      ],
      target: 60,
      direction: 'higher',
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('FaR &lt;följda upp&gt;');
    expect(svg).not.toContain('<följda');
  });
  it('breaks the line at a missing value instead of drawing it as 0', () => {
    const svg = trendChartSvg({
      title: 't',
      points: [
        { period: '2022', value: 1 },
        { period: '2023', value: null },
        { period: '2024', value: 3 },
      ],
      target: null,
      direction: null,
    });
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('L');
  });
  it('says there are no values when there are none', () => {
    expect(trendChartSvg({ title: 't', points: [{ period: '2024', value: null }], target: 5, direction: 'lower', emptyLabel: 'No values' })).toContain('No values');
  });
});
