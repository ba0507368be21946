// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, threadOf } from '../../../shared/comments/comments.js';
import { createDoc } from '../../../shared/doc/create.js';
import { insertRow } from '../../../shared/doc/rows.js';
import { applyMention, mentionQuery, suggest } from '../../../addin/taskpane/mention-suggest.js';
import '../../../addin/taskpane/samplan-comments.js';
import type { SamplanComments } from '../../../addin/taskpane/samplan-comments.js';
import type { SamplanCommentComposer } from '../../../addin/taskpane/samplan-comment-composer.js';
import { $, $$, mount, textOf, until } from './support.js';

const PEOPLE = [
  { id: 'nina', name: 'Nina Ek' },
  { id: 'anna.ek@rjl.se', name: 'Anna Ek' },
  { id: 'bo', name: 'Bo Berg' },
];
const api = { people: async () => PEOPLE };
const nina = { name: 'Nina Ek', role: 'editor' as const, units: ['vc-tensta'], memberId: 'nina' };

function planDoc(): { doc: Y.Doc; row: string } {
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-tensta', schemaVersion: 2 });
  const row = insertRow(doc, { title: 'Hälsodag i Tensta', type: 'halsodag' });
  return { doc, row };
}

async function view(over: Partial<SamplanComments> = {}): Promise<SamplanComments> {
  const { doc, row } = planDoc();
  const el = await mount('samplan-comments', { doc, kind: 'activity-plan', rowId: row, me: nina, api, workspace: 'hbi', ...over });
  await until(() => $(el, 'samplan-comment-composer') !== null || over.readOnlyReason !== undefined);
  return el;
}

function composerOf(el: Element): SamplanCommentComposer {
  return $(el, 'samplan-comment-composer') as unknown as SamplanCommentComposer;
}

async function type(composer: SamplanCommentComposer, text: string): Promise<HTMLTextAreaElement> {
  await composer.updateComplete;
  const box = $<HTMLTextAreaElement>(composer, 'textarea') as HTMLTextAreaElement;
  box.value = text;
  box.setSelectionRange(text.length, text.length);
  box.dispatchEvent(new Event('input'));
  await composer.updateComplete;
  return box;
}

const key = (box: Element, k: string, extra: KeyboardEventInit = {}): boolean => box.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));

describe('mention suggestions', () => {
  it('finds the @query at the caret, not an e-mail address, and suggests names starting with it first', () => {
    expect(mentionQuery('Fråga @ni', 9)).toEqual({ start: 6, query: 'ni' });
    expect(mentionQuery('skriv till nina@rjl.se', 22)).toBeNull();
    expect(suggest(PEOPLE, 'ek').map((p) => p.id)).toEqual(['anna.ek@rjl.se', 'nina']);
    expect(applyMention('Fråga @ni om', 6, 9, PEOPLE[0] as (typeof PEOPLE)[0])).toEqual({ text: 'Fråga @Nina Ek  om', caret: 15 });
  });
});

