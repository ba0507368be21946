// @vitest-environment happy-dom
/** The Members view: invite, change, remove; API tokens shown once; refusals in words. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MembersClient } from '../../../addin/taskpane/members-client.js';
import '../../../addin/taskpane/samplan-members.js';
import type { SamplanApiTokens } from '../../../addin/taskpane/samplan-api-tokens.js';
import { z } from 'zod';
import { nameText } from '../../../shared/validate/plain-text.js';
import { validationHook, type AppError } from '../../../server/http/errors.js';
import { $, $$, fakeFetch, mount, until } from './support.js';

const members = [
  { id: 'admin@region.se', name: 'Ada Admin', role: 'admin', units: [] },
  { id: 'coord@region.se', name: 'Cora Samordnare', role: 'coordinator', units: [] },
  { id: 'nina@region.se', name: 'Nina Ek', role: 'editor', units: ['vc-husby'] },
];
const units = [{ code: 'vc-husby', name: 'Husby vårdcentral', parent: 'sll' }, { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'sll' }];
const tokens = [
  { id: 'abcdefghijk', memberId: 'nina@region.se', label: 'Power Query', createdAt: '2026-01-01T00:00:00Z', expiresAt: null, revokedAt: null, kind: 'token' },
  { id: 'sessionsess', memberId: 'nina@region.se', label: 'session: dialog', createdAt: '2026-01-01T00:00:00Z', expiresAt: '2999-01-01T00:00:00Z', revokedAt: null, kind: 'session' },
];

// Per was removed before the server kept names (`name: null`).
const removals = [
  { id: 'olle@region.se', name: 'Olle Berg', removedBy: 'coord@region.se', removedByName: 'Cora Samordnare', removedAt: '2026-11-30T09:12:00Z' },
  { id: 'per@region.se', name: null, removedBy: null, removedByName: null, removedAt: '2026-11-29T15:00:00Z' },
];

function server(extra: Record<string, { status?: number; body: unknown }> = {}) {
  return fakeFetch({
    'GET /v1/workspaces/ws/members': { body: { members } },
    'GET /v1/workspaces/ws/tokens': { body: { tokens } },
    'GET /v1/workspaces/ws/member-removals': { body: { removals } },
    'POST /v1/workspaces/ws/members': { status: 201, body: { created: true } },
    // The client sends the member's id URI-encoded, as the server's route reads it.
    'DELETE /v1/workspaces/ws/members/nina%40region.se': { body: { removed: 'nina@region.se', tokensRevoked: 0 } },
    'POST /v1/workspaces/ws/tokens': { status: 201, body: { token: 'spl_' + 'n'.repeat(43), record: { ...tokens[0], id: 'newtokenabc' } } },
    ...extra,
  });
}

const type = (el: Element | null, value: string) => {
  (el as HTMLInputElement).value = value;
  el?.dispatchEvent(new Event('input'));
};

afterEach(() => {
  document.body.replaceChildren();
  // The folder's files share a worker (vitest.config.ts): the stubbed `confirm` is not left to the next.
  vi.unstubAllGlobals();
});

describe('<samplan-members>', () => {
  it('lists members by name in Swedish order whatever order the server answers in', async () => {
    // As a server that lists by id answers: p1, p10, p11, p2 … (å ä ö belong after z in Swedish).
    const byId = [
      { id: 'p1@region.se', name: 'Östen Berg', role: 'editor', units: [] },
      { id: 'p10@region.se', name: 'Person 10', role: 'editor', units: [] },
      { id: 'p11@region.se', name: 'Åsa Lind', role: 'editor', units: [] },
      { id: 'p2@region.se', name: 'Person 2', role: 'editor', units: [] },
      { id: 'p3@region.se', name: 'Zara Holm', role: 'editor', units: [] },
      { id: 'p4@region.se', name: 'anna Ström', role: 'editor', units: [] },
    ];
    const s = server({ 'GET /v1/workspaces/ws/members': { body: { members: byId } } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', myId: 'p1@region.se' });
    await until(() => $$(el, '#members li').length === byId.length);
    expect($$(el, '#members li .who span:first-child').map((n) => n.textContent)).toEqual(['anna Ström', 'Person 2', 'Person 10', 'Zara Holm', 'Åsa Lind', 'Östen Berg']);
  });

  it('lists members; a coordinator is offered no admin role and cannot remove an admin', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'coordinator', myId: 'coord@region.se' });
    await until(() => $$(el, '#members li').length === 3);
    expect($$(el, '#member-role option').map((o) => o.getAttribute('value'))).not.toContain('admin');
    const removable = $$(el, '#members li').filter((li) => li.querySelector('.remove')).map((li) => li.getAttribute('data-member'));
    expect(removable).toEqual(['nina@region.se']);
  });

  it('invites by e-mail with role and units', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
    await until(() => $$(el, '#members li').length === 3);
    type($(el, '#member-id'), 'Olle.Berg@Region.se');
    type($(el, '#member-name'), 'Olle Berg');
    const select = $<HTMLSelectElement>(el, '#member-units')!;
    for (const o of select.options) o.selected = o.value === 'vc-tensta';
    select.dispatchEvent(new Event('change'));
    $(el, '#save')?.click();
    await until(() => s.calls.some((c) => c.method === 'POST' && c.path.endsWith('/members')));
    expect(s.calls.find((c) => c.method === 'POST')?.body).toEqual({ id: 'Olle.Berg@Region.se', name: 'Olle Berg', role: 'editor', units: ['vc-tensta'] });
  });

  it('shows a refusal in words and keeps what was typed', async () => {
    const s = server({ 'POST /v1/workspaces/ws/members': { status: 422, body: { error: { code: 'personnummer', message: 'x', details: null } } } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
    type($(el, '#member-id'), 'olle@region.se');
    type($(el, '#member-name'), 'Olle 19811218-9876');
    $(el, '#save')?.click();
    await until(() => $(el, '#members-error') !== null);
    expect($(el, '#members-error')?.textContent).toMatch(/personnummer/);
    expect(($(el, '#member-name') as HTMLInputElement).value).toBe('Olle 19811218-9876');
  });

  it('shows a name refused for an invisible character beside the refusal, the character marked where it is', async () => {
    // The 400 body as the server builds it for this name (server/http/errors.ts).
    let body: unknown = null;
    try {
      validationHook({ success: false, error: z.object({ name: nameText() }).safeParse({ name: 'Olle\u2060 Berg' }).error });
    } catch (err) {
      const e = err as AppError;
      body = { error: { code: e.code, message: e.message, details: e.details } };
    }
    const s = server({ 'POST /v1/workspaces/ws/members': { status: 400, body } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
    type($(el, '#member-id'), 'olle@region.se');
    type($(el, '#member-name'), '  Olle\u2060 Berg');
    $(el, '#save')?.click();
    await until(() => $(el, '#members-error') !== null);
    expect($(el, '#members-error')?.textContent).toContain('innehåller U+2060 (ordsammanfogare) som tecken nr 5');
    expect($(el, '.refused-text')?.textContent).toBe('Olle⟨U+2060⟩ Berg');
    expect($(el, '.refused-text mark')?.textContent).toBe('⟨U+2060⟩');
  });

  it("shows the server's refusal in the reader's language (details.message), Swedish by default", async () => {
    const message = {
      sv: 'Bara en administratör kan göra någon till administratör eller ändra en administratör.',
      en: 'Only an administrator may make someone an administrator or change an administrator.',
    };
    const refusal = { status: 403, body: { error: { code: 'forbidden', message: message.en, details: { reason: 'admin-only', message } } } };
    for (const lang of ['sv', 'en'] as const) {
      const s = server({ 'POST /v1/workspaces/ws/members': refusal });
      const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'coordinator', lang });
      type($(el, '#member-id'), 'olle@region.se');
      type($(el, '#member-name'), 'Olle Berg');
      $(el, '#save')?.click();
      await until(() => $(el, '#members-error') !== null);
      expect($(el, '#members-error')?.textContent?.trim()).toBe(message[lang]);
      document.body.replaceChildren();
    }
  });

  it('makes an API token shown once with a copy button, and lists tokens but not sessions', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
    const part = await until(() => $(el, 'samplan-api-tokens')).then(() => $<SamplanApiTokens>(el, 'samplan-api-tokens')!);
    await until(() => $$(part, '#tokens li').length === 1);
    type($(part, '#token-label'), 'Power Query, ekonomi');
    $(part, '#create-token')?.click();
    await until(() => $(part, '#new-token') !== null);
    expect($(part, '#new-token code')?.textContent).toBe('spl_' + 'n'.repeat(43));
    expect($(part, '#copy-token')).not.toBeNull();
    expect(s.calls.find((c) => c.method === 'POST' && c.path.endsWith('/tokens'))?.body).toMatchObject({ label: 'Power Query, ekonomi', expiresInDays: 365 });
  });

  it('shows a token label refused for a control character beside the refusal, the character marked', async () => {
    let body: unknown = null;
    try {
      validationHook({ success: false, error: z.object({ label: nameText({ min: 0 }) }).safeParse({ label: 'Power\u0007Query' }).error });
    } catch (err) {
      const e = err as AppError;
      body = { error: { code: e.code, message: e.message, details: e.details } };
    }
    const s = server({ 'POST /v1/workspaces/ws/tokens': { status: 400, body } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
    const part = await until(() => $(el, 'samplan-api-tokens')).then(() => $<SamplanApiTokens>(el, 'samplan-api-tokens')!);
    await until(() => $$(part, '#tokens li').length === 1);
    type($(part, '#token-label'), 'Power\u0007Query');
    $(part, '#create-token')?.click();
    await until(() => $(part, '[role="alert"]') !== null);
    expect($(part, '[role="alert"]')?.textContent).toContain('U+0007');
    expect($(part, '.refused-text')?.textContent).toBe('Power⟨U+0007⟩Query');
    expect($(part, '.refused-text mark')?.textContent).toBe('⟨U+0007⟩');
  });

  const UNCONFIRMED = {
    sv: 'Ändringen är sparad, men 1 av 2 andra serverprocesser bekräftade den inte inom 3 sekunder; de tillämpar den när de läser behörigheterna från databasen, inom 5 sekunder.',
    en: 'The change is saved, but 1 of 2 other server processes did not confirm it within 3 s; they apply it when they read rights from the database, within 5 s.',
  };

  it('says in Swedish when a removal was not confirmed by every server process, and nothing once one is', async () => {
    const s = server({ 'DELETE /v1/workspaces/ws/members/nina%40region.se': { body: { removed: 'nina@region.se', tokensRevoked: 1, unconfirmed: UNCONFIRMED } } });
    vi.stubGlobal('confirm', () => true);
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', myId: 'admin@region.se' });
    await until(() => $$(el, '#members li').length === 3);
    $(el, '[data-member="nina@region.se"] .remove')?.click();
    await until(() => $(el, '#members-unconfirmed') !== null);
    expect($(el, '#members-unconfirmed')?.getAttribute('role')).toBe('status');
    expect($(el, '#members-unconfirmed')?.textContent).toBe(UNCONFIRMED.sv);
    expect($(el, '#members-error')).toBeNull();
    type($(el, '#member-id'), 'olle@region.se');
    $(el, '#save')?.click();
    await until(() => s.calls.some((c) => c.method === 'POST' && c.path.endsWith('/members')));
    await until(() => $(el, '#members-unconfirmed') === null);
  });

  it("removes a member at the member's URI-encoded address and says nothing more once it is confirmed", async () => {
    const s = server();
    vi.stubGlobal('confirm', () => true);
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', myId: 'admin@region.se' });
    await until(() => $$(el, '#members li').length === 3);
    $(el, '[data-member="nina@region.se"] .remove')?.click();
    await until(() => s.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/members')).length === 2);
    expect(s.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/v1/workspaces/ws/members/nina%40region.se']);
    expect($(el, '#members-error')).toBeNull();
    expect($(el, '#members-unconfirmed')).toBeNull();
  });

  it('puts the cursor in the form when a member is chosen to change, as the list may be scrolled far below it', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', myId: 'admin@region.se' });
    await until(() => $$(el, '#members li').length === 3);
    $<HTMLButtonElement>(el, '[data-member="nina@region.se"] .who')?.click();
    await until(() => el.shadowRoot?.activeElement?.id === 'member-name');
    expect($<HTMLInputElement>(el, '#member-name')?.value).toBe('Nina Ek');
    expect($<HTMLInputElement>(el, '#member-id')?.value).toBe('nina@region.se');
  });

  it("brings a removal's refusal into sight: it is drawn under the form, above the list where the button was", async () => {
    const s = server({ 'DELETE /v1/workspaces/ws/members/nina%40region.se': { status: 403, body: { error: { code: 'forbidden', message: 'x', details: { message: { sv: 'Du får inte ta bort henne.', en: 'You may not remove her.' } } } } } });
    vi.stubGlobal('confirm', () => true);
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    try {
      const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', myId: 'admin@region.se' });
      await until(() => $$(el, '#members li').length === 3);
      $(el, '[data-member="nina@region.se"] .remove')?.click();
      await until(() => $(el, '#members-error') !== null);
      await el.updateComplete;
      expect($(el, '#members-error')?.textContent).toBe('Du får inte ta bort henne.');
      expect(scrolled.mock.contexts).toContain($(el, '#members-error'));
    } finally {
      scrolled.mockRestore();
    }
  });

  it('says in the reader\'s language when a token revocation was not confirmed by every server process', async () => {
    const s = server({ 'DELETE /v1/workspaces/ws/tokens': { body: { revoked: 'abcdefghijk', unconfirmed: UNCONFIRMED } } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin', lang: 'en' });
    const part = await until(() => $(el, 'samplan-api-tokens')).then(() => $<SamplanApiTokens>(el, 'samplan-api-tokens')!);
    await until(() => $$(part, '#tokens li').length === 1);
    $$(part, '#tokens li button, #tokens li fluent-button').at(-1)?.click();
    await until(() => $(part, '#tokens-unconfirmed') !== null);
    expect($(part, '#tokens-unconfirmed')?.textContent).toBe(UNCONFIRMED.en);
    expect(s.calls.find((c) => c.method === 'DELETE')?.body).toEqual({ id: 'abcdefghijk' });
  });

  it("brings a revocation's refusal into sight: it is drawn above the token list where the button was", async () => {
    const s = server({ 'DELETE /v1/workspaces/ws/tokens': { status: 404, body: { error: { code: 'token-not-found', message: 'x', details: { message: { sv: 'Arbetsytan har ingen sådan token.', en: 'No such token.' } } } } } });
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    try {
      const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'admin' });
      const part = await until(() => $(el, 'samplan-api-tokens')).then(() => $<SamplanApiTokens>(el, 'samplan-api-tokens')!);
      await until(() => $$(part, '#tokens li').length === 1);
      $$(part, '#tokens li button, #tokens li fluent-button').at(-1)?.click();
      await until(() => $(part, '#tokens-error') !== null);
      await part.updateComplete;
      expect($(part, '#tokens-error')?.textContent).toBe('Arbetsytan har ingen sådan token.');
      expect(scrolled.mock.contexts).toContain($(part, '#tokens-error'));
    } finally {
      scrolled.mockRestore();
    }
  });

  it('lists removed people by the name they had, with who removed them and when; Lägg till igen fills the form and saving adds them again', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'coordinator', myId: 'coord@region.se' });
    await until(() => $$(el, '#removed li').length === 2);
    const [olle, per] = $$(el, '#removed li');
    expect(olle?.getAttribute('data-removed')).toBe('olle@region.se');
    expect(olle?.querySelector('.removed-name')?.textContent).toBe('Olle Berg');
    expect(olle?.textContent).toMatch(/olle@region\.se · borttagen av Cora Samordnare 2026-11-30 \d\d:\d\d/);
    // A removal kept before names were: the id, and words saying the name is not known.
    expect(per?.querySelector('.removed-name')?.textContent).toBe('per@region.se');
    expect(per?.textContent).toContain('namnet är inte känt · borttagen av kommandoraden');
    olle?.querySelector<HTMLElement>('.add-again')?.click();
    await until(() => $(el, '#adding-again') !== null);
    expect(($(el, '#member-id') as HTMLInputElement).value).toBe('olle@region.se');
    expect(($(el, '#member-name') as HTMLInputElement).value).toBe('Olle Berg');
    expect($(el, '#adding-again')?.textContent).toContain('Olle Berg (olle@region.se) togs bort av Cora Samordnare');
    expect($(el, '#save')?.textContent?.trim()).toBe('Lägg till igen');
    const select = $<HTMLSelectElement>(el, '#member-units')!;
    for (const o of select.options) o.selected = o.value === 'vc-tensta';
    select.dispatchEvent(new Event('change'));
    $(el, '#save')?.click();
    await until(() => s.calls.some((c) => c.method === 'POST' && c.path.endsWith('/members')));
    expect(s.calls.find((c) => c.method === 'POST')?.body).toEqual({ id: 'olle@region.se', name: 'Olle Berg', role: 'editor', units: ['vc-tensta'] });
  });

  it('lists the most recently removed first, whatever order the server answers in (it lists by id)', async () => {
    const byId = [
      { id: 'anna@region.se', name: 'Anna Lind', removedBy: null, removedByName: null, removedAt: '2026-03-02T08:00:00Z' },
      { id: 'bo@region.se', name: 'Bo Ek', removedBy: 'coord@region.se', removedByName: 'Cora Samordnare', removedAt: '2026-11-30T16:45:00Z' },
      { id: 'cilla@region.se', name: null, removedBy: null, removedByName: null, removedAt: '2026-09-14T10:00:00Z' },
      { id: 'dan@region.se', name: 'Dan Berg', removedBy: null, removedByName: null, removedAt: '2026-09-14T10:00:00Z' },
    ];
    const s = server({ 'GET /v1/workspaces/ws/member-removals': { body: { removals: byId } } });
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'coordinator', myId: 'coord@region.se' });
    await until(() => $$(el, '#removed li').length === 4);
    // Removed at the same minute: by name (the id when no name was kept), Swedish order.
    expect($$(el, '#removed li').map((li) => li.getAttribute('data-removed'))).toEqual(['bo@region.se', 'cilla@region.se', 'dan@region.se', 'anna@region.se']);
  });

  it('says when it was removed in English too, and offers no Add again to a viewer', async () => {
    const s = server();
    const el = await mount('samplan-members', { client: new MembersClient('http://x', 'spl_t', 'ws', s.fetch), units, myRole: 'viewer', lang: 'en' });
    await until(() => $$(el, '#removed li').length === 2);
    expect($$(el, '#removed li')[1]?.textContent).toContain('name not known · removed by the command line 29/11/2026');
    expect($$(el, '#removed .add-again')).toEqual([]);
  });
});
