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
import { fixturePerTest, folded, roundsClientOver } from './rounds-over-fixture.js';
import { WS } from '../../server/http/support.js';

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

describe('<samplan-round-form> and a due date inside the period', () => {
  const { start, fixture } = fixturePerTest();

  it('shows the server’s question, stores nothing, and defines the round as interim when the coordinator confirms', async () => {
    const f = await start();
    const defined: string[] = [];
    const el = await mount('samplan-round-form', { client: roundsClientOver(fixture, f.tokens.coordinator), today: new Date('2025-11-01T10:00:00Z') });
    el.addEventListener('samplan-round-defined', (e) => defined.push((e as CustomEvent<string>).detail));
    $(el, '#new-round')?.click();
    await until(() => $(el, '#round-title'));
    type($(el, '#round-title'), 'Avstämning 2025 kv 4');
    type($(el, '#round-due'), '2025-11-15');
    await el.updateComplete;
    ($(el, '#round-form') as HTMLFormElement).requestSubmit();
    await until(() => $(el, '#round-due-in-period'));
    expect(folded($(el, '#round-due-in-period p'))).toBe(
      'Sista dagen 2025-11-15 ligger inom perioden 2025 kv 4, som slutar 2025-12-31: enheterna skulle rapportera innan perioden är slut. Är omgången en delavstämning, bekräfta det; annars välj en dag efter 2025-12-31.',
    );
    expect($(el, '#round-form-error')).toBeNull();
    const stored = async () => ((await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator)).json()) as { rounds: { id: string; interim?: boolean }[] }).rounds;
    expect(await stored()).toEqual([]);
    // Another date takes the question away: it was about the date asked.
    type($(el, '#round-due'), '2025-11-16');
    await el.updateComplete;
    expect($(el, '#round-due-in-period')).toBeNull();
    ($(el, '#round-form') as HTMLFormElement).requestSubmit();
    await until(() => $(el, '#round-save-interim'));
    el.lang = 'en';
    await el.updateComplete;
    expect(folded($(el, '#round-save-interim'))).toBe('Define as an interim round');
    expect(folded($(el, '#round-due-in-period p'))).toContain('The due date 2025-11-16 is inside the period 2025 Q4, which ends 2025-12-31');
    $(el, '#round-save-interim')?.click();
    await until(() => defined.length === 1);
    expect(defined).toEqual(['avstamning-2025-kv-4']);
    expect(await stored()).toMatchObject([{ id: 'avstamning-2025-kv-4', interim: true }]);
  });
});
