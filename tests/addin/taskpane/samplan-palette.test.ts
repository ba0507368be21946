// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { paletteCommands } from '../../../addin/taskpane/commands.js';
import '../../../addin/taskpane/samplan-palette.js';
import { $, $$, mount } from './support.js';

const commands = paletteCommands({ lang: 'sv', documents: [], role: 'editor', hasActiveDocument: true });

async function typeQuery(el: HTMLElement & { updateComplete: Promise<boolean> }, text: string) {
  const input = $<HTMLInputElement>(el, 'input');
  if (!input) throw new Error('no input');
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  return input;
}

describe('<samplan-palette>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is empty while closed', async () => {
    const el = await mount('samplan-palette', { commands });
    expect($(el, 'input')).toBeNull();
  });

  it('filters the commands as you type and runs the highlighted one on Enter', async () => {
    const el = await mount('samplan-palette', { commands, open: true });
    const input = await typeQuery(el, 'nymott');
    expect($$(el, '[role="option"]').map((o) => o.textContent?.trim())[0]).toBe('Nytt från mall: Aktivitetsplan för min mottagning');
    const run: string[] = [];
    el.addEventListener('samplan-command', (e) => run.push((e as CustomEvent<string>).detail));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(run).toEqual(['new:activity-plan']);
  });

  it('moves the highlight with the arrow keys', async () => {
    const el = await mount('samplan-palette', { commands, open: true });
    const input = await typeQuery(el, '');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    await el.updateComplete;
    expect($$(el, '[role="option"]')[1]?.getAttribute('aria-selected')).toBe('true');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    await el.updateComplete;
    expect($$(el, '[role="option"]').at(-1)?.getAttribute('aria-selected')).toBe('true');
  });

  it('closes on Escape', async () => {
    const el = await mount('samplan-palette', { commands, open: true });
    let closed = 0;
    el.addEventListener('samplan-close', () => closed++);
    $(el, 'input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(closed).toBe(1);
  });

  it('offers every command of the brief, and no templates to a viewer', () => {
    const ids = paletteCommands({ lang: 'sv', documents: [{ id: 'p', kind: 'partners', title: 'P', ownerUnit: null, updatedAt: null }], role: 'editor', hasActiveDocument: true }).map((c) => c.id);
    expect(ids).toEqual(['open:p', 'new:activity-plan', 'new:partners', 'new:indicator-values', 'adopt', 'pull', 'export:xlsx', 'export:ods', 'export:csv', 'next-problem', 'language', 'sign-out']);
    const viewer = paletteCommands({ lang: 'en', documents: [], role: 'viewer', hasActiveDocument: false }).map((c) => c.id);
    expect(viewer).toEqual(['pull', 'language', 'sign-out']);
  });
});
