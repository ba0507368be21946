// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-sign-in.js';
import type { SignInDetail } from '../../../addin/taskpane/samplan-sign-in.js';
import { $, mount, textOf } from './support.js';

function typeInto(field: HTMLElement | null, value: string): void {
  (field as HTMLInputElement).value = value;
  field?.dispatchEvent(new Event('input'));
}

describe('<samplan-sign-in>', () => {
  afterEach(() => document.body.replaceChildren());

  it('reports the server address and token when signing in', async () => {
    const el = await mount('samplan-sign-in', { serverUrl: 'http://localhost:8787' });
    const seen: SignInDetail[] = [];
    el.addEventListener('samplan-sign-in', (e) => seen.push((e as CustomEvent<SignInDetail>).detail));
    typeInto($(el, '#token'), 'spl_secret');
    $(el, '#submit')?.click();
    expect(seen).toEqual([{ serverUrl: 'http://localhost:8787', token: 'spl_secret' }]);
  });

  it('signs in on Enter in the token field', async () => {
    const el = await mount('samplan-sign-in', { serverUrl: 'http://x' });
    let count = 0;
    el.addEventListener('samplan-sign-in', () => count++);
    $(el, '#token')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(count).toBe(1);
  });

  it('gives a wrong token, an expired token and an unreachable server each their own sentence', async () => {
    const el = await mount('samplan-sign-in');
    const sentences: string[] = [];
    for (const error of ['unauthorized', 'expired', 'unreachable'] as const) {
      el.error = error;
      await el.updateComplete;
      sentences.push($(el, '[role="alert"]')?.textContent?.trim() ?? '');
    }
    expect(sentences[0]).toMatch(/nyckeln stämmer inte/);
    expect(sentences[1]).toMatch(/gått ut/);
    expect(sentences[2]).toMatch(/svarar inte/);
    expect(new Set(sentences).size).toBe(3);
  });

  it('says an unreachable server of another origin than the page’s is out of the page’s reach, and only then', async () => {
    const el = await mount('samplan-sign-in', { error: 'unreachable', serverUrl: 'http://127.0.0.1:8822' });
    const said = $(el, '#other-origin')?.textContent ?? '';
    expect(said).toContain(location.origin);
    expect(said).toMatch(/når bara servern den öppnades från/);
    el.serverUrl = `${location.origin}/`;
    await el.updateComplete;
    expect($(el, '#other-origin')).toBeNull();
    el.serverUrl = 'http://127.0.0.1:8822';
    el.error = 'unauthorized';
    await el.updateComplete;
    expect($(el, '#other-origin')).toBeNull();
  });

  it('speaks English when asked to', async () => {
    const el = await mount('samplan-sign-in', { lang: 'en', error: 'expired' });
    expect(textOf(el)).toContain('Sign in to Samplan');
    expect(textOf(el)).toContain('Your access token has expired');
  });

  it('does not submit twice while busy', async () => {
    const el = await mount('samplan-sign-in', { busy: true });
    let count = 0;
    el.addEventListener('samplan-sign-in', () => count++);
    $(el, '#submit')?.click();
    expect(count).toBe(0);
    expect(textOf(el)).toContain('Loggar in…');
  });
});
