// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/validate/problem.js';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { rowLabeler } from '../../../addin/taskpane/row-labels.js';
import '../../../addin/taskpane/samplan-problems.js';
import { $$, mount, textOf } from './support.js';

const problem = (doc: string, severity: Problem['severity'], rowId: string, code: string): Problem => ({
  doc,
  rowId,
  column: null,
  severity,
  code,
  message: { sv: `sv ${code}`, en: `en ${code}` },
});

const docs = [
  { id: 'plan', title: 'Aktivitetsplan Tensta', kind: 'activity-plan' },
  { id: 'partners', title: 'Samverkansaktörer', kind: 'partners' },
];

describe('<samplan-problems>', () => {
  afterEach(() => document.body.replaceChildren());

  it('says so when there are no problems', async () => {
    const el = await mount('samplan-problems');
    expect(textOf(el)).toContain('Inga problem');
  });

  it('groups problems by document, errors before warnings before information', async () => {
    const el = await mount('samplan-problems', {
      docs,
      problems: [
        problem('plan', 'info', 'r1', 'note'),
        problem('partners', 'warning', 'r9', 'unknown-partner'),
        problem('plan', 'error', 'r2', 'required'),
        problem('plan', 'warning', 'r3', 'range'),
      ],
    });
    const groups = $$(el, 'section');
    expect(groups.map((g) => g.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Aktivitetsplan Tensta3',
      'Samverkansaktörer1',
    ]);
    const severities = [...(groups[0]?.querySelectorAll('.problem') ?? [])].map((b) => b.getAttribute('data-severity'));
    expect(severities).toEqual(['error', 'warning', 'info']);
    expect(groups[0]?.querySelector('.problem svg title')?.textContent).toBe('Fel');
  });

  it('asks for the cell to be selected when a problem is activated', async () => {
    const target = problem('plan', 'error', 'row-7', 'required');
    const el = await mount('samplan-problems', { docs, problems: [target] });
    const chosen: Problem[] = [];
    el.addEventListener('samplan-select-problem', (e) => chosen.push((e as CustomEvent<Problem>).detail));
    $$(el, '.problem')[0]?.click();
    expect(chosen).toEqual([target]);
  });

  it('names the column by its header in the pane language', async () => {
    const el = await mount('samplan-problems', {
      lang: 'en',
      docs,
      problems: [{ ...problem('plan', 'error', 'r1', 'required'), column: 'nonexistent-column' }],
    });
    expect($$(el, '.where')[0]?.textContent).toBe('nonexistent-column');
    expect(textOf(el)).toContain('en required');
  });

  it('names the row by its first text cell, else its number, and the column by its header', async () => {
    const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-tensta', schemaVersion: 2 });
    const [hälsodag, untitled] = insertRows(doc, [{ title: 'Hälsodag på torget', type: 'halsodag' }, { type: 'halsodag' }]);
    const onCell = (rowId: string, column: string, code: string): Problem => ({ ...problem('plan', 'error', rowId, code), column });
    const el = await mount('samplan-problems', {
      docs: [{ ...docs[0]!, rowLabel: rowLabeler(doc, 'activity-plan', 'sv') }],
      problems: [onCell(hälsodag!, 'startDate', 'not-date'), onCell(untitled!, 'startDate', 'not-date')],
    });
    const where = $$(el, '.where').map((w) => w.textContent);
    expect(where).toEqual(['”Hälsodag på torget” · Startdatum', 'rad 2 · Startdatum']);
  });

  it('names indicator-value rows by number: an indicator id is no name, nor a Källa many rows share', async () => {
    const doc = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'vc-tensta', schemaVersion: 1 });
    const ids = insertRows(doc, [{ indicator: 'sfh-01' }, { indicator: 'sfh-01', source: 'Kolada' }]);
    const label = rowLabeler(doc, 'indicator-values', 'en');
    expect(ids.map(label)).toEqual(['row 1', 'row 2']);
    expect(label('gone')).toBeNull();
  });

  it('offers the text a colleague’s change took away to copy, and says when it is copied', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t: string) => Promise.resolve(void copied.push(t)) }, configurable: true });
    const el = await mount('samplan-problems', {
      docs,
      problems: [{ ...problem('plan', 'warning', 'r1', 'overwritten-at-once'), copyText: 'Föräldrar på förskolan' }, problem('plan', 'error', 'r2', 'required')],
    });
    const buttons = $$(el, 'button.copy');
    expect(buttons.map((b) => b.textContent)).toEqual(['Kopiera din text']);
    buttons[0]?.click();
    await new Promise((r) => setTimeout(r, 0));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(copied).toEqual(['Föräldrar på förskolan']);
    expect($$(el, 'button.copy')[0]?.textContent).toBe('Kopierad');
  });

  it('lets the person close a problem offering their text, and only such a problem', async () => {
    const offered = { ...problem('plan', 'warning', 'r1', 'overwritten-at-once'), copyText: 'Föräldrar på förskolan' };
    const el = await mount('samplan-problems', { docs, problems: [offered, problem('plan', 'error', 'r2', 'required')] });
    const closed: unknown[] = [];
    el.addEventListener('samplan-dismiss-problem', (e) => closed.push((e as CustomEvent).detail));
    const buttons = $$(el, 'button.dismiss');
    expect(buttons.map((b) => b.textContent)).toEqual(['Stäng']);
    buttons[0]?.click();
    expect(closed).toEqual([offered]);
  });

  it('lets the person close a note offering no text that is marked closable (a row the server brought back)', async () => {
    const note = { ...problem('plan', 'warning', 'r1', 'refused-taken-back'), dismissable: true as const };
    const el = await mount('samplan-problems', { docs, problems: [note, problem('plan', 'error', 'r2', 'required')] });
    const closed: unknown[] = [];
    el.addEventListener('samplan-dismiss-problem', (e) => closed.push((e as CustomEvent).detail));
    const buttons = $$(el, 'button.dismiss');
    expect([buttons.map((b) => b.textContent), $$(el, 'button.copy').length]).toEqual([['Stäng'], 0]);
    buttons[0]?.click();
    expect(closed).toEqual([note]);
  });
});
