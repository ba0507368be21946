// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import '../../../addin/indicators/samplan-indicator-list.js';
import '../../../addin/indicators/samplan-indicator-chart.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import type { SamplanIndicatorChart } from '../../../addin/indicators/samplan-indicator-chart.js';
import { $, $$, mount, textOf, until } from '../taskpane/support.js';
import { SFH_INDICATORS } from '../../../shared/catalog/indicators.js';
import { indicatorDocs, linkedDocs } from './fixture.js';

const SFH12 = SFH_INDICATORS[11]!;

const line = (el: Element, id: string) => $(el, `li[data-indicator="${id}"]`) as HTMLElement;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<samplan-indicator-chart>', () => {
  afterEach(() => document.body.replaceChildren());

  it('draws the points over periods and the target line, labelled for screen readers', async () => {
    const el = await mount('samplan-indicator-chart', { label: 'FaR', points: [{ period: '2024', value: 40 }, { period: '2025', value: 55 }], target: 60, direction: 'higher' });
    const chart = $(el, 'svg');
    expect(chart?.getAttribute('aria-label')).toBe('FaR');
    expect($$(el, 'circle')).toHaveLength(2);
    expect(text(chart)).toContain('Mål 60');
  });

  it('says there are no values instead of drawing zeros', async () => {
    const el = await mount('samplan-indicator-chart', { label: 'FaR', points: [{ period: '2025', value: null }], target: 60, lang: 'en' });
    expect(text($(el, 'svg'))).toContain('No values');
    expect($$(el, 'circle')).toHaveLength(0);
  });
});

