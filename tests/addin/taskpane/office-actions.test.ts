/** The palette shortcut's action: shows the pane, then opens the palette; absent API, nothing. */
import { describe, expect, it } from 'vitest';
import { associateActions, OPEN_PALETTE_ACTION, type OfficeActionsApi } from '../../../addin/taskpane/office-actions.js';

describe('associateActions', () => {
  it('ties the palette action to showing the pane and opening the palette', async () => {
    const steps: string[] = [];
    const actions = new Map<string, () => unknown>();
    const office: OfficeActionsApi = {
      actions: { associate: (id, fn) => void actions.set(id, fn) },
      addin: { showAsTaskpane: async () => void steps.push('show') },
    };
    associateActions(office, () => steps.push('palette'));
    expect([...actions.keys()]).toEqual([OPEN_PALETTE_ACTION]);
    await actions.get(OPEN_PALETTE_ACTION)!();
    expect(steps).toEqual(['show', 'palette']);
  });

  it('still opens the palette when the pane cannot be shown, and does nothing without the actions API', async () => {
    const steps: string[] = [];
    let action: (() => unknown) | undefined;
    associateActions({ actions: { associate: (_id, fn) => (action = fn) }, addin: { showAsTaskpane: () => Promise.reject(new Error('no')) } }, () => steps.push('palette'));
    await action!();
    expect(steps).toEqual(['palette']);
    expect(() => associateActions({}, () => steps.push('never'))).not.toThrow();
  });
});
