// @vitest-environment happy-dom
/**
 * The Länssammanställning's sentences say what is so: a round that does not follow up
 * activities says that, not that no activity ends in its period; an empty period says how an
 * activity is counted to a period; and the county's "units at target" agrees with its count
 * ("1 av 1 enhet"), and is not said of no unit at all ("0 av 0 enheter"). Against the real server app.
 */
import { describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-rollup.js';
import { reachedWords } from '../../../addin/taskpane/rollup-strings.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { putRegionDoc, WS } from '../../server/http/support.js';
import { fixturePerTest, folded, roundsClientOver, TWO_UNITS } from './rounds-over-fixture.js';
import { $, mount, until } from './support.js';

const { start, fixture } = fixturePerTest();
const F = 'vc-far-forskrivna';
const H = 'vc-halsosamtal';

/** The fixture (plan-a: two activities ending in 2026Q2) with a catalog of F and H, values of F for vc-a only, and one round. */
async function withRound(round: { period: string; dueDate: string; activities?: boolean }, value = 12) {
  const f = await start();
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [
    { id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 },
    { id: H, name: 'Hälsosamtal', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 100 },
  ]);
  const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: round.period, kon: 'T', value, numerator: null, denominator: null });
  await putRegionDoc(f, 'varden', 'indicator-values', [v('vc-a', value)]);
  const body = { id: 'omgang', title: 'Omgången', indicators: [F, H], ...round };
  const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(201);
  const el = await mount('samplan-rollup', { client: roundsClientOver(fixture, f.tokens.viewer), units: TWO_UNITS });
  await until(() => $(el, '#rollup') !== null, 5000);
  return el;
}

describe('<samplan-rollup> words', () => {
  it('says a round that does not follow up activities does not, rather than that none ends in its period', async () => {
    const el = await withRound({ period: '2026Q2', dueDate: '2026-07-15', activities: false });
    expect(folded($(el, '#rollup h2 + p.empty'))).toBe('Omgången följer inte upp aktiviteter.');
  });

  it('says of a period without activities how an activity is counted to a period', async () => {
    const el = await withRound({ period: '2026Q3', dueDate: '2026-10-15' });
    expect(folded($(el, '#rollup h2 + p.empty'))).toBe('Ingen aktivitet hör till perioden: en aktivitet räknas till perioden då den slutar (utan slutdatum: då den börjar).');
  });

  it('says "1 av 1 enhet" of one unit with a value, and nothing of an indicator no unit has a value of', async () => {
    const el = await withRound({ period: '2026Q2', dueDate: '2026-07-15' });
    const county = (id: string) => folded($(el, `table.indicator[data-indicator="${id}"] tr.total small`));
    expect(county(F)).toBe('1 av 1 enhet har nått målet');
    expect($(el, `table.indicator[data-indicator="${H}"] tr.total`)).not.toBeNull();
    expect(county(H)).toBe('');
  });
});

describe('<samplan-rollup> figures', () => {
  it('writes a small value that is not 0 as it is, not as 0', async () => {
    const el = await withRound({ period: '2026Q2', dueDate: '2026-07-15' }, 0.04);
    expect(folded($(el, `table.indicator[data-indicator="${F}"] tr[data-unit="vc-a"] td.n`))).toBe('0,04');
  });
});

describe('reachedWords', () => {
  it('agrees with the count of units with a value, in both languages', () => {
    expect(reachedWords({ reached: 1, withValue: 1 }, 'sv')).toBe('1 av 1 enhet har nått målet');
    expect(reachedWords({ reached: 1, withValue: 3 }, 'sv')).toBe('1 av 3 enheter har nått målet');
    expect(reachedWords({ reached: 0, withValue: 1 }, 'en')).toBe('0 of 1 unit reached the target');
    expect(reachedWords({ reached: 2, withValue: 3 }, 'en')).toBe('2 of 3 units reached the target');
    expect(reachedWords({ reached: 0, withValue: 0 }, 'sv')).toBeNull();
  });
});
