// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type { ExcelRun } from '../../../addin/taskpane/ports.js';
import { insertRows } from '../../../shared/doc/index.js';
import '../../../addin/taskpane/samplan-workbench.js';
import type { SamplanWorkbench } from '../../../addin/taskpane/samplan-workbench.js';
import { $, fakeFetch, fakePorts, mount, textOf, until, type FakeAwareness } from './support.js';

const role = { value: 'editor' };
const routes = () =>
  fakeFetch({
    'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi', name: 'Region Stockholm' }] } },
    'GET /v1/workspaces/hbi': {
      body: { you: { memberId: 'anna', name: 'Anna Andersson', role: role.value, units: ['tensta'] }, units: [{ code: 'tensta', name: 'Tensta vårdcentral', parent: 'sll' }] },
    },
    'GET /v1/workspaces/hbi/documents': {
      body: { documents: [{ doc: 'plan', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'tensta' }] },
    },
    'POST /v1/workspaces/hbi/documents': (init) => {
      const body = JSON.parse(String(init?.body)) as { kind: string; title: string; ownerUnit: string };
      return { status: 201, body: { document: { doc: 'new-doc', ...body } } };
    },
  });

const noExcel: ExcelRun = <T>(): Promise<T> => Promise.resolve(undefined as T);

async function signedIn(props: Partial<SamplanWorkbench> = {}) {
  const server = routes();
  vi.stubGlobal('fetch', server.fetch);
  const { ports, record } = fakePorts();
  const el = await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run: noExcel, ...props });
  await until(() => el.session.state === 'signed-in');
  await el.updateComplete;
  return { el, server, record };
}

function explorer(el: SamplanWorkbench) {
  const ex = $(el, 'samplan-explorer');
  if (!ex) throw new Error('no explorer');
  return ex;
}

