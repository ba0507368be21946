// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SamplanApi, type DocumentInfo } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-explorer.js';
import { z } from 'zod';
import { nameText } from '../../../shared/validate/plain-text.js';
import { validationHook, type AppError } from '../../../server/http/errors.js';
import { $, $$, fakeFetch, mount, textOf, until } from './support.js';

const docs = [
  { workspace: 'hbi', doc: 'plan-tensta', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'tensta' },
  { workspace: 'hbi', doc: 'partners', kind: 'partners', title: 'Samverkansaktörer', ownerUnit: 'sll' },
];

function api(status = 200) {
  const server = fakeFetch({
    'GET /v1/workspaces/hbi/documents':
      status === 200 ? { body: { documents: docs } } : { status, body: { error: { code: 'x', message: 'x', details: null } } },
  });
  return new SamplanApi('http://server', 'spl_t', server.fetch);
}

describe('<samplan-explorer>', () => {
  afterEach(() => document.body.replaceChildren());

  it("lists the workspace's documents with their kind", async () => {
    const el = await mount('samplan-explorer', { api: api(), workspaces: [{ id: 'hbi', name: 'Region Stockholm' }], workspace: 'hbi' });
    await until(() => $$(el, '[data-doc]').length === 2);
    expect($$(el, '[data-doc]').map((b) => [b.querySelector('.doc-title')?.textContent, b.querySelector('.kind')?.textContent])).toEqual([
      ['Aktivitetsplan Tensta', 'Aktivitetsplan'],
      ['Samverkansaktörer', 'Samverkansaktörer'],
    ]);
    expect(textOf(el)).toContain('Region Stockholm');
  });

  it('asks to open a document when it is activated', async () => {
    const el = await mount('samplan-explorer', { api: api(), workspaces: [{ id: 'hbi', name: 'R' }], workspace: 'hbi' });
    await until(() => $(el, '[data-doc="plan-tensta"]'));
    const opened: DocumentInfo[] = [];
    el.addEventListener('samplan-open-document', (e) => opened.push((e as CustomEvent<DocumentInfo>).detail));
    $(el, '[data-doc="plan-tensta"]')?.click();
    expect(opened.map((d) => [d.id, d.kind])).toEqual([['plan-tensta', 'activity-plan']]);
  });

  it('offers the three templates, and none to a viewer', async () => {
    const el = await mount('samplan-explorer', { api: api(), workspaces: [], workspace: 'hbi' });
    expect($$(el, '[data-template]').map((b) => b.textContent?.trim())).toEqual([
      'Aktivitetsplan för min mottagning',
      'Samverkansaktörer',
      'Indikatorblad',
    ]);
    const created: string[] = [];
    el.addEventListener('samplan-create-document', (e) => created.push((e as CustomEvent<string>).detail));
    $(el, '[data-template="partners"]')?.click();
    expect(created).toEqual(['partners']);
    el.canCreate = false;
    await el.updateComplete;
    expect($$(el, '[data-template]')).toHaveLength(0);
  });

  it('says why the list could not be loaded', async () => {
    const el = await mount('samplan-explorer', { api: api(403), workspaces: [], workspace: 'hbi' });
    await until(() => $(el, '[role="alert"]'));
    expect($(el, '[role="alert"]')?.textContent).toContain('Din roll tillåter inte det här.');
  });
});

