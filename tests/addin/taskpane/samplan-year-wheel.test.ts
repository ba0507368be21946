// @vitest-environment happy-dom
/**
 * The Årshjul view against the real server app (in process, memory storage): the wheel drawn
 * from the report's layout, the month list (the screen-reader and keyboard path) with the
 * activities by type and clinic and the rounds due, filters, a wheel click choosing a month,
 * another year, and an activity click asking for its row in the sheet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-year-wheel.js';
import type { SamplanYearWheel } from '../../../addin/taskpane/samplan-year-wheel.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, $$, mount, until } from './support.js';

let f: Fixture;
afterEach(async () => {
  document.body.replaceChildren();
  await f?.close();
});

const clientFor = (token: string): RoundsClient => roundsClientOver(() => f, token);

const units = [{ code: 'vc-a', name: 'Vårdcentral A' }];
const summary = (el: SamplanYearWheel, month: number) => $(el, `details[data-month="${month}"] summary`)?.textContent?.replace(/\s+/g, ' ').trim();

async function view(shown: string[] = []): Promise<SamplanYearWheel> {
  f = await makeFixture();
  const json = { method: 'POST', body: JSON.stringify({ id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15' }), headers: { 'content-type': 'application/json' } };
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json)).status).toBe(201);
  const el = await mount('samplan-year-wheel', { client: clientFor(f.tokens.viewer), units, year: 2026, showRow: async (doc: string, row: string) => (shown.push(`${doc}/${row}`), true) });
  await until(() => $$(el, 'details').length === 12);
  return el;
}

describe('<samplan-year-wheel>', () => {
  it('lists the twelve months with activities by type and clinic and the rounds due, and draws the wheel', async () => {
    const el = await view();
    expect($(el, '#year-title')?.textContent).toBe('Årshjul 2026');
    expect(summary(el, 1)).toBe('januari 0 aktiviteter, 0 sista dagar');
    expect(summary(el, 3)).toBe('mars 2 aktiviteter, 0 sista dagar');
    expect(summary(el, 7)).toBe('juli 0 aktiviteter, 1 sista dag');
    expect($(el, 'details[data-month="7"] li.due')?.textContent?.trim()).toBe('Sista dag för 2026 kv 2: 2026-07-15');
    // The due date's diamond is an SVG shape (fonts may lack the "◆" glyph), beside the text too.
    expect($(el, 'details[data-month="7"] li.due svg.due-mark path')).not.toBeNull();
    const acts = $$(el, 'details[data-month="4"] button.act').map((b) => b.textContent?.replace(/\s+/g, ' ').trim());
    expect(acts).toEqual([
      'Hälsodag A Hälsodagar/öppet hus med hälsoinformation och provtagning · Vårdcentral A · 2026-03-01 – 2026-06-01',
      'Promenadgrupp A Promenadgrupp/Gågrupp · Vårdcentral A · 2026-03-01 – 2026-06-01',
    ]);
    // The wheel: twelve segments, aria-hidden (the list is the accessible form), dots in March–June only.
    const wheel = $(el, 'svg.wheel');
    expect(wheel?.getAttribute('aria-hidden')).toBe('true');
    expect($$(el, 'svg.wheel g[data-month]')).toHaveLength(12);
    expect($$(el, 'svg.wheel g[data-month] circle').length).toBe(8);
    expect($$(el, 'svg.wheel g[data-month="1"] circle')).toHaveLength(0);
    expect($$(el, 'svg.wheel g[data-month="7"] path.due-mark')).toHaveLength(1);
    expect($$(el, 'svg.wheel path.due-mark')).toHaveLength(1);
    expect($$(el, 'svg.wheel text').map((t) => t.textContent)).not.toContain('◆');
    // The legend names the colours of the types on the wheel, and the due marker.
    expect($$(el, 'ul.legend li').map((li) => li.textContent?.trim())).toEqual(['Hälsodagar/öppet hus med hälsoinformation och provtagning', 'Promenadgrupp/Gågrupp', 'sista dag för en uppföljningsomgång']);
    expect($(el, 'ul.legend li:last-child svg.due-mark path')).not.toBeNull();
  });

  it('narrows by type, chooses a month from the wheel, moves to another year, and shows a row on click', async () => {
    const shown: string[] = [];
    const el = await view(shown);
    const type = $<HTMLSelectElement>(el, '#type-filter')!;
    type.value = 'halsodag';
    type.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(summary(el, 3)).toBe('mars 1 aktivitet, 0 sista dagar');
    expect($$(el, 'svg.wheel g[data-month] circle').length).toBe(4);
    $(el, 'svg.wheel g[data-month="5"]')?.dispatchEvent(new Event('click'));
    await el.updateComplete;
    expect($<HTMLDetailsElement>(el, 'details[data-month="5"]')?.open).toBe(true);
    expect($(el, 'svg.wheel g[data-month="5"] path')?.getAttribute('class')).toBe('chosen');
    $(el, 'details[data-month="5"] button.act')?.click();
    await until(() => shown.length === 1);
    expect(shown[0]).toMatch(/^plan-a\/\S+$/);
    $(el, '#next-year')?.click();
    await until(() => $(el, '#year-title')?.textContent === 'Årshjul 2027' && summary(el, 3) === 'mars 0 aktiviteter, 0 sista dagar');
  });
});
