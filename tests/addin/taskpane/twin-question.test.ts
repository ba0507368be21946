// @vitest-environment happy-dom
/**
 * The Explorer's rename and "copy to a new year" against the server's own app in this process:
 * the server refuses a title that looks like another live plan's of the unit (409
 * `doc-duplicate`) unless `allowDuplicate` is sent, and the pane now asks as it does before making
 * a second document from a template (`twin-question.ts`): open the one there is, do it anyway, or
 * cancel. Before, the rename had no "rename anyway" and the copy no "make another". And "Byt namn"
 * is offered by the rule the server renames by (`mayRenameDoc`), for every role.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamplanApi, type DocumentInfo } from '../../../addin/taskpane/api-client.js';
import '../../../addin/taskpane/samplan-explorer.js';
import type { SamplanExplorer } from '../../../addin/taskpane/samplan-explorer.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { $, $$, mount, until } from './support.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(async () => {
  document.body.replaceChildren();
  await f.close();
});

/** The app answering in process, as `fetch` would over the network; the workspace feed refused (not retried): the list is the loaded one. */
const inProcess = ((input: RequestInfo | URL, init?: RequestInit) =>
  String(input).endsWith('/events')
    ? Promise.resolve(new Response(JSON.stringify({ error: { code: 'forbidden', message: 'x' } }), { status: 403 }))
    : Promise.resolve(f.samplan.app.request(String(input), init))) as typeof fetch;

type Token = keyof Fixture['tokens'];

/** The Explorer of the member `token` belongs to, as the workbench gives it, its list loaded. */
async function explorerOf(token: Token): Promise<{ el: SamplanExplorer; changes: { after: DocumentInfo | null; message: string }[]; opened: DocumentInfo[] }> {
  const api = new SamplanApi('http://samplan.test', f.tokens[token], inProcess);
  const { me, units } = await api.me(WS);
  const el = await mount('samplan-explorer', { api, workspaces: [{ id: WS, name: 'Testregion' }], workspace: WS, memberRole: me.role, memberUnits: me.units, units, canCreate: me.role !== 'viewer' });
  await until(() => $$(el, '[data-doc]').length > 0);
  const changes: { after: DocumentInfo | null; message: string }[] = [];
  const opened: DocumentInfo[] = [];
  el.addEventListener('samplan-document-changed', (e) => changes.push((e as CustomEvent<(typeof changes)[number]>).detail));
  el.addEventListener('samplan-open-document', (e) => opened.push((e as CustomEvent<DocumentInfo>).detail));
  return { el, changes, opened };
}

/** Opens `doc`'s menu, picks `action` (`rename` or `copy`) and saves `title`. */
async function retitle(el: SamplanExplorer, doc: string, action: 'rename' | 'copy', title: string): Promise<void> {
  $(el, `[data-more="${doc}"]`)?.click();
  await el.updateComplete;
  $(el, `.menu .${action}`)?.click();
  await el.updateComplete;
  ($(el, '#doc-title') as HTMLInputElement).value = title;
  $(el, '#save-title')?.click();
}

/** A second activity plan of Vårdcentral A, "Plan 2027", made by the coordinator. */
async function planTwentySeven(): Promise<string> {
  const body = JSON.stringify({ kind: 'activity-plan', ownerUnit: 'vc-a', title: 'Plan 2027', allowDuplicate: true });
  const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { doc: string } }).document.doc;
}

const titleOf = async (doc: string): Promise<string | undefined> => (await f.storage.getDocRecord({ workspace: WS, doc }))?.title;
const plansOfA = async (): Promise<string[]> => (await f.storage.listDocs(WS)).filter((d) => d.ownerUnit === 'vc-a').map((d) => d.title).sort();

