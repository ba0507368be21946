// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SamplanApi, type DocumentInfo } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-explorer.js';
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
