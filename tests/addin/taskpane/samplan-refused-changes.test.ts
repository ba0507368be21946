// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { RefusedChangesActions } from '../../../addin/taskpane/refused-changes-actions.js';
import type { LocalChange } from '../../../addin/taskpane/refused-changes.js';
import { SaidError } from '../../../shared/i18n/said-error.js';
import '../../../addin/taskpane/samplan-refused-changes.js';
import { $, mount, textOf, until } from './support.js';

const changes: LocalChange[] = [
  { kind: 'changed', rowId: 'r1', values: { title: 'Stavgång' }, columns: ['title'] },
  { kind: 'new', rowId: 'r2', values: { title: 'Hälsodag' }, columns: ['title'] },
  { kind: 'deleted', rowId: 'r3', values: { title: 'Promenad' }, columns: ['title'] },
];

/** Actions that record what they were asked, each failing on demand. */
function actions(fail: { keep?: string; discard?: string; list?: string } = {}) {
  const calls: string[] = [];
  const a: RefusedChangesActions = {
    async list(docId) {
      calls.push(`list ${docId}`);
      if (fail.list) throw new SaidError({ sv: fail.list, en: fail.list });
      return changes;
    },
    async keep(docId, list) {
      calls.push(`keep ${docId} ${list.length}`);
      if (fail.keep) throw new SaidError({ sv: fail.keep, en: fail.keep });
      return 'Plan Tensta 2026-12-01';
    },
    async discard(docId) {
      calls.push(`discard ${docId}`);
      if (fail.discard) throw new SaidError({ sv: fail.discard, en: fail.discard });
    },
  };
  return { actions: a, calls };
}

const docs = [{ id: 'plan', title: 'Aktivitetsplan Tensta' }];
const click = (el: Element, id: string) => ($(el, `#${id}`) as HTMLElement).click();

describe('<samplan-refused-changes>', () => {
  afterEach(() => document.body.replaceChildren());

  it('offers both ways forward for a document with refused changes, and nothing without one', async () => {
    const el = await mount('samplan-refused-changes', { docs, actions: actions().actions });
    expect(textOf(el)).toContain('Spara mina ändringar i ett nytt blad');
    expect(textOf(el)).toContain('Återställ till den delade versionen');
    const empty = await mount('samplan-refused-changes', { docs: [], actions: actions().actions });
    expect(textOf(empty)).toBe('');
  });

  it('keeps the changes in a new sheet and names it', async () => {
    const { actions: a, calls } = actions();
    const el = await mount('samplan-refused-changes', { docs, actions: a });
    click(el, 'keep');
    await until(() => textOf(el).includes('sparades i bladet ”Plan Tensta 2026-12-01”'));
    expect(calls).toEqual(['list plan', 'keep plan 3']);
  });

  it('drops nothing before the confirmation, which names how many changes go and offers to keep them first', async () => {
    const { actions: a, calls } = actions();
    const el = await mount('samplan-refused-changes', { docs, actions: a });
    click(el, 'discard');
    await until(() => $(el, '#confirm') !== null);
    expect(textOf(el)).toContain('3 ändrade rader tas bort');
    click(el, 'cancel-discard');
    await until(() => $(el, '#confirm') === null);
    expect(calls).toEqual(['list plan']);
    click(el, 'discard');
    await until(() => $(el, '#keep-first') !== null);
    click(el, 'keep-first');
    await until(() => textOf(el).includes('sparades i bladet'));
    expect($(el, '#confirm-discard')).not.toBeNull();
    click(el, 'confirm-discard');
    await until(() => textOf(el).includes('Tabellen visar nu den delade versionen; 3 ändringar togs bort.'));
    expect(calls).toEqual(['list plan', 'list plan', 'keep plan 3', 'discard plan']);
  });

  it('says in words that nothing was dropped when a step fails', async () => {
    const el = await mount('samplan-refused-changes', { docs, actions: actions({ keep: 'Excel tog inte emot bladnamnet', discard: 'arbetsboken är stängd' }).actions });
    click(el, 'keep');
    await until(() => textOf(el).includes('Det gick inte att skapa bladet: Excel tog inte emot bladnamnet. Ingenting har tagits bort'));
    click(el, 'discard');
    await until(() => $(el, '#confirm-discard') !== null);
    click(el, 'confirm-discard');
    await until(() => textOf(el).includes('Det gick inte att återställa: arbetsboken är stängd. Ingenting har tagits bort; ändringarna finns kvar här.'));
    expect($(el, '[role="alert"]')).not.toBeNull();
  });

  it('speaks English when the pane does', async () => {
    const el = await mount('samplan-refused-changes', { docs, actions: actions().actions, lang: 'en' });
    expect(textOf(el)).toContain('Keep my changes in a new sheet');
    expect(textOf(el)).toContain('Return to the shared version');
  });
});