describe('<samplan-explorer>: documents with a life', () => {
  afterEach(() => document.body.replaceChildren());

  const plan = { workspace: 'hbi', doc: 'plan-tensta', kind: 'activity-plan', title: 'Aktivitetsplan 2025 Tensta', ownerUnit: 'tensta' };
  const old = { workspace: 'hbi', doc: 'plan-2024', kind: 'activity-plan', title: 'Aktivitetsplan 2024 Tensta', ownerUnit: 'tensta', archivedAt: '2026-01-01T00:00:00.000Z' };
  const values = { workspace: 'hbi', doc: 'values', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: 'sll' };

  function server(extra: Parameters<typeof fakeFetch>[0] = {}) {
    return fakeFetch({
      'GET /v1/workspaces/hbi/documents': { body: { documents: [plan, old, values] } },
      'PATCH /v1/workspaces/hbi/documents/plan-tensta': (init) => ({ body: { document: { ...plan, title: (JSON.parse(String(init?.body)) as { title: string }).title } } }),
      'POST /v1/workspaces/hbi/documents/plan-tensta/copy': (init) => ({ status: 201, body: { document: { ...plan, doc: 'plan-tensta-2', title: (JSON.parse(String(init?.body)) as { title: string }).title } } }),
      'POST /v1/workspaces/hbi/documents/plan-tensta/archive': { body: { document: { ...plan, archivedAt: '2026-02-01T00:00:00.000Z' } } },
      'POST /v1/workspaces/hbi/documents/plan-2024/unarchive': { body: { document: { ...old, archivedAt: null } } },
      ...extra,
    });
  }

  async function mounted(memberRole: 'admin' | 'coordinator' | 'editor' | 'viewer', extra: Parameters<typeof fakeFetch>[0] = {}) {
    const s = server(extra);
    const el = await mount('samplan-explorer', { api: new SamplanApi('http://server', 'spl_t', s.fetch), workspaces: [], workspace: 'hbi', memberRole, canCreate: memberRole !== 'viewer' });
    await until(() => $(el, '[data-doc="plan-tensta"]'));
    const changes: { after: { title: string; id: string } | null; message: string }[] = [];
    el.addEventListener('samplan-document-changed', (e) => changes.push((e as CustomEvent).detail as (typeof changes)[number]));
    return { el, s, changes };
  }

  it('renames a document from its menu', async () => {
    const { el, s, changes } = await mounted('coordinator');
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .rename')?.click();
    await el.updateComplete;
    const input = $(el, '#doc-title') as HTMLInputElement;
    expect(input.value).toBe('Aktivitetsplan 2025 Tensta');
    input.value = 'Aktivitetsplan 2025 – Tensta vårdcentral';
    $(el, '#save-title')?.click();
    await until(() => changes.length === 1);
    expect(s.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ title: 'Aktivitetsplan 2025 – Tensta vårdcentral' });
    expect(changes[0]?.message).toBe('Bytte namn till Aktivitetsplan 2025 – Tensta vårdcentral.');
    expect($(el, '#doc-title')).toBeNull();
  });

  it("copies last year's plan under next year's name", async () => {
    const { el, s, changes } = await mounted('editor');
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    expect($(el, '.menu .rename')).toBeNull();
    expect($(el, '.menu .archive')).toBeNull();
    $(el, '.menu .copy')?.click();
    await el.updateComplete;
    expect(($(el, '#doc-title') as HTMLInputElement).value).toBe('Aktivitetsplan 2026 Tensta');
    $(el, '#save-title')?.click();
    await until(() => changes.length === 1);
    expect(s.calls.find((c) => c.path.endsWith('/copy'))?.body).toEqual({ title: 'Aktivitetsplan 2026 Tensta' });
    expect(changes[0]?.after?.id).toBe('plan-tensta-2');
  });

  it("says the server's own sentence when a copy is refused, in the reader's language", async () => {
    const message = { sv: '2 av planens rader skulle hamna i den godkända omgången 2025 kv 4, som är låst; ingen kopia gjordes.', en: "2 of the plan's rows would fall in the approved round 2025 Q4, which is locked; no copy was made." };
    const { el } = await mounted('editor', {
      'POST /v1/workspaces/hbi/documents/plan-tensta/copy': { status: 409, body: { error: { code: 'locked-row', message: message.en, details: { message, round: '2025-kv-4', rows: 2 } } } },
    });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .copy')?.click();
    await el.updateComplete;
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]'));
    expect($(el, '.edit [role="alert"]')?.textContent).toBe(message.sv);
  });

  it("offers an editor the rename of its own unit's plan only", async () => {
    const el = await mount('samplan-explorer', { api: new SamplanApi('http://server', 'spl_t', server().fetch), workspaces: [], workspace: 'hbi', memberRole: 'editor', memberUnits: ['tensta'], canCreate: true });
    await until(() => $(el, '[data-doc="plan-tensta"]'));
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    expect($(el, '.menu .rename')).not.toBeNull();
    el.memberUnits = ['husby'];
    await el.updateComplete;
    expect($(el, '.menu .rename')).toBeNull();
  });

  it('says in words why a name was refused, and keeps the form open', async () => {
    const { el } = await mounted('admin', {
      'PATCH /v1/workspaces/hbi/documents/plan-tensta': { status: 422, body: { error: { code: 'personnummer', message: 'x', details: null } } },
    });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .rename')?.click();
    await el.updateComplete;
    ($(el, '#doc-title') as HTMLInputElement).value = 'Plan 19121212-1212';
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]'));
    expect($(el, '.edit [role="alert"]')?.textContent).toContain('personnummer');
    ($(el, '#doc-title') as HTMLInputElement).value = '   ';
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]')?.textContent?.includes('Skriv ett namn'));
  });

  it('names a reservnummer the server refused in a name as one', async () => {
    const { el } = await mounted('admin', {
      'PATCH /v1/workspaces/hbi/documents/plan-tensta': { status: 422, body: { error: { code: 'personnummer', message: 'x', details: { field: 'title', kind: 'reservnummer' } } } },
    });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .rename')?.click();
    await el.updateComplete;
    ($(el, '#doc-title') as HTMLInputElement).value = 'Plan 22850101-AB12';
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]'));
    expect($(el, '.edit [role="alert"]')?.textContent?.trim()).toBe('Namnet godtogs inte: det innehåller ett reservnummer. Samplan sparar inga personnummer eller reservnummer.');
  });

  // A 422 the sync check gave the title's write (server/http/doc-access.ts builds it so), and one without words.
  const tooLong = { sv: 'Servern tog inte emot ändringen (string-too-long).', en: 'The server refused the change: the title is longer than 200 characters.' };
  it.each([
    ['rename', 'PATCH /v1/workspaces/hbi/documents/plan-tensta', { error: { code: 'update-refused-string-too-long', message: tooLong.en, details: { code: 'string-too-long', message: tooLong } } }, tooLong.sv],
    ['copy', 'POST /v1/workspaces/hbi/documents/plan-tensta/copy', { error: { code: 'update-refused-string-too-long', message: tooLong.en, details: { code: 'string-too-long', message: tooLong } } }, tooLong.sv],
    ['rename', 'PATCH /v1/workspaces/hbi/documents/plan-tensta', { error: { code: 'schema-refused', message: 'x', details: null } }, 'Servern tog inte emot det (schema-refused); inget ändrades. Ändra och försök igen, eller fråga din administratör vad koden betyder.'],
  ] as const)("says the reason the server gave for a 422 on %s, not that the title looks like a personnummer", async (mode, route, body, said) => {
    const { el } = await mounted('admin', { [route]: { status: 422, body } });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, `.menu .${mode}`)?.click();
    await el.updateComplete;
    ($(el, '#doc-title') as HTMLInputElement).value = 'Aktivitetsplan 2026 Tensta';
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]'));
    expect($(el, '.edit [role="alert"]')?.textContent).toBe(said);
    expect($(el, '.edit [role="alert"]')?.textContent).not.toContain('personnummer');
  });

  it('shows a title refused for an invisible character beside the refusal, the character marked where it is', async () => {
    // The 400 body as the server builds it for this title (server/http/errors.ts).
    const sent = 'Plan\u200b Tensta';
    let body: unknown = null;
    try {
      validationHook({ success: false, error: z.object({ title: nameText() }).safeParse({ title: sent }).error });
    } catch (err) {
      const e = err as AppError;
      body = { error: { code: e.code, message: e.message, details: e.details } };
    }
    const { el } = await mounted('admin', { 'PATCH /v1/workspaces/hbi/documents/plan-tensta': { status: 400, body } });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .rename')?.click();
    await el.updateComplete;
    ($(el, '#doc-title') as HTMLInputElement).value = ` ${sent} `;
    $(el, '#save-title')?.click();
    await until(() => $(el, '.edit [role="alert"]'));
    expect($(el, '.edit [role="alert"]')?.textContent).toContain('innehåller U+200B (nollbrett mellanslag) som tecken nr 5');
    expect($(el, '.edit .refused-text')?.textContent).toBe('Plan⟨U+200B⟩ Tensta');
    expect($(el, '.edit .refused-text mark')?.textContent).toBe('⟨U+200B⟩');
  });

  it('lists archived documents apart; an admin archives and restores', async () => {
    const { el, s, changes } = await mounted('admin');
    expect($$(el, '#documents [data-doc]').map((b) => b.dataset.doc)).toEqual(['plan-tensta', 'values']);
    expect($(el, '#archived summary')?.textContent).toBe('Arkiverade (1)');
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .archive')?.click();
    await until(() => changes.length === 1);
    $(el, '[data-more="plan-2024"]')?.click();
    await el.updateComplete;
    $(el, '.menu .unarchive')?.click();
    await until(() => changes.length === 2);
    expect(s.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/v1/workspaces/hbi/documents/plan-tensta/archive',
      '/v1/workspaces/hbi/documents/plan-2024/unarchive',
    ]);
  });

  it('says after an archive, in Swedish, that not every server process confirmed it yet', async () => {
    const unconfirmed = {
      sv: 'Ändringen är sparad, men Redis nås inte: de andra serverprocesserna tillämpar den när de läser behörigheterna från databasen, inom 5 sekunder.',
      en: 'The change is saved, but Redis cannot be reached: the other server processes apply it when they read rights from the database, within 5 seconds.',
    };
    const { el, changes } = await mounted('admin', {
      'POST /v1/workspaces/hbi/documents/plan-tensta/archive': { body: { document: { ...plan, archivedAt: '2026-02-01T00:00:00.000Z' }, unconfirmed } },
    });
    $(el, '[data-more="plan-tensta"]')?.click();
    await el.updateComplete;
    $(el, '.menu .archive')?.click();
    await until(() => changes.length === 1);
    expect(changes[0]?.message).toBe(`Aktivitetsplan 2025 Tensta är arkiverat. Du hittar det under Arkiverade. ${unconfirmed.sv}`);
    expect(changes[0]?.after).not.toHaveProperty('unconfirmed');
  });

  it("offers 'Importera fil' in a document's menu, which opens the file import for that document, and closes it", async () => {
    const { el } = await mounted('editor');
    $(el, '[data-more="values"]')?.click();
    await el.updateComplete;
    expect($(el, '.menu .import-file')?.textContent).toBe('Importera fil');
    $(el, '.menu .import-file')?.click();
    await el.updateComplete;
    const importer = $(el, 'samplan-file-import') as HTMLElementTagNameMap['samplan-file-import'];
    expect([importer.serverUrl, importer.token, importer.workspace, importer.doc, importer.docTitle, importer.lang]).toEqual(['http://server', 'spl_t', 'hbi', 'values', 'Indikatorvärden', 'sv']);
    expect($(el, '.menu')).toBeNull();
    await importer.updateComplete;
    $(importer, '#close')?.click();
    await el.updateComplete;
    expect($(el, 'samplan-file-import')).toBeNull();
  });

  it('offers no document actions to a viewer', async () => {
    const { el } = await mounted('viewer');
    expect($(el, '[data-more]')).toBeNull();
  });

  it('pulls an indicator table from the Explorer when there are indicator values', async () => {
    const { el } = await mounted('viewer');
    let pulled = 0;
    el.addEventListener('samplan-pull-indicators', () => pulled++);
    $(el, '#pull-indicators')?.click();
    expect(pulled).toBe(1);
  });

  it('shows a document another person made, from the workspace feed, without a reload', async () => {
    const made = { workspace: 'hbi', doc: 'plan-husby', kind: 'activity-plan', title: 'Aktivitetsplan Husby', ownerUnit: 'husby' };
    const stream = `event: documents\ndata: ${JSON.stringify({ documents: [plan, made] })}\n\n`;
    const s = fakeFetch({ 'GET /v1/workspaces/hbi/documents': { body: { documents: [plan] } } });
    const fetchImpl: typeof fetch = (input, init) =>
      String(input).endsWith('/events') ? Promise.resolve(new Response(stream, { headers: { 'content-type': 'text/event-stream' } })) : s.fetch(input, init);
    const el = await mount('samplan-explorer', { api: new SamplanApi('http://server', 'spl_t', fetchImpl), workspaces: [], workspace: 'hbi', memberRole: 'editor' });
    await until(() => $(el, '[data-doc="plan-husby"]'));
    expect($$(el, '[data-doc]').map((b) => b.dataset.doc)).toEqual(['plan-tensta', 'plan-husby']);
  });
});
