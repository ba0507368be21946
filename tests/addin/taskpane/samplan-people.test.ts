// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Peer } from '../../../addin/taskpane/doc-presence.js';
import { initials } from '../../../addin/taskpane/samplan-people.js';
import { $$, mount, textOf } from './support.js';

const peer = (over: Partial<Peer>): Peer => ({
  clientId: 1,
  name: 'Anna Andersson',
  color: '#0f6cbd',
  role: 'editor',
  doc: 'plan',
  docTitle: 'Aktivitetsplan Tensta',
  rowId: null,
  row: null,
  canShowRow: false,
  self: false,
  ...over,
});

describe('<samplan-people>', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks for a document first', async () => {
    const el = await mount('samplan-people');
    expect(textOf(el)).toContain('Öppna ett dokument');
  });

  it('lists who is present with their colour, document and row, marking yourself', async () => {
    const el = await mount('samplan-people', {
      hasDocument: true,
      peers: [peer({ clientId: 1, self: true }), peer({ clientId: 2, name: 'Bo Berg', color: '#c239b3', rowId: 'r1', row: '”Hälsodag”' })],
    });
    const items = $$(el, '.peer');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('(du)');
    expect(items[1]?.querySelector('.avatar')?.getAttribute('style')).toContain('#c239b3');
    expect(items[1]?.querySelector('.avatar')?.textContent).toBe('BB');
    expect(items[1]?.textContent).toMatch(/Aktivitetsplan Tensta · ”Hälsodag”/);
    expect(items[1]?.querySelector('button.show-row')).toBeNull();
    expect(textOf(el)).not.toContain('Ingen annan');
  });

  it('offers the row as a button that asks to show it, when the sheet can', async () => {
    const bo = peer({ clientId: 2, name: 'Bo Berg', rowId: 'r1', row: '”Hälsodag”', canShowRow: true });
    const el = await mount('samplan-people', { hasDocument: true, peers: [bo] });
    const asked: Peer[] = [];
    el.addEventListener('samplan-show-row', (e) => asked.push((e as CustomEvent<Peer>).detail));
    const button = el.shadowRoot?.querySelector('button.show-row') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('”Hälsodag”');
    expect(button.title).toBe('Visa raden där Bo Berg är');
    button.click();
    expect(asked).toEqual([bo]);
  });

  it('says nobody else is here when alone', async () => {
    const el = await mount('samplan-people', { hasDocument: true, peers: [peer({ self: true })] });
    expect(textOf(el)).toContain('Ingen annan är här just nu.');
  });

  it('makes initials from the first two words', () => {
    expect(initials('anna maria svensson')).toBe('AM');
    expect(initials('  ')).toBe('?');
  });

  it('lists a person once, with every document and row they are in', async () => {
    const el = await mount('samplan-people', {
      hasDocument: true,
      peers: [
        peer({ clientId: 2, name: 'Bo Berg', doc: 'plan', docTitle: 'Aktivitetsplan Tensta', rowId: 'r1', row: '”Hälsodag”', canShowRow: true }),
        peer({ clientId: 3, name: 'Bo Berg', doc: 'partners', docTitle: 'Samverkansaktörer', rowId: 'r9', row: '”Röda Korset”' }),
        peer({ clientId: 4, name: 'Cecilia Ek', doc: 'plan', docTitle: 'Aktivitetsplan Tensta' }),
      ],
    });
    const people = $$(el, '.peer');
    expect(people).toHaveLength(2);
    const bo = people[0] as HTMLElement;
    expect([...bo.querySelectorAll('.place')].map((p) => p.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Aktivitetsplan Tensta ”Hälsodag”',
      'Samverkansaktörer · ”Röda Korset”',
    ]);
    expect(bo.querySelectorAll('.show-row')).toHaveLength(1);
  });
});
