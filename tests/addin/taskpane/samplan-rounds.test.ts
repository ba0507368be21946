// @vitest-environment happy-dom
/**
 * The Follow-up view against the real server app (in process, memory storage): the grid of units
 * × rounds in words, an editor submitting its unit, a coordinator sending it back with a reason,
 * the server's refusals shown in words, and the styrgrupp report opened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoundsClient, RoundsError } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-rounds.js';
import type { SamplanRounds } from '../../../addin/taskpane/samplan-rounds.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { roundsClientOver } from './rounds-over-fixture.js';
import { $, $$, mount, textOf, until } from './support.js';

let f: Fixture;
afterEach(async () => {
  document.body.replaceChildren();
  await f?.close();
});

const units = [{ code: 'vc-a', name: 'Vårdcentral A' }, { code: 'vc-b', name: 'Vårdcentral B' }];

/** A client whose requests go to the fixture's app with `token`. */
const clientFor = (token: string): RoundsClient => roundsClientOver(() => f, token);

async function setup(): Promise<void> {
  f = await makeFixture();
  const post = (body: unknown) => f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  // The fixture's clock says 2026-01-15: the 2025 kv 4 round is overdue, the 2026 kv 1 round is not.
  expect((await post({ id: '2025-kv-4', title: '2025 kv 4', period: '2025Q4', dueDate: '2026-01-10' })).status).toBe(201);
  expect((await post({ id: '2026-kv-1', title: '2026 kv 1', period: '2026Q1', dueDate: '2026-04-15' })).status).toBe(201);
}

const view = (token: string, memberRole: 'editor' | 'coordinator' | 'admin', myUnits: string[], opened: string[] = []) =>
  mount('samplan-rounds', { client: clientFor(token), units, memberRole, myUnits, openReport: (page: string) => (opened.push(page), true) });

