/**
 * Keyboard shortcuts Office handles for the add-in (outside the pane's focus too), declared in
 * `public/shortcuts.json`, which the manifest names in `<ExtendedOverrides>`. Office runs the
 * action in the shared runtime; here each action id is tied to what it does.
 */

/** The action id of "open the command palette" (the `actions[].id` in shortcuts.json). */
export const OPEN_PALETTE_ACTION = 'Samplan.OpenPalette';

/**
 * The `<FunctionName>` of the ribbon's "Hämta indikatortabell" button (an `ExecuteFunction`
 * action; the ribbon's function file is this pane, in the shared runtime).
 */
export const PULL_INDICATORS_ACTION = 'Samplan.PullIndicators';

/** The part of Office.js this needs (absent on hosts without the shortcuts API). */
export interface OfficeActionsApi {
  actions?: { associate(actionId: string, action: (event?: { completed?: () => void }) => unknown): void };
  addin?: { showAsTaskpane(): Promise<void> };
}

/**
 * Ties the palette shortcut to `openPalette` and the ribbon's pull button to `pullIndicators`,
 * showing the pane first (the pull dialog is in the pane). Does nothing where Office has no
 * `actions` API (older hosts, or a browser tab). A ribbon function tells Office it is done.
 */
export function associateActions(office: OfficeActionsApi, openPalette: () => void, pullIndicators: () => void = () => undefined): void {
  const showing = (then: () => void) => async (event?: { completed?: () => void }) => {
    await office.addin?.showAsTaskpane().catch(() => undefined);
    then();
    event?.completed?.();
  };
  office.actions?.associate(OPEN_PALETTE_ACTION, showing(openPalette));
  office.actions?.associate(PULL_INDICATORS_ACTION, showing(pullIndicators));
}
