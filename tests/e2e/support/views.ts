/**
 * Opening a pane view in the end-to-end tests the way a person does: by its tab in the activity
 * bar or, in a pane too narrow for every tab, from the bar's "Fler vyer" menu (which tabs move
 * there depends on the pane's width and on the views the person's role has).
 */
import type { Locator } from 'playwright-core';

/** Clicks view `id` in `bar` (a `samplan-activity-bar` locator), through the menu when it is there. */
export async function openView(bar: Locator, id: string): Promise<void> {
  // The explorer is always the first tab: once it is there, the bar has laid out its tabs.
  await bar.locator('#tab-explorer').waitFor();
  const tab = bar.locator(`#tab-${id}`);
  if (await tab.count()) return tab.click();
  await bar.locator('#tab-more').click();
  await bar.locator(`#menu-${id}`).click();
}
