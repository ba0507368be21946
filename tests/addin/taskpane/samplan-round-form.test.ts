// @vitest-environment happy-dom
/** The new-round form: a title refused for a character it may not hold is shown with that character marked. */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RoundsClient } from '../../../addin/taskpane/rounds-client.js';
import '../../../addin/taskpane/samplan-round-form.js';
import { EXPECTED_UNITS_RULE } from '../../../shared/rounds/levels.js';
import { nameText } from '../../../shared/validate/plain-text.js';
import { validationHook, type AppError } from '../../../server/http/errors.js';
import { $, fakeFetch, mount, until } from './support.js';

afterEach(() => document.body.replaceChildren());

const type = (el: Element | null, value: string) => {
  (el as HTMLInputElement).value = value;
  el?.dispatchEvent(new Event('input'));
};

describe('<samplan-round-form>', () => {
  it('shows a title refused for an invisible character beside the refusal, the character marked where it is', async () => {
    const title = 'Uppföljning\u00ad 2026';
    // The 400 body as the server builds it for this title (server/http/errors.ts).
    let body: unknown = null;
    try {
      validationHook({ success: false, error: z.object({ title: nameText() }).safeParse({ title }).error });
    } catch (err) {
      const e = err as AppError;
      body = { error: { code: e.code, message: e.message, details: e.details } };
    }
    const s = fakeFetch({
      'GET /v1/workspaces/ws/documents': { body: { documents: [] } },
      'POST /v1/workspaces/ws/rounds': { status: 400, body },
    });
    const el = await mount('samplan-round-form', { client: new RoundsClient('http://x', 'spl_t', 'ws', s.fetch), today: new Date('2026-05-04T10:00:00Z') });
    $(el, '#new-round')?.click();
    await until(() => $(el, '#round-title'));
    type($(el, '#round-title'), ` ${title}`);
    type($(el, '#round-due'), '2026-07-15');
    await el.updateComplete;
    ($(el, '#round-form') as HTMLFormElement).requestSubmit();
    await until(() => $(el, '#round-form-error'));
    expect(s.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ title });
    expect($(el, '#round-form-error')?.textContent).toContain('innehåller U+00AD (mjukt bindestreck) som tecken nr 12');
    expect($(el, '.refused-text')?.textContent).toBe('Uppföljning⟨U+00AD⟩ 2026');
    expect($(el, '.refused-text mark')?.textContent).toBe('⟨U+00AD⟩');
  });

  it('says which units a round expects: the active ones, not a unit whose documents are all archived', async () => {
    const s = fakeFetch({ 'GET /v1/workspaces/ws/documents': { body: { documents: [] } } });
    const el = await mount('samplan-round-form', { client: new RoundsClient('http://x', 'spl_t', 'ws', s.fetch), today: new Date('2026-05-04T10:00:00Z') });
    $(el, '#new-round')?.click();
    await until(() => $(el, '#round-units-rule'));
    expect($(el, '#round-units-rule')?.textContent).toBe(EXPECTED_UNITS_RULE.sv);
    expect(EXPECTED_UNITS_RULE.sv).toContain('alla dokument är arkiverade');
  });
});
