import { describe, expect, it } from 'vitest';
import { filterOf, pullChoices, selectionComplete } from '../../../addin/indicators/pull-choices.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { indicatorDocs } from './fixture.js';

function choicesOf() {
  const { catalog, values } = indicatorDocs([
    { indicator: 'far-6man', unit: 'vc-tensta', period: '2024Q4', kon: 'M', value: 1 },
    { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2025Q1', kon: 'T', value: 2 },
    { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2025Q2', kon: 'K', value: 3 },
    { indicator: 'okand', unit: 'vc-kista', period: '2026', kon: 'T', value: 3 },
  ]);
  const source = docIndicatorSource([catalog.manager], [values.manager]);
  return pullChoices(source.definitions(), source.current());
}

describe('pullChoices', () => {
  it('offers every catalog indicator, and the units, periods (newest first) and kön of the validated values', () => {
    const c = choicesOf();
    expect(c.indicators.map((i) => i.id)).toEqual(['far-6man', 'halsosamtal']);
    expect(c.units).toEqual(['vc-rinkeby', 'vc-tensta']);
    expect(c.periods).toEqual(['2025Q2', '2025Q1', '2024Q4']);
    expect(c.kon).toEqual(['T', 'K', 'M']);
  });

  it('ticks everything but the periods of the latest year by default', () => {
    const c = choicesOf();
    expect(c.defaults).toEqual({ indicators: ['far-6man', 'halsosamtal'], units: ['vc-rinkeby', 'vc-tensta'], periods: ['2025Q2', '2025Q1'], kon: ['T', 'K', 'M'] });
  });
});

describe('filterOf', () => {
  it('turns fully ticked lists into "all" so later units and periods show up live', () => {
    const c = choicesOf();
    // The latest year's periods, every one offered: the year, so a later period of it shows up too.
    expect(filterOf(c, c.defaults)).toEqual({ indicators: [], units: [], periods: [], years: ['2025'], kon: [] });
  });

  it('keeps only offered items', () => {
    const c = choicesOf();
    expect(filterOf(c, { ...c.defaults, units: ['vc-tensta', 'vc-okand'] }).units).toEqual(['vc-tensta']);
  });
});

describe('selectionComplete', () => {
  it('wants at least one ticked in every list that offers something', () => {
    const c = choicesOf();
    expect(selectionComplete(c, c.defaults)).toBe(true);
    expect(selectionComplete(c, { ...c.defaults, kon: [] })).toBe(false);
  });
});