describe('<samplan-workbench>', () => {
  beforeEach(() => {
    role.value = 'editor';
  });
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('shows the sign-in view until a token is accepted', async () => {
    // With no server named, the pane asks the page's own origin (here the test DOM's
    // http://localhost:3000): answered by the fake, not by whatever listens on the machine.
    const server = routes();
    vi.stubGlobal('fetch', server.fetch);
    const { ports } = fakePorts();
    const el = await mount('samplan-workbench', { ports });
    expect($(el, 'samplan-sign-in')).not.toBeNull();
    expect($(el, 'samplan-activity-bar')).toBeNull();
    // Nothing is asked with a token before one is given.
    expect(server.calls.filter((c) => c.authorization !== null)).toEqual([]);
  });

  it('signs in with the given token and shows the explorer and who is signed in', async () => {
    const { el } = await signedIn();
    expect($(el, 'samplan-activity-bar')).not.toBeNull();
    await until(() => explorer(el).shadowRoot?.querySelector('[data-doc="plan"]'));
    expect($(el, 'samplan-status-bar')?.shadowRoot?.querySelector('#user')?.textContent).toMatch(/Anna Andersson · redigerare/);
  });

  it('opens a document: connects it with the token, its offline copy the signed-in member’s own, and binds it to a sheet', async () => {
    const { el, record } = await signedIn();
    await until(() => explorer(el).shadowRoot?.querySelector('[data-doc="plan"]'));
    explorer(el).shadowRoot?.querySelector<HTMLElement>('[data-doc="plan"]')?.click();
    await until(() => record.binds.length === 1);
    expect(record.connects.map((c) => [c.workspace, c.docId, c.token, c.member])).toEqual([['hbi', 'plan', 'spl_t', 'anna']]);
    expect(record.binds[0]).toMatchObject({ kind: 'activity-plan', docId: 'plan', readOnly: false });
  });

  it('offers the workspace\'s rounds\' periods to the Period dropdown of the indicator values it binds', async () => {
    const server = routes();
    vi.stubGlobal('fetch', server.fetch);
    const { ports, record } = fakePorts();
    const round = { id: '2025-kv-4', title: '2025 kv 4', period: '2025Q4', dueDate: '2026-01-20', indicators: ['vc-halsosamtal'], activities: true, units: [] };
    ports.watchRounds = () => ({ current: { rounds: [round], statuses: [] }, subscribe: () => () => {}, subscribeData: () => () => {}, ended: null, onEnded: () => () => {}, release() {} });
    const el = await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run: noExcel });
    await until(() => el.session.state === 'signed-in');
    await el.openDocument({ id: 'iv', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: null, updatedAt: null });
    expect(record.binds[0]?.periods).toEqual(['2025Q4']);
  });

  it('opens documents read-only for a viewer', async () => {
    role.value = 'viewer';
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    expect(record.binds[0]?.readOnly).toBe(true);
    expect(textOf(el)).toContain('Skrivskyddat');
    expect(explorer(el).shadowRoot?.querySelectorAll('[data-template]')).toHaveLength(0);
  });

  it('explains the grey rows of an action plan whose other units’ rows the editor may not write', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'hp', kind: 'action-plan', title: 'Handlingsplan', ownerUnit: null, updatedAt: null });
    expect(record.binds[0]?.readOnly).toBe(false);
    expect(textOf(el)).toContain('Grå rader kan du inte ändra');
  });

  it('explains the grey rows of the region’s indicator values, where the editor reports only its own unit’s values', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'iv', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: 'sll', updatedAt: null });
    expect(record.binds[0]?.readOnly).toBe(false);
    expect(textOf(el)).toContain('Grå rader kan du inte ändra');
  });

  it('counts the binding’s problems in the status bar and selects a problem’s cell when it is activated', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    record.binds[0]?.onProblems([
      { doc: 'plan', rowId: 'r1', column: 'start', severity: 'error', code: 'required', message: { sv: 'Startdatum saknas', en: 'Start missing' } },
    ]);
    await el.updateComplete;
    const status = $(el, 'samplan-status-bar');
    expect(status?.shadowRoot?.querySelector('#problems')?.textContent).toContain('1 problem');
    status?.shadowRoot?.querySelector<HTMLElement>('#problems')?.click();
    await el.updateComplete;
    const problems = $(el, 'samplan-problems');
    problems?.shadowRoot?.querySelector<HTMLElement>('.problem')?.click();
    await until(() => record.selected.length === 1);
    expect(record.selected).toEqual([{ rowId: 'r1', column: 'start' }]);
  });

  it('says why a problem’s cell could not be selected in words, not as the raw error', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    record.binds[0]?.onProblems([
      { doc: 'plan', rowId: 'r1', column: 'start', severity: 'error', code: 'required', message: { sv: 'Startdatum saknas', en: 'Start missing' } },
    ]);
    // Excel's error, in Office's language (English here); the pane says it in its own words by the code.
    record.selectFails = Object.assign(new Error('You cannot perform the requested operation.'), { name: 'RichApi.Error', code: 'AccessDenied', debugInfo: {} });
    await el.runCommand('next-problem');
    await until(() => ($(el, '.notice')?.textContent ?? '') !== '');
    expect($(el, '.notice')?.textContent).toMatch(/^Excel tillät inte ändringen \(AccessDenied\): bladet eller arbetsboken är skyddad/);
    expect($(el, '.notice')?.textContent).not.toContain('You cannot');
  });

  it('shows an update the server refused as an error in Problems', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    record.connects[0]?.sync.set({ refusal: 'Ett personnummer får inte sparas.' });
    el.view = 'problems';
    await el.updateComplete;
    expect(textOf($(el, 'samplan-problems') as HTMLElement)).toContain('Ett personnummer får inte sparas.');
  });

  it('names a refusal that stopped the connection in the status bar, and "Försök igen" connects once more', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    const sync = record.connects[0]?.sync;
    sync?.set({ status: 'refused', pending: 1, refusal: 'Servern tog inte emot en ändring: ändringen är för stor.', closeCode: 4413 });
    await el.updateComplete;
    const bar = $(el, 'samplan-status-bar') as HTMLElement & { updateComplete: Promise<unknown> };
    await bar.updateComplete;
    expect(textOf(bar)).toContain('ändringen är för stor');
    expect(textOf(bar)).toContain('1 ej synkade');
    if (sync) sync.online = false;
    bar.shadowRoot?.querySelector<HTMLElement>('#retry')?.click();
    expect(sync?.online).toBe(true);
    expect(sync?.current.status).toBe('connecting');
  });

  it('says in words when an answer about a copy with no owner could not be carried out', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: 'tensta', updatedAt: null });
    const sync = record.connects[0]?.sync;
    if (!sync) throw new Error('not connected');
    sync.answerUnownedCopy = () => Promise.reject(new Error('the copy could not be deleted'));
    sync.set({ unownedCopy: true });
    await el.updateComplete;
    const bar = $(el, 'samplan-status-bar') as HTMLElement & { updateComplete: Promise<unknown> };
    await bar.updateComplete;
    bar.shadowRoot?.querySelector<HTMLElement>('#unowned-mine')?.click();
    await until(() => $(el, '.notice')?.textContent?.includes('Svaret'));
    expect($(el, '.notice')?.textContent).toMatch(/^Svaret om de osända ändringarna kunde inte tas emot: .+ Frågan står kvar\.$/);
    expect($(el, '.notice')?.classList.contains('warn')).toBe(true);
  });

  it('remembers the answer about a copy with no owner in the workbook it runs in, and asks again on "Fråga igen", saying in words when it cannot', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: 'tensta', updatedAt: null });
    const connected = record.connects[0];
    if (!connected?.sync) throw new Error('not connected');
    expect(connected.unownedMemory).toBeDefined();
    const sync = connected.sync;
    sync.askUnownedAgain = () => Promise.reject(new Error('Excel refused'));
    sync.set({ unownedLeft: true });
    await el.updateComplete;
    const bar = $(el, 'samplan-status-bar') as HTMLElement & { updateComplete: Promise<unknown> };
    await bar.updateComplete;
    bar.shadowRoot?.querySelector<HTMLElement>('#unowned-ask-again')?.click();
    await until(() => $(el, '.notice')?.textContent?.includes('glömmas'));
    expect($(el, '.notice')?.textContent).toMatch(/^Svaret om de osända ändringarna kunde inte glömmas: .+ De hålls fortfarande isär\.$/);
  });

  it('opens the command palette with Ctrl+Shift+P and runs "new from template", asking first when the unit has one', async () => {
    const { el, server, record } = await signedIn();
    await until(() => explorer(el).shadowRoot?.querySelector('[data-doc="plan"]'));
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', ctrlKey: true, shiftKey: true, bubbles: true }));
    await el.updateComplete;
    const palette = $(el, 'samplan-palette');
    expect(palette?.hasAttribute('open')).toBe(true);
    palette?.dispatchEvent(new CustomEvent('samplan-command', { detail: 'new:activity-plan' }));
    // Tensta already has an activity plan: nothing is made until the person says so.
    await until(() => $(el, '#twin'));
    expect($(el, '#twin')?.textContent).toContain('Det finns redan Aktivitetsplan Tensta för Tensta vårdcentral');
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
    $(el, '#create-anyway')?.click();
    await until(() => record.binds.length === 1);
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ kind: 'activity-plan', ownerUnit: 'tensta', allowDuplicate: true });
    expect((post?.body as { title: string }).title).toMatch(/^Aktivitetsplan Tensta vårdcentral \d{4}$/);
    expect(record.binds[0]?.docId).toBe('new-doc');
    await el.updateComplete;
    expect($(el, '.notice')?.textContent).toMatch(/^Skapade Aktivitetsplan Tensta vårdcentral \d{4}\.$/);
    expect(palette?.hasAttribute('open')).toBe(false);
  });

  it('offers to open the plan there is instead of making a second one', async () => {
    const { el, server, record } = await signedIn();
    await until(() => explorer(el).shadowRoot?.querySelector('[data-doc="plan"]'));
    await el.createDocument('activity-plan');
    await el.updateComplete;
    $(el, '#open-existing')?.click();
    await until(() => record.binds.length === 1);
    expect(record.binds[0]?.docId).toBe('plan');
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
    expect($(el, '#twin')).toBeNull();
  });

  it('keeps a notice in its own view and words it in the language shown', async () => {
    const { el } = await signedIn();
    await el.runCommand('next-problem');
    await el.updateComplete;
    expect($(el, '.notice')?.textContent).toBe('Det finns inga problem att gå till.');
    await el.runCommand('language');
    await el.updateComplete;
    expect($(el, '.notice')?.textContent).toBe('There are no problems to go to.');
    el.view = 'history';
    await el.updateComplete;
    expect($(el, '.notice')).toBeNull();
    el.view = 'explorer';
    await el.updateComplete;
    expect($(el, '.notice')).not.toBeNull();
  });

  it('announces the member in awareness and lists who else is in the document', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: null, updatedAt: null });
    const awareness = record.connects[0]?.sync.awareness as FakeAwareness;
    expect(awareness.getStates().get(awareness.clientID)).toMatchObject({ user: { name: 'Anna Andersson', role: 'editor' }, doc: 'plan' });
    const doc = record.connects[0]?.doc as Y.Doc;
    const [named, unnamed] = insertRows(doc, [{ title: 'Hälsodag' }, { type: 'halsodag' }]) as [string, string];
    awareness.setPeer(7, { user: { name: 'Bo Berg', color: '#c239b3', role: 'coordinator' }, row: named });
    awareness.setPeer(8, { user: { name: 'Cilla Ek', color: '#107c10', role: 'editor' }, row: unnamed });
    awareness.setPeer(9, { user: { name: 'Dan Ny', color: '#ca5010', role: 'editor' }, row: 'not-yet-here' });
    el.view = 'people';
    await el.updateComplete;
    const people = $(el, 'samplan-people') as HTMLElement;
    await (people as unknown as { updateComplete: Promise<boolean> }).updateComplete;
    expect(textOf(people)).toMatch(/Anna Andersson \(du\).*Bo Berg.*Aktivitetsplan Tensta\s*”Hälsodag”.*Cilla Ek.*Aktivitetsplan Tensta\s*rad 2.*Dan Ny/);
    // A row this pane has not received yet is not named and cannot be shown.
    expect(people.shadowRoot?.querySelectorAll('button.show-row')).toHaveLength(2);

    // Clicking Bo's row selects it in the sheet.
    (people.shadowRoot?.querySelector('button.show-row') as HTMLButtonElement).click();
    await until(() => record.selected.length === 1);
    expect(record.selected[0]).toEqual({ rowId: named, column: null });
  });

  it('shares the row under the member’s selection in awareness, as an id only', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: null, updatedAt: null });
    const awareness = record.connects[0]?.sync.awareness as FakeAwareness;
    record.binds[0]?.onSelection?.({ rowId: 'r-42', column: 'title' });
    expect(awareness.getStates().get(awareness.clientID)?.row).toBe('r-42');
    record.binds[0]?.onSelection?.(null);
    expect(awareness.getStates().get(awareness.clientID)?.row).toBeNull();
  });

  it('goes offline with the browser and reconnects when the network is back', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(record.connects[0]?.sync.online).toBe(false);
    expect($(el, 'samplan-status-bar')?.shadowRoot?.querySelector('#connection')?.textContent).toContain('Frånkopplad');
    window.dispatchEvent(new Event('online'));
    expect(record.connects[0]?.sync.online).toBe(true);
  });

  it('switches language and signs out from the palette', async () => {
    const { el, record } = await signedIn();
    await el.openDocument({ id: 'plan', kind: 'activity-plan', title: 'P', ownerUnit: null, updatedAt: null });
    await el.runCommand('language');
    expect(el.lang).toBe('en');
    await el.runCommand('sign-out');
    await el.updateComplete;
    expect(record.connects[0]?.sync.destroyed).toBe(true);
    expect($(el, 'samplan-sign-in')).not.toBeNull();
  });
});
