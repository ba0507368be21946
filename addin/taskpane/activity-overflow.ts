/**
 * Which views the activity bar shows as tabs and which go into its "more" menu when the pane is
 * too narrow for every tab at {@link MIN_TAB_PX}. Pure, so the rule is tested without a layout.
 */

/**
 * The narrowest a tab may get: its 20 px icon, a little air either side, and a target a finger
 * or a mouse hits without touching the next one (WCAG 2.5.8 asks for 24 px at least).
 */
export const MIN_TAB_PX = 32;

/** The tabs shown, in order, and the views in the "more" menu, in order. */
export interface TabSplit<V extends string> {
  shown: V[];
  more: V[];
}

/**
 * Split `views` for a bar `width` px wide: all of them when each gets `min` px (or the width is
 * not known yet, 0); otherwise as many as fit beside the "more" button, the selected view always
 * among them (in place of the last one that fits), the rest in the menu.
 * @example splitTabs(['a', 'b', 'c', 'd'], 'd', 96, 32) // { shown: ['a', 'd'], more: ['b', 'c'] }
 */
export function splitTabs<V extends string>(views: readonly V[], selected: V, width: number, min = MIN_TAB_PX): TabSplit<V> {
  if (width <= 0 || views.length * min <= width) return { shown: [...views], more: [] };
  const slots = Math.max(1, Math.floor(width / min) - 1);
  let shown = views.slice(0, slots);
  if (views.includes(selected) && !shown.includes(selected)) shown = [...shown.slice(0, slots - 1), selected];
  return { shown, more: views.filter((v) => !shown.includes(v)) };
}
