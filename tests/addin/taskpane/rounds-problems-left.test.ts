// @vitest-environment happy-dom
/**
 * The Follow-up view tells a unit's errors left before the submit and approve buttons, and the
 * server's warning after the move. Fails on the old view: nothing was said, the coordinator
 * approved blind.
 */
import { describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-rounds.js';
import type { SamplanRounds } from '../../../addin/taskpane/samplan-rounds.js';
import { planRow, putDoc, WS } from '../../server/http/support.js';
import { fixturePerTest, folded, roundsClientOver, TWO_UNITS as units } from './rounds-over-fixture.js';
import { $, mount, until } from './support.js';

const { start, fixture } = fixturePerTest();
const cellText = (el: SamplanRounds, unit: string) => folded($(el, `tr[data-unit="${unit}"] td[data-round="q2"]`));
const view = (token: string, memberRole: 'editor' | 'coordinator', myUnits: string[]) =>
  mount('samplan-rounds', { client: roundsClientOver(fixture, token), units, memberRole, myUnits, openReport: () => true });

describe('<samplan-rounds>: errors left at submit and approve', () => {
  it('says how many errors are left and where, before and after the move', async () => {
    const f = await start();
    // One row of vc-a's plan ends before it starts: an error in the round's rows.
    await putDoc(f.storage, 'plan-a2', 'activity-plan', 'vc-a', [planRow('Stavgång', { startDate: '2026-05-10', endDate: '2026-04-01' })], f.now.value.toISOString());
    const round = { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(round), headers: { 'content-type': 'application/json' } })).status).toBe(201);
    const completeness = (await (await f.req(`/v1/workspaces/${WS}/rounds/q2/completeness`, f.tokens.viewer)).json()) as { units: { unit: string; problems: number }[] };
    const n = completeness.units.find((u) => u.unit === 'vc-a')?.problems ?? 0;
    expect(n).toBeGreaterThan(0);
    const errors = n === 1 ? '1 fel' : `${n} fel`;

    const ed = await view(f.tokens.editor, 'editor', ['vc-a']);
    await until(() => cellText(ed, 'vc-a') !== '');
    $(ed, 'tr[data-unit="vc-a"] td[data-round="q2"] button')?.click();
    await ed.updateComplete;
    expect(folded($(ed, '#problems-left'))).toBe(`Vårdcentral A har ${errors} kvar i raderna omgången omfattar (${errors} i ”activity-plan vc-a”). Se Problem i dokumenten, eller Problem kvar i omgångens fullständighet.`);
    $(ed, 'button.action[data-action="submit"]')?.click();
    await until(() => cellText(ed, 'vc-a').startsWith('inskickad'));
    await until(() => folded($(ed, '#rounds-notice')) !== '');
    expect(folded($(ed, '#rounds-notice'))).toMatch(new RegExp(`^Vårdcentral A skickades in med ${errors} kvar`));
    ed.remove();

    const co = await view(f.tokens.coordinator, 'coordinator', ['region']);
    await until(() => cellText(co, 'vc-a').startsWith('inskickad'));
    $(co, 'tr[data-unit="vc-a"] td[data-round="q2"] button')?.click();
    await co.updateComplete;
    expect(folded($(co, '#problems-left'))).toMatch(new RegExp(`^Vårdcentral A har ${errors} kvar`));
    $(co, 'button.action[data-action="approve"]')?.click();
    await until(() => cellText(co, 'vc-a').startsWith('godkänd'));
    await until(() => folded($(co, '#rounds-notice')) !== '');
    expect(folded($(co, '#rounds-notice'))).toMatch(new RegExp(`^Vårdcentral A godkändes med ${errors} kvar .* Raderna är nu låsta`));
  });
});
