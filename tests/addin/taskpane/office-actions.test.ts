/** The palette shortcut's action: shows the pane, then opens the palette; absent API, nothing. */
import { describe, expect, it } from 'vitest';
import { associateActions, OPEN_PALETTE_ACTION, PULL_INDICATORS_ACTION, type OfficeActionsApi } from '../../../addin/taskpane/office-actions.js';

describe('associateActions', () => {
  it('ties the palette action to showing the pane and opening the palette', async () => {
    const steps: string[] = [];
    const actions = new Map<string, (event?: { completed?: () => void }) => unknown>();
    const office: OfficeActionsApi = {
      actions: { associate: (id, fn) => void actions.set(id, fn) },
      addin: { showAsTaskpane: async () => void steps.push('show') },
    };
    associateActions(office, () => steps.push('palette'));
    expect([...actions.keys()]).toEqual([OPEN_PALETTE_ACTION, PULL_INDICATORS_ACTION]);
    await actions.get(OPEN_PALETTE_ACTION)!();
    expect(steps).toEqual(['show', 'palette']);
  });

  it('still opens the palette when the pane cannot be shown, and does nothing without the actions API', async () => {
    const steps: string[] = [];
    let action: (() => unknown) | undefined;
    associateActions({ actions: { associate: (id, fn) => void (id === OPEN_PALETTE_ACTION && (action = fn)) }, addin: { showAsTaskpane: () => Promise.reject(new Error('no')) } }, () => steps.push('palette'));
    await action!();
    expect(steps).toEqual(['palette']);
    expect(() => associateActions({}, () => steps.push('never'))).not.toThrow();
  });

  it("ties the ribbon's pull button to showing the pane and pulling, and tells Office it is done", async () => {
    const steps: string[] = [];
    const actions = new Map<string, (event?: { completed?: () => void }) => unknown>();
    associateActions(
      { actions: { associate: (id, fn) => void actions.set(id, fn) }, addin: { showAsTaskpane: async () => void steps.push('show') } },
      () => steps.push('palette'),
      () => steps.push('pull'),
    );
    await actions.get(PULL_INDICATORS_ACTION)!({ completed: () => steps.push('completed') });
    expect(steps).toEqual(['show', 'pull', 'completed']);
  });
});
