import { describe, expect, it } from 'vitest';
import { trendChartSvg } from '../../../shared/indicators/chart-svg.js';
import { indicatorNumbers } from '../../../shared/indicators/round.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

describe('trendChartSvg', () => {
  it('cuts a long title without making an identity number of its digits', () => {
    // 53 characters; cut to 51 the eleven digits (no number) would end in 850101-1236.
    const title = `${'A'.repeat(41)}85010112367x`;
    const svg = trendChartSvg({ title, points: [{ period: '2024', value: 1 }], target: null, direction: 'higher' });
    const shown = /font-weight="600">([^<]*)</.exec(svg)?.[1] ?? '';
    expect(shown).toBe(`${'A'.repeat(41)}…`);
    expect(findPersonnummer(shown)).toBeNull();
  });

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
  it('writes every number as the indicator\'s list does: its decimals, the reader\'s decimal sign, no trailing zero', () => {
    const svg = trendChartSvg({ title: 't', points: [{ period: '2024', value: 3.8 }, { period: '2025', value: 0.25 }], target: 4, direction: 'lower', axisUnit: 'veckor' });
    const numbers = [...svg.matchAll(/<title>2\d{3}: ([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(numbers).toEqual([indicatorNumbers('veckor', 'sv').value(3.8), indicatorNumbers('veckor', 'sv').value(0.25)]);
    expect(numbers).toEqual(['3,8', '0,3']);
    expect(svg).toContain('Mål 4<');
    const en = trendChartSvg({ title: 't', points: [{ period: '2025', value: 1250.4 }], target: null, direction: 'higher', axisUnit: 'antal', lang: 'en' });
    expect(en).toContain('<title>2025: 1,250</title>');
    // A count's target of a quarter is a share of the year's: 2,5, not rounded to 3.
    expect(trendChartSvg({ title: 't', points: [{ period: '2025Q2', value: 2 }], target: 2.5, direction: 'higher', axisUnit: 'antal' })).toContain('Mål 2,5<');
  });
});
