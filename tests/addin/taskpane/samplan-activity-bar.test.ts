// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-activity-bar.js';
import type { ViewId } from '../../../addin/taskpane/samplan-activity-bar.js';
import { $, $$, mount } from './support.js';

describe('<samplan-activity-bar>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the views (Follow-up, Indicators, Action plan and Year wheel among them) as tabs with the current one selected and the only one in the tab order', async () => {
    const el = await mount('samplan-activity-bar', { view: 'problems' });
    const tabs = $$(el, '[role="tab"]');
    expect(tabs.map((t) => t.textContent?.trim())).toEqual(['Utforskaren', 'Problem', 'Personer', 'Kommentarer', 'Historik', 'Uppföljning', 'Indikatorer', 'Handlingsplan', 'Årshjul']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false', 'false', 'false', 'false', 'false', 'false']);
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1', '-1', '-1', '-1', '-1', '-1']);
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
});
