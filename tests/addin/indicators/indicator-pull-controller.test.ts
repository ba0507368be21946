import { describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { IndicatorPullController } from '../../../addin/indicators/indicator-pull-controller.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

function setup() {
  const docs = indicatorDocs();
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const destroy = vi.fn(async () => source.dispose());
  const open = vi.fn(() => ({ source, whenSynced: () => Promise.resolve(), destroy }));
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  const controller = new IndicatorPullController(host, open);
  return { ...docs, controller, open, destroy, host };
}

describe('IndicatorPullController', () => {
  it('opens the source once, on first use, and offers the choices', async () => {
    const { controller, open } = setup();
    expect(open).not.toHaveBeenCalled();
    const choices = await controller.choices();
    await controller.choices();
    expect(open).toHaveBeenCalledTimes(1);
    expect(choices.indicators.map((i) => i.id)).toEqual(['far-6man', 'halsosamtal']);
  });

  it('pulls live tables, replacing an earlier pull into the same table', async () => {
    const { controller, values } = setup();
    const excel = createWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = await controller.pull(run, { units: ['vc-rinkeby'] }, { lang: 'sv', coalesceMs: 5 });
    const second = await controller.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    expect(controller.pulled).toEqual([second]);
    const before = first.syncs;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(first.syncs).toBe(before);
    expect(excel.readTable('SamplanIndikatorer').rows.map((r) => r[13])).toEqual(['vc-tensta']);
  });

  it('closes the source and stops the tables when its host leaves the page', async () => {
    const { controller, destroy } = setup();
    const excel = createWorkbook();
    await controller.pull((batch) => excel.run(batch), {}, { lang: 'en' });
    controller.hostDisconnected();
    await vi.waitFor(() => expect(destroy).toHaveBeenCalledTimes(1));
    expect(controller.pulled).toEqual([]);
  });
});

describe('IndicatorPullController when the source ends for good', () => {
  it('lists a table whose read-only sockets were closed for good (4401/4403/4404) as stopped, with why, not as live', async () => {
    const docs = indicatorDocs();
    const base = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const listeners: ((reason: { sv: string; en: string }) => void)[] = [];
    const source = { ...base, onEnded: (l: (reason: { sv: string; en: string }) => void) => (listeners.push(l), () => undefined) };
    const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
    const controller = new IndicatorPullController(host, () => ({ source, whenSynced: () => Promise.resolve(), destroy: async () => base.dispose() }));
    const excel = createWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const table = await controller.pull(run, {}, { lang: 'sv', coalesceMs: 5 });
    expect(controller.pulled).toEqual([table]);
    expect(controller.stoppedTables).toEqual([]);
    const updates = host.requestUpdate.mock.calls.length;
    for (const l of listeners) l({ sv: 'Du har inte längre rätt att läsa dokumentet.', en: 'You may no longer read the document.' });
    await vi.waitFor(() => expect(table.stopped).not.toBeNull());
    expect(controller.pulled).toEqual([]);
    expect(controller.stoppedTables).toEqual([table]);
    expect(controller.stoppedTables[0]?.stopped).toBe('Du har inte längre rätt att läsa dokumentet.');
    // The host is told (once the sheet says it), so what it shows of the tables changes.
    await vi.waitFor(() => expect(host.requestUpdate.mock.calls.length).toBeGreaterThan(updates));
    expect(excel.read(table.sheetName, 'A1')[0]?.[0]).toContain('uppdateras inte längre');
    await controller.close();
  });
});

describe('IndicatorPullController and the workspace’s units', () => {
  it('shows the session’s unit names in the chooser and in pulled tables, and follows a rename from the event stream', async () => {
    const docs = indicatorDocs();
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const open = () => ({ source, whenSynced: () => Promise.resolve(), destroy: async () => source.dispose() });
    const controllers: { hostConnected?(): void; hostUpdate?(): void; hostUpdated?(): void }[] = [];
    const host = { addController: (c: (typeof controllers)[number]) => void controllers.push(c), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
    let push: (text: string) => void = () => undefined;
    const stream = new ReadableStream<Uint8Array>({ start: (c) => void (push = (text) => c.enqueue(new TextEncoder().encode(text))) });
    const api = { serverUrl: 'http://samplan.test', token: 't', events: vi.fn(async () => stream) };
    const units = [
      { code: 'vc-rinkeby', name: 'Rinkeby vårdcentral', parent: 'region' },
      { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'region' },
    ];
    const controller = new IndicatorPullController(host, open, { api: () => api as never, workspace: () => 'hbi', units: () => units });
    const update = () => controllers.forEach((c) => (c.hostUpdate?.(), c.hostUpdated?.()));
    controllers.forEach((c) => c.hostConnected?.());
    update();
    expect(api.events).not.toHaveBeenCalled();

    const choices = await controller.choices();
    // Opening the source asks the host to update, which starts the event stream.
    expect(host.requestUpdate).toHaveBeenCalled();
    update();
    expect(api.events).toHaveBeenCalledTimes(1);
    expect(choices.unitNames?.get('vc-tensta')).toBe('Tensta vårdcentral');
    expect(choices.unitNames?.get('0180')).toBe('0180');
    const excel = createWorkbook();
    await controller.pull((batch) => excel.run(batch), { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    update();
    expect(api.events).toHaveBeenCalledTimes(1);
    expect(excel.readTable('SamplanIndikatorer').rows.map((r) => r[1])).toEqual(['Tensta vårdcentral']);

    push(`event: units\ndata: ${JSON.stringify({ units: [units[0], { ...units[1], name: 'Tensta hälsocentral' }] })}\n\n`);
    await vi.waitFor(() => expect(excel.readTable('SamplanIndikatorer').rows.map((r) => r[1])).toEqual(['Tensta hälsocentral']));
    await controller.close();
  });
});