describe('the Explorer asks before a look-alike title', () => {
  it('asks before renaming a plan to a look-alike of another, renames nothing until told, then renames anyway', async () => {
    await planTwentySeven();
    const { el, changes } = await explorerOf('editor');
    await retitle(el, 'plan-a', 'rename', 'plan 2027');
    await until(() => $(el, '#twin'));
    expect($(el, '#twin')?.textContent?.replace(/\s+/g, ' ')).toContain('Det finns redan Plan 2027 för Vårdcentral A. Öppna den, eller byt namn ändå?');
    expect(await titleOf('plan-a')).toBe('activity-plan vc-a');
    expect(changes).toEqual([]);
    $(el, '#rename-anyway')?.click();
    await until(() => changes.length === 1);
    expect(changes[0]?.message).toBe('Bytte namn till plan 2027.');
    expect(await titleOf('plan-a')).toBe('plan 2027');
    expect($(el, '#twin')).toBeNull();
  });

  it('makes another copy of a plan under a look-alike title only when told to', async () => {
    await planTwentySeven();
    const { el, changes } = await explorerOf('editor');
    await retitle(el, 'plan-a', 'copy', 'Plan 2027');
    await until(() => $(el, '#twin'));
    expect($(el, '#twin')?.textContent?.replace(/\s+/g, ' ')).toContain('Det finns redan Plan 2027 för Vårdcentral A. Öppna den, eller skapa en till?');
    expect(await plansOfA()).toEqual(['Plan 2027', 'activity-plan vc-a']);
    $(el, '#copy-anyway')?.click();
    await until(() => changes.length === 1);
    expect(changes[0]?.after?.title).toBe('Plan 2027');
    expect(await plansOfA()).toEqual(['Plan 2027', 'Plan 2027', 'activity-plan vc-a']);
  });

  it('opens the plan there is instead, or goes back to the title, and changes nothing', async () => {
    const twin = await planTwentySeven();
    const { el, changes, opened } = await explorerOf('coordinator');
    await retitle(el, 'plan-a', 'rename', 'PLAN 2027');
    await until(() => $(el, '#twin'));
    $(el, '#cancel-twin')?.click();
    await el.updateComplete;
    expect($(el, '#twin')).toBeNull();
    expect(($(el, '#doc-title') as HTMLInputElement).value).toBe('PLAN 2027');
    $(el, '#save-title')?.click();
    await until(() => $(el, '#twin'));
    $(el, '#open-existing')?.click();
    expect(opened.map((d) => [d.id, d.title])).toEqual([[twin, 'Plan 2027']]);
    expect(changes).toEqual([]);
    expect(await titleOf('plan-a')).toBe('activity-plan vc-a');
  });
});

describe('"Byt namn" is offered where the server renames', () => {
  it('for every role and document of the workspace', async () => {
    const tokens: Token[] = ['admin', 'coordinator', 'editor', 'editorB', 'viewer'];
    const docs = (await f.storage.listDocs(WS)).map((d) => d.doc);
    const offered: string[] = [];
    const renamed: string[] = [];
    for (const token of tokens) {
      const { el } = await explorerOf(token);
      for (const doc of docs) {
        $(el, `[data-more="${doc}"]`)?.click();
        await el.updateComplete;
        if ($(el, '.menu .rename')) offered.push(`${token} ${doc}`);
        // Closed again, so the next document's menu is the one shown.
        if ($(el, '.menu')) $(el, `[data-more="${doc}"]`)?.click();
        await el.updateComplete;
        const body = JSON.stringify({ title: `Namn av ${token} på ${doc}` });
        const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens[token], { method: 'PATCH', headers: { 'content-type': 'application/json' }, body });
        expect([200, 403]).toContain(res.status);
        if (res.status === 200) renamed.push(`${token} ${doc}`);
      }
      el.remove();
    }
    expect(offered).toEqual(renamed);
    // Not every door is open or shut: the rule tells roles and units apart.
    expect(renamed).toContain('editor plan-a');
    expect(renamed).not.toContain('editorB plan-a');
    expect(renamed).not.toContain('editor partners');
    expect(renamed.filter((r) => r.startsWith('viewer'))).toEqual([]);
  });
});
