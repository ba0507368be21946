// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/indicators/samplan-pull-dialog.js';
import type { PullRequest } from '../../../addin/indicators/samplan-pull-dialog.js';
import { pullChoices, type PullChoices } from '../../../addin/indicators/pull-choices.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { $, $$, mount, textOf, until } from '../taskpane/support.js';
import { indicatorDocs } from './fixture.js';

function choices(): PullChoices {
  const { catalog, values } = indicatorDocs([
    { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2024', kon: 'T', value: 1 },
    { indicator: 'far-6man', unit: 'vc-tensta', period: '2025', kon: 'K', value: 2 },
    { indicator: 'halsosamtal', unit: 'vc-tensta', period: '2025', kon: 'T', value: 3 },
  ]);
  const source = docIndicatorSource([catalog.manager], [values.manager]);
  return pullChoices(source.definitions(), source.current());
}

const checkbox = (el: Element, group: string, value: string) => $$<HTMLInputElement>(el, `#${group} input`).find((i) => i.value === value) as HTMLInputElement;

function pulls(el: Element): PullRequest[] {
  const seen: PullRequest[] = [];
  el.addEventListener('samplan-pull', (e) => seen.push((e as CustomEvent<PullRequest>).detail));
  return seen;
}

describe('<samplan-pull-dialog>', () => {
  afterEach(() => document.body.replaceChildren());

  it('lists the catalog indicators, the units, periods and kön that have values, with the latest year ticked', async () => {
    const el = await mount('samplan-pull-dialog', { choices: choices() });
    expect($$<HTMLInputElement>(el, '#indicators input').map((i) => i.value)).toEqual(['far-6man', 'halsosamtal']);
    expect(textOf(el)).toContain('FaR uppföljda efter 6 månader');
    expect($$<HTMLInputElement>(el, '#units input').map((i) => i.value)).toEqual(['vc-rinkeby', 'vc-tensta']);
    expect($$<HTMLInputElement>(el, '#periods input').map((i) => [i.value, i.checked])).toEqual([
      ['2025', true],
      ['2024', false],
    ]);
    expect(textOf(el)).toContain('Kvinnor');
  });

  it('shows names, not codes: indicator and unit names, periods in words, kön in words', async () => {
    const { catalog, values } = indicatorDocs([
      { indicator: 'far-6man', unit: 'vc-tensta', period: '2025Q4', kon: 'K', value: 2 },
      { indicator: 'sfh-12', unit: 'vc-alby', period: '2025Q4', kon: 'T', value: 3 },
    ]);
    const source = docIndicatorSource([catalog.manager], [values.manager], undefined, { validated: false });
    const unitNames = new Map([
      ['vc-alby', 'Alby vårdcentral'],
      ['vc-tensta', 'Tensta vårdcentral'],
    ]);
    const el = await mount('samplan-pull-dialog', { choices: { ...pullChoices(source.definitions(), source.current()), unitNames } });
    const labels = (group: string) => $$<HTMLLabelElement>(el, `#${group} label`).map((l) => (l.textContent ?? '').trim());
    expect(labels('indicators')).toEqual(['FaR uppföljda efter 6 månader', 'Hälsosamtal']);
    expect(labels('units')).toEqual(['Alby vårdcentral', 'Tensta vårdcentral']);
    expect(labels('periods')).toEqual(['2025 kv 4']);
    expect(labels('kon')).toEqual(['Totalt', 'Kvinnor']);
    expect(textOf(el)).not.toMatch(/vc-|far-6man|2025Q4/);
  });

  it('fires samplan-pull with "all" for fully ticked lists and the ticked items otherwise', async () => {
    const el = await mount('samplan-pull-dialog', { choices: choices() });
    const seen = pulls(el);
    checkbox(el, 'units', 'vc-rinkeby').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '#pull')?.click();
    expect(seen).toHaveLength(1);
    // The latest year's periods (every one offered of 2025) go as the year, so a later one shows up live.
    expect(seen[0]?.filter).toEqual({ indicators: [], units: ['vc-tensta'], periods: [], years: ['2025'], kon: [] });
  });

  it('will not pull with an empty list, and says why', async () => {
    const el = await mount('samplan-pull-dialog', { choices: choices(), lang: 'en' });
    const seen = pulls(el);
    $<HTMLButtonElement>(el, '#indicators .none')?.click();
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, '#pull')?.disabled).toBe(true);
    expect(textOf(el)).toContain('Choose at least one in each list.');
    $<HTMLButtonElement>(el, '#pull')?.click();
    expect(seen).toHaveLength(0);
    $<HTMLButtonElement>(el, '#indicators .all')?.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '#pull')?.click();
    expect(seen[0]?.filter.indicators).toEqual([]);
  });

  it('loads its choices when given a loader, showing that it is loading', async () => {
    let resolve: (c: PullChoices) => void = () => {};
    const el = await mount('samplan-pull-dialog', { loadChoices: () => new Promise<PullChoices>((r) => (resolve = r)) });
    expect(textOf(el)).toContain('Hämtar indikatorer…');
    resolve(choices());
    await until(() => $$(el, '#indicators input').length === 2);
  });

  it('says so when the choices cannot be loaded', async () => {
    const el = await mount('samplan-pull-dialog', { loadChoices: () => Promise.reject(new Error('offline')) });
    await until(() => textOf(el).includes('Indikatorerna gick inte att hämta.'));
  });

  it('fires samplan-cancel from Avbryt', async () => {
    const el = await mount('samplan-pull-dialog', { choices: choices() });
    let cancelled = false;
    el.addEventListener('samplan-cancel', () => (cancelled = true));
    $<HTMLButtonElement>(el, '#cancel')?.click();
    expect(cancelled).toBe(true);
  });
});
