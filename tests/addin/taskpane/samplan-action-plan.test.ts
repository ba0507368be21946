// @vitest-environment happy-dom
/**
 * The Handlingsplan view against the real server app (in process, memory storage): rows grouped
 * under the four perspectives of seed 003 in the seed's order, a click asking for the row in the
 * sheet, and the county's self-assessment on the scale of seed 002: a coordinator places it, the
 * history says who, when and why; an editor sees it read-only, and a refusal is shown in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-action-plan.js';
import { groupByPerspective, planRowOf, type SamplanActionPlan } from '../../../addin/taskpane/samplan-action-plan.js';
import type { SamplanMaturity } from '../../../addin/taskpane/samplan-maturity.js';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, $$, mount, until } from './support.js';

let f: Fixture;
afterEach(async () => {
  document.body.replaceChildren();
  await f?.close();
});

const clientFor = (token: string): RoundsClient => roundsClientOver(() => f, token);

async function setup(): Promise<void> {
  f = await makeFixture();
  // The fixture's own action plan is empty: archive it by replacing it with one that has rows.
  const ydoc = createDoc('action-plan', { title: 'Handlingsplan länet', ownerUnit: 'region', schemaVersion: kindDef('action-plan').schemaVersion });
  insertRows(ydoc, [
    { unit: 'region', measure: 'Hälsofrämjande insatser lyfts i uppföljning', perspective: 'styrning-ledning', startDate: '2026-02-01', endDate: '2026-06-30', status: 'planerad' },
    { unit: 'vc-a', measure: 'Hälsosamtal för grupper med sämre hälsoutveckling', perspective: 'befolkning', startDate: '2026-03-01' },
    { unit: 'vc-b', measure: 'Rökfri arbetstid', perspective: 'medarbetare', startDate: '2026-01-10', status: 'genomford' },
    { unit: 'vc-a', measure: 'Utan perspektiv än' },
  ]);
  await f.storage.appendUpdates({ workspace: WS, doc: 'handlingsplan' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
  const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15' }))).status).toBe(201);
}

const units = [{ code: 'region', name: 'Region' }, { code: 'vc-a', name: 'Vårdcentral A' }, { code: 'vc-b', name: 'Vårdcentral B' }];
const groupTexts = (el: SamplanActionPlan) => $$(el, 'details summary').map((s) => s.textContent?.replace(/\s+/g, ' ').trim());
const maturityOf = (el: SamplanActionPlan) => $<SamplanMaturity>(el, 'samplan-maturity')!;
const scaleShown = (el: SamplanActionPlan) => {
  const m = $<SamplanMaturity>(el, 'samplan-maturity');
  return m !== null && $$(m, 'label.step').length === 4;
};

describe('<samplan-action-plan>', () => {
  it('groups the rows under the four perspectives in the seed order, an unknown one last, and shows a row on click', async () => {
    await setup();
    const shown: string[] = [];
    const el = await mount('samplan-action-plan', { client: clientFor(f.tokens.editor), units, memberRole: 'editor', showRow: async (doc: string, row: string) => (shown.push(`${doc}/${row}`), true) });
    await until(() => $$(el, 'button.measure').length === 4);
    expect(groupTexts(el)).toEqual(['Individ/patient (0 st)', 'Befolkning (1 st)', 'Medarbetare (1 st)', 'Styrning och ledning (1 st)', 'Utan perspektiv (1 st)']);
    expect($(el, 'details[data-perspective="individ-patient"] .group-empty')?.textContent).toBe('Inga åtgärder under perspektivet ännu.');
    const gov = $(el, 'details[data-perspective="styrning-ledning"] button.measure');
    expect(gov?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Hälsofrämjande insatser lyfts i uppföljning Region · 2026-02-01 – 2026-06-30 · Planerad');
    gov?.click();
    await until(() => shown.length === 1);
    expect(shown[0]).toMatch(/^handlingsplan\/\S+$/);
  });

  it('says so in words when the row cannot be shown', async () => {
    await setup();
    const el = await mount('samplan-action-plan', { client: clientFor(f.tokens.editor), units, memberRole: 'editor', showRow: async () => false });
    await until(() => $$(el, 'button.measure').length === 4);
    $(el, 'button.measure')?.click();
    await until(() => $(el, '#plan-error') !== null);
    expect($(el, '#plan-error')?.textContent).toContain('Raden kunde inte visas i bladet');
  });

  it('lets a coordinator place the county on the four-step scale with a comment, and keeps the history', async () => {
    await setup();
    const el = await mount('samplan-action-plan', { client: clientFor(f.tokens.coordinator), units, memberRole: 'coordinator' });
    await until(() => scaleShown(el));
    const m = maturityOf(el);
    expect($(m, 'legend')?.textContent).toBe('Prövas och införs hälsofrämjande och förebyggande angreppssätt i större skala i länet?');
    expect($$(m, 'label.step').map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1 Planering pågår',
      '2 Förändrade angreppssätt prövas',
      '3 Förändrade angreppssätt visar på förbättringar och införs i större skala',
      '4 Förbättrade angreppssätt prövas i större skala och införs som en del av länets ordinarie samverkansarbete',
    ]);
    expect($(m, '#no-placement')).not.toBeNull();
    // Saving without a step says what to do and sends nothing.
    $(m, '#place')?.click();
    await until(() => $(m, '#maturity-message') !== null);
    expect($(m, '#maturity-message')?.textContent).toBe('Välj ett steg först.');
    const pick = async (level: string, comment: string) => {
      const radio = $<HTMLInputElement>(m, `label.step[data-level="${level}"] input`)!;
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
      const box = $<HTMLTextAreaElement>(m, '#maturity-comment')!;
      box.value = comment;
      box.dispatchEvent(new Event('input'));
      await m.updateComplete;
      $(m, '#place')?.click();
    };
    await pick('2', 'Hälsosamtal prövas i Tensta och Rinkeby');
    await until(() => $$(m, 'ol.history li').length === 1);
    // Swedish time, also across the turn of the year (23:30 UTC on New Year's Eve is 00:30 on 1 January).
    f.now.value = new Date('2026-12-31T23:30:00Z');
    await pick('3', '');
    await until(() => $$(m, 'ol.history li').length === 2);
    const items = $$(m, 'ol.history li').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toBe('3 Förändrade angreppssätt visar på förbättringar och införs i större skala · Person coord · 2027-01-01 00:30');
    expect(items[1]).toBe('2 Förändrade angreppssätt prövas · Person coord · 2026-01-15 11:00 Hälsosamtal prövas i Tensta och Rinkeby');
    expect($(m, 'label.step.current')?.getAttribute('data-level')).toBe('3');
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1`, f.tokens.viewer);
    expect(((await res.json()) as { maturity: { level: string }[] }).maturity.map((p) => p.level)).toEqual(['2', '3']);
  });

  it('shows the scale read-only to an editor, and a refused placement in words', async () => {
    await setup();
    const el = await mount('samplan-action-plan', { client: clientFor(f.tokens.editor), units, memberRole: 'editor' });
    await until(() => scaleShown(el));
    const m = maturityOf(el);
    expect($<HTMLFieldSetElement>(m, '#scale')?.disabled).toBe(true);
    expect($(m, '#place')).toBeNull();
    // A view that believes the editor may place: the server refuses, and the pane says why.
    m.canPlace = true;
    await m.updateComplete;
    const radio = $<HTMLInputElement>(m, 'label.step[data-level="1"] input')!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    $(m, '#place')?.click();
    await until(() => $(m, '#maturity-message.error') !== null);
    expect($(m, '#maturity-message')?.textContent?.length).toBeGreaterThan(15);
    expect($(m, '#maturity-message')?.textContent).not.toMatch(/^\d{3}|http-/);
  });
});

describe('groupByPerspective', () => {
  it('keeps the four perspectives even when empty and orders each by start date', () => {
    const rows = [
      planRowOf({ id: 'a', measure: 'B', perspective: 'befolkning', startDate: '2026-05-01' }),
      planRowOf({ id: 'b', measure: 'A', perspective: 'befolkning', startDate: '2026-02-01' }),
      planRowOf({ id: 'c', measure: 'C', perspective: 'okänt' }),
    ];
    const groups = groupByPerspective(rows);
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.id)])).toEqual([
      ['individ-patient', []],
      ['befolkning', ['b', 'a']],
      ['medarbetare', []],
      ['styrning-ledning', []],
      [null, ['c']],
    ]);
  });
});
