// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/validate/problem.js';
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
});
