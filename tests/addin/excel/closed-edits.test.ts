/**
 * Edits typed in a bound table while the pane was closed are found before the document is
 * opened, from the workbook alone (the table's rows against the last-synced state it keeps).
 * On the old code nothing looked: such edits were sent only when the document was opened, with
 * no word before.
 */
import { describe, expect, it } from 'vitest';
import { findClosedEdits } from '../../../addin/excel/closed-edits.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { cellAt, docWith, openSide } from './helpers.js';

const plan = { id: 'plan-test', kind: 'activity-plan', title: 'Plan 2026' };

async function closedSide() {
  const doc = docWith('activity-plan', [
    { title: 'Hälsodag i Tensta', type: 'halsodag', targetGroup: 'Föräldrar' },
    { title: 'Promenad', type: 'halsodag' },
    { startDate: '2026-03-12', title: 'Promenadgrupp', participantsPlanned: 12, 'goals.motivation': true, comment: 'ta med fika', responsible: 'Anna', status: 'planerad' },
  ]);
  const side = await openSide(doc, 'activity-plan');
  await side.settle();
  await side.binding.dispose();
  const run = ((batch: never) => side.host.run(batch)) as unknown as ExcelRun;
  return { side, run };
}

it('finds nothing in a bound table no one changed, and nothing for a document not bound here', async () => {
  const { run } = await closedSide();
  expect(await findClosedEdits(run, [plan, { id: 'other', kind: 'activity-plan', title: 'Annan' }])).toEqual([]);
});

it('counts the rows typed in while the pane was closed, and names the sheet', async () => {
  const { side, run } = await closedSide();
  side.host.user.type('plan-test', cellAt('activity-plan', 'targetGroup', 1), 'Seniorer');
  await side.host.settle();
  expect(await findClosedEdits(run, [plan])).toEqual([{ docId: 'plan-test', rows: 1, sheet: 'plan-test' }]);
  side.host.user.type('plan-test', cellAt('activity-plan', 'title', 0), 'Hälsodag i Rinkeby');
  await side.host.settle();
  expect(await findClosedEdits(run, [plan])).toEqual([{ docId: 'plan-test', rows: 2, sheet: 'plan-test' }]);
});

it('does not count a formula typed while the pane was closed, which opening does not send, and still counts an edit beside it', async () => {
  const { side, run } = await closedSide();
  side.host.user.type('plan-test', cellAt('activity-plan', 'participantsPlanned', 0), '=12');
  await side.host.settle();
  expect(await findClosedEdits(run, [plan])).toEqual([]);
  side.host.user.type('plan-test', cellAt('activity-plan', 'participantsReached', 1), '9');
  await side.host.settle();
  expect(await findClosedEdits(run, [plan])).toEqual([{ docId: 'plan-test', rows: 1, sheet: 'plan-test' }]);
});

it('does not count a stored value the sheet shows as stored and reads differently (a status no choice names), and still counts an edit beside it', async () => {
  const doc = docWith('activity-plan', [
    { title: 'Promenad', type: 'halsodag', status: 'planned' },
    { title: 'Hälsodag', type: 'halsodag', status: 'Genomförd' },
  ]);
  const side = await openSide(doc, 'activity-plan');
  await side.settle();
  await side.binding.dispose();
  const run = ((batch: never) => side.host.run(batch)) as unknown as ExcelRun;
  expect(side.host.readText('plan-test', cellAt('activity-plan', 'status', 0))).toEqual([['planned']]);
  expect(await findClosedEdits(run, [plan])).toEqual([]);
  side.host.user.type('plan-test', cellAt('activity-plan', 'status', 0), 'Inställd');
  await side.host.settle();
  expect(await findClosedEdits(run, [plan])).toEqual([{ docId: 'plan-test', rows: 1, sheet: 'plan-test' }]);
});

describe('dropdown columns that show names from the workspace’s lists', () => {
  const UNITS = [
    { id: 'vc-tensta', name: 'Tensta vårdcentral' },
    { id: 'vc-husby-akalla', name: 'Husby Akalla vårdcentral' },
  ];
  const PARTNERS = [
    { id: 'Tq3vX8pL2mZa', name: 'Tensta IF' },
    { id: 'Fk7sD1wQ9nBc', name: 'Försäkringskassan' },
  ];
  const county = { id: 'plan-test', kind: 'action-plan', title: 'Handlingsplan 2026' };

  /** A county action plan bound with the lists, its pane then closed. */
  async function closedPlan() {
    const lists = refListsFeed({ unit: UNITS, partner: PARTNERS });
    const doc = docWith('action-plan', [
      { unit: 'vc-tensta', measure: 'Promenadgrupp', indicator: 'sfh-12', partner: 'Tq3vX8pL2mZa' },
      { unit: 'vc-husby-akalla', measure: 'Hälsodag', partner: 'Fk7sD1wQ9nBc' },
    ]);
    const side = await openSide(doc, 'action-plan', { refLists: lists });
    await side.settle();
    await side.binding.dispose();
    const run = ((batch: never) => side.host.run(batch)) as unknown as ExcelRun;
    return { side, run, lists };
  }

  it('do not count a stored id the sheet shows as its name, nor the same name typed in another case and spacing', async () => {
    const { side, run, lists } = await closedPlan();
    expect(side.host.readText('plan-test', cellAt('action-plan', 'unit', 0))).toEqual([['Tensta vårdcentral']]);
    expect(await findClosedEdits(run, [county], lists)).toEqual([]);
    side.host.user.paste('plan-test', cellAt('action-plan', 'unit', 0), [['  tensta  VÅRDCENTRAL']]);
    await side.host.settle();
    expect(await findClosedEdits(run, [county], lists)).toEqual([]);
  });

  it('count a unit or partner chosen in their dropdowns while the pane was closed', async () => {
    const { side, run, lists } = await closedPlan();
    side.host.user.type('plan-test', cellAt('action-plan', 'unit', 0), 'Husby Akalla vårdcentral');
    await side.host.settle();
    expect(await findClosedEdits(run, [county], lists)).toEqual([{ docId: 'plan-test', rows: 1, sheet: 'plan-test' }]);
    side.host.user.type('plan-test', cellAt('action-plan', 'partner', 1), 'Tensta IF');
    await side.host.settle();
    expect(await findClosedEdits(run, [county], lists)).toEqual([{ docId: 'plan-test', rows: 2, sheet: 'plan-test' }]);
  });

  it('are not compared while their list is not known, so a name is not taken for a change', async () => {
    const { side, run } = await closedPlan();
    side.host.user.type('plan-test', cellAt('action-plan', 'unit', 0), 'Husby Akalla vårdcentral');
    await side.host.settle();
    expect(await findClosedEdits(run, [county])).toEqual([]);
  });
});