const cellText = (el: SamplanRounds, unit: string, round: string) => $(el, `tr[data-unit="${unit}"] td[data-round="${round}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const choose = (el: SamplanRounds, unit: string, round: string) => $(el, `tr[data-unit="${unit}"] td[data-round="${round}"] button`)?.click();
const txt = (e: Element | null | undefined): string => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const actions = (el: SamplanRounds) => $$(el, 'button.action').map((b) => b.getAttribute('data-action'));

describe('<samplan-rounds>', () => {
  it('shows units × rounds with status in words and colour, counts, and overdue from the due date', async () => {
    await setup();
    const el = await view(f.tokens.editor, 'editor', ['vc-a']);
    await until(() => $$(el, 'tbody tr').length === 2);
    expect($$(el, 'thead th').map((th) => th.textContent?.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim())).toEqual([
      'Enhet',
      '2026 kv 1sista dag 2026-04-15 Styrgruppsrapport',
      '2025 kv 4sista dag 2026-01-10 Styrgruppsrapport',
    ]);
    expect($(el, 'tr[data-unit="vc-a"] th')?.textContent).toBe('Vårdcentral A');
    expect(cellText(el, 'vc-a', '2025-kv-4')).toMatch(/^(ej påbörjad|pågår) \d+\/\d+ värden försenad$/);
    expect(cellText(el, 'vc-a', '2026-kv-1')).not.toContain('försenad');
    expect($(el, 'tr[data-unit="vc-a"] td[data-round="2025-kv-4"] .st')?.className).toMatch(/st-(ej-paborjad|pagar)/);
  });

  it('lets an editor submit its own unit only, and a coordinator send it back with a reason', async () => {
    await setup();
    const ed = await view(f.tokens.editor, 'editor', ['vc-a']);
    await until(() => $$(ed, 'tbody tr').length === 2);
    choose(ed, 'vc-b', '2026-kv-1');
    await ed.updateComplete;
    expect(actions(ed)).toEqual([]);
    choose(ed, 'vc-a', '2026-kv-1');
    await ed.updateComplete;
    expect(actions(ed)).toEqual(['submit']);
    $(ed, 'button.action[data-action="submit"]')?.click();
    await until(() => cellText(ed, 'vc-a', '2026-kv-1').startsWith('inskickad'));
    expect($(ed, 'tr[data-unit="vc-a"] td[data-round="2026-kv-1"] .st')?.className).toContain('st-inskickad');
    ed.remove();

    const co = await view(f.tokens.coordinator, 'coordinator', ['region']);
    await until(() => cellText(co, 'vc-a', '2026-kv-1').startsWith('inskickad'));
    choose(co, 'vc-a', '2026-kv-1');
    await co.updateComplete;
    expect(actions(co)).toEqual(['approve', 'return']);
    $(co, 'button.action[data-action="return"]')?.click();
    await co.updateComplete;
    // No reason: asked for one, nothing sent.
    $(co, '#confirm')?.click();
    await co.updateComplete;
    expect($(co, '#rounds-error')?.textContent).toBe('Skriv en motivering först.');
    expect(cellText(co, 'vc-a', '2026-kv-1')).toMatch(/^inskickad/);
    const reason = $<HTMLTextAreaElement>(co, '#reason')!;
    reason.value = 'FaR-siffrorna saknas för juni';
    reason.dispatchEvent(new Event('input'));
    $(co, '#confirm')?.click();
    await until(() => cellText(co, 'vc-a', '2026-kv-1').startsWith('återsänd'));
    expect(textOf(co)).toContain('Återsänd: FaR-siffrorna saknas för juni');
    expect($(co, 'tr[data-unit="vc-a"] td[data-round="2026-kv-1"] .st')?.className).toContain('st-atersand');
  });

  it('names an admin\'s reopening of an approved unit apart from reopening a closed round', async () => {
    await setup();
    const move = (action: string, token: string) => f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/units/vc-a/${action}`, token, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect((await move('submit', f.tokens.editor)).status).toBe(200);
    expect((await move('approve', f.tokens.coordinator)).status).toBe(200);
    const admin = await view(f.tokens.admin, 'admin', ['region']);
    await until(() => cellText(admin, 'vc-a', '2026-kv-1').startsWith('godkänd'));
    choose(admin, 'vc-a', '2026-kv-1');
    await admin.updateComplete;
    expect(txt($(admin, 'button.action[data-action="reopen"]'))).toBe('Öppna för ändring');
    expect(txt($(admin, 'th[data-round="2026-kv-1"] button.closure'))).toBe('Stäng omgången');
  });

  it('shows the server refusal in words when the role does not allow the move', async () => {
    await setup();
    // The view believes the editor is a coordinator; the server does not.
    const el = await view(f.tokens.editor, 'coordinator', []);
    await until(() => $$(el, 'tbody tr').length === 2);
    choose(el, 'vc-b', '2026-kv-1');
    await el.updateComplete;
    $(el, 'button.action[data-action="submit"]')?.click();
    await until(() => $(el, '#rounds-error') !== null);
    expect($(el, '#rounds-error')?.textContent).toMatch(/^Din roll \(redigerare\) får inte skicka in för Vårdcentral B\. /);
    expect($(el, '#rounds-error')?.textContent?.length).toBeGreaterThan(10);
    expect($(el, '#rounds-error')?.textContent).not.toMatch(/^\d{3}/);
    expect(cellText(el, 'vc-b', '2026-kv-1')).not.toMatch(/^inskickad/);
  });

  it('opens the styrgrupp report of a round', async () => {
    await setup();
    const opened: string[] = [];
    const el = await view(f.tokens.coordinator, 'coordinator', ['region'], opened);
    await until(() => $$(el, 'tbody tr').length === 2);
    $(el, 'th[data-round="2026-kv-1"] button.report')?.click();
    await until(() => opened.length === 1);
    expect(opened[0]).toContain('Styrgruppsrapport: 2026 kv 1');
  });

  it('marks an interim round as a delavstämning in the grid and in its report, and a final round as neither', async () => {
    await setup();
    const post = (body: unknown) => f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post({ id: 'halvtid-2026', title: 'Halvtid 2026', period: '2026', dueDate: '2026-07-15', interim: true })).status).toBe(201);
    const opened: string[] = [];
    const el = await view(f.tokens.coordinator, 'coordinator', ['region'], opened);
    await until(() => $$(el, 'thead th').length === 4);
    expect(txt($(el, 'th[data-round="halvtid-2026"] .interim'))).toBe('Delavstämning');
    expect($(el, 'th[data-round="2026-kv-1"] .interim')).toBeNull();
    $(el, 'th[data-round="halvtid-2026"] button.report')?.click();
    await until(() => opened.length === 1);
    expect(opened[0]).toContain('Delavstämning: sista dagen ligger inom perioden, så siffrorna gäller en del av perioden och är inte den slutliga uppföljningen.');
    $(el, 'th[data-round="2026-kv-1"] button.report')?.click();
    await until(() => opened.length === 2);
    expect(opened[1]).not.toContain('Delavstämning');
  });

  it('lets a coordinator close a round after a confirmation, shows it closed with no moves for its units, refuses a submit in words, and reopens it', async () => {
    await setup();
    const ed = await view(f.tokens.editor, 'editor', ['vc-a']);
    await until(() => $$(ed, 'tbody tr').length === 2);
    expect($$(ed, 'button.closure')).toEqual([]);
    choose(ed, 'vc-a', '2026-kv-1');
    await ed.updateComplete;
    expect(actions(ed)).toEqual(['submit']);

    const co = await view(f.tokens.coordinator, 'coordinator', ['region']);
    await until(() => $$(co, 'tbody tr').length === 2);
    $(co, 'th[data-round="2026-kv-1"] button.closure[data-closure="close"]')?.click();
    await co.updateComplete;
    // Asked first; nothing sent yet.
    expect(txt($(co, '#closing'))).toContain('Stänga omgången 2026 kv 1? Ingen enhet kan sedan skicka in eller ändra sina värden i omgången. Du kan öppna den igen.');
    expect(((await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { closed: unknown[] }).closed).toEqual([]);
    $(co, '#cancel-closure')?.click();
    await co.updateComplete;
    expect($(co, '#closing')).toBeNull();
    $(co, 'th[data-round="2026-kv-1"] button.closure')?.click();
    await co.updateComplete;
    const why = $<HTMLTextAreaElement>(co, '#closure-reason')!;
    why.value = 'Styrgruppen beslutade 18/7';
    why.dispatchEvent(new Event('input'));
    $(co, '#confirm-closure')?.click();
    await until(() => txt($(co, 'th[data-round="2026-kv-1"]')).includes('Stängd'));
    // The reason is kept with the closure and shown to whoever opens a unit of the round.
    expect(((await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { closed: { reason: string }[] }).closed[0]?.reason).toBe('Styrgruppen beslutade 18/7');
    await until(() => txt($(ed, '#closed-why')) === 'Motivering: Styrgruppen beslutade 18/7');
    expect(txt($(co, 'th[data-round="2025-kv-4"]'))).not.toContain('Stängd');
    expect($(co, 'th[data-round="2026-kv-1"] button.closure')?.getAttribute('data-closure')).toBe('reopen');

    // The editor's view follows: no moves, the round said closed; a submit sent anyway is refused in words.
    await until(() => txt($(ed, '.closed-note')).startsWith('Omgången är stängd'));
    expect(actions(ed)).toEqual([]);
    const refused = await clientFor(f.tokens.editor).transition('2026-kv-1', 'vc-a', 'submit').then(() => null, (e: unknown) => e as RoundsError);
    expect(refused?.text('sv')).toBe('Omgången 2026 kv 1 är stängd, så det går inte att skicka in för Vårdcentral A. Den som leder uppföljningen (samordnare eller administratör) kan öppna omgången igen.');

    $(co, 'th[data-round="2026-kv-1"] button.closure[data-closure="reopen"]')?.click();
    await co.updateComplete;
    expect(txt($(co, '#closing'))).toContain('Öppna omgången 2026 kv 1 igen?');
    $(co, '#confirm-closure')?.click();
    await until(() => !txt($(co, 'th[data-round="2026-kv-1"]')).includes('Stängd'));
    await until(() => actions(ed).includes('submit'));
    expect($(ed, '.closed-note')).toBeNull();
  });
});