describe('<samplan-indicator-list>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows each indicator with its latest value, its status as icon and word, and its chart', async () => {
    const { catalog, values } = indicatorDocs();
    const el = await mount('samplan-indicator-list', { source: docIndicatorSource([catalog.manager], [values.manager]) });
    const far = line(el, 'far-6man');
    expect(text(far.querySelector('.name'))).toBe('FaR uppföljda efter 6 månader');
    // Rinkeby 30/60 and Tensta 45/60 pooled: 75/120 = 62.5 %, not the mean of 50 and 75.
    expect(text(far.querySelector('.latest'))).toBe('Senaste 2025: 62,5 procent');
    expect(text(far.querySelector('.target'))).toBe('Mål: 60 procent');
    const status = far.querySelector('.status');
    expect(status?.getAttribute('data-status')).toBe('uppnatt');
    expect(text(status)).toBe('Uppnått');
    expect(status?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    const chart = far.querySelector('samplan-indicator-chart') as SamplanIndicatorChart;
    expect(chart.points).toEqual([{ period: '2025', value: 62.5 }]);
    expect(chart.target).toBe(60);
  });

  it('says when an indicator has no value or no target, without a status', async () => {
    const { catalog, values } = indicatorDocs();
    const el = await mount('samplan-indicator-list', { source: docIndicatorSource([catalog.manager], [values.manager]), lang: 'en' });
    const count = line(el, 'halsosamtal');
    expect(text(count.querySelector('.latest'))).toBe('No value');
    expect(text(count.querySelector('.target'))).toBe('No target');
    expect(count.querySelector('.status')).toBeNull();
  });

  it('narrows to chosen units and follows remote changes live', async () => {
    const { catalog, values } = indicatorDocs();
    const el = await mount('samplan-indicator-list', { source: docIndicatorSource([catalog.manager], [values.manager]), units: ['vc-rinkeby'] });
    expect(text(line(el, 'far-6man').querySelector('.status'))).toBe('På väg');
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 12);
    await until(() => text(line(el, 'far-6man').querySelector('.status')) === 'Ej på väg');
    expect(text(line(el, 'far-6man').querySelector('.latest'))).toBe('Senaste 2025: 20 procent');
  });

  it('stops following the source when removed', async () => {
    const { catalog, values } = indicatorDocs();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    let reads = 0;
    const counting = { ...source, current: (f?: Parameters<typeof source.current>[0]) => (reads++, source.current(f)) };
    const el = await mount('samplan-indicator-list', { source: counting });
    el.remove();
    const before = reads;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 12);
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toBe(before);
  });

  it('names indicators, units and periods in words: SKR’s goal by its seed name, "2025 kv 4", the unit in the chart title', async () => {
    const catalog = linkedDocs('indicator-catalog', [{ id: SFH12.id, unitOfMeasure: 'procent', direction: 'higher' }]);
    const values = linkedDocs('indicator-values', [{ indicator: SFH12.id, unit: 'vc-tensta', period: '2025Q4', kon: 'T', value: 41 }]);
    const el = await mount('samplan-indicator-list', {
      source: docIndicatorSource([catalog.manager], [values.manager]),
      units: ['vc-tensta'],
      unitList: [{ code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null }],
    });
    const sfh = line(el, SFH12.id);
    expect(text(sfh.querySelector('.name'))).toBe(SFH12.name.sv);
    expect(text(sfh.querySelector('.latest'))).toBe('Senaste 2025 kv 4: 41 procent');
    const chart = sfh.querySelector('samplan-indicator-chart') as SamplanIndicatorChart;
    expect(chart.label).toBe(`${SFH12.name.sv} – Tensta vårdcentral`);
    el.lang = 'en';
    await el.updateComplete;
    expect(text(line(el, SFH12.id).querySelector('.name'))).toBe(SFH12.name.en);
    expect(text(line(el, SFH12.id).querySelector('.latest'))).toBe('Latest 2025 Q4: 41 procent');
  });

  it('writes each number the same in the line and in its chart: 3,8 (not 3,80), a count whole, in the reader\'s language', async () => {
    const catalog = linkedDocs('indicator-catalog', [
      { id: 'medelalder', name: 'Väntetid', area: 'god-och-jamlik-halsa', unitOfMeasure: 'veckor', direction: 'lower', target: 2.5 },
      { id: 'samtal', name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', direction: 'higher', target: 1200 },
    ]);
    const values = linkedDocs('indicator-values', [
      { indicator: 'medelalder', unit: 'vc-tensta', period: '2024', kon: 'T', value: 4.25 },
      { indicator: 'medelalder', unit: 'vc-tensta', period: '2025', kon: 'T', value: 3.8 },
      { indicator: 'samtal', unit: 'vc-tensta', period: '2025', kon: 'T', value: 1250 },
    ]);
    const el = await mount('samplan-indicator-list', { source: docIndicatorSource([catalog.manager], [values.manager]), units: ['vc-tensta'] });
    const numbersOf = async (lang: 'sv' | 'en') => {
      el.lang = lang;
      await el.updateComplete;
      const out: Record<string, { latest: string; target: string; chart: string[] }> = {};
      for (const id of ['medelalder', 'samtal']) {
        const li = line(el, id);
        const chart = li.querySelector('samplan-indicator-chart') as SamplanIndicatorChart;
        await chart.updateComplete;
        const svg = chart.shadowRoot!.querySelector('svg')!;
        out[id] = {
          latest: text(li.querySelector('.latest')).replace(/^.*: /, ''),
          target: text(li.querySelector('.target')).replace(/^.*: /, ''),
          chart: [...svg.querySelectorAll('circle title'), svg.querySelector('.target-label')].map((n) => text(n).replace(/^.*?(: | )(?=[\d−-])/, '')),
        };
      }
      return out;
    };
    // (`text` reads the no-break space Swedish groups digits with as a space.)
    const sv = await numbersOf('sv');
    expect(sv.medelalder).toEqual({ latest: '3,8 veckor', target: '2,5 veckor', chart: ['4,3', '3,8', '2,5'] });
    expect(sv.samtal).toEqual({ latest: '1 250 antal', target: '1 200 antal', chart: ['1 250', '1 200'] });
    const en = await numbersOf('en');
    expect(en.medelalder).toEqual({ latest: '3.8 veckor', target: '2.5 veckor', chart: ['4.3', '3.8', '2.5'] });
    expect(en.samtal).toEqual({ latest: '1,250 antal', target: '1,200 antal', chart: ['1,250', '1,200'] });
  });

  it('says when the catalog is empty', async () => {
    const el = await mount('samplan-indicator-list', { summaries: [] });
    expect(textOf(el)).toBe('Inga indikatorer i katalogen.');
  });
});
