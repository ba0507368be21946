// @vitest-environment happy-dom
/**
 * An admin changes the member's role or units while the pane is open: the pane hears it on the
 * workspace's event stream (`event: you`) and follows at once, without signing in again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me, UnitInfo } from '../../../addin/taskpane/api-client.js';
import type { ExcelRun } from '../../../addin/taskpane/ports.js';
import '../../../addin/taskpane/samplan-workbench.js';
import { $, fakeFetch, fakeHost, fakePorts, mount, until } from './support.js';

const units: UnitInfo[] = [
  { code: 'sll', name: 'Region Stockholm', parent: null },
  { code: 'tensta', name: 'Tensta vårdcentral', parent: 'sll' },
  { code: 'husby', name: 'Husby vårdcentral', parent: 'sll' },
];
const doc = (id: string, kind: DocumentInfo['kind'], ownerUnit: string): DocumentInfo => ({ id, kind, title: id, ownerUnit, updatedAt: null, archivedAt: null, archivedBy: null });
const tina: Me = { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['tensta'] };
const run: ExcelRun = <T>(): Promise<T> => Promise.resolve(undefined as T);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('DocumentsController.followRights', () => {
  it("opens again only the documents whose rights changed, says so in Problems, and tells the others the new role", async () => {
    const { ports, record } = fakePorts();
    const docs = new DocumentsController(fakeHost(), ports);
    const ctx = { serverUrl: 'http://x', token: 't', workspace: 'hbi', me: tina, units, lang: 'sv' as const, run };
    await docs.openDoc({ ...ctx, info: doc('plan-husby', 'activity-plan', 'husby') });
    await docs.openDoc({ ...ctx, info: doc('plan-tensta', 'activity-plan', 'tensta') });
    await docs.openDoc({ ...ctx, info: doc('hp', 'action-plan', 'sll') });
    expect(docs.docs.map((d) => [d.info.id, d.readOnly])).toEqual([['plan-husby', true], ['plan-tensta', false], ['hp', false]]);

    // Husby is added to Tina's units: Husby's plan becomes writable, the action plan greys fewer rows; Tensta's plan is as it was.
    await docs.followRights({ ...tina, units: ['tensta', 'husby'] }, units);
    await tick();
    expect(record.connects.map((c) => [c.docId, c.sync.destroyed])).toEqual([
      ['plan-husby', true], ['plan-tensta', false], ['hp', true], ['plan-husby', false], ['hp', false],
    ]);
    const byId = (id: string) => docs.docs.find((d) => d.info.id === id)!;
    expect(byId('plan-husby').readOnly).toBe(false);
    expect(docs.problems().filter((p) => p.code === 'rights-changed').map((p) => p.doc).sort()).toEqual(['hp', 'plan-husby']);
    // The document opened last stays the active one.
    expect(docs.activeId).toBe('hp');
    expect(record.connects[1]?.sync.awareness?.getStates().get(101)).toMatchObject({ user: { name: 'Tina Tensta', role: 'editor' } });

    // Tina becomes a viewer: every document is protected now.
    await docs.followRights({ ...tina, role: 'viewer', units: ['tensta', 'husby'] }, units);
    await tick();
    expect(docs.docs.map((d) => d.readOnly)).toEqual([true, true, true]);
    expect(record.binds.slice(-3).map((b) => [b.docId, b.readOnly]).sort()).toEqual([['hp', true], ['plan-husby', true], ['plan-tensta', true]]);
    expect(byId('plan-tensta').sync.awareness?.getStates().get(byId('plan-tensta').sync.awareness!.clientID)).toMatchObject({ user: { role: 'viewer' } });
  });

  it('leaves a table opened read-only on purpose as it is', async () => {
    const { ports, record } = fakePorts();
    const docs = new DocumentsController(fakeHost(), ports);
    await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', me: tina, units, lang: 'sv', run, readOnly: true, info: doc('iv', 'indicator-values', 'sll') });
    await docs.followRights({ ...tina, role: 'coordinator' }, units);
    expect(record.connects).toHaveLength(1);
    expect(docs.active?.readOnly).toBe(true);
  });
});

describe('<samplan-workbench> following the member', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('takes a role and units an admin changed from the event stream: status bar, open documents, views', async () => {
    const server = fakeFetch({
      'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi', name: 'Region Stockholm' }] } },
      'GET /v1/workspaces/hbi': { body: { you: { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['tensta'] }, units } },
      'GET /v1/workspaces/hbi/documents': { body: { documents: [] } },
    });
    let push!: (event: string, data: unknown) => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (event, data) => controller.enqueue(new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      },
    });
    let streams = 0;
    vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).endsWith('/v1/workspaces/hbi/events')) return server.fetch(input, init);
      streams++;
      return Promise.resolve(new Response(stream, { headers: { 'content-type': 'text/event-stream' } }));
    }) as typeof fetch);
    const { ports, record } = fakePorts();
    const el = await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run });
    await until(() => el.session.state === 'signed-in');
    await until(() => streams > 0);
    await el.openDocument(doc('plan-husby', 'activity-plan', 'husby'));
    expect(record.binds.at(-1)?.readOnly).toBe(true);
    const userText = () => $(el, 'samplan-status-bar')?.shadowRoot?.querySelector('#user')?.textContent ?? '';
    expect(userText()).toMatch(/Tina Tensta · redigerare/);

    push('you', { you: { memberId: 'tina', name: 'Tina Tensta', role: 'editor', units: ['tensta'] } });
    await tick();
    expect(record.binds).toHaveLength(1);

    push('you', { you: { memberId: 'tina', name: 'Tina Tensta', role: 'coordinator', units: ['tensta', 'husby'] } });
    await until(() => record.binds.length === 2);
    // The session and the Explorer read one stream: a pane holds one connection for it.
    expect(streams).toBe(1);
    expect(record.binds[1]).toMatchObject({ docId: 'plan-husby', readOnly: false });
    expect(el.session.me).toMatchObject({ role: 'coordinator', units: ['tensta', 'husby'] });
    await el.updateComplete;
    expect(userText()).toMatch(/Tina Tensta · samordnare/);
    // A coordinator manages members: the Members view is offered now.
    expect(($(el, 'samplan-activity-bar') as unknown as { views: string[] }).views).toContain('members');

    push('units', { units: [...units, { code: 'rinkeby', name: 'Rinkeby vårdcentral', parent: 'sll' }] });
    await until(() => el.session.units.some((u) => u.code === 'rinkeby'));
  });
});
