/**
 * Keyboard shortcuts Office handles for the add-in (outside the pane's focus too), declared in
 * `public/shortcuts.json`, which the manifest names in `<ExtendedOverrides>`. Office runs the
 * action in the shared runtime; here each action id is tied to what it does.
 */

/** The action id of "open the command palette" (the `actions[].id` in shortcuts.json). */
export const OPEN_PALETTE_ACTION = 'Samplan.OpenPalette';

/** The part of Office.js this needs (absent on hosts without the shortcuts API). */
export interface OfficeActionsApi {
  actions?: { associate(actionId: string, action: () => unknown): void };
  addin?: { showAsTaskpane(): Promise<void> };
}

/**
 * Ties the palette shortcut to `openPalette`, showing the pane first. Does nothing where Office
 * has no `actions` API (older hosts, or a browser tab).
 */
export function associateActions(office: OfficeActionsApi, openPalette: () => void): void {
  office.actions?.associate(OPEN_PALETTE_ACTION, async () => {
    await office.addin?.showAsTaskpane().catch(() => undefined);
    openPalette();
  });
}
