// @vitest-environment happy-dom
/**
 * A notice or a dialog is drawn at the top of the pane's view, and the view may be scrolled down
 * to the button that caused it ("Hämta indikatortabell" is below a county's twenty documents):
 * the view scrolls to its top when a new one is drawn, so the person sees the chooser's title and
 * "Indikatortabellen finns på bladet …" instead of nothing happening. So is the question asked
 * before a second document of a kind is made for a unit ("Det finns redan … Öppna den, eller
 * skapa en till?"), asked after a click on a template button below the document list. Redrawing
 * the same notice or question leaves the person's scrolling alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExcelRun } from '../../../addin/taskpane/ports.js';
import '../../../addin/taskpane/samplan-workbench.js';
import type { SamplanWorkbench } from '../../../addin/taskpane/samplan-workbench.js';
import { $, fakeFetch, fakePorts, mount, until } from './support.js';

const noExcel: ExcelRun = <T>(): Promise<T> => Promise.resolve(undefined as T);

/** Signed in as the manager (a viewer of no unit), or as `you`. */
async function signedIn(you = { memberId: 'vc', name: 'Verksamhetschef', role: 'viewer', units: [] as string[] }): Promise<SamplanWorkbench> {
  const server = fakeFetch({
    'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi', name: 'Region Stockholm' }] } },
    'GET /v1/workspaces/hbi': { body: { you, units: [{ code: 'tensta', name: 'Tensta vårdcentral', parent: 'sll' }] } },
    'GET /v1/workspaces/hbi/documents': {
      body: {
        documents: [
          { doc: 'plan', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'tensta' },
          { doc: 'varden', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: 'sll' },
        ],
      },
    },
  });
  vi.stubGlobal('fetch', server.fetch);
  const { ports } = fakePorts();
  const el = await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run: noExcel });
  await until(() => el.session.state === 'signed-in');
  await el.updateComplete;
  return el;
}

const view = (el: SamplanWorkbench): HTMLElement => {
  const main = $(el, 'main#view');
  if (!main) throw new Error('no view');
  return main;
};

describe('a new notice or dialog is shown at the top of the view', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('scrolls the view to its top when the indicator chooser opens from the explorer', async () => {
    const el = await signedIn();
    await until(() => $(el, 'samplan-explorer')?.shadowRoot?.querySelector('[data-doc="varden"]'));
    view(el).scrollTop = 600;
    expect(view(el).scrollTop).toBe(600);
    $(el, 'samplan-explorer')?.dispatchEvent(new CustomEvent('samplan-pull-indicators', { bubbles: true, composed: true }));
    await until(() => $(el, 'samplan-pull-dialog') !== null);
    await el.updateComplete;
    expect(view(el).scrollTop).toBe(0);
  });

  it('scrolls to a new notice, and leaves the scrolling alone while the same notice is drawn again', async () => {
    const el = await signedIn();
    view(el).scrollTop = 600;
    await el.runCommand('next-problem');
    await el.updateComplete;
    expect($(el, '.notice')?.textContent).toBe('Det finns inga problem att gå till.');
    expect(view(el).scrollTop).toBe(0);
    view(el).scrollTop = 300;
    el.requestUpdate();
    await el.updateComplete;
    expect(view(el).scrollTop).toBe(300);
  });

  it('scrolls to the question asked before a second activity plan of the unit is made, and leaves the scrolling alone while it is drawn again', async () => {
    const el = await signedIn({ memberId: 'dsk', name: 'Distriktssköterska', role: 'editor', units: ['tensta'] });
    await until(() => $(el, 'samplan-explorer')?.shadowRoot?.querySelector('[data-template="activity-plan"]'));
    view(el).scrollTop = 600;
    $(el, 'samplan-explorer')?.dispatchEvent(new CustomEvent('samplan-create-document', { detail: 'activity-plan', bubbles: true, composed: true }));
    await until(() => $(el, '#twin') !== null);
    await el.updateComplete;
    expect($(el, '#twin')?.textContent).toContain('Det finns redan Aktivitetsplan Tensta för Tensta vårdcentral.');
    expect(view(el).scrollTop).toBe(0);
    view(el).scrollTop = 300;
    el.requestUpdate();
    await el.updateComplete;
    expect(view(el).scrollTop).toBe(300);
  });
});
