// @vitest-environment happy-dom
/**
 * The Follow-up view with one clinic's plan damaged on the server (a stored update that does not
 * decode): every unit's cell is shown, the damaged plan's unit marked "kan inte läsas", and its
 * detail gives the server's sentence naming the document and the place. Fails on the old server,
 * whose completeness answered 500 for the whole round, so the view showed no unit at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-rounds.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, mount, until } from './support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

let f: Fixture;
afterEach(async () => {
  document.body.replaceChildren();
  await f?.close();
});

const units = [{ code: 'vc-a', name: 'Vårdcentral A' }, { code: 'vc-b', name: 'Vårdcentral B' }];
const txt = (e: Element | null | undefined): string => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<samplan-rounds>: a unit whose plan cannot be read', () => {
  it('shows every unit, marks the damaged plan’s unit and names the document and the place in its detail', async () => {
    f = await makeFixture();
    await f.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: DAMAGED, memberId: 'eda' }]);
    const round = { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(round), headers: { 'content-type': 'application/json' } })).status).toBe(201);

    const el = await mount('samplan-rounds', { client: roundsClientOver(() => f, f.tokens.coordinator), units, memberRole: 'coordinator', myUnits: ['region'], openReport: () => true });
    const cell = (unit: string) => txt($(el, `tr[data-unit="${unit}"] td[data-round="q2"]`));
    await until(() => cell('vc-a') !== '' && cell('vc-b') !== '');
    expect(cell('vc-a')).toMatch(/kan inte läsas$/);
    expect(cell('vc-b')).not.toMatch(/kan inte läsas/);
    $(el, 'tr[data-unit="vc-a"] td[data-round="q2"] button')?.click();
    await el.updateComplete;
    expect(txt($(el, '.unreadable-doc'))).toMatch(/^Dokumentet ws1\/plan-a går inte att läsa: dess sparade historik är skadad \(uppdatering 2\)\./);
  });
});
