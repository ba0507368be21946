// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../addin/indicators/samplan-indicators-view.js';
import '../../../addin/taskpane/samplan-workbench.js';
import { docIndicatorSource, type IndicatorTableSource, type UnreadableValues } from '../../../addin/indicators/indicator-source.js';
import { liveUnitNames } from '../../../addin/indicators/unit-names.js';
import { $, $$, fakeFetch, fakePorts, mount, textOf, until } from '../taskpane/support.js';
import { indicatorDocs } from './fixture.js';

const UNITS = [
  { code: 'region', name: 'Region Stockholm', parent: null },
  { code: 'vc-rinkeby', name: 'Rinkeby vårdcentral', parent: 'region' },
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'region' },
];

const list = (el: Element) => $(el, 'samplan-indicator-list') as HTMLElement;

/**
 * A source as `connectIndicatorSource` gives it when the server cannot read a values document
 * (4500): it keeps the document in `unreadable` and tells its subscribers (`null`). `leaveOut`
 * does what finding one does.
 */
function sourceLeavingOut(inner: IndicatorTableSource): { source: IndicatorTableSource; leaveOut(u: UnreadableValues): void } {
  const left: UnreadableValues[] = [];
  const listeners = new Set<(change: null) => void>();
  const source: IndicatorTableSource = {
    ...inner,
    subscribe(cb) {
      listeners.add(cb);
      const off = inner.subscribe(cb);
      return () => {
        listeners.delete(cb);
        off();
      };
    },
    unreadable: () => [...left],
  };
  return {
    source,
    leaveOut(u) {
      left.push(u);
      for (const l of [...listeners]) l(null);
    },
  };
}

describe('<samplan-indicators-view>', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('lists the indicators by name, offers "Hämta indikatortabell" and narrows to a unit chosen by name', async () => {
    const { catalog, values } = indicatorDocs();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    const names = liveUnitNames(UNITS);
    const el = await mount('samplan-indicators-view', { open: () => Promise.resolve(source), units: UNITS, names });
    await until(() => list(el) && textOf(list(el)).includes('FaR uppföljda efter 6 månader'));
    const pulls: Event[] = [];
    el.addEventListener('samplan-pull-indicators', (e) => pulls.push(e));
    ($(el, '#pull-indicators') as HTMLButtonElement).click();
    expect(pulls).toHaveLength(1);
    expect($(el, '#pull-indicators')?.textContent?.trim()).toBe('Hämta indikatortabell');
    expect($$<HTMLOptionElement>(el, '#unit option').map((o) => o.textContent?.trim())).toEqual(['Alla enheter (sammanvägt)', 'Region Stockholm', 'Rinkeby vårdcentral', 'Tensta vårdcentral']);

    const select = $(el, '#unit') as HTMLSelectElement;
    select.value = 'vc-tensta';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await (list(el) as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(textOf(list(el))).toContain('Senaste 2025: 75 procent');

    names.set(UNITS.map((u) => (u.code === 'vc-tensta' ? { ...u, name: 'Tensta hälsocentral' } : u)));
    await el.updateComplete;
    expect($$<HTMLOptionElement>(el, '#unit option').map((o) => o.textContent?.trim())).toContain('Tensta hälsocentral');
  });

  it('says which clinic’s values are left out because the server cannot read its document, by the unit’s name, once the source finds it', async () => {
    const { catalog, values } = indicatorDocs();
    const { source, leaveOut } = sourceLeavingOut(docIndicatorSource([catalog.manager], [values.manager]));
    const el = await mount('samplan-indicators-view', { open: () => Promise.resolve(source), units: UNITS, names: liveUnitNames(UNITS) });
    await until(() => list(el) && textOf(list(el)).includes('FaR uppföljda efter 6 månader'));
    expect($(el, '#unreadable')).toBeNull();
    leaveOut({ doc: 'varden-rinkeby', ownerUnit: 'vc-rinkeby' });
    await until(() => $(el, '#unreadable'));
    expect($(el, '#unreadable')?.textContent).toBe('Värden som inte kan läsas (dokumentets sparade historik är skadad) är utelämnade: Rinkeby vårdcentral (varden-rinkeby).');
    // The list is still shown, of the documents that could be read.
    expect(textOf(list(el))).toContain('FaR uppföljda efter 6 månader');
    el.lang = 'en';
    await el.updateComplete;
    expect($(el, '#unreadable')?.textContent).toBe("Values that cannot be read (the document's stored history is damaged) are left out: Rinkeby vårdcentral (varden-rinkeby).");
  });

  it('follows the language', async () => {
    const { catalog, values } = indicatorDocs();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    const el = await mount('samplan-indicators-view', { open: () => Promise.resolve(source), units: UNITS, lang: 'en' });
    await until(() => list(el) && textOf(list(el)).includes('Latest'));
    expect($(el, '#pull-indicators')?.textContent?.trim()).toBe('Pull indicator table');
    expect(textOf(el)).toContain('All units (pooled)');
    el.lang = 'sv';
    await el.updateComplete;
    await (list(el) as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(textOf(list(el))).toContain('Senaste');
  });

  it('is mounted in the workbench as its own view, and its button opens the pull dialog', async () => {
    const { catalog, values } = indicatorDocs();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    const server = fakeFetch({
      'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi', name: 'Region Stockholm' }] } },
      'GET /v1/workspaces/hbi': { body: { you: { memberId: 'chef', name: 'Chef', role: 'viewer', units: ['region'] }, units: UNITS } },
      'GET /v1/workspaces/hbi/documents': { body: { documents: [{ doc: 'indikatorvarden', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: 'region' }] } },
    });
    vi.stubGlobal('fetch', server.fetch);
    const { ports } = fakePorts();
    const opened: Parameters<typeof ports.openIndicators>[0][] = [];
    ports.openIndicators = (options) => {
      opened.push(options);
      return { source, whenSynced: () => Promise.resolve(), destroy: async () => source.dispose() };
    };
    const el = await mount('samplan-workbench', { serverUrl: 'http://server', token: 'spl_t', ports, run: (() => Promise.resolve(undefined)) as never });
    await until(() => el.session.state === 'signed-in');
    await el.updateComplete;
    const bar = $(el, 'samplan-activity-bar') as HTMLElement;
    await until(() => $(bar, '#tab-indicators'));
    expect($(bar, '#tab-indicators')?.getAttribute('title')).toBe('Indikatorer');
    // The Explorer has the documents once its list is loaded: "Hämta indikatortabell" needs them.
    await until(() => $(el, 'samplan-explorer') && $($(el, 'samplan-explorer') as HTMLElement, '#pull-indicators'));
    ($(bar, '#tab-indicators') as HTMLButtonElement).click();
    await until(() => $(el, 'samplan-indicators-view'));
    const view = $(el, 'samplan-indicators-view') as HTMLElement;
    await until(() => list(view) && textOf(list(view)).includes('FaR uppföljda efter 6 månader'));
    // Its offline copies are the signed-in member's own (`offline-copy.ts`).
    expect(opened.map((o) => o.member)).toEqual(['chef']);
    ($(view, '#pull-indicators') as HTMLButtonElement).click();
    await until(() => $(el, 'samplan-pull-dialog'));
  });
});
