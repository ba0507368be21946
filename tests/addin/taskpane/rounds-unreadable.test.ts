// @vitest-environment happy-dom
/**
 * The Follow-up view with one clinic's plan damaged on the server (a stored update that does not
 * decode): every unit's cell is shown, the damaged plan's unit marked "kan inte läsas", and its
 * detail gives the server's sentence naming the document and the place. Fails on the old server,
 * whose completeness answered 500 for the whole round, so the view showed no unit at all.
 */
import { describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-rounds.js';
import { WS } from '../../server/http/support.js';
import { fixturePerTest, folded, roundsClientOver, TWO_UNITS as units } from './rounds-over-fixture.js';
import { $, mount, until } from './support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

const { start, fixture } = fixturePerTest();

describe('<samplan-rounds>: a unit whose plan cannot be read', () => {
  it('shows every unit, marks the damaged plan’s unit and names the document and the place in its detail', async () => {
    const f = await start();
    await f.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: DAMAGED, memberId: 'eda' }]);
    const round = { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(round), headers: { 'content-type': 'application/json' } })).status).toBe(201);

    const el = await mount('samplan-rounds', { client: roundsClientOver(fixture, f.tokens.coordinator), units, memberRole: 'coordinator', myUnits: ['region'], openReport: () => true });
    const cell = (unit: string) => folded($(el, `tr[data-unit="${unit}"] td[data-round="q2"]`));
    await until(() => cell('vc-a') !== '' && cell('vc-b') !== '');
    expect(cell('vc-a')).toMatch(/kan inte läsas$/);
    expect(cell('vc-b')).not.toMatch(/kan inte läsas/);
    $(el, 'tr[data-unit="vc-a"] td[data-round="q2"] button')?.click();
    await el.updateComplete;
    expect(folded($(el, '.unreadable-doc'))).toMatch(/^Dokumentet ws1\/plan-a går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
  });
});
