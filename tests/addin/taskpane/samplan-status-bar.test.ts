// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../addin/taskpane/samplan-status-bar.js';
import { OFFLINE_STORE_RESTORED, offlineStoreWords } from '../../../addin/sync/connection-status.js';
import { $, mount, textOf } from './support.js';

describe('<samplan-status-bar>', () => {
  afterEach(() => document.body.replaceChildren());

  it('says no document is open before one is', async () => {
    const el = await mount('samplan-status-bar');
    expect($(el, '#connection')?.textContent).toContain('Inget dokument öppet');
    expect($(el, '#pending')).toBeNull();
  });

  it('shows the connection, the changes not yet synced, the problems and who is signed in with which role', async () => {
    const el = await mount('samplan-status-bar', {
      sync: { status: 'offline', pending: 4, refusal: null, closeCode: null },
      problems: 2,
      user: 'Anna Andersson',
      userRole: 'editor',
    });
    expect($(el, '#connection')?.textContent).toContain('Frånkopplad');
    expect($(el, '#pending')?.textContent).toContain('4 ej synkade');
    expect($(el, '#problems')?.textContent).toContain('2 problem');
    expect($(el, '#user')?.textContent).toMatch(/Anna Andersson\s*·\s*redigerare/);
  });

  it('says why the connection stopped, that the changes are kept, and offers to try again', async () => {
    const el = await mount('samplan-status-bar', {
      sync: { status: 'refused', pending: 2, refusal: 'Servern tog inte emot en ändring: personnummer.', closeCode: 4422 },
    });
    expect($(el, '#connection')?.textContent).toContain('Stoppad');
    expect($(el, '#pending')?.textContent).toContain('2 ej synkade');
    expect($(el, '#refusal')?.textContent).toContain('Servern tog inte emot en ändring: personnummer.');
    expect($(el, '#refusal')?.textContent).toContain('Dina ändringar finns kvar här.');
    let retried = 0;
    el.addEventListener('samplan-retry', () => retried++);
    $(el, '#retry')?.click();
    expect(retried).toBe(1);
    expect($(el, '#retry')?.textContent).toContain('Försök igen');
  });

  it('says why a dropped connection is retried and counts down to the next attempt, the whole sentence in the tooltip', async () => {
    const message = 'Servern startas om eller stängs ner; ansluter igen och hämtar det som ändrats.';
    const el = await mount('samplan-status-bar', {
      sync: { status: 'reconnecting', pending: 1, refusal: null, closeCode: null, retry: { cause: 'Servern startar om', message, at: Date.now() + 7_600 } },
    });
    expect($(el, '#connection')?.textContent).toContain('Återansluter');
    expect($(el, '#retrying')?.textContent).toContain('Servern startar om — försöker igen om 8 s');
    expect($(el, '#retrying')?.getAttribute('title')).toBe(`${message} Servern startar om — försöker igen om 8 s`);
    expect($(el, '#connection')?.getAttribute('title')).toContain(message);
    // No stop: nothing to try again by hand.
    expect($(el, '#retry')).toBeNull();
    // The countdown moves on by itself.
    await expect.poll(() => $(el, '#retrying')?.textContent, { timeout: 5_000 }).toContain('försöker igen om 7 s');
  });

  it('says when the countdown is over that it tries now, in English too', async () => {
    const el = await mount('samplan-status-bar', {
      lang: 'en',
      sync: { status: 'offline', pending: 0, refusal: null, closeCode: null, retry: { cause: 'You are sending too fast', message: 'Too many changes too fast; trying again shortly.', at: Date.now() - 10 } },
    });
    expect($(el, '#retrying')?.textContent).toContain('You are sending too fast — trying again now');
  });

  it('shows no countdown once online or stopped', async () => {
    const retry = { cause: 'Servern startar om', message: 'x', at: Date.now() + 5_000 };
    for (const status of ['online', 'refused'] as const) {
      const el = await mount('samplan-status-bar', { sync: { status, pending: 0, refusal: null, closeCode: null, retry } });
      expect($(el, '#retrying')).toBeNull();
      el.remove();
    }
  });

  it('offers no retry while connected', async () => {
    const el = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: 'En gammal vägran.', closeCode: 0 } });
    expect($(el, '#retry')).toBeNull();
    expect($(el, '#refusal')).toBeNull();
  });

  it('opens the Problems view from the problems count', async () => {
    const el = await mount('samplan-status-bar', { lang: 'en', problems: 1 });
    let view = '';
    el.addEventListener('samplan-view', (e) => (view = (e as CustomEvent<string>).detail));
    $(el, '#problems')?.click();
    expect(view).toBe('problems');
    expect(textOf(el)).toContain('1 problems');
  });

  it('says when changes are not kept offline on this computer, online or not', async () => {
    const words = offlineStoreWords('quota').sv;
    const el = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, offlineStore: words } });
    expect($(el, '#offline-store')?.textContent).toBe(words);
    expect($(el, '#offline-store')?.getAttribute('role')).toBe('alert');
    const kept = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, offlineStore: null } });
    expect($(kept, '#offline-store')).toBeNull();
  });

  it('says the copy is kept again after a fault, not styled as a fault', async () => {
    const fault = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, offlineStore: offlineStoreWords('quota').sv } });
    expect($(fault, '#offline-store')?.classList.contains('refusal')).toBe(true);
    const again = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, offlineStore: OFFLINE_STORE_RESTORED.sv, offlineStoreRestored: true } });
    expect($(again, '#offline-store')?.textContent).toBe(OFFLINE_STORE_RESTORED.sv);
    expect($(again, '#offline-store')?.classList.contains('refusal')).toBe(false);
  });

  it('names another account’s unsent edits kept here, and asks about a copy with no owner, the answer going up', async () => {
    const el = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, otherAccountCopy: true, unownedCopy: true } });
    expect($(el, '#other-account-copy')?.textContent).toBe('Osända ändringar från ett annat konto finns kvar på den här datorn. De skickas inte under ditt konto.');
    expect($(el, '#unowned-copy')?.textContent).toContain('Är de dina?');
    const answers: boolean[] = [];
    el.addEventListener('samplan-unowned-copy', (e) => answers.push((e as CustomEvent<boolean>).detail));
    ($(el, '#unowned-mine') as HTMLButtonElement).click();
    ($(el, '#unowned-not-mine') as HTMLButtonElement).click();
    expect(answers).toEqual([true, false]);
  });

  it('says the edits of a copy with no owner are kept apart after a "no", and offers "Fråga igen"', async () => {
    const el = await mount('samplan-status-bar', { sync: { status: 'online', pending: 0, refusal: null, closeCode: null, unownedLeft: true } });
    expect($(el, '#unowned-left')?.textContent).toBe('Osända ändringar i dokumentet från innan Samplan höll isär kontona finns kvar på den här datorn. Du har svarat att de inte är dina, så de skickas inte. Svaret hålls i arbetsboken och på den här datorn, så Samplan frågar inte igen när du öppnar arbetsboken här, inte heller om den stängdes utan att sparas.');
    expect($(el, '#unowned-copy')).toBeNull();
    let asked = 0;
    el.addEventListener('samplan-unowned-again', () => asked++);
    ($(el, '#unowned-ask-again') as HTMLButtonElement).click();
    expect(asked).toBe(1);
    el.lang = 'en';
    await el.updateComplete;
    expect($(el, '#unowned-ask-again')?.textContent?.trim()).toBe('Ask again');
    // Kept in the workbook alone (local storage here refused it): saving it is what keeps it.
    el.sync = { status: 'online', pending: 0, refusal: null, closeCode: null, unownedLeft: true, unownedLeftInWorkbookOnly: true };
    el.lang = 'sv';
    await el.updateComplete;
    expect($(el, '#unowned-left')?.textContent).toContain('Svaret hålls bara i arbetsboken, eftersom det inte gick att spara på den här datorn: spara arbetsboken, annars frågar Samplan igen');
  });
});