describe('<samplan-comments>', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks for a row first, listing the rows that have comments as buttons that choose the row', async () => {
    const { doc, row } = planDoc();
    const quiet = insertRow(doc, { title: 'Promenad', type: 'promenadgrupp' });
    const el = await mount('samplan-comments', { doc, kind: 'activity-plan', rowId: null, me: nina });
    expect(textOf(el)).toContain('Markera en rad');
    expect($$(el, '.commented button')).toHaveLength(0);
    addComment(doc, { row, author: 'bo', text: 'Hej' });
    await until(() => $$(el, '.commented button').length === 1);
    const chosen: string[] = [];
    el.addEventListener('samplan-comment-row', (e) => chosen.push((e as CustomEvent<string>).detail));
    const button = $$(el, '.commented button')[0] as HTMLButtonElement;
    expect(button.textContent).toMatch(/Hälsodag i Tensta.*1/s);
    button.click();
    expect(chosen).toEqual([row]);
    expect(chosen).not.toContain(quiet);
  });

  it('shows the selected row’s thread oldest first with names, times and mentions as names, and follows changes live', async () => {
    const { doc, row } = planDoc();
    addComment(doc, { row, author: 'bo', text: 'Senare', at: new Date('2026-03-02T10:00:00Z') });
    addComment(doc, { row, author: 'anna.ek@rjl.se', text: 'Först, till @{nina}', at: new Date('2026-03-01T10:00:00Z') });
    const el = await view({ doc, rowId: row });
    await until(() => $$(el, '.mention').length === 1 && textOf(el).includes('Anna Ek'));
    expect($(el, '.about')?.textContent).toContain('Hälsodag i Tensta');
    expect($$(el, 'li.comment .text').map((p) => p.textContent)).toEqual(['Först, till @Nina Ek', 'Senare']);
    addComment(doc, { row, author: 'bo', text: 'Nyast' });
    await until(() => $$(el, 'li.comment').length === 3);
    expect($$(el, 'li.comment .text').at(-1)?.textContent).toBe('Nyast');
  });

  it('writes a comment with a mention chosen by keyboard, stored as the member id', async () => {
    const { doc, row } = planDoc();
    const el = await view({ doc, rowId: row });
    await until(() => textOf(el).length > 0);
    const composer = composerOf(el);
    await until(() => (composer as unknown as { people: unknown[] }).people.length === 3);
    const box = await type(composer, 'Kan @ann');
    expect($$(composer, '[role=option]').map((o) => o.textContent?.trim())).toEqual(['Anna Ek']);
    key(box, 'Enter');
    await composer.updateComplete;
    expect(box.value).toBe('Kan @Anna Ek ');
    await type(composer, `${box.value}boka lokalen? @okänd stannar text`);
    key(box, 'Enter', { ctrlKey: true });
    await until(() => threadOf(doc, row).length === 1);
    expect(threadOf(doc, row)[0]).toMatchObject({ author: 'nina', text: 'Kan @{anna.ek@rjl.se} boka lokalen? @okänd stannar text' });
    expect(box.value).toBe('');
  });

  it.each([
    ['850101-1236', /Kommentaren innehåller ett personnummer/],
    ['19811278-9873', /samordningsnummer/],
    ['８５０１０１-１２３６', /personnummer/],
  ])('refuses %s in a sentence, keeps the text and stores nothing', async (pnr, sentence) => {
    const { doc, row } = planDoc();
    const el = await view({ doc, rowId: row });
    const composer = composerOf(el);
    const box = await type(composer, `Ring ${pnr} i morgon`);
    key(box, 'Enter', { ctrlKey: true });
    await composer.updateComplete;
    expect($(composer, '[role=alert]')?.textContent).toMatch(sentence);
    expect(box.value).toContain(pnr);
    expect(doc.getMap('comments').size).toBe(0);
  });

  it('refuses a right-to-left override in words naming the character, keeps the text and stores nothing', async () => {
    const { doc, row } = planDoc();
    const el = await view({ doc, rowId: row });
    const composer = composerOf(el);
    const box = await type(composer, 'Bokad av \u202eevil');
    key(box, 'Enter', { ctrlKey: true });
    await composer.updateComplete;
    expect($(composer, '[role=alert]')?.textContent).toContain('Kommentaren innehåller U+202E (höger-till-vänster-åsidosättning) som tecken nr 10, vilket inte får finnas i en text.');
    // Beside the refusal, the text with the refused character marked where it is.
    expect($(composer, '.refused-text')?.textContent).toBe('Bokad av ⟨U+202E⟩evil');
    expect($(composer, '.refused-text mark')?.textContent).toBe('⟨U+202E⟩');
    expect(box.value).toBe('Bokad av \u202eevil');
    expect(doc.getMap('comments').size).toBe(0);
  });

  it('shows a comment stored before the rule with each override as its code, so it reorders nothing', async () => {
    const { doc, row } = planDoc();
    const entry = new Y.Map<unknown>();
    doc.transact(() => {
      for (const [k, v] of Object.entries({ row, author: 'bo', at: '2026-03-01T10:00:00.000Z', text: 'Klar \u202eevil\u202c ok' })) entry.set(k, v);
      doc.getMap('comments').set('cOld000001', entry);
    });
    const el = await view({ doc, rowId: row });
    await until(() => $$(el, 'li.comment').length === 1);
    expect($(el, 'li.comment p.text')?.textContent).toBe('Klar ⟨U+202E⟩evil⟨U+202C⟩ ok');
  });

  it('lets the author edit and delete their own comment, and offers nothing on another’s', async () => {
    const { doc, row } = planDoc();
    addComment(doc, { row, author: 'bo', text: 'Bos', at: new Date('2026-03-01T10:00:00Z') });
    const mine = addComment(doc, { row, author: 'nina', text: 'Min', at: new Date('2026-03-01T11:00:00Z') });
    const el = await view({ doc, rowId: row });
    const items = $$(el, 'li.comment');
    expect(items[0]?.querySelector('button.edit')).toBeNull();
    (items[1]?.querySelector('button.edit') as HTMLButtonElement).click();
    await el.updateComplete;
    const editor = $(el, 'li.comment samplan-comment-composer') as unknown as SamplanCommentComposer;
    const box = await type(editor, 'Min, rättad');
    key(box, 'Enter', { ctrlKey: true });
    await until(() => threadOf(doc, row)[1]?.text === 'Min, rättad');
    await until(() => textOf(el).includes('(ändrad)'));
    ($$(el, 'li.comment')[1]?.querySelector('button.delete') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'button.confirm-delete') as HTMLButtonElement).click();
    await until(() => threadOf(doc, row).length === 1);
    expect(doc.getMap('comments').has(mine)).toBe(false);
  });

  it('shows a reader the thread and why they cannot write, with no composer', async () => {
    const { doc, row } = planDoc();
    addComment(doc, { row, author: 'bo', text: 'Bos' });
    const el = await view({ doc, rowId: row, me: { ...nina, role: 'viewer' }, readOnlyReason: { sv: 'din roll får bara läsa.', en: 'your role may only read.' } });
    expect($$(el, 'li.comment')).toHaveLength(1);
    expect($(el, 'samplan-comment-composer')).toBeNull();
    expect(textOf(el)).toContain('din roll får bara läsa');
  });
});
