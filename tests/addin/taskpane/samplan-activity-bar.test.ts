// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-activity-bar.js';
import { VIEWS, type ViewId } from '../../../addin/taskpane/samplan-activity-bar.js';
import { MIN_TAB_PX, splitTabs } from '../../../addin/taskpane/activity-overflow.js';
import { $, $$, mount } from './support.js';

describe('<samplan-activity-bar>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the views (Follow-up, County roll-up, Indicators, Action plan and Year wheel among them) as tabs with the current one selected and the only one in the tab order', async () => {
    const el = await mount('samplan-activity-bar', { view: 'problems' });
    const tabs = $$(el, '[role="tab"]');
    expect(tabs.map((t) => t.textContent?.trim())).toEqual(['Utforskaren', 'Problem', 'Personer', 'Kommentarer', 'Historik', 'Uppföljning', 'Länssammanställning', 'Indikatorer', 'Handlingsplan', 'Årshjul']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false', 'false', 'false', 'false', 'false', 'false', 'false']);
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1', '-1', '-1', '-1', '-1', '-1', '-1']);
    expect(tabs.every((t) => t.querySelector('svg'))).toBe(true);
  });

  it('moves with the arrow keys, wraps around, and jumps with Home and End', async () => {
    const el = await mount('samplan-activity-bar', { view: 'explorer' });
    const seen: ViewId[] = [];
    el.addEventListener('samplan-view', (e) => {
      seen.push((e as CustomEvent<ViewId>).detail);
      el.view = (e as CustomEvent<ViewId>).detail;
    });
    const list = $(el, '[role="tablist"]');
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowLeft', 'Home', 'End']) {
      list?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await el.updateComplete;
    }
    expect(seen).toEqual(['problems', 'explorer', 'year', 'explorer', 'year']);
  });

  it('switches on click and shows a badge with the problems count', async () => {
    const el = await mount('samplan-activity-bar', { badges: { problems: 3 } });
    let chosen: ViewId | null = null;
    el.addEventListener('samplan-view', (e) => (chosen = (e as CustomEvent<ViewId>).detail));
    $(el, '#tab-people')?.click();
    expect(chosen).toBe('people');
    expect($(el, '#tab-problems .badge')?.textContent).toBe('3');
    expect($(el, '#tab-explorer .badge')).toBeNull();
  });
  it('puts the tabs that do not fit at 32 px each into a "Fler vyer" menu, the current view always a tab', async () => {
    // An admin's eleven views in Excel's 320 px pane, less its border: nine slots, one of them the menu.
    const el = await mount('samplan-activity-bar', { views: VIEWS, view: 'explorer', availableWidth: 300, badges: { members: 2 } });
    expect($$(el, '[role="tab"]').map((t) => t.id)).toEqual(['tab-explorer', 'tab-problems', 'tab-people', 'tab-comments', 'tab-history', 'tab-rounds', 'tab-rollup', 'tab-indicators']);
    const more = $(el, '#tab-more');
    expect(more?.getAttribute('aria-label')).toBe('Fler vyer');
    expect(more?.getAttribute('aria-expanded')).toBe('false');
    // A count on a view in the menu shows as a dot on the menu's button.
    expect($(el, '#tab-more .dot')).not.toBeNull();
    more?.click();
    await el.updateComplete;
    expect(more?.getAttribute('aria-expanded')).toBe('true');
    expect($$(el, '[role="menu"] [role="menuitem"]').map((i) => i.getAttribute('aria-label'))).toEqual(['Handlingsplan', 'Årshjul', 'Medlemmar, 2']);
    let chosen: ViewId | null = null;
    el.addEventListener('samplan-view', (e) => (chosen = (e as CustomEvent<ViewId>).detail));
    $(el, '#menu-members')?.click();
    expect(chosen).toBe('members');
    el.view = 'members';
    await el.updateComplete;
    expect($(el, '[role="menu"]')).toBeNull();
    expect($$(el, '[role="tab"]').map((t) => t.id).slice(-2)).toEqual(['tab-rollup', 'tab-members']);
    expect($(el, '#tab-members')?.getAttribute('aria-selected')).toBe('true');
    // Wide enough for every tab: no menu.
    el.availableWidth = VIEWS.length * MIN_TAB_PX;
    await el.updateComplete;
    expect($$(el, '[role="tab"]')).toHaveLength(VIEWS.length);
    expect($(el, '#tab-more')).toBeNull();
  });

  it('splits the views by the width: all when they fit or the width is unknown, else the first ones and the selected', () => {
    const v = ['a', 'b', 'c', 'd', 'e'] as const;
    expect(splitTabs(v, 'a', 0)).toEqual({ shown: [...v], more: [] });
    expect(splitTabs(v, 'a', 160, 32)).toEqual({ shown: [...v], more: [] });
    expect(splitTabs(v, 'a', 159, 32)).toEqual({ shown: ['a', 'b', 'c'], more: ['d', 'e'] });
    expect(splitTabs(v, 'e', 128, 32)).toEqual({ shown: ['a', 'b', 'e'], more: ['c', 'd'] });
    expect(splitTabs(v, 'c', 40, 32)).toEqual({ shown: ['c'], more: ['a', 'b', 'd', 'e'] });
  });
});
